// What the app layer may use from the notices feature.
export { NoticeDetailPage } from './components/notice-detail';
export { SearchPage } from './components/search-page';
export { DeadlineSummary } from './components/deadline';
export { noticePath } from './types/notice';
export { useNow } from './hooks/use-now';
