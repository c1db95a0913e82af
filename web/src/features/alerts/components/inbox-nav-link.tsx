import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { formatNumber } from '@/lib/format';
import { useUnreadCount } from '../api/alerts';

// "Inbox" in the header with the number of unread alerts, asked for every minute and when the
// window regains focus. Shown to signed-in users only (the layout decides).
export function InboxNavLink() {
  const { t, i18n } = useTranslation();
  const unread = useUnreadCount(true).data ?? 0;
  const shown = unread > 99 ? '99+' : formatNumber(unread, i18n.language);
  return (
    <NavLink
      to="/inbox"
      className="main-nav__link inbox-link"
      aria-label={unread > 0 ? t('alerts.nav.inboxUnread', { formatted: formatNumber(unread, i18n.language) }) : undefined}
    >
      {t('alerts.nav.inbox')}
      {unread > 0 ? (
        <span className="inbox-link__badge" data-testid="unread-badge" aria-hidden="true">
          {shown}
        </span>
      ) : null}
    </NavLink>
  );
}
