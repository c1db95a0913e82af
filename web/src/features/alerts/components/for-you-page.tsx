import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { DeadlineSummary } from '@/features/notices';
import { ApiError } from '@/lib/api-client';
import { supplierMemberships, useSession } from '@/lib/auth';
import { useUnspscEntries } from '@/lib/unspsc';
import { usePageTitle } from '@/lib/use-page-title';
import { useRecommendations } from '../api/alerts';
import type { Recommendation } from '../api/schemas';
import { AlertNoticeLink } from './alert-notice-link';
import { ExplanationChips } from './explanation-chips';
import { MatchScore } from './match-score';

// "For you" (/for-you): open notices ranked for the user's company, each with its reasons.
export function ForYouPage() {
  const { t } = useTranslation();
  usePageTitle('alerts.forYou.title');
  const session = useSession();
  const company = supplierMemberships(session.data)[0];
  const recommendations = useRecommendations(!!company);
  const codes = useMemo(
    () => recommendations.data?.flatMap((r) => r.explanation?.codes.map((c) => c.notice_code) ?? []) ?? [],
    [recommendations.data],
  );
  const titles = useUnspscEntries(codes).data;
  const noCompany = !company || (recommendations.error instanceof ApiError && recommendations.error.status === 403);

  return (
    <div className="page alerts-page">
      <header className="page__header">
        <h1 className="page__title">{t('alerts.forYou.title')}</h1>
        <p className="page__lead">{t('alerts.forYou.lead')}</p>
      </header>
      {noCompany ? (
        <div className="empty" data-testid="for-you-no-company">
          <p className="empty__title">{t('alerts.forYou.noCompany')}</p>
          <p>{t('alerts.forYou.noCompanyLead')}</p>
        </div>
      ) : (
        <>
          {recommendations.isPending ? <Loading label={t('alerts.forYou.loading')} /> : null}
          {recommendations.isError ? <ErrorMessage error={recommendations.error} onRetry={() => void recommendations.refetch()} /> : null}
          {recommendations.data?.length === 0 ? (
            <div className="empty" data-testid="for-you-empty">
              <p className="empty__title">{t('alerts.forYou.empty')}</p>
              <p>
                <Link to={`/suppliers/${encodeURIComponent(company.organisation)}/profile`}>{t('alerts.inbox.tipProfile')}</Link>
              </p>
            </div>
          ) : null}
          {recommendations.data && recommendations.data.length > 0 ? (
            <ul className="notice-list">
              {recommendations.data.map((recommendation) => (
                <li key={recommendation.notice.id}>
                  <RecommendationCard recommendation={recommendation} titles={titles} />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </div>
  );
}

function RecommendationCard({ recommendation, titles }: { recommendation: Recommendation; titles: Parameters<typeof ExplanationChips>[0]['titles'] }) {
  const { t } = useTranslation();
  const { notice } = recommendation;
  const titleId = `for-you-${notice.id}`;
  return (
    <article className="notice-card inbox-item" aria-labelledby={titleId} data-testid="recommendation">
      <div className="inbox-item__top">
        {notice.type ? <span className="badge badge--type">{t(`notice.types.${notice.type}`, { defaultValue: notice.type })}</span> : null}
        <MatchScore score={recommendation.score} />
      </div>
      <h2 className="notice-card__title" id={titleId}>
        <AlertNoticeLink notice={notice} />
      </h2>
      <dl className="notice-card__facts">
        <div>
          <dt>{t('alerts.fields.agency')}</dt>
          <dd>{notice.agency || t('common.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('alerts.fields.deadline')}</dt>
          <dd>
            <DeadlineSummary deadline={notice.deadline} />
          </dd>
        </div>
      </dl>
      <ExplanationChips explanation={recommendation.explanation} agency={notice.agency} titles={titles} />
    </article>
  );
}
