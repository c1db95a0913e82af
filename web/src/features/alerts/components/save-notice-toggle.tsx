import { useTranslation } from 'react-i18next';
import { useSession } from '@/lib/auth';
import { useSavedNotices, useSetNoticeSaved } from '../api/alerts';

// The star on a notice page (signed-in users): saved notices send every amendment and put
// their deadline in the user's calendar feed.
export function SaveNoticeToggle({ noticeId }: { noticeId: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = !!session.data?.user;
  const saved = useSavedNotices(signedIn);
  const setSaved = useSetNoticeSaved();
  if (!signedIn || !saved.data) return null;
  const isSaved = saved.data.items.some((item) => item.notice_id === noticeId);
  // Shows the state being asked for while the request runs, so the star answers at once.
  const shown = setSaved.isPending && setSaved.variables ? setSaved.variables.saved : isSaved;
  return (
    <span className="save-notice">
      <button
        type="button"
        className={shown ? 'button button--small save-notice__button save-notice__button--on' : 'button button--secondary button--small save-notice__button'}
        aria-pressed={shown}
        disabled={setSaved.isPending}
        onClick={() => setSaved.mutate({ noticeId, saved: !isSaved })}
        data-testid="save-notice"
      >
        <span aria-hidden="true" className="save-notice__star">
          {shown ? '★' : '☆'}
        </span>
        {shown ? t('alerts.saveNotice.saved') : t('alerts.saveNotice.save')}
      </button>
      {setSaved.isError ? (
        <span className="field__error" role="alert">
          {t('alerts.saveNotice.failed')}
        </span>
      ) : null}
    </span>
  );
}
