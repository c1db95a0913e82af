// What the app layer may use from the notices feature.
export { NoticeDetailPage } from './components/notice-detail';
export { SearchPage } from './components/search-page';
