import { useParams, useSearchParams } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { AgendaPage } from './agenda-page';
import { EventBuilderPage } from './builder-page';
import { EventPage } from './event-page';
import { ManageEventPage } from './manage-page';
import { ParticipatePage } from './participate-page';

// /events/:id, public.
export function EventRoute() {
  const { id = '' } = useParams();
  usePageTitle('events.page.title');
  return <EventPage key={id} id={id} />;
}

// /events/:id/participate: suppliers and officers.
export function ParticipateRoute() {
  const { id = '' } = useParams();
  usePageTitle('events.participate.title');
  return (
    <RequireAuth roles={['supplier_user', 'agency_officer']}>
      <ParticipatePage key={id} id={id} />
    </RequireAuth>
  );
}

// /events/:id/agenda[?participant=].
export function AgendaRoute() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  usePageTitle('events.agenda.title');
  return (
    <RequireAuth>
      <AgendaPage key={id} id={id} participant={params.get('participant') ?? undefined} />
    </RequireAuth>
  );
}

// /manage/events/new and /manage/events/:id/edit: centre staff.
export function EventBuilderRoute() {
  const { id } = useParams();
  usePageTitle('events.builder.newTitle');
  return (
    <RequireAuth roles={['centre_staff']}>
      <EventBuilderPage key={id ?? 'new'} id={id} />
    </RequireAuth>
  );
}

// /manage/events/:id: centre staff.
export function ManageEventRoute() {
  const { id = '' } = useParams();
  usePageTitle('events.manage.title');
  return (
    <RequireAuth roles={['centre_staff']}>
      <ManageEventPage key={id} id={id} />
    </RequireAuth>
  );
}
