import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { keyFingerprint, loadSodium, openEnvelope, type Sodium } from '@/features/tendering/sealing';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { PrepareBidRoute } from '../index';
import { hex, makeReceiptFixture } from './receipt-fixture';

// The "prepare bid" page against a stand-in server: the envelopes are really sealed in the
// page (and opened here with the tender's secret keys), the upload goes through a fake
// XMLHttpRequest the test answers, and the receipt is verified in the page.

const OCID = 'ocds-tbrdg1-000042';
let sodium: Sodium;
let keys: Record<'technical' | 'financial', { publicKey: Uint8Array; privateKey: Uint8Array }>;

beforeAll(async () => {
  sodium = await loadSodium();
  keys = { technical: sodium.crypto_box_keypair(), financial: sodium.crypto_box_keypair() };
});

const b64u = (b: Uint8Array) => sodium.to_base64(b, sodium.base64_variants.URLSAFE_NO_PADDING);

function tender(state = 'published') {
  return {
    ocid: OCID,
    state,
    title: 'Solar water pumps for Turkana',
    method: 'rfp',
    buyer: { id: 3, name: 'UNDP' },
    currency: 'USD',
    deadline: '2030-01-01T14:00:00Z',
    time_zone: 'Africa/Nairobi',
    envelope_mode: 'two',
    submission: {
      rule: 'A bid is accepted if and only if ...',
      deadline: '2030-01-01T14:00:00Z',
      max_envelope_bytes: 1024 * 1024,
      max_files_per_envelope: 5,
      accepted_formats: ['pdf', 'xlsx'],
      envelopes: (['technical', 'financial'] as const).map((kind) => ({
        envelope: kind,
        public_key: b64u(keys[kind].publicKey),
        fingerprint: keyFingerprint(sodium, keys[kind].publicKey),
        algorithm: 'X25519',
      })),
    },
  };
}

const session = {
  user: { id: 5, email: 'amina@zephyrine.example', display_name: 'Amina' },
  memberships: [{ organisation_id: 17, organisation_name: 'Zephyrine Solar', kind: 'supplier', roles: ['supplier_user'] }],
  mfa: { enrolled: false, verified: false },
  csrf_token: 'csrf-1',
};

// Records each upload; the test decides the answer.
class FakeXhr {
  static sent: FakeXhr[] = [];
  headers: Record<string, string> = {};
  url = '';
  body: FormData | undefined;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  private responseHeaders: Record<string, string> = {};
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
  fail() {
    this.onerror?.();
  }
}

async function sha256Hex(blob: Blob) {
  return hex(sodium.crypto_hash_sha256(new Uint8Array(await blob.arrayBuffer())));
}

function setUp(state = 'published') {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const receiptFor = { current: undefined as undefined | ReturnType<typeof makeReceiptFixture> };
  mockFetch(
    path('/api/v1/auth/session', () => ({ body: session })),
    path(`/api/v1/tenders/${OCID}`, () => ({ body: tender(state) })),
    path(`/api/v1/tenders/${OCID}/bids`, () => ({ body: { tender: OCID, own: true, bids: [] } })),
    path('/api/v1/audit/public-key', () => ({
      body: { algorithm: 'Ed25519', key_id: 'k', public_key: hex(receiptFor.current?.publicKey ?? new Uint8Array(32)) },
    })),
  );
  renderWithApp(
    <Routes>
      <Route path="/tenders/:ocid/bid" element={<PrepareBidRoute />} />
    </Routes>,
    { route: `/tenders/${OCID}/bid` },
  );
  return receiptFor;
}

const pdf = (name: string, size = 3000) => new File([new Uint8Array(size).fill(7)], name, { type: 'application/pdf' });

