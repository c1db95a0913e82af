// What the app layer may use from the notices feature.
export { NoticeDetailPage } from './components/notice-detail';
export { NoticeFiltersForm } from './components/notice-filters';
export { NoticeList } from './components/notice-list';
export { SearchPage } from './components/search-page';
