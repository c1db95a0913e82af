import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, session } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { isolate } from '../model/bidi';
import { OCID, OFFICER, tenderBody } from './fixtures';

const TENDER = `/api/v1/tenders/${OCID}`;

describe('tender builder', { timeout: 20_000 }, () => {
  it('saves an edited title as a merge patch with If-Match', async () => {
    let version = 3;
    const api = mockApi(
      session(OFFICER),
      on('GET', TENDER, () => ({ body: tenderBody({ version }) })),
      on('PATCH', TENDER, (request) => {
        version += 1;
        return { body: tenderBody({ ...(request.body as object), version }) };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}/edit?step=basics` });

    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Solar pumps, Mopti region');
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('All changes saved'), { timeout: 5000 });

    const patches = api.writes().filter((r) => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.at(-1)!.body).toEqual({ title: 'Solar pumps, Mopti region' });
    expect(patches[0]!.headers.get('If-Match')).toBe('"v3"');
    expect(patches[0]!.headers.get('Content-Type')).toBe('application/merge-patch+json');
  });

  it('shows the server refusal of a deadline in a DST gap next to the deadline field (ET-13)', async () => {
    const detail = 'local time 2026-03-08T02:30 does not exist in America/New_York (daylight-saving gap)';
    const api = mockApi(
      session(OFFICER),
      on('GET', TENDER, () => ({ body: tenderBody() })),
      on('PATCH', TENDER, () => problem(422, 'invalid_argument', detail, 'deadline')),
    );
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}/edit?step=deadline` });

    const deadline = await screen.findByLabelText('Deadline, local time in America/New_York');
    expect(deadline).toHaveValue('2026-06-15T17:00');
    expect(screen.getByTestId('deadline-preview')).toHaveTextContent('2026-06-15T21:00:00Z');
    fireEvent.change(deadline, { target: { value: '2026-03-08T02:30' } });
    // The browser says it at once ...
    expect(await screen.findByText(/This time does not exist in America\/New_York/)).toBeInTheDocument();
    // ... and the server's own words replace it once the save is refused.
    // (isolated, so an English message keeps its direction in an Arabic page)
    expect(await screen.findByText(isolate(detail)!, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(deadline).toHaveAttribute('aria-invalid', 'true');
    expect(deadline.getAttribute('aria-describedby')).toContain(screen.getByText(isolate(detail)!).id);
    expect(screen.getByTestId('save-status')).toHaveTextContent('Not saved: see the step “Deadline”');
    const patch = api.writes().find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ deadline: '2026-03-08T02:30', time_zone: 'America/New_York' });
  });

  it('flags the step of a refused field when another step is shown', async () => {
    mockApi(
      session(OFFICER),
      on('GET', TENDER, () => ({ body: tenderBody() })),
      on('PATCH', TENDER, () => problem(422, 'invalid_argument', 'must be more than zero', 'items/0/quantity')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}/edit?step=items` });
    const quantity = await screen.findByTestId('item-0-quantity');
    await user.clear(quantity);
    await user.type(quantity, '0');
    expect(await screen.findByText(isolate('must be more than zero')!, {}, { timeout: 5000 })).toBeInTheDocument();
    await user.click(screen.getByTestId('builder-step-basics'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server did not save your changes because of the step “Lots and items”');
    expect(screen.getByTestId('builder-step-items')).toHaveTextContent('needs attention');
  });

  it('lists what is missing on the review step and shows a publish refusal in the server words', async () => {
    const api = mockApi(
      session(OFFICER),
      on('GET', TENDER, () => ({ body: tenderBody({ title: '', deadline: null }) })),
      on('GET', `${TENDER}/committee`, () => ({
        body: {
          threshold: 2,
          opening: [
            { user_id: 11, position: 1, display_name: 'Inès', sealing_key: null, sealing_key_fingerprint: null },
            { user_id: 12, position: 2, display_name: 'Omar', sealing_key: null, sealing_key_fingerprint: null },
          ],
          evaluators: [],
          envelopes: [],
        },
      })),
      on('POST', `${TENDER}/publish`, () => problem(409, 'failed_precondition', 'an RFQ needs at least 5 days between publication and deadline', 'deadline')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}/edit?step=review` });

    const issues = await screen.findByTestId('review-issues');
    await waitFor(() => expect(issues).toHaveTextContent('The opening committee needs at least 3 members.'));
    expect(issues).toHaveTextContent('Basics: This is required.');
    expect(issues).toHaveTextContent('Deadline: This is required.');
    expect(issues).toHaveTextContent('The envelope keys have not been generated yet.');

    await user.click(screen.getByTestId('publish-tender'));
    expect(await screen.findByTestId('publish-error')).toHaveTextContent('an RFQ needs at least 5 days between publication and deadline');
    expect(api.writes().map((r) => `${r.method} ${r.url.pathname}`)).toEqual([`POST ${TENDER}/publish`]);
  });

  it('shows an ET-06 refusal beside the committee member it names', async () => {
    mockApi(
      session(OFFICER),
      on('GET', TENDER, () => ({ body: tenderBody() })),
      on('GET', `${TENDER}/committee`, () => ({ body: { threshold: 2, opening: [], evaluators: [], envelopes: [] } })),
      on('GET', `${TENDER}/committee/candidates`, () => ({
        body: {
          items: [
            { user_id: 3, display_name: 'Awa Traoré', email: 'awa@undp.example', roles: ['agency_officer', 'committee_member'] },
            { user_id: 11, display_name: 'Inès Coulibaly', email: 'ines@undp.example', roles: ['committee_member'] },
            { user_id: 12, display_name: 'Omar Diallo', email: 'omar@undp.example', roles: ['committee_member'] },
            { user_id: 21, display_name: 'Léa Keita', email: 'lea@undp.example', roles: ['evaluator'] },
          ],
        },
      })),
      on('PUT', `${TENDER}/committee`, () => problem(422, 'invalid_argument', "the tender's creator may not open it", 'opening/0')),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}/edit?step=committee` });

    const add = await screen.findByTestId('add-opening-member');
    await waitFor(() => expect(add).not.toBeDisabled());
    await user.selectOptions(add, '3');
    await user.selectOptions(add, '11');
    await user.selectOptions(add, '12');
    await user.selectOptions(screen.getByTestId('add-evaluator'), '21');
    expect(screen.getByTestId('opening-members')).toHaveTextContent(/Awa Traoré.*Inès Coulibaly.*Omar Diallo/);
    await user.click(screen.getByTestId('save-committee'));
    expect(await screen.findByTestId('opening-0-error')).toHaveTextContent("the tender's creator may not open it");
  });
});
