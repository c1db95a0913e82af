import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { DeadlineSummary } from '@/features/notices';
import { useSavedNotices, useSetNoticeSaved } from '../api/alerts';
import { AlertNoticeLink } from './alert-notice-link';
import { CopyUrl } from './copy-url';

// Notices the user starred: every amendment of them is sent whatever the settings say, and
// their deadlines make a calendar (ICS) to subscribe to.
export function SavedNoticesSection() {
  const { t } = useTranslation();
  const saved = useSavedNotices();
  const setSaved = useSetNoticeSaved();
  return (
    <section className="panel" aria-labelledby="saved-notices-title" data-testid="saved-notices">
      <h2 id="saved-notices-title" className="panel__title">
        {t('alerts.savedNotices.title')}
      </h2>
      <p className="muted">{t('alerts.savedNotices.lead')}</p>
      {saved.isPending ? <Loading /> : null}
      {saved.isError ? <ErrorMessage error={saved.error} onRetry={() => void saved.refetch()} /> : null}
      {setSaved.isError ? <ErrorMessage error={setSaved.error} /> : null}
      {saved.data?.calendar_url ? <CopyUrl path={saved.data.calendar_url} label={t('alerts.savedNotices.calendar')} /> : null}
      {saved.data?.items.length === 0 ? (
        <p className="empty">
          {t('alerts.savedNotices.empty')} <Link to="/notices">{t('alerts.searches.goSearch')}</Link>
        </p>
      ) : null}
      {saved.data && saved.data.items.length > 0 ? (
        <ul className="alerts-saved-list">
          {saved.data.items.map((notice) => (
            <li key={notice.notice_id} className="alerts-saved" data-testid="saved-notice">
              <div className="alerts-saved__head">
                <span className="alerts-saved__name">
                  <AlertNoticeLink notice={{ id: notice.notice_id, public_id: notice.public_id, title: notice.title }} />
                </span>
                <DeadlineSummary deadline={notice.deadline} />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={setSaved.isPending}
                  aria-label={t('alerts.savedNotices.removeNamed', { title: notice.title ?? '' })}
                  onClick={() => setSaved.mutate({ noticeId: notice.notice_id, saved: false })}
                >
                  {t('alerts.savedNotices.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
