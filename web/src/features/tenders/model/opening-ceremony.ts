import { ApiError } from '@/lib/api-client';

// The opening ceremony as one committee member's screen sees it (SECURITY.md §5.2 step 4,
// ET-06, ET-08): first where the tender stands (the phase, from the server's status and the
// clock), then the member's own steps: load the key file, unseal the share locally, confirm
// with the second factor, submit. Pure functions, so the rules are tested without a browser.

export type CeremonyPhase =
  | 'not_member' // may follow the progress, not take part
  | 'sealed' // before the deadline: nothing to show but the deadline
  | 'waiting_for_technical' // financial envelope: the technical evaluation is not closed
  | 'ready' // this member can release a share
  | 'submitted' // this member's share is held; waiting for the others
  | 'opened'; // the record exists

export interface OpeningStatusFacts {
  threshold: number;
  sharesHeld: number;
  membersSubmitted: readonly string[];
  opened: boolean;
}

export interface PhaseInput {
  me: string | undefined;
  openingMembers: readonly string[];
  // From deadlinePassed(): the server's word (the tender is closed) or the clock.
  deadlinePassed: boolean;
  status: OpeningStatusFacts | undefined;
  // Financial envelope only: the technical evaluation has marked every bid (ET-05).
  financialReady?: boolean;
  kind: 'single' | 'technical' | 'financial';
}

export function ceremonyPhase(input: PhaseInput): CeremonyPhase {
  if (input.status?.opened) return 'opened';
  const member = !!input.me && input.openingMembers.includes(input.me);
  // Before the deadline nobody learns anything, members included: not even how many shares.
  if (!input.deadlinePassed) return member ? 'sealed' : 'not_member';
  if (!member) return 'not_member';
  if (input.kind === 'financial' && !input.financialReady) return 'waiting_for_technical';
  if (input.status && input.me && input.status.membersSubmitted.includes(input.me)) return 'submitted';
  return 'ready';
}

// The tender's state is the server's clock speaking (the deadline job closes it exactly at the
// deadline, also under a test clock); the browser's clock only covers the moments before
// that job has run.
const AFTER_DEADLINE_STATES = ['closed', 'opened', 'evaluation', 'awarded', 'completed'];

export function deadlinePassed(state: string, deadline: Date | undefined, now: Date): boolean {
  if (AFTER_DEADLINE_STATES.includes(state)) return true;
  if (state !== 'published' || !deadline) return false;
  return now.getTime() >= deadline.getTime();
}

// "1 of 2": shares still needed after this many are held.
export function sharesStillNeeded(status: OpeningStatusFacts): number {
  return Math.max(0, status.threshold - status.sharesHeld);
}

// ---------------------------------------------------------------- the member's own steps

export type MemberStep = 'idle' | 'unlocking' | 'unsealed' | 'step_up' | 'submitting' | 'done';

export type CeremonyErrorCode =
  | 'no_file'
  | 'not_key_file'
  | 'wrong_passphrase'
  | 'key_not_registered' // the file's key is not the one the share was sealed to
  | 'wrong_key'
  | 'unsupported'
  | 'step_up_failed'
  | 'refused' // the server refused the share: its detail is shown
  | 'network';

export interface CeremonyError {
  code: CeremonyErrorCode;
  detail?: string;
}

export interface MemberState {
  step: MemberStep;
  error?: CeremonyError;
  fingerprint?: string; // of the envelope key the unsealed share belongs to
  result?: { sharesHeld: number; threshold: number; opened: boolean };
}

export type MemberAction =
  | { type: 'unlock' }
  | { type: 'unlocked'; fingerprint: string }
  | { type: 'submit' }
  | { type: 'step_up_required' }
  | { type: 'reauthenticated' }
  | { type: 'submitted'; sharesHeld: number; threshold: number; opened: boolean }
  | { type: 'failed'; error: CeremonyError }
  | { type: 'reset' };

export const INITIAL_MEMBER_STATE: MemberState = { step: 'idle' };

// Each action is taken only in the step it belongs to; anything else leaves the state as it
// is, so a double click cannot submit twice or skip the second factor.
export function memberReducer(state: MemberState, action: MemberAction): MemberState {
  switch (action.type) {
    case 'unlock':
      return state.step === 'idle' ? { step: 'unlocking' } : state;
    case 'unlocked':
      return state.step === 'unlocking' ? { step: 'unsealed', fingerprint: action.fingerprint } : state;
    case 'submit':
      return state.step === 'unsealed' ? { ...state, step: 'submitting', error: undefined } : state;
    case 'step_up_required':
      return state.step === 'submitting' ? { ...state, step: 'step_up', error: undefined } : state;
    case 'reauthenticated':
      return state.step === 'step_up' ? { ...state, step: 'submitting', error: undefined } : state;
    case 'submitted':
      return state.step === 'submitting'
        ? {
            step: 'done',
            fingerprint: state.fingerprint,
            result: { sharesHeld: action.sharesHeld, threshold: action.threshold, opened: action.opened },
          }
        : state;
    case 'failed':
      // A failure while unlocking goes back to the start; later ones keep the unsealed share
      // (in memory only) so the member can try the confirmation again.
      if (state.step === 'unlocking') return { step: 'idle', error: action.error };
      if (state.step === 'submitting') return { ...state, step: 'unsealed', error: action.error };
      if (state.step === 'step_up') return { ...state, step: 'step_up', error: action.error };
      return state;
    case 'reset':
      return INITIAL_MEMBER_STATE;
  }
}

// The problem codes of src/http/bid_routes.cc RequireStepUp: the server wants the password
// and authenticator code again before it takes a share (AS-06, AS-12).
export function needsStepUp(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    (error.problem?.code === 'reauthentication_required' || error.problem?.code === 'mfa_required')
  );
}

// A SealingError's code (web/src/features/tendering/sealing/errors.ts) or a server refusal,
// as the screen explains it.
export function ceremonyErrorOf(error: unknown): CeremonyError {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return { code: 'network' };
    return { code: 'refused', detail: error.detail ?? error.message };
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'wrong_passphrase':
      return { code: 'wrong_passphrase' };
    case 'wrong_key':
      return { code: 'wrong_key' };
    case 'unsupported':
      return { code: 'unsupported' };
    case 'invalid_argument':
    case 'malformed':
      return { code: 'not_key_file' };
    default:
      return { code: 'refused', detail: error instanceof Error ? error.message : String(error) };
  }
}
