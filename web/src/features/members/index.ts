// What the app layer may use from the members feature: the organisation members page
// (owners and administrators) and which organisations the signed-in user manages.
import './members.css';

export { managedOrganisations } from './api';
export { MembersPage, MembersRoute } from './components/members-page';
