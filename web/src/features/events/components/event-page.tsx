import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { type TbEvent, useEvent, useMe } from '../api/events';
import { formatDateRange, formatDay, formatTime, zoneLabel } from '../model/time';
import { CodeList, EventStatusBadge, useEventRoles } from './common';

interface Line {
  key: string;
  kind: 'item' | 'break' | 'session';
  start: string;
  end: string;
  title: string;
  room?: string;
  speakers?: { name: string; affiliation: string }[];
  itemKind?: string;
}

// The programme of one day: agenda items, meeting sessions and breaks in time order.
export function dayLines(event: TbEvent, date: string, meetingsLabel: string): Line[] {
  const rooms = new Map(event.rooms.map((room) => [room.id, room.name || room.id]));
  const lines: Line[] = [];
  const day = event.days.find((d) => d.date === date);
  day?.sessions.forEach((session, index) =>
    lines.push({ key: `s${index}`, kind: 'session', start: session.start, end: session.end, title: session.name || meetingsLabel }),
  );
  event.breaks
    .filter((b) => b.date === date)
    .forEach((b, index) => lines.push({ key: `b${index}`, kind: 'break', start: b.start, end: b.end, title: b.label }));
  event.agenda
    .filter((item) => item.date === date)
    .forEach((item) =>
      lines.push({
        key: `i${item.id}`,
        kind: 'item',
        start: item.start,
        end: item.end,
        title: item.title,
        room: item.room ? (rooms.get(item.room) ?? item.room) : undefined,
        speakers: item.speakers,
        itemKind: item.kind,
      }),
    );
  const order = { item: 0, session: 1, break: 2 };
  return lines.sort((a, b) => a.start.localeCompare(b.start) || order[a.kind] - order[b.kind]);
}

export function eventDates(event: TbEvent): string[] {
  return [...new Set([...event.days.map((d) => d.date), ...event.agenda.map((a) => a.date)])].sort();
}

export function EventPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const event = useEvent(id);
  const roles = useEventRoles();
  const me = useMe(id, roles.signedIn && (roles.officer || roles.supplier));
  if (event.isPending) return <Loading />;
  if (event.isError) return <ErrorMessage error={event.error} onRetry={() => void event.refetch()} />;
  const ev = event.data;
  const lang = i18n.language;
  const dates = eventDates(ev);
  const registered = (me.data ?? []).filter((p) => p.status !== 'cancelled');
  const canRegister = ev.status === 'open';
  const time = (local: string, date: string) => formatTime(lang, ev.time_zone, `${date}T${local}`);

  return (
    <div className="page stack ev-page" data-testid="event-page">
      <header className="page__header">
        <p className="ev-breadcrumb">
          <Link to="/events">{t('events.list.title')}</Link>
        </p>
        <h1 className="page__title">
          <bdi>{ev.name}</bdi>
        </h1>
        <p className="page__lead">
          <EventStatusBadge status={ev.status} /> <span dir="auto">{[ev.venue, ev.city].filter(Boolean).join(', ')}</span>
          {dates.length > 0 ? <span> · {formatDateRange(lang, dates)}</span> : null}
        </p>
        <p className="muted" data-testid="event-zone">
          {t('events.page.timesIn', { zone: zoneLabel(lang, ev.time_zone, dates[0]) })}
        </p>
        {ev.description ? (
          <p className="ev-description">
            <bdi>{ev.description}</bdi>
          </p>
        ) : null}
        <div className="ev-actions no-print">
          {roles.staff ? (
            <>
              <Link className="button" to={`/manage/events/${encodeURIComponent(id)}`}>
                {t('events.page.manage')}
              </Link>
              <Link className="button button--secondary" to={`/manage/events/${encodeURIComponent(id)}/edit`}>
                {t('events.page.edit')}
              </Link>
            </>
          ) : null}
          {!roles.signedIn && canRegister ? (
            <Link className="button" to={`/login?next=${encodeURIComponent(`/events/${id}/participate`)}`}>
              {t('events.page.registerSignIn')}
            </Link>
          ) : null}
          {roles.signedIn && (roles.officer || roles.supplier) ? (
            registered.length > 0 ? (
              <>
                <Link className="button" to={`/events/${encodeURIComponent(id)}/participate`}>
                  {t('events.page.myParticipation')}
                </Link>
                <Link className="button button--secondary" to={`/events/${encodeURIComponent(id)}/agenda`}>
                  {t('events.page.myAgenda')}
                </Link>
              </>
            ) : canRegister ? (
              <Link className="button" to={`/events/${encodeURIComponent(id)}/participate`} data-testid="register-link">
                {t('events.page.register')}
              </Link>
            ) : null
          ) : null}
        </div>
        {!canRegister && ev.status !== 'draft' ? <p className="muted">{t('events.page.registrationClosed')}</p> : null}
      </header>

      <section className="stack" aria-labelledby="ev-agenda-title">
        <h2 id="ev-agenda-title">{t('events.page.agenda')}</h2>
        {dates.length === 0 ? <p className="muted">{t('events.page.noAgenda')}</p> : null}
        {dates.map((date) => (
          <section key={date} className="ev-day" aria-label={formatDay(lang, date)} data-testid="agenda-day">
            <h3 className="ev-day__title">{formatDay(lang, date)}</h3>
            <ol className="ev-timeline">
              {dayLines(ev, date, t('events.page.meetingSession')).map((line) => (
                <li key={line.key} className={`ev-line ev-line--${line.kind}`}>
                  <span className="ev-line__time">
                    <bdi>{time(line.start, date)}</bdi>–<bdi>{time(line.end, date)}</bdi>
                  </span>
                  <div className="ev-line__body">
                    <p className="ev-line__title">
                      {line.kind === 'item' && line.itemKind ? (
                        <span className="badge badge--status">{t(`events.itemKinds.${line.itemKind}`, { defaultValue: line.itemKind })}</span>
                      ) : null}{' '}
                      <bdi>{line.kind === 'break' ? line.title || t('events.page.break') : line.title}</bdi>
                      {line.kind === 'session' ? <span className="muted"> · {t('events.page.oneOnOne')}</span> : null}
                    </p>
                    {line.room ? (
                      <p className="muted">
                        {t('events.page.roomLabel')} <bdi>{line.room}</bdi>
                      </p>
                    ) : null}
                    {line.speakers && line.speakers.length > 0 ? (
                      <ul className="ev-speakers" aria-label={t('events.page.speakers')}>
                        {line.speakers.map((s, i) => (
                          <li key={i}>
                            <bdi>
                              <strong>{s.name}</strong>
                              {s.affiliation ? `, ${s.affiliation}` : ''}
                            </bdi>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>

      <section className="stack" aria-labelledby="ev-agencies-title">
        <h2 id="ev-agencies-title">{t('events.page.agencies')}</h2>
        {ev.agencies.length === 0 ? <p className="muted">{t('events.page.noAgencies')}</p> : null}
        <ul className="ev-cards">
          {ev.agencies.map((agency) => (
            <li key={agency.organisation} className="ev-card" data-testid="agency-card">
              <h3 className="ev-card__title">
                <bdi>{agency.name}</bdi>
              </h3>
              <p className="muted">{t('events.page.officerCount', { count: agency.officers })}</p>
              {agency.focus.map((focus, i) => (
                <p key={i} dir="auto">
                  {focus}
                </p>
              ))}
              <CodeList codes={agency.codes} label={t('events.page.codes')} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
