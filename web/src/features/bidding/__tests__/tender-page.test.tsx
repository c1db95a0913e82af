import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { TenderRoute } from '../index';
import { matchAbstract } from '../lib/abstract-match';

const OCID = 'ocds-tbrdg1-000007';

const tender = (state: string) => ({
  ocid: OCID,
  state,
  title: 'Solar water pumps for Turkana',
  description: 'Supply and installation of 40 pumps.',
  method: 'rfp',
  main_category: 'goods',
  buyer: { id: 3, name: 'United Nations Development Programme' },
  currency: 'USD',
  items: [{ id: '1', description: 'Solar pump, 2 kW', unspsc: '40151500', quantity: 40, unit: 'EA' }],
  documents: [{ id: 'd1', title: 'Terms of reference', url: 'https://example.org/tor.pdf', document_type: 'biddingDocuments' }],
  deadline: '2030-03-01T14:00:00Z',
  deadline_local: '2030-03-01T17:00:00',
  time_zone: 'Africa/Nairobi',
  envelope_mode: 'two',
  eligibility: { minimum_ungm_level: 'basic', countries: ['KE', 'UG'], reserved_for_sme: true, reserved_for_women_owned: false },
  evaluation: { method: 'weighted', technical_weight: 70, financial_weight: 30, criteria: [] },
  submission: {
    deadline: '2030-03-01T14:00:00Z',
    max_envelope_bytes: 64 * 1024 * 1024,
    max_files_per_envelope: 100,
    accepted_formats: ['pdf', 'docx'],
    envelopes: [
      { envelope: 'technical', public_key: 'x', fingerprint: 'aa11'.repeat(16) },
      { envelope: 'financial', public_key: 'y', fingerprint: 'bb22'.repeat(16) },
    ],
  },
});

const supplierSession = {
  user: { id: 5, email: 'a@z.example', display_name: 'Amina' },
  memberships: [{ organisation_id: 17, organisation_name: 'Zephyrine Solar', kind: 'supplier', roles: ['supplier_user'] }],
  mfa: { enrolled: false, verified: false },
  csrf_token: 'c',
};

// The URLs the page POSTed to.
function posts(mock: ReturnType<typeof mockFetch>): string[] {
  const calls = mock.fn.mock.calls as unknown as [RequestInfo | URL, RequestInit | undefined][];
  return calls.filter(([, init]) => init?.method === 'POST').map(([url]) => String(url));
}

function render(state: string, session: unknown = { user: null, memberships: [], mfa: { enrolled: false, verified: false } }) {
  const mock = mockFetch(
    path('/api/v1/auth/session', () => ({ body: session })),
    path(`/api/v1/tenders/${OCID}`, () => ({ body: tender(state) })),
    path(`/api/v1/tenders/${OCID}/clarifications`, () => ({
      body: { items: [{ id: 1, number: 1, question: 'May we offer 3 kW pumps?', answer: 'Yes, if the head is met.', answered_at: '2030-01-05T10:00:00Z' }] },
    })),
    path(`/api/v1/tenders/${OCID}/interest`, () => ({ body: { interested: false } })),
    path(`/api/v1/tenders/${OCID}/bids`, () => ({ body: { tender: OCID, own: true, bids: [] } })),
    path(`/api/v1/tenders/${OCID}/bid-abstract`, () => ({ status: 409, body: { title: 'Conflict', status: 409, detail: 'not opened yet' } })),
    path(`/api/v1/tenders/${OCID}/award`, () => ({ status: 404, body: { title: 'Not Found', status: 404 } })),
  );
  renderWithApp(
    <Routes>
      <Route path="/tenders/:ocid" element={<TenderRoute />} />
    </Routes>,
    { route: `/tenders/${OCID}` },
  );
  return { mock };
}

