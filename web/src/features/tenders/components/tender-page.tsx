import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { useSession } from '@/lib/auth';
import { formatDateTime, parseInstant, viewerTimeZone } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import type { Tender } from '../api/schemas';
import { useTender } from '../api/tenders';
import { AmendmentsPanel } from './amendments-panel';
import { AwardPanel } from './award-panel';
import { CommitteeStep } from './builder/step-committee';
import { ClarificationsInbox } from './clarifications-inbox';
import { EvaluationPanel } from './evaluation-panel';
import { StateBadge } from './form-bits';
import { OpeningPanel } from './opening-ceremony';
import { CancelTender, DeadlineChange } from './tender-actions';

const TABS = ['overview', 'clarifications', 'amendments', 'committee', 'opening', 'evaluation', 'award'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: unknown): value is Tab => TABS.includes(value as Tab);

// One tender as its officers and committee see it, one tab per part of its life.
export function TenderPage({ ocid }: { ocid: string }) {
  const { t } = useTranslation();
  usePageTitle('tenders.page.title');
  const tender = useTender(ocid);
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = isTab(requested) ? requested : 'overview';
  if (tender.isPending || session.isPending) return <Loading />;
  if (tender.isError) return <ErrorMessage error={tender.error} onRetry={() => void tender.refetch()} />;
  const data = tender.data;
  const me = session.data?.user?.id;
  return (
    <div className="page tb-page">
      <header className="page__header">
        <p className="tb-breadcrumb">
          <Link to="/manage/tenders">{t('tenders.list.title')}</Link>
        </p>
        <h1 className="page__title" dir="auto">
          {data.title || t('tenders.builder.untitled')}
        </h1>
        <p className="tb-subtitle">
          <span className="mono" dir="ltr">
            {data.ocid}
          </span>{' '}
          <StateBadge state={data.state} /> {data.buyer.name ? <span dir="auto">{data.buyer.name}</span> : null}
        </p>
        <nav className="tabs" aria-label={t('tenders.page.sections')}>
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              className="tabs__link"
              aria-current={tab === id ? 'page' : undefined}
              onClick={() => setParams({ tab: id })}
              data-testid={`tab-${id}`}
            >
              {t(`tenders.page.tabs.${id}`)}
            </button>
          ))}
        </nav>
      </header>
      {tab === 'overview' ? <Overview tender={data} /> : null}
      {tab === 'clarifications' ? <ClarificationsInbox tender={data} /> : null}
      {tab === 'amendments' ? <AmendmentsPanel tender={data} /> : null}
      {tab === 'committee' ? (
        <section className="panel">
          <CommitteeStep tender={data} me={me} readOnly={!data.can_edit} />
        </section>
      ) : null}
      {tab === 'opening' ? <OpeningPanel tender={data} me={me} /> : null}
      {tab === 'evaluation' ? <EvaluationPanel tender={data} me={me} /> : null}
      {tab === 'award' ? <AwardPanel tender={data} /> : null}
    </div>
  );
}

function Overview({ tender }: { tender: Tender }) {
  const { t, i18n } = useTranslation();
  const deadline = parseInstant(tender.deadline);
  const viewer = viewerTimeZone();
  const time = (value: string | undefined) => {
    const date = parseInstant(value);
    return date ? formatDateTime(date, i18n.language) : t('tenders.common.notGiven');
  };
  return (
    <div className="tb-overview">
      {tender.state === 'cancelled' && tender.cancellation_reason ? (
        <div className="alert alert--error">
          <p className="alert__title">{t('tenders.page.cancelled')}</p>
          <p dir="auto">{tender.cancellation_reason}</p>
        </div>
      ) : null}
      {tender.reconfirm_required ? (
        <div className="alert alert--warning" data-testid="reconfirm-notice">
          <p className="alert__title">{t('tenders.amendments.reconfirmTitle')}</p>
          <p>{t('tenders.amendments.reconfirmText', { time: time(tender.reconfirm_after) })}</p>
        </div>
      ) : null}
      <section className="panel">
        <h2 className="panel__title">{t('tenders.page.facts')}</h2>
        <dl className="tb-facts">
          <div className="tb-fact">
            <dt>{t('tenders.review.deadline')}</dt>
            <dd data-testid="tender-deadline-agency">
              {deadline ? formatDateTime(deadline, i18n.language, tender.time_zone || undefined) : t('tenders.common.notGiven')}
              {deadline && tender.time_zone ? <span className="muted"> ({tender.time_zone})</span> : null}
            </dd>
          </div>
          {deadline && viewer !== tender.time_zone ? (
            <div className="tb-fact">
              <dt>{t('tenders.deadline.yourTime')}</dt>
              <dd>{formatDateTime(deadline, i18n.language, viewer)}</dd>
            </div>
          ) : null}
          <div className="tb-fact">
            <dt>{t('tenders.fields.method')}</dt>
            <dd>{t(`tenders.methods.${tender.method}.name`, { defaultValue: tender.method })}</dd>
          </div>
          <div className="tb-fact">
            <dt>{t('tenders.evaluation.envelopes')}</dt>
            <dd>{t(`tenders.evaluation.modes.${tender.envelope_mode}.name`)}</dd>
          </div>
          <div className="tb-fact">
            <dt>{t('tenders.page.published')}</dt>
            <dd>{time(tender.published_at)}</dd>
          </div>
          <div className="tb-fact">
            <dt>{t('tenders.page.amendments')}</dt>
            <dd>{tender.amendment_count}</dd>
          </div>
          {tender.clarifications_until ? (
            <div className="tb-fact">
              <dt>{t('tenders.page.questionsUntil')}</dt>
              <dd>{time(tender.clarifications_until)}</dd>
            </div>
          ) : null}
        </dl>
        {tender.submission?.envelopes.length ? (
          <>
            <h3 className="form__subtitle">{t('tenders.keys.title')}</h3>
            <dl className="tb-fingerprints">
              {tender.submission.envelopes.map((key) => (
                <div key={key.envelope} className="tb-fingerprint">
                  <dt>{t(`tenders.envelopes.${key.envelope}`, { defaultValue: key.envelope })}</dt>
                  <dd className="mono" dir="ltr">
                    {key.fingerprint.match(/.{1,4}/g)?.join(' ')}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}
      </section>
      {tender.can_edit ? (
        <section className="panel">
          <h2 className="panel__title">{t('tenders.page.actions')}</h2>
          {tender.state === 'draft' ? (
            <p>
              <Link className="button" to={`/manage/tenders/${encodeURIComponent(tender.ocid)}/edit`} data-testid="edit-tender">
                {t('tenders.page.edit')}
              </Link>
            </p>
          ) : null}
          {tender.state === 'published' ? <DeadlineChange tender={tender} /> : null}
          {['draft', 'published', 'closed'].includes(tender.state) ? <CancelTender tender={tender} /> : null}
        </section>
      ) : null}
    </div>
  );
}
