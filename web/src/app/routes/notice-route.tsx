import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NoticeDetailPage } from '@/features/notices';

export function NoticeRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  useEffect(() => {
    document.title = `${t('notice.pageTitle')} · ${t('app.name')}`;
  }, [t]);
  // `key` resets the page state when one notice links to another.
  return <NoticeDetailPage key={id} id={id} />;
}
