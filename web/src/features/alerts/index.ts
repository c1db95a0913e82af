// Alerts of issue #5 (docs/alerts-ui.md): the inbox with its unread badge, alert settings with
// saved searches and notices, "Save this search", the notice star, "For you", the officers'
// recommended-suppliers panel and the e-mail unsubscribe page.
import './alerts.css';

export { AlertSettingsPage } from './components/alert-settings-page';
export { ForYouPage } from './components/for-you-page';
export { InboxNavLink } from './components/inbox-nav-link';
export { InboxPage } from './components/inbox-page';
export { RecommendedSuppliersPanel } from './components/recommended-suppliers-panel';
export { SaveNoticeToggle } from './components/save-notice-toggle';
export { SaveSearchButton } from './components/save-search-button';
export { UnsubscribePage } from './components/unsubscribe-page';
