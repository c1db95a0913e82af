import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { agendaIcsUrl, useAgenda, useEvent, useMe } from '../api/events';
import type { AgendaEntry } from '../api/schemas';
import { dateOf, formatDay, formatTime, zoneLabel } from '../model/time';
import { CodeList } from './common';

// Entries grouped by local date, in time order.
export function groupByDay(entries: readonly AgendaEntry[]): [string, AgendaEntry[]][] {
  const days = new Map<string, AgendaEntry[]>();
  for (const entry of [...entries].sort((a, b) => a.start.localeCompare(b.start))) {
    const date = dateOf(entry.start);
    days.set(date, [...(days.get(date) ?? []), entry]);
  }
  return [...days.entries()];
}

// /events/:id/agenda[?participant=]: the personal agenda, printable, with its ICS file.
export function AgendaPage({ id, participant }: { id: string; participant?: string }) {
  const { t, i18n } = useTranslation();
  const event = useEvent(id);
  const me = useMe(id, !participant);
  const who = participant ?? me.data?.find((p) => p.status !== 'cancelled')?.id;
  const agenda = useAgenda(id, who);
  if (event.isPending || (!participant && me.isPending)) return <Loading />;
  if (event.isError) return <ErrorMessage error={event.error} />;
  if (!who) return <p className="page alert alert--warning">{t('events.agenda.notRegistered')}</p>;
  if (agenda.isPending) return <Loading />;
  if (agenda.isError) return <ErrorMessage error={agenda.error} onRetry={() => void agenda.refetch()} />;
  const a = agenda.data;
  const zone = a.time_zone || event.data.time_zone;
  const lang = i18n.language;
  const meetings = a.entries.filter((e) => e.kind === 'meeting');
  const time = (e: AgendaEntry, end = false) => formatTime(lang, zone, end ? e.end : e.start, end ? e.end_utc : e.start_utc);
  return (
    <div className="page stack ev-page ev-agenda" data-testid="agenda-page">
      <header className="page__header">
        <p className="ev-breadcrumb no-print">
          <Link to={`/events/${encodeURIComponent(id)}`}>{a.event_name || event.data.name}</Link>
        </p>
        <h1 className="page__title">{t('events.agenda.title')}</h1>
        <p className="page__lead">
          {a.participant ? (
            <strong>
              <bdi>{a.participant.kind === 'supplier' ? a.participant.organisation_name || a.participant.name : a.participant.name}</bdi>
            </strong>
          ) : null}
          {a.participant?.table ? ` · ${t('events.officer.yourTable', { table: a.participant.table })}` : null}
        </p>
        <p className="muted">
          {a.event_name || event.data.name} · {a.venue || event.data.venue} · {t('events.page.timesIn', { zone: zoneLabel(lang, zone, dateOf(a.entries[0]?.start ?? '')) })}
        </p>
        <p data-testid="agenda-count">{t('events.agenda.meetingCount', { count: meetings.length })}</p>
        <div className="ev-actions no-print">
          <a className="button" href={agendaIcsUrl(id, who)} download={`agenda-${id}-${who}.ics`} data-testid="ics-link">
            {t('events.agenda.ics')}
          </a>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('events.agenda.print')}
          </button>
        </div>
      </header>
      {a.entries.length === 0 ? <p className="muted">{t('events.agenda.empty')}</p> : null}
      {groupByDay(a.entries).map(([date, entries]) => (
        <section key={date} className="ev-day" aria-label={formatDay(lang, date)}>
          <h2 className="ev-day__title">{formatDay(lang, date)}</h2>
          <ol className="ev-timeline">
            {entries.map((e, i) => (
              <li key={i} className={`ev-line ev-line--${e.kind === 'meeting' ? 'meeting' : e.kind === 'break' ? 'break' : 'item'}`} data-testid={`agenda-${e.kind}`}>
                <span className="ev-line__time">
                  <bdi>{time(e)}</bdi>–<bdi>{time(e, true)}</bdi>
                </span>
                <div className="ev-line__body">
                  {e.kind === 'meeting' ? (
                    <>
                      <p className="ev-line__title">
                        <span className="badge badge--ok">{t('events.agenda.meeting')}</span>{' '}
                        <bdi>
                          <strong>{e.counterpart}</strong>
                          {e.counterpart_organisation ? ` · ${e.counterpart_organisation}` : ''}
                        </bdi>
                      </p>
                      <p className="muted">{t('events.agenda.table', { table: e.table ?? e.room })}</p>
                      {e.pitch ? (
                        <p className="ev-pitch" dir="auto">
                          {e.pitch}
                        </p>
                      ) : null}
                      <CodeList codes={e.codes} label={t('events.page.codes')} />
                    </>
                  ) : (
                    <>
                      <p className="ev-line__title">
                        <bdi>{e.kind === 'break' ? e.title || t('events.page.break') : e.title}</bdi>
                      </p>
                      {e.room ? (
                        <p className="muted">
                          {t('events.page.roomLabel')} <bdi>{e.room}</bdi>
                        </p>
                      ) : null}
                    </>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
