import { describe, expect, it } from 'vitest';
import {
  checkBidForm,
  envelopeBytesUpperBound,
  envelopesFor,
  newBidId,
  newIdempotencyKey,
  priceEnvelope,
  type SubmissionLimits,
} from '../lib/bid-form';
import { ApiError } from '@/lib/api-client';
import { canRetryUpload, IDLE, isRetryableUploadError, phaseFraction, submitReducer, type PreparedSubmission, type SubmitState } from '../lib/progress';

const limits: SubmissionLimits = { maxEnvelopeBytes: 1024 * 1024, maxFilesPerEnvelope: 3, acceptedFormats: ['pdf', 'xlsx'] };
const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);

describe('envelopes of a tender', () => {
  it('asks for one envelope, or a technical and a financial one with the price in the financial', () => {
    expect(envelopesFor('single')).toEqual(['single']);
    expect(envelopesFor('two')).toEqual(['technical', 'financial']);
    expect(priceEnvelope('single')).toBe('single');
    expect(priceEnvelope('two')).toBe('financial');
  });
});

describe('checkBidForm', () => {
  it('requires documents in the single envelope and a price', () => {
    const check = checkBidForm('single', {}, limits, 'USD', 'en');
    expect(check.ok).toBe(false);
    expect(check.errors.single).toEqual([
      { field: 'files', code: 'required' },
      { field: 'price', code: 'empty' },
    ]);
  });

  it('accepts a complete two-envelope bid and reads the price from the financial envelope', () => {
    const check = checkBidForm(
      'two',
      { technical: { files: [file('proposal.pdf')], price: '999' }, financial: { files: [], price: '45,000.50' } },
      limits,
      'USD',
      'en',
    );
    expect(check).toEqual({ ok: true, errors: {}, price: { amountMinor: 4500050, decimal: '45000.50' } });
  });

  it('requires technical documents but lets the financial envelope hold the price alone', () => {
    const check = checkBidForm('two', { financial: { files: [], price: '10' } }, limits, 'USD', 'en');
    expect(check.errors).toEqual({ technical: [{ field: 'files', code: 'required' }] });
  });

  it('refuses formats the tender does not accept, repeated names, too many files and too many bytes', () => {
    const check = checkBidForm(
      'single',
      {
        single: {
          files: [file('a.pdf'), file('a.pdf'), file('virus.exe'), file('big.PDF', 2 * 1024 * 1024)],
          price: '1',
        },
      },
      limits,
      'USD',
      'en',
    );
    expect(check.errors.single).toEqual([
      { field: 'files', code: 'too_many' },
      { field: 'files', code: 'format', detail: 'virus.exe' },
      { field: 'files', code: 'duplicate_name', detail: 'a.pdf' },
      { field: 'files', code: 'too_large' },
    ]);
  });

  it('reports a price error on the envelope that carries the price', () => {
    const check = checkBidForm('two', { technical: { files: [file('t.pdf')], price: '' }, financial: { files: [], price: '1.234' } }, limits, 'USD', 'en');
    expect(check.errors).toEqual({ financial: [{ field: 'price', code: 'too_many_decimals' }] });
  });
});

describe('envelope size bound', () => {
  it('grows with the chunks of each file and never underestimates', () => {
    // A 64 KiB file is one chunk; one byte more is two (docs/sealed-bids.md).
    const one = envelopeBytesUpperBound([65536]);
    const two = envelopeBytesUpperBound([65537]);
    expect(two - one).toBe(1 + 21);
    // The real envelope of one empty file: header with a 20-byte ocid and 16-byte bid id,
    // a manifest of about 150 bytes: far below the bound.
    expect(envelopeBytesUpperBound([0])).toBeGreaterThan(8 + 1 + 2 + 20 + 1 + 16 + 32 + 4 + 48 + 150 + 2 + 80 + 24 + 8 + 21);
  });
});

describe('ids', () => {
  it('makes bid ids the envelope format accepts and a new idempotency key each time', () => {
    const id = newBidId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(newBidId()).not.toBe(id);
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[\x21-\x7e]{1,128}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });
});

describe('submission progress', () => {
  const prepared: PreparedSubmission = {
    bidId: 'bid-1',
    idempotencyKey: 'k-1',
    envelopes: [{ kind: 'single', blob: new Blob(['x']), size: 1, sha256: 'ab' }],
  };

  it('counts sealing across envelopes, then upload, then the receipt', () => {
    let state: SubmitState = IDLE;
    state = submitReducer(state, { type: 'seal-start', kind: 'technical', sealedBefore: 0, grandTotal: 400 });
    state = submitReducer(state, { type: 'seal-progress', bytesDone: 100, bytesTotal: 300 });
    expect(phaseFraction(state)).toBe(0.25);
    state = submitReducer(state, { type: 'seal-start', kind: 'financial', sealedBefore: 300, grandTotal: 400 });
    state = submitReducer(state, { type: 'seal-progress', bytesDone: 100, bytesTotal: 100 });
    expect(phaseFraction(state)).toBe(1);
    state = submitReducer(state, { type: 'upload-start', prepared });
    expect(phaseFraction(state)).toBe(0);
    state = submitReducer(state, { type: 'upload-progress', fraction: 0.6 });
    state = submitReducer(state, { type: 'upload-progress', fraction: 0.4 });
    expect(phaseFraction(state)).toBe(0.6);
    state = submitReducer(state, { type: 'received', receipt: { v: 1 } });
    expect(state).toEqual({ phase: 'received', prepared, receipt: { v: 1 } });
    expect(phaseFraction(state)).toBeUndefined();
  });

  it('keeps the sealed bytes after a lost upload so the retry sends the same ones', () => {
    for (const error of [new ApiError('network', 0, 'offline'), new ApiError('http', 503, 'busy'), new ApiError('http', 429, 'slow down')]) {
      let state = submitReducer(IDLE, { type: 'upload-start', prepared });
      state = submitReducer(state, { type: 'failed', error });
      expect(canRetryUpload(state)).toBe(true);
      expect(state.phase === 'failed' && state.prepared).toBe(prepared);
    }
  });

  it('does not offer to send again what the server refused', () => {
    for (const error of [new ApiError('http', 409, 'late'), new ApiError('http', 422, 'bad envelope'), new ApiError('http', 403, 'not eligible'), new Error('?')]) {
      let state = submitReducer(IDLE, { type: 'upload-start', prepared });
      state = submitReducer(state, { type: 'failed', error });
      expect(isRetryableUploadError(error)).toBe(false);
      expect(canRetryUpload(state)).toBe(false);
    }
  });

  it('does not offer an upload retry when sealing failed', () => {
    let state = submitReducer(IDLE, { type: 'seal-start', kind: 'single', sealedBefore: 0, grandTotal: 5 });
    state = submitReducer(state, { type: 'failed', error: new ApiError('network', 0, 'aborted') });
    expect(state).toMatchObject({ phase: 'failed', stage: 'sealing' });
    expect(canRetryUpload(state)).toBe(false);
  });

  it('ignores a late progress event from a phase that is over', () => {
    const received: SubmitState = { phase: 'received', prepared, receipt: {} };
    expect(submitReducer(received, { type: 'upload-progress', fraction: 0.5 })).toBe(received);
    expect(submitReducer(received, { type: 'seal-progress', bytesDone: 1, bytesTotal: 2 })).toBe(received);
  });
});
