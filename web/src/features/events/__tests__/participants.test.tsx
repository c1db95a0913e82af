import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, session, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { EVENT, EVENT_ID, eventBody, OFFICER_PARTICIPANT, OFFICER_USER, participant, requestBody } from './fixtures';

const SUPPLIER = participant();

describe('supplier', { timeout: 20_000 }, () => {
  it('registers its company with delegation, pitch, codes and availability', async () => {
    let registered = false;
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', EVENT, () => ({ body: eventBody() })),
      on('GET', `${EVENT}/me`, () => ({ body: { items: registered ? [SUPPLIER] : [] } })),
      on('POST', `${EVENT}/registrations`, () => {
        registered = true;
        return { status: 201, body: SUPPLIER };
      }),
      on('GET', `${EVENT}/suggestions`, () => ({ body: { items: [] } })),
      on('GET', `${EVENT}/participants`, () => ({ body: { items: [OFFICER_PARTICIPANT] } })),
      on('GET', `${EVENT}/requests`, () => ({ body: { items: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}/participate` });
    const form = await screen.findByTestId('supplier-registration');
    expect(form).toHaveTextContent('You register Sahel Energy.');
    const delegates = within(form).getByLabelText('People holding meetings in parallel');
    await user.clear(delegates);
    await user.type(delegates, '2');
    await user.type(within(form).getByLabelText('Names of the delegation'), 'Amina Yusuf{enter}Ousmane Diallo');
    await user.type(within(form).getByLabelText('One-line pitch'), 'Solar pumps for remote clinics');
    await user.type(within(form).getByLabelText('UNSPSC codes'), '40151500, 26111700');
    await user.click(within(form).getByRole('button', { name: 'Add a window' }));
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    await screen.findByTestId('supplier-workspace');
    expect(api.writes()[0]!.body).toEqual({
      delegates: 2,
      delegation: ['Amina Yusuf', 'Ousmane Diallo'],
      pitch: 'Solar pumps for remote clinics',
      codes: ['40151500', '26111700'],
      availability: [{ date: '2026-05-14', start: '10:00', end: '16:00' }],
      interpreter_group: '',
    });
  });

  it('sees suggestions and the quota, requests a meeting with priority and reason, and cancels one', async () => {
    let requests = [requestBody({ id: 100, target: { type: 'officer', id: 21 }, status: 'accepted' })];
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', EVENT, () => ({ body: eventBody() })),
      on('GET', `${EVENT}/me`, () => ({ body: { items: [SUPPLIER] } })),
      on('GET', `${EVENT}/suggestions`, () => ({ body: { items: [{ organisation: 30, name: 'UNDP', score: 0.75, shared_codes: ['43211503'] }] } })),
      on('GET', `${EVENT}/participants`, () => ({ body: { items: [OFFICER_PARTICIPANT] } })),
      on('GET', `${EVENT}/requests`, () => ({ body: { items: requests } })),
      on('POST', `${EVENT}/requests`, (request) => {
        requests = [...requests, requestBody({ ...(request.body as object), id: 101 })];
        return { status: 201, body: requests.at(-1) };
      }),
      on('POST', `${EVENT}/requests/100/cancel`, () => ({ body: requestBody({ id: 100, status: 'cancelled' }) })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}/participate` });

    const suggestions = await screen.findByTestId('suggestions');
    await within(suggestions).findByText('UNDP');
    expect(suggestions).toHaveTextContent('Match 75 %');
    expect(await screen.findByTestId('quota')).toHaveTextContent('Requests used: 1 of 2');
    await user.click(within(suggestions).getByRole('button', { name: 'Request a meeting with UNDP' }));
    expect(screen.getByLabelText('With')).toHaveValue('agency:30');
    await user.selectOptions(screen.getByLabelText('Priority'), '2');
    await user.type(screen.getByLabelText('Reason'), 'Pumps for the WASH programme');
    await user.click(screen.getByRole('button', { name: 'Send the request' }));
    await screen.findByText('Request sent.');
    expect(api.writes()[0]!.body).toEqual({ supplier: 11, target: { type: 'agency', id: 30 }, priority: 2, reason: 'Pumps for the WASH programme' });
    await waitFor(() => expect(screen.getByTestId('quota')).toHaveTextContent('Requests used: 2 of 2'));
    expect(screen.getByRole('button', { name: 'Send the request' })).toBeDisabled();

    const rows = await within(screen.getByTestId('my-requests')).findAllByTestId('my-request');
    expect(rows[0]).toHaveTextContent('Lena Officer (UNDP)');
    expect(rows[0]).toHaveTextContent('Accepted');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.writes().some((r) => r.url.pathname === `${EVENT}/requests/100/cancel`)).toBe(true));
  });

  it('says so when the quota is used up on the server', async () => {
    mockApi(
      session(SUPPLIER_USER),
      on('GET', EVENT, () => ({ body: eventBody() })),
      on('GET', `${EVENT}/me`, () => ({ body: { items: [SUPPLIER] } })),
      on('GET', `${EVENT}/suggestions`, () => ({ body: { items: [] } })),
      on('GET', `${EVENT}/participants`, () => ({ body: { items: [OFFICER_PARTICIPANT] } })),
      on('GET', `${EVENT}/requests`, () => ({ body: { items: [] } })),
      on('POST', `${EVENT}/requests`, () => problem(409, 'quota_exceeded', 'quota of 2 reached', 'quota')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}/participate` });
    await screen.findByRole('option', { name: 'Lena Officer' });
    await user.selectOptions(screen.getByLabelText('With'), 'officer:21');
    await user.click(screen.getByRole('button', { name: 'Send the request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You have used all 2 requests. Cancel one to make another.');
  });
});

describe('officer', { timeout: 20_000 }, () => {
  it('accepts a pending request and records the outcome of a meeting', async () => {
    const api = mockApi(
      session(OFFICER_USER),
      on('GET', EVENT, () => ({ body: eventBody() })),
      on('GET', `${EVENT}/me`, () => ({ body: { items: [OFFICER_PARTICIPANT] } })),
      on('GET', `${EVENT}/requests`, () => ({ body: { items: [requestBody(), requestBody({ id: 102, supplier: 12, status: 'declined' })] } })),
      on('POST', `${EVENT}/requests/101/decision`, () => ({ body: requestBody({ status: 'accepted' }) })),
      on('GET', `${EVENT}/meetings`, () => ({
        body: { items: [{ id: 900, request: 101, supplier: 11, officer: 21, slot: 2, table: 'T1', pinned: false, status: 'scheduled', outcome: null, outcome_note: '' }] },
      })),
      on('PUT', `${EVENT}/meetings/900/outcome`, (request) => ({ body: { id: 900, supplier: 11, officer: 21, slot: 2, ...(request.body as object) } })),
      on('GET', `${EVENT}/table-plan`, () => ({ body: { slots: [] } })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}/participate` });
    const incoming = await screen.findAllByTestId('incoming-request');
    expect(incoming[0]).toHaveTextContent('Our pumps fit your WASH programme.');
    expect(incoming[0]).toHaveTextContent('Priority 1 (high)');
    expect(within(incoming[1]!).queryByRole('button', { name: /Accept/ })).toBeNull();
    await user.click(within(incoming[0]!).getByRole('button', { name: 'Accept the request of Supplier 11' }));
    await waitFor(() => expect(api.writes()[0]?.body).toEqual({ decision: 'accept' }));

    const meetings = await screen.findByTestId('officer-meetings');
    expect(meetings).toHaveTextContent('2:00 PM · D1-1400');
    await user.selectOptions(within(meetings).getByLabelText('Outcome'), 'invited_to_bid');
    await user.type(within(meetings).getByLabelText('Note'), 'Send the RFQ in June');
    await user.click(within(meetings).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(api.writes().some((r) => r.method === 'PUT')).toBe(true));
    expect(api.writes().find((r) => r.method === 'PUT')!.body).toEqual({ outcome: 'invited_to_bid', note: 'Send the RFQ in June' });
  });

  it('registers with name, focus, codes and auto-accept', async () => {
    const api = mockApi(
      session(OFFICER_USER),
      on('GET', EVENT, () => ({ body: eventBody() })),
      on('GET', `${EVENT}/me`, () => ({ body: { items: [] } })),
      on('POST', `${EVENT}/registrations`, () => ({ status: 201, body: OFFICER_PARTICIPANT })),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}/participate` });
    const form = await screen.findByTestId('officer-registration');
    expect(within(form).getByLabelText('Your name')).toHaveValue('Lena Officer');
    await user.type(within(form).getByLabelText('What your agency buys'), 'Solar power');
    await user.type(within(form).getByLabelText('UNSPSC codes'), '43211503');
    await user.selectOptions(within(form).getByLabelText('Incoming requests'), 'priority_1');
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({
      name: 'Lena Officer',
      job_title: '',
      focus: 'Solar power',
      codes: ['43211503'],
      availability: [],
      auto_accept: 'priority_1',
    });
  });
});
