import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ProgressBar } from '@/components/ui/progress-bar';
import { supplierMemberships, useSession } from '@/lib/auth';
import { formatDate, formatNumber, parseInstant } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { type ReadinessItem, type ReadinessLevel, useReadiness } from '../api';
import { targetOfReadinessItem } from '../steps';
import { SubmitForReview } from './submit-for-review';
import { SupplierTabs } from './supplier-tabs';

const percent = (value: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(value);

// How far the company is towards each UNGM level (the server's score), and
// for every item still missing, what to do next and where.
export function ReadinessPage({ supplierId }: { supplierId: string }) {
  const { t, i18n } = useTranslation();
  usePageTitle('readiness.title');
  const readiness = useReadiness(supplierId, i18n.language);
  const session = useSession();
  const isSupplier = supplierMemberships(session.data).some((m) => m.organisation === supplierId);
  const data = readiness.data;
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('readiness.title')}</h1>
        <p className="page__lead">{t('readiness.lead')}</p>
        <SupplierTabs supplierId={supplierId} />
      </header>
      {readiness.isPending ? <Loading /> : null}
      {readiness.isError ? <ErrorMessage error={readiness.error} onRetry={() => void readiness.refetch()} /> : null}
      {data ? (
        <div className="stack stack--wide">
          <dl className="facts panel">
            <div className="facts__row">
              <dt>{t('readiness.reached')}</dt>
              <dd data-testid="readiness-reached">{t(`readiness.levels.${data.reached}`, { defaultValue: data.reached })}</dd>
            </div>
            {data.state ? (
              <div className="facts__row">
                <dt>{t('readiness.stateLabel')}</dt>
                <dd>{t(`readiness.states.${data.state}`, { defaultValue: data.state })}</dd>
              </div>
            ) : null}
          </dl>
          {data.levels.map((level) => (
            <LevelPanel key={level.level} level={level} supplierId={supplierId} />
          ))}
          {isSupplier ? <SubmitForReview supplierId={supplierId} readiness={data} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function LevelPanel({ level, supplierId }: { level: ReadinessLevel; supplierId: string }) {
  const { t, i18n } = useTranslation();
  const done = level.items.filter((item) => item.done).length;
  const total = level.items.length;
  const title = t(`readiness.levels.${level.level}`, { defaultValue: level.level });
  const missing = total - done;
  const headingId = `level-${level.level}`;
  return (
    <section
      className={`panel readiness-level${level.complete ? ' readiness-level--complete' : ''}`}
      aria-labelledby={headingId}
      data-testid={`readiness-level-${level.level}`}
      data-score={level.score}
    >
      <h2 id={headingId} className="panel__title">
        {title}
        {level.complete ? <span className="badge badge--ok">{t('readiness.complete')}</span> : null}
      </h2>
      <ProgressBar
        label={t('readiness.progressLabel', { level: title })}
        value={level.score / 100}
        percentText={t('readiness.progress', {
          done: formatNumber(done, i18n.language),
          total: formatNumber(total, i18n.language),
          percent: percent(level.score / 100, i18n.language),
        })}
      />
      <ul className="checklist">
        {level.items.map((item) => (
          <ChecklistItem key={item.id} item={item} supplierId={supplierId} />
        ))}
      </ul>
      {missing === 0 ? null : (
        <p className="visually-hidden">{t('readiness.missingCount', { formatted: formatNumber(missing, i18n.language) })}</p>
      )}
    </section>
  );
}

// The server's parameters made readable in the UI language: field names
// translated and listed, dates and numbers formatted.
function useNextStepText() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (item: ReadinessItem): string => {
    const next = item.next;
    if (!next || !i18n.exists(next.key)) return item.message ?? next?.key ?? item.id;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(next.params)) {
      if (next.key === 'readiness.general_information' && name === 'missing') {
        const fields = value.split(',').map((field) => field.trim()).filter(Boolean);
        const names = fields.map((field) => t(`readiness.fieldNames.${field}`, { defaultValue: field }));
        params[name] = new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
      } else if (name === 'date') {
        const date = parseInstant(value);
        params[name] = date ? formatDate(date, language) : value;
      } else if (/^\d+$/.test(value) && name !== 'year') {
        params[name] = formatNumber(Number(value), language);
      } else {
        params[name] = value;
      }
    }
    return t(next.key, params);
  };
}

function ChecklistItem({ item, supplierId }: { item: ReadinessItem; supplierId: string }) {
  const { t } = useTranslation();
  const nextStepText = useNextStepText();
  const base = `/suppliers/${encodeURIComponent(supplierId)}`;
  const text = item.done ? t(`readiness.itemNames.${item.id}`, { defaultValue: item.id }) : nextStepText(item);
  const target = item.done ? undefined : targetOfReadinessItem(item.id, item.next?.key);
  let href: string | undefined;
  if (target && 'documentKind' in target) href = `${base}/documents?kind=${encodeURIComponent(target.documentKind)}`;
  else if (target) href = `${base}/profile?step=${target.step}`;
  return (
    <li className={`checklist__item checklist__item--${item.done ? 'done' : 'todo'}`} data-item={item.id}>
      <span className="checklist__mark" aria-hidden="true" />
      <span className="visually-hidden">{item.done ? t('readiness.done') : t('readiness.todo')}</span>
      <span>{text}</span>
      {href ? (
        <Link to={href} className="checklist__action">
          {target && 'documentKind' in target ? t('readiness.upload') : t('readiness.fix')}
        </Link>
      ) : null}
    </li>
  );
}
