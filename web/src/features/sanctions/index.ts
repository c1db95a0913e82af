// What the app layer may use from the sanctions feature.
export { ReviewCasePage } from './components/review-case-page';
export { ReviewQueuePage } from './components/review-queue-page';
