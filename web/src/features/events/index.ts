// Events of issue #7 (docs/events-ui.md): the public event list and page, the staff builder and
// control room (participants, requests, scheduler with quality against the bound, pins,
// table plan), the supplier's and officer's workspaces, personal agendas with ICS.
import './events.css';

export { EventListPage } from './components/event-list-page';
export { AgendaRoute, EventBuilderRoute, EventRoute, ManageEventRoute, ParticipateRoute } from './components/routes';
