import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../api/schemas';

// Why the alert is in the inbox: the company profile, a saved search (named), an amendment of
// a notice the user follows, or an officer's invitation. An unknown reason shows as sent.
export function ReasonBadge({ item }: { item: Pick<InboxItem, 'reason' | 'saved_search'> }) {
  const { t } = useTranslation();
  const reason = item.reason;
  let text: string;
  if (reason === 'saved_search') {
    text = item.saved_search?.name ? t('alerts.reason.savedSearchNamed', { name: item.saved_search.name }) : t('alerts.reason.saved_search');
  } else {
    text = t(`alerts.reason.${reason}`, { defaultValue: reason });
  }
  return (
    <span className={`badge alert-reason alert-reason--${reason}`} data-testid="reason-badge">
      <bdi>{text}</bdi>
    </span>
  );
}