describe('public tender page', () => {
  it('shows the deadline in the agency zone, the ET-12 specification and the published answers', async () => {
    render('published');
    expect(await screen.findByRole('heading', { level: 1, name: 'Solar water pumps for Turkana' })).toBeInTheDocument();
    const deadline = screen.getByTestId('tender-deadline');
    expect(within(deadline).getByText('Agency\'s time (Africa/Nairobi)')).toBeInTheDocument();
    expect(within(deadline).getByTestId('deadline-agency')).toHaveTextContent('5:00 PM');
    const spec = screen.getByTestId('submission-spec');
    expect(within(spec).getByTestId('acceptance-rule')).toHaveTextContent('receipt_time < 2030-03-01T14:00:00.000Z');
    expect(within(spec).getByTestId('fingerprint-technical')).toHaveTextContent('aa11'.repeat(16));
    expect(within(spec).getByText('pdf, docx')).toBeInTheDocument();
    expect(screen.getByText('Micro, small and medium enterprises')).toBeInTheDocument();
    const answer = await screen.findByTestId('clarification-answer');
    expect(answer).toHaveTextContent('Yes, if the head is met.');
    expect(screen.getByRole('link', { name: 'Log in as a supplier to ask a question' })).toBeInTheDocument();
  });

  it('lets a supplier register interest and ask a question', async () => {
    const { mock } = render('published', supplierSession);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Ask a question'), 'Is a site visit planned?');
    await user.click(screen.getByRole('button', { name: 'Send the question' }));
    await waitFor(() =>
      expect(posts(mock).some((url) => url.endsWith('/clarifications'))).toBe(true),
    );
    await user.click(screen.getByRole('button', { name: 'Express interest' }));
    await waitFor(() =>
      expect(posts(mock).some((url) => url.endsWith('/interest'))).toBe(true),
    );
  });

  it('after the opening, says the abstract is not out yet when the server says so', async () => {
    render('opened', supplierSession);
    expect(await screen.findByText('The bid abstract is published after the opening.')).toBeInTheDocument();
  });

  it('renders right to left in Arabic', async () => {
    mockFetch(
      path('/api/v1/auth/session', () => ({ body: { user: null, memberships: [], mfa: { enrolled: false, verified: false } } })),
      path(`/api/v1/tenders/${OCID}`, () => ({ body: tender('published') })),
      path(`/api/v1/tenders/${OCID}/clarifications`, () => ({ body: { items: [] } })),
    );
    renderWithApp(
      <Routes>
        <Route path="/tenders/:ocid" element={<TenderRoute />} />
      </Routes>,
      { route: `/tenders/${OCID}`, language: 'ar' },
    );
    expect(await screen.findByRole('heading', { name: 'شروط التقديم' })).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
  });
});

describe('matchAbstract', () => {
  const receipts = [
    { bid: 'b1', version: 1, action: 'received', envelopes: [{ kind: 'technical', sha256: 'aa' }, { kind: 'financial', sha256: 'bb' }] },
    { bid: 'b1', version: 2, action: 'replaced', envelopes: [{ kind: 'technical', sha256: 'cc' }, { kind: 'financial', sha256: 'dd' }] },
    { bid: 'b2', version: 1, action: 'received', envelopes: [{ kind: 'single', sha256: 'ee' }] },
    { bid: 'b2', version: 2, action: 'withdrawn', envelopes: [] },
  ];

  it('compares with the latest version and names the envelopes that differ', () => {
    expect(matchAbstract(receipts, 'b1', [{ bid: 'b1', envelope_sha256: { technical: 'cc', financial: 'dd' } }])).toEqual({ kind: 'match', version: 2 });
    expect(matchAbstract(receipts, 'b1', [{ bid: 'b1', envelope_sha256: { technical: 'aa', financial: 'dd' } }])).toEqual({
      kind: 'mismatch',
      version: 2,
      envelopes: ['technical'],
    });
    expect(matchAbstract(receipts, 'b1', [])).toEqual({ kind: 'missing', version: 2 });
  });

  it('compares only the envelopes the abstract states so far (the financial one opens later)', () => {
    expect(matchAbstract(receipts, 'b1', [{ bid: 'b1', envelope_sha256: { technical: 'cc' } }])).toEqual({ kind: 'match', version: 2 });
    expect(matchAbstract(receipts, 'b1', [{ bid: 'b1', envelope_sha256: { technical: 'aa' } }])).toMatchObject({ kind: 'mismatch', envelopes: ['technical'] });
    expect(matchAbstract(receipts, 'b1', [{ bid: 'b1', envelope_sha256: { single: 'cc' } }])).toMatchObject({ kind: 'mismatch', envelopes: ['single'] });
    expect(matchAbstract(receipts, 'b1', [{ bid: 'b1', envelope_sha256: {} }])).toMatchObject({ kind: 'mismatch' });
  });

  it('expects a withdrawn bid to be absent', () => {
    expect(matchAbstract(receipts, 'b2', [])).toEqual({ kind: 'withdrawn' });
    expect(matchAbstract(receipts, 'b2', [{ bid: 'b2', envelope_sha256: { single: 'ee' } }])).toMatchObject({ kind: 'mismatch' });
    expect(matchAbstract(receipts, 'b3', [])).toBeUndefined();
  });
});