describe('prepare bid', () => {
  it('shows the fingerprint each envelope is sealed to, computed from the key itself', async () => {
    setUp();
    const technical = await screen.findByTestId('seal-fingerprint-technical');
    expect(technical).toHaveTextContent(keyFingerprint(sodium, keys.technical.publicKey));
    expect(await screen.findByTestId('seal-fingerprint-financial')).toHaveTextContent(keyFingerprint(sodium, keys.financial.publicKey));
  });

  it('asks for the technical documents and the price before sealing anything', async () => {
    setUp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Seal and submit the bid' }));
    expect(screen.getByText('Add at least one document to this envelope.')).toBeInTheDocument();
    expect(screen.getByText('Enter your price.')).toBeInTheDocument();
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('seals both envelopes in the page, uploads them with an idempotency key and verifies the receipt', async () => {
    const receiptFor = setUp();
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Documents'), [pdf('proposal.pdf', 70_000)]);
    await user.type(screen.getByLabelText('Total price (USD)'), '48,500.25');
    expect(screen.getByTestId('price-preview')).toHaveTextContent('Your price: $48,500.25');
    await user.click(screen.getByRole('button', { name: 'Seal and submit the bid' }));

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.url).toMatch(new RegExp(`^/api/v1/tenders/${OCID}/bids/bid-[A-Za-z0-9_-]+$`));
    expect(xhr.headers['Idempotency-Key']).toMatch(/^tb-/);
    expect(xhr.headers['X-CSRF-Token']).toBe('csrf-1');
    const bidId = xhr.url.split('/').pop()!;
    const technical = xhr.body!.get('technical') as Blob;
    const financial = xhr.body!.get('financial') as Blob;

    // The bytes sent are sealed envelopes the tender's keys open, bound to this bid.
    const openedTechnical = await openEnvelope({
      envelope: new Uint8Array(await technical.arrayBuffer()),
      expected: { tender: OCID, kind: 'technical', bid: bidId },
      secretKey: keys.technical.privateKey,
    });
    expect(openedTechnical.files.map((f) => [f.name, f.size])).toEqual([['proposal.pdf', 70_000]]);
    expect(openedTechnical.price ?? null).toBeNull();
    const openedFinancial = await openEnvelope({
      envelope: new Uint8Array(await financial.arrayBuffer()),
      expected: { tender: OCID, kind: 'financial', bid: bidId },
      secretKey: keys.financial.privateKey,
    });
    expect(openedFinancial.price).toEqual({ amount_minor: 4_850_025, currency: 'USD' });

    // While the upload runs the bar shows how much was sent.
    act(() => xhr.upload.onprogress?.({ lengthComputable: true, loaded: 40, total: 100 }));
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toHaveValue(40);

    receiptFor.current = makeReceiptFixture(sodium, {
      size: 6,
      index: 4,
      tender: OCID,
      bid: bidId,
      version: 1,
      action: 'received',
      envelopes: [
        { kind: 'technical', sha256: await sha256Hex(technical), size: technical.size },
        { kind: 'financial', sha256: await sha256Hex(financial), size: financial.size },
      ],
    });
    act(() => xhr.respond(201, receiptFor.current!.receipt));

    const verified = await screen.findByTestId('receipt-verified');
    expect(verified).toHaveTextContent('Receipt verified in your browser');
    expect(within(verified).getByText('It names the envelopes sealed in this browser')).toBeInTheDocument();
    expect(screen.getByText('Your bid was received. Keep the receipt.')).toBeInTheDocument();
  });

  it('flags a receipt that does not name the envelopes sealed here', async () => {
    const receiptFor = setUp();
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Documents'), [pdf('proposal.pdf')]);
    await user.type(screen.getByLabelText('Total price (USD)'), '10');
    await user.click(screen.getByRole('button', { name: 'Seal and submit the bid' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    // Correctly signed, but for other bytes than those sealed in this page.
    receiptFor.current = makeReceiptFixture(sodium, { size: 2, index: 1, tender: OCID, bid: xhr.url.split('/').pop()!, version: 1, action: 'received' });
    act(() => xhr.respond(201, receiptFor.current!.receipt));
    expect(await screen.findByTestId('receipt-invalid')).toHaveTextContent('This receipt does not verify');
  });

  it("shows the server's refusal, and sends the same sealed bytes with the same key again", async () => {
    setUp();
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Documents'), [pdf('proposal.pdf')]);
    await user.type(screen.getByLabelText('Total price (USD)'), '10');
    await user.click(screen.getByRole('button', { name: 'Seal and submit the bid' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const first = FakeXhr.sent[0]!;
    act(() => first.fail());
    await user.click(await screen.findByRole('button', { name: 'Send the same sealed bid again' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    const second = FakeXhr.sent[1]!;
    expect(second.headers['Idempotency-Key']).toBe(first.headers['Idempotency-Key']);
    expect(second.url).toBe(first.url);
    expect(await sha256Hex(second.body!.get('technical') as Blob)).toBe(await sha256Hex(first.body!.get('technical') as Blob));

    act(() =>
      second.respond(409, {
        title: 'Conflict',
        status: 409,
        code: 'failed_precondition',
        detail: 'the deadline passed: the receipt time 2030-01-01T14:00:00.000001Z is not before the deadline',
      }),
    );
    const error = await screen.findByTestId('submit-error');
    expect(error).toHaveTextContent('The server refused this submission');
    expect(error).toHaveTextContent('the deadline passed: the receipt time 2030-01-01T14:00:00.000001Z is not before the deadline');
    // A refusal is final: no offer to send the same bytes again.
    expect(screen.queryByRole('button', { name: 'Send the same sealed bid again' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Seal and submit the bid' })).toBeInTheDocument();
  });

  it('offers no form once the tender is closed', async () => {
    setUp('closed');
    expect(await screen.findByTestId('bidding-closed')).toHaveTextContent('Bids are no longer taken: the tender is Closed.');
    expect(screen.queryByRole('button', { name: 'Seal and submit the bid' })).not.toBeInTheDocument();
  });
});
