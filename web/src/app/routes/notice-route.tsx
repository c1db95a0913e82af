import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RecommendedSuppliersPanel, SaveNoticeToggle } from '@/features/alerts';
import { NoticeDetailPage } from '@/features/notices';

export function NoticeRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  useEffect(() => {
    document.title = `${t('notice.pageTitle')} · ${t('app.name')}`;
  }, [t]);
  // `key` resets the page state when one notice links to another.
  // The alerts feature adds the star (signed-in users) and, for officers and staff, the
  // suppliers the notice fits.
  return (
    <NoticeDetailPage
      key={id}
      id={id}
      actions={(notice) => <SaveNoticeToggle noticeId={notice.id} />}
      after={(notice) => <RecommendedSuppliersPanel noticeId={notice.id} agency={notice.buyer} />}
    />
  );
}
