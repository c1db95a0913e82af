import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, problem, session } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { OCID, tenderBody } from './fixtures';

const TENDER = `/api/v1/tenders/${OCID}`;
const EVALUATOR = {
  user: { id: 21, email: 'lea@undp.example', display_name: 'Léa Keita' },
  memberships: [{ organisation_id: 5, organisation_name: 'UNDP Mali', kind: 'agency', owner: false, roles: ['evaluator'] }],
  mfa: { enrolled: true, verified: true },
};

// GET /tenders/{ocid}/evaluation as src/http/evaluation_routes.cc ViewJson writes it.
function view(declared: boolean, sheets: unknown[] = []) {
  return {
    tender: OCID,
    stage: 'technical',
    tender_state: 'evaluation',
    version: 2,
    roles: { owner: false, evaluator: true, declared, recused: false },
    rules: {
      method: 'weighted',
      technical_weight: 70,
      financial_weight: 30,
      minimum_technical_percent: 0,
      criteria: [
        { id: 'c1', title: 'Technical approach', weight: 60, max_score: 10, sustainability: false },
        { id: 'c2', title: 'Recycling plan', weight: 40, max_score: 10, sustainability: true },
      ],
      compliance: [{ id: 'r1', title: 'Registration certificate' }],
    },
    bidder_names: ['Sahel Energy', 'Lotus Energy'],
    own_declaration: declared ? { evaluator: 21, conflict: false, statement: 'none', at: '2026-06-16T09:00:00Z' } : null,
    bids: declared
      ? [
          { bid: 'bid-a', supplier: 42, supplier_name: 'Sahel Energy', receipt_time: '2026-06-14T10:00:00Z', decrypted: true, files: [{ index: 0, name: 'offer.pdf', size: 10, sha256: 'a' }], price: null },
          { bid: 'bid-b', supplier: 43, supplier_name: 'Lotus Energy', receipt_time: '2026-06-14T11:00:00Z', decrypted: true, files: [], price: null },
        ]
      : [],
    sheets,
    progress: [],
    technical: null,
    ranking: null,
  };
}

describe('evaluation sheets', { timeout: 20_000 }, () => {
  it('asks for the conflict-of-interest declaration first, then takes a complete sheet', async () => {
    let declared = false;
    let sheets: unknown[] = [];
    const api = mockApi(
      session(EVALUATOR),
      on('GET', TENDER, () => ({ body: tenderBody({ state: 'evaluation', can_edit: false, envelope_mode: 'single' }) })),
      on('GET', `${TENDER}/evaluation`, () => ({ body: view(declared, sheets) })),
      on('POST', `${TENDER}/evaluation/declaration`, () => {
        declared = true;
        return { status: 201, body: { evaluator: 21, conflict: false, statement: 'x', at: '2026-06-16T09:00:00Z' } };
      }),
      on('PUT', `${TENDER}/evaluation/sheets/bid-a`, (request) => {
        const body = request.body as { scores: { score: number }[] };
        if (body.scores[0]!.score > 10) return problem(422, 'invalid_argument', 'the score must be between 0 and 10', 'scores/0/score');
        sheets = [{ bid_id: 'bid-a', evaluator: 21, ...(request.body as object), version: 1, submitted_at: '2026-06-16T10:00:00Z' }];
        return { body: sheets[0] };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}?tab=evaluation` });

    const declaration = await screen.findByTestId('coi-declaration', {}, { timeout: 8000 });
    expect(declaration).toHaveTextContent('Sahel Energy');
    expect(screen.queryByTestId('scoring-sheet')).toBeNull();
    await user.click(screen.getByTestId('coi-none'));
    await user.click(screen.getByTestId('coi-submit'));

    const sheet = await screen.findByTestId('scoring-sheet', {}, { timeout: 8000 });
    expect(sheet).toHaveTextContent('Scoring sheet: Sahel Energy');
    await user.click(screen.getByTestId('save-sheet'));
    expect(screen.getAllByText('Give a score.')).toHaveLength(2);
    expect(screen.getByText('Mark pass or fail.')).toBeInTheDocument();
    expect(api.writes().filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.type(screen.getByTestId('score-c1'), '8');
    await user.type(screen.getByTestId('score-c2'), '6');
    await user.type(screen.getByTestId('comment-c1'), 'Clear plan');
    await user.click(screen.getByTestId('fail-r1'));
    await user.click(screen.getByTestId('save-sheet'));
    expect(screen.getByText('Say why it fails.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Why Registration certificate fails'), 'expired in 2025');
    // 70 × (0.8 × 60 + 0.6 × 40) / 100 = 50.4
    expect(screen.getByTestId('sheet-preview')).toHaveTextContent('50.4 of 70');
    await user.click(screen.getByTestId('save-sheet'));
    await waitFor(() => expect(screen.getByTestId('sheet-bid-bid-a')).toHaveTextContent('Scored'));

    const put = api.writes().find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({
      scores: [
        { criterion_id: 'c1', score: 8, comment: 'Clear plan' },
        { criterion_id: 'c2', score: 6, comment: '' },
      ],
      compliance: [{ item_id: 'r1', passed: false, note: 'expired in 2025' }],
      comment: '',
    });
    expect(api.writes().find((r) => r.url.pathname.endsWith('/declaration'))?.body).toEqual({
      conflict: false,
      statement: 'I declare that I have no conflict of interest with any of the bidders listed.',
    });
  });
});
