// What the app layer may use from the suppliers feature.
export { DocumentsPage } from './components/documents-page';
export { ProfileWizardPage } from './components/profile-wizard';
export { ReadinessPage } from './components/readiness-page';
