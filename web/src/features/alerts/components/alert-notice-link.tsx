import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { noticePath } from '@/features/notices';
import type { AlertNotice } from '../api/schemas';

// The notice's title as a link to its page (by public id when it is URL-safe).
export function AlertNoticeLink({ notice, onOpen }: { notice: Pick<AlertNotice, 'id' | 'public_id' | 'title'>; onOpen?: () => void }) {
  const { t } = useTranslation();
  return (
    <Link to={noticePath({ id: notice.id, public_id: notice.public_id })} dir="auto" onClick={onOpen}>
      {notice.title || notice.public_id || t('alerts.untitled')}
    </Link>
  );
}
