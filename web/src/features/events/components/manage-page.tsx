import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { useEvent } from '../api/events';
import { zoneLabel } from '../model/time';
import { EventStatusBadge } from './common';
import { ParticipantsPanel } from './participants-panel';
import { RequestsOverview } from './requests-overview';
import { SchedulerPanel } from './scheduler-panel';
import { TablePlan } from './table-plan';

const TABS = ['participants', 'requests', 'scheduler', 'tables'] as const;
type Tab = (typeof TABS)[number];

// /manage/events/:id: centre staff run the event: participants, requests, scheduler and
// table plan, one tab each (the tab is in the URL so a reload keeps it).
export function ManageEventPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'participants';
  const event = useEvent(id);
  if (event.isPending) return <Loading />;
  if (event.isError) return <ErrorMessage error={event.error} onRetry={() => void event.refetch()} />;
  const ev = event.data;
  return (
    <div className="page stack ev-page ev-page--wide" data-testid="manage-event">
      <header className="page__header no-print">
        <p className="ev-breadcrumb">
          <Link to={`/events/${encodeURIComponent(id)}`}>{t('events.builder.publicPage')}</Link> ·{' '}
          <Link to={`/manage/events/${encodeURIComponent(id)}/edit`}>{t('events.page.edit')}</Link>
        </p>
        <h1 className="page__title" dir="auto">
          {ev.name}
        </h1>
        <p className="page__lead">
          <EventStatusBadge status={ev.status} /> {t('events.manage.slotCount', { count: ev.slots.length })}
        </p>
        <p className="muted">{t('events.page.timesIn', { zone: zoneLabel(i18n.language, ev.time_zone, ev.days[0]?.date) })}</p>
      </header>
      <nav className="tabs no-print" aria-label={t('events.manage.sections')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            className="tabs__link"
            aria-current={tab === name ? 'page' : undefined}
            onClick={() => setParams({ tab: name }, { replace: true })}
          >
            {t(`events.manage.tabs.${name}`)}
          </button>
        ))}
      </nav>
      {tab === 'participants' ? <ParticipantsPanel event={ev} /> : null}
      {tab === 'requests' ? <RequestsOverview event={ev} /> : null}
      {tab === 'scheduler' ? <SchedulerPanel event={ev} /> : null}
      {tab === 'tables' ? <TablePlan event={ev} /> : null}
    </div>
  );
}
