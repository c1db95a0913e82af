import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ProgressBar } from '@/components/ui/progress-bar';
import { supplierMemberships, useSession } from '@/lib/auth';
import { formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { type ReadinessItem, type ReadinessLevel, useReadiness } from '../api';
import { stepOfField } from '../steps';
import { SubmitForReview } from './submit-for-review';
import { SupplierTabs } from './supplier-tabs';

const percent = (value: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(value);

// How far the company is towards each readiness level, and for every item
// still missing, what to do next and where.
export function ReadinessPage({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  usePageTitle('readiness.title');
  const readiness = useReadiness(supplierId);
  const session = useSession();
  const isSupplier = supplierMemberships(session.data).some((m) => m.organisation === supplierId);
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('readiness.title')}</h1>
        <p className="page__lead">{t('readiness.lead')}</p>
        <SupplierTabs supplierId={supplierId} />
      </header>
      {readiness.isPending ? <Loading /> : null}
      {readiness.isError ? <ErrorMessage error={readiness.error} onRetry={() => void readiness.refetch()} /> : null}
      {readiness.data ? (
        <div className="stack stack--wide">
          {readiness.data.status ? (
            <p className="status">{t('readiness.status', { status: t(`readiness.statuses.${readiness.data.status}`, { defaultValue: readiness.data.status }) })}</p>
          ) : null}
          {readiness.data.levels.map((level, index) => (
            <LevelPanel key={String(level.level)} level={level} index={index} supplierId={supplierId} />
          ))}
          {isSupplier ? <SubmitForReview supplierId={supplierId} readiness={readiness.data} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function LevelPanel({ level, index, supplierId }: { level: ReadinessLevel; index: number; supplierId: string }) {
  const { t, i18n } = useTranslation();
  const done = level.items.filter((item) => item.done).length;
  const total = level.items.length;
  const fraction = total === 0 ? 1 : done / total;
  const complete = level.complete ?? done === total;
  const title = level.name
    ? t(`readiness.levels.${level.name}`, { defaultValue: t('readiness.level', { n: index + 1 }) })
    : t('readiness.level', { n: index + 1 });
  const missing = level.items.filter((item) => !item.done);
  const headingId = `level-${index}`;
  return (
    <section className={`panel readiness-level${complete ? ' readiness-level--complete' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {title}
        {complete ? <span className="badge badge--ok">{t('readiness.complete')}</span> : null}
      </h2>
      <ProgressBar
        label={t('readiness.progressLabel', { level: title })}
        value={fraction}
        percentText={t('readiness.progress', {
          done: formatNumber(done, i18n.language),
          total: formatNumber(total, i18n.language),
          percent: percent(fraction, i18n.language),
        })}
      />
      <ul className="checklist">
        {level.items.map((item) => (
          <ChecklistItem key={item.key} item={item} supplierId={supplierId} />
        ))}
      </ul>
      {missing.length === 0 ? null : <p className="visually-hidden">{t('readiness.missingCount', { formatted: missing.length.toLocaleString(i18n.language) })}</p>}
    </section>
  );
}

function ChecklistItem({ item, supplierId }: { item: ReadinessItem; supplierId: string }) {
  const { t } = useTranslation();
  const base = `/suppliers/${encodeURIComponent(supplierId)}`;
  // The server names the i18n key; an unknown key shows its own message.
  const text = t(item.key, { defaultValue: item.message ?? item.key });
  const step = item.step ?? (item.field ? stepOfField(item.field) : undefined);
  let target: string | undefined;
  if (item.document_kind) target = `${base}/documents?kind=${encodeURIComponent(item.document_kind)}`;
  else if (step) target = `${base}/profile?step=${step}`;
  return (
    <li className={`checklist__item checklist__item--${item.done ? 'done' : 'todo'}`}>
      <span className="checklist__mark" aria-hidden="true" />
      <span className="visually-hidden">{item.done ? t('readiness.done') : t('readiness.todo')}</span>
      <span>{text}</span>
      {!item.done && target ? (
        <Link to={target} className="checklist__action">
          {item.document_kind ? t('readiness.upload') : t('readiness.fix')}
        </Link>
      ) : null}
    </li>
  );
}
