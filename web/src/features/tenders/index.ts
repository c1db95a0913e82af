// Officer and committee screens of issue #6 item 7: the tender builder, the tender page
// (clarifications, amendments, committee and key ceremony, opening ceremony, evaluation,
// award) and the member's personal sealing key.
import './tenders.css';

export { TenderBuilderRoute, TenderPageRoute } from './components/routes';
export { SealingKeyPage } from './components/sealing-key-page';
export { TenderListPage } from './components/tender-list-page';

// Who works on tenders: agency officers build and run them, committee members open them,
// evaluators score them.
export const TENDER_WORKERS = ['agency_officer', 'committee_member', 'evaluator'] as const;
export const COMMITTEE_MEMBERS = ['committee_member'] as const;
