import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, session, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { EVENT, EVENT_ID, eventBody, participant } from './fixtures';

const agenda = {
  participant: participant(),
  event_name: 'UN Procurement Seminar Ningbo',
  venue: 'Ningbo International Conference Center',
  time_zone: 'Asia/Shanghai',
  entries: [
    { kind: 'item', start: '2026-05-14T09:00', end: '2026-05-14T10:00', start_utc: '2026-05-14T01:00:00Z', end_utc: '2026-05-14T02:00:00Z', title: 'How UNDP buys', room: 'Hall A' },
    {
      kind: 'meeting', start: '2026-05-14T10:20', end: '2026-05-14T10:40', start_utc: '2026-05-14T02:20:00Z', end_utc: '2026-05-14T02:40:00Z',
      title: '', room: 'T1', meeting: 900, counterpart: 'Lena Officer', counterpart_organisation: 'UNDP', pitch: '', codes: ['43211503'], priority: 1, outcome: null,
    },
    { kind: 'break', start: '2026-05-14T12:00', end: '2026-05-14T14:00', start_utc: '2026-05-14T04:00:00Z', end_utc: '2026-05-14T06:00:00Z', title: 'Lunch', room: '' },
    {
      kind: 'meeting', start: '2026-05-14T14:00', end: '2026-05-14T14:20', start_utc: '2026-05-14T06:00:00Z', end_utc: '2026-05-14T06:20:00Z',
      title: '', room: 'T4', meeting: 901, counterpart: 'Chen Wu', counterpart_organisation: 'UNICEF', pitch: '', codes: [], priority: 2, outcome: null,
    },
  ],
};

describe('my agenda', () => {
  it('lists meetings at venue time with table and counterpart, and links the ICS file', async () => {
    mockApi(
      session(SUPPLIER_USER),
      on('GET', EVENT, () => ({ body: eventBody() })),
      on('GET', `${EVENT}/agenda`, (request) => (request.url.searchParams.get('participant') === '11' ? { body: agenda } : undefined)),
    );
    // A viewer elsewhere still sees the venue's times.
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}/agenda?participant=11` });
    expect(await screen.findByTestId('agenda-count')).toHaveTextContent('Meetings: 2');
    const meetings = screen.getAllByTestId('agenda-meeting');
    expect(meetings[0]).toHaveTextContent('10:20 AM–10:40 AM');
    expect(meetings[0]).toHaveTextContent('Lena Officer · UNDP');
    expect(meetings[0]).toHaveTextContent('Table T1');
    expect(within(meetings[0]!).getByRole('list', { name: 'UNSPSC codes' })).toHaveTextContent('43211503');
    expect(screen.getByTestId('agenda-break')).toHaveTextContent('Lunch');
    expect(screen.getByTestId('ics-link')).toHaveAttribute('href', `/api/v1/events/${EVENT_ID}/agenda.ics?participant=11`);
    expect(screen.getByRole('button', { name: 'Print' })).toBeInTheDocument();
  });

  it('finds the participant of the signed-in user when none is named', async () => {
    mockApi(
      session(SUPPLIER_USER),
      on('GET', EVENT, () => ({ body: eventBody() })),
      on('GET', `${EVENT}/me`, () => ({ body: { items: [participant()] } })),
      on('GET', `${EVENT}/agenda`, () => ({ body: agenda })),
    );
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}/agenda`, language: 'zh' });
    expect(await screen.findByTestId('agenda-count')).toHaveTextContent('会谈：2');
    expect(screen.getByTestId('ics-link')).toHaveAttribute('href', `/api/v1/events/${EVENT_ID}/agenda.ics?participant=11`);
  });
});
