import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { CENTRE_STAFF, mockApi, on, problem, session } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { EVENT, EVENT_ID, eventBody } from './fixtures';

describe('event builder', { timeout: 20_000 }, () => {
  it('creates a draft with days, a session, a break and a room, then opens its builder', async () => {
    const api = mockApi(
      session(CENTRE_STAFF),
      on('POST', '/api/v1/events', (request) => ({ status: 201, body: eventBody({ ...(request.body as object), status: 'draft', slots: [] }) })),
      on('GET', EVENT, () => ({ body: eventBody({ status: 'draft' }) })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/manage/events/new' });

    await user.type(await screen.findByLabelText('Name'), 'Qingpu procurement fair');
    await user.selectOptions(screen.getByLabelText('Time zone of the venue'), 'Asia/Shanghai');
    await user.click(screen.getByRole('button', { name: 'Add a day' }));
    fireEvent.change(screen.getByLabelText('Day 1: date'), { target: { value: '2026-06-02' } });
    fireEvent.change(screen.getByLabelText('Day 1, session 1: start'), { target: { value: '14:00' } });
    fireEvent.change(screen.getByLabelText('Day 1, session 1: end'), { target: { value: '16:00' } });
    await user.click(screen.getByRole('button', { name: 'Add a break' }));
    fireEvent.change(screen.getByLabelText('Break 1: start'), { target: { value: '15:00' } });
    fireEvent.change(screen.getByLabelText('Break 1: end'), { target: { value: '15:20' } });
    // 14:00-16:00 in 20-minute slots is 6, less the one at 15:00.
    expect(screen.getByTestId('slot-preview')).toHaveTextContent('Meeting slots with these days, sessions and breaks: 5');
    await user.click(screen.getByRole('button', { name: 'Add a room' }));
    await user.type(screen.getByLabelText('Room 1: name'), 'Hall B');
    await user.click(screen.getByRole('button', { name: 'Create the event' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/manage/events/${EVENT_ID}/edit`));
    const post = api.writes().find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({
      name: 'Qingpu procurement fair',
      time_zone: 'Asia/Shanghai',
      table_mode: 'dedicated',
      days: [{ date: '2026-06-02', sessions: [{ name: '', start: '14:00', end: '16:00' }] }],
      breaks: [{ date: '2026-06-02', start: '15:00', end: '15:20', label: '' }],
      rooms: [{ id: 'R1', name: 'Hall B', capacity: 100 }],
    });
    expect(post.body).not.toHaveProperty('pooled_tables');
  });

  it('saves with If-Match and shows the field the server refuses', async () => {
    const api = mockApi(
      session(CENTRE_STAFF),
      on('GET', EVENT, () => ({ body: eventBody({ status: 'draft' }) })),
      on('PATCH', EVENT, () => problem(422, 'invalid_argument', 'sessions of a day must not overlap', '/days/0/sessions/1/start')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/events/${EVENT_ID}/edit` });
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('days.0.sessions.1.start: sessions of a day must not overlap')).toBeInTheDocument();
    const patch = api.writes().find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"v3"');
    expect(patch.headers.get('Content-Type')).toBe('application/merge-patch+json');
    expect(patch.body).toMatchObject({ name: 'UN Procurement Seminar Ningbo', rules: { request_quota: 2 } });
  });

  it('opens registration of a draft', async () => {
    const api = mockApi(
      session(CENTRE_STAFF),
      on('GET', EVENT, () => ({ body: eventBody({ status: 'draft' }) })),
      on('POST', `${EVENT}/status`, () => ({ body: eventBody({ status: 'open' }) })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/events/${EVENT_ID}/edit` });
    await user.click(await screen.findByRole('button', { name: 'Open registration' }));
    await waitFor(() => expect(api.writes().some((r) => r.url.pathname === `${EVENT}/status`)).toBe(true));
    expect(api.writes().find((r) => r.url.pathname === `${EVENT}/status`)!.body).toEqual({ status: 'open' });
  });
});
