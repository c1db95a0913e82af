import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { CENTRE_STAFF, mockApi, on, session } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { countBy } from '../components/requests-overview';
import { EVENT, EVENT_ID, eventBody, OFFICER_PARTICIPANT, participant, requestBody, runBody } from './fixtures';

function staffApi(extra: Parameters<typeof mockApi> = []) {
  return mockApi(
    session(CENTRE_STAFF),
    on('GET', EVENT, () => ({ body: eventBody({ manage: true }) })),
    on('GET', `${EVENT}/participants`, () => ({ body: { items: [participant(), OFFICER_PARTICIPANT] } })),
    on('GET', `${EVENT}/requests`, () => ({ body: { items: [requestBody({ status: 'accepted' })] } })),
    on('GET', `${EVENT}/pins`, () => ({ body: { items: [] } })),
    on('GET', `${EVENT}/meetings`, () => ({
      body: { items: [{ id: 900, event: EVENT_ID, run: 5, request: 101, supplier: 11, officer: 21, slot: 1, table: 'T1', pinned: false, status: 'scheduled', outcome: null, outcome_note: '', start: '2026-05-14T10:20', end: '2026-05-14T10:40' }] },
    })),
    ...extra,
  );
}

describe('scheduler', { timeout: 20_000 }, () => {
  it('starts a run, follows its progress and shows the quality against the bound, then publishes', async () => {
    let polls = 0;
    const api = staffApi([
      on('GET', `${EVENT}/schedule-runs`, () => ({ body: { items: [] } })),
      on('POST', `${EVENT}/schedule-runs`, () => ({ status: 202, body: runBody({ status: 'running', progress: 0.1 }) })),
      on('GET', `${EVENT}/schedule-runs/5`, () => {
        polls += 1;
        return { body: polls < 2 ? runBody({ status: 'running', progress: 0.4 }) : runBody() };
      }),
      on('POST', `${EVENT}/schedule-runs/5/publish`, () => ({ body: { items: [] } })),
    ]);
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/events/${EVENT_ID}?tab=scheduler` });

    await user.selectOptions(await screen.findByLabelText('Mode'), 'reoptimise');
    const limit = screen.getByLabelText('Time limit (seconds)');
    await user.clear(limit);
    await user.type(limit, '2');
    await user.click(screen.getByRole('button', { name: 'Run the scheduler' }));
    expect(api.writes().find((r) => r.url.pathname === `${EVENT}/schedule-runs`)!.body).toEqual({ mode: 'reoptimise', time_limit_seconds: 2 });

    expect(await screen.findByRole('progressbar', { name: 'Scheduler progress' })).toHaveAttribute('value', '40');
    const quality = await screen.findByTestId('run-quality', {}, { timeout: 4000 });
    const weight = within(quality).getByTestId('quality-weight');
    expect(within(weight).getAllByRole('cell').map((c) => c.textContent)).toEqual(['99', '100', '99%', '80']);
    expect(within(quality).getByTestId('quality-count')).toHaveTextContent('100%');
    expect(screen.getByTestId('run-check')).toHaveTextContent('The independent checker found no broken rule.');
    await user.click(screen.getByRole('button', { name: 'Publish this schedule' }));
    await waitFor(() => expect(api.writes().some((r) => r.url.pathname === `${EVENT}/schedule-runs/5/publish`)).toBe(true));
  });

  it('does not offer to publish a run the checker refused', async () => {
    staffApi([
      on('GET', `${EVENT}/schedule-runs`, () => ({ body: { items: [runBody({ check: { feasible: false, errors: ['supplier 11 double-booked at D1-1000'] } })] } })),
      on('GET', `${EVENT}/schedule-runs/5`, () => ({ body: runBody({ check: { feasible: false, errors: ['supplier 11 double-booked at D1-1000'] } }) })),
    ]);
    renderWithApp(<AppRoutes />, { route: `/manage/events/${EVENT_ID}?tab=scheduler` });
    expect(await screen.findByText('supplier 11 double-booked at D1-1000', {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Publish this schedule' })).toBeDisabled();
  });

  it('pins a published meeting at its slot and officer before a re-run', async () => {
    const api = staffApi([
      on('GET', `${EVENT}/schedule-runs`, () => ({ body: { items: [] } })),
      on('POST', `${EVENT}/pins`, (request) => ({ status: 201, body: request.body })),
    ]);
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/events/${EVENT_ID}?tab=scheduler` });
    const list = await screen.findByTestId('meeting-list');
    await user.click(within(list).getByRole('button', { name: /Pin the meeting of Sahel Energy/ }));
    await waitFor(() => expect(api.writes().some((r) => r.url.pathname === `${EVENT}/pins`)).toBe(true));
    expect(api.writes().find((r) => r.url.pathname === `${EVENT}/pins`)!.body).toEqual({ request: 101, officer: 21, slot: 1 });
  });
});

describe('staff views', { timeout: 20_000 }, () => {
  it('shows the table plan as a slots × tables grid with names', async () => {
    staffApi([
      on('GET', `${EVENT}/table-plan`, () => ({
        body: {
          slots: [
            { index: 0, id: 'D1-1000', start: '2026-05-14T10:00', end: '2026-05-14T10:20', tables: [] },
            { index: 1, id: 'D1-1020', start: '2026-05-14T10:20', end: '2026-05-14T10:40', tables: [{ table: 'T1', meeting: 900, supplier: 'Sahel Energy', officer: 'Lena Officer', agency: 'UNDP', pinned: false }] },
          ],
        },
      })),
    ]);
    renderWithApp(<AppRoutes />, { route: `/manage/events/${EVENT_ID}?tab=tables` });
    const plan = await screen.findByTestId('table-plan');
    const rows = within(plan).getAllByRole('row');
    expect(within(rows[0]!).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Time', 'T1Lena Officer, UNDP']);
    expect(rows[1]).toHaveTextContent('10:00 AM');
    expect(within(rows[2]!).getByTestId('plan-meeting')).toHaveTextContent('Sahel Energy');
  });

  it('counts requests by status per supplier and per agency', async () => {
    expect(
      countBy(
        [
          { who: 'A', status: 'pending' },
          { who: 'A', status: 'accepted' },
          { who: 'B', status: 'accepted' },
          { who: 'B', status: 'nonsense' },
        ],
        (r) => r.who,
        (r) => r.status,
      ),
    ).toEqual({
      total: { pending: 1, accepted: 2, declined: 0, cancelled: 0 },
      rows: [
        ['A', { pending: 1, accepted: 1, declined: 0, cancelled: 0 }],
        ['B', { pending: 0, accepted: 1, declined: 0, cancelled: 0 }],
      ],
    });
  });

  it('checks a participant in', async () => {
    const api = staffApi([on('POST', `${EVENT}/participants/21/check-in`, () => ({ body: { ...OFFICER_PARTICIPANT, checked_in_at: '2026-05-14T01:00:00Z' } }))]);
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/events/${EVENT_ID}` });
    await user.click(await screen.findByRole('button', { name: 'Check in Lena Officer' }));
    await waitFor(() => expect(api.writes().some((r) => r.url.pathname === `${EVENT}/participants/21/check-in`)).toBe(true));
  });
});
