import { ApiError } from '@/lib/api-client';
import type { EnvelopeKind } from './bid-form';

// The life of one submission on the "prepare bid" page: sealing each envelope in the browser,
// uploading the sealed bytes, then the receipt. The sealed envelopes are kept after a failed
// upload so "try again" sends exactly the same bytes with the same idempotency key.

export interface SealedForUpload {
  kind: EnvelopeKind;
  blob: Blob;
  size: number;
  sha256: string;
}

export interface PreparedSubmission {
  bidId: string;
  idempotencyKey: string;
  envelopes: SealedForUpload[];
}

export type SubmitState =
  | { phase: 'idle' }
  | { phase: 'sealing'; kind: EnvelopeKind; bytesDone: number; bytesTotal: number; sealedBefore: number; grandTotal: number }
  | { phase: 'uploading'; prepared: PreparedSubmission; fraction: number }
  | { phase: 'failed'; stage: 'sealing' | 'uploading'; error: unknown; prepared?: PreparedSubmission }
  | { phase: 'received'; prepared: PreparedSubmission; receipt: unknown };

export type SubmitAction =
  // `grandTotal`: the plaintext bytes of every envelope of this submission.
  | { type: 'seal-start'; kind: EnvelopeKind; sealedBefore: number; grandTotal: number }
  | { type: 'seal-progress'; bytesDone: number; bytesTotal: number }
  | { type: 'upload-start'; prepared: PreparedSubmission }
  | { type: 'upload-progress'; fraction: number }
  | { type: 'failed'; error: unknown }
  | { type: 'received'; receipt: unknown }
  | { type: 'reset' };

export const IDLE: SubmitState = { phase: 'idle' };

export function submitReducer(state: SubmitState, action: SubmitAction): SubmitState {
  switch (action.type) {
    case 'seal-start':
      return {
        phase: 'sealing',
        kind: action.kind,
        bytesDone: 0,
        bytesTotal: 0,
        sealedBefore: action.sealedBefore,
        grandTotal: action.grandTotal,
      };
    case 'seal-progress':
      if (state.phase !== 'sealing') return state;
      return { ...state, bytesDone: action.bytesDone, bytesTotal: action.bytesTotal };
    case 'upload-start':
      return { phase: 'uploading', prepared: action.prepared, fraction: 0 };
    case 'upload-progress':
      if (state.phase !== 'uploading') return state;
      // XMLHttpRequest reports bytes sent; never let the bar go backwards on a late event.
      return { ...state, fraction: Math.max(state.fraction, Math.min(1, Math.max(0, action.fraction))) };
    case 'failed':
      if (state.phase === 'uploading') {
        return { phase: 'failed', stage: 'uploading', error: action.error, prepared: state.prepared };
      }
      return { phase: 'failed', stage: 'sealing', error: action.error };
    case 'received':
      if (state.phase !== 'uploading') return state;
      return { phase: 'received', prepared: state.prepared, receipt: action.receipt };
    case 'reset':
      return IDLE;
  }
}

// The bar's value from 0 to 1 within the current phase: sealing counts plaintext bytes across
// all envelopes of the submission; uploading counts bytes sent.
export function phaseFraction(state: SubmitState): number | undefined {
  if (state.phase === 'sealing') {
    if (state.grandTotal <= 0) return state.bytesTotal > 0 ? state.bytesDone / state.bytesTotal : 0;
    return Math.min(1, (state.sealedBefore + state.bytesDone) / state.grandTotal);
  }
  if (state.phase === 'uploading') return state.fraction;
  return undefined;
}

// An upload that may have been lost on the way (no answer, a time-out, the server busy or
// failing) is worth sending again as it was; a refusal (late, not eligible, malformed) is not.
export function isRetryableUploadError(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.kind === 'network' || error.status === 408 || error.status === 429 || error.status >= 500;
}

// A failed upload that may not have arrived may be sent again as it was; a failed sealing
// or a refused upload starts over.
export function canRetryUpload(state: SubmitState): state is Extract<SubmitState, { phase: 'failed' }> & { prepared: PreparedSubmission } {
  return state.phase === 'failed' && state.stage === 'uploading' && state.prepared !== undefined && isRetryableUploadError(state.error);
}

export function isBusy(state: SubmitState): boolean {
  return state.phase === 'sealing' || state.phase === 'uploading';
}
