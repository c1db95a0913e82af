import { describe, expect, it } from 'vitest';
import { SealingError } from '@/features/tendering/sealing';
import { ApiError } from '@/lib/api-client';
import { groupFingerprint, planKeyCeremony, type CeremonyMember } from '../model/key-ceremony';
import {
  ceremonyErrorOf,
  ceremonyPhase,
  deadlinePassed,
  INITIAL_MEMBER_STATE,
  type MemberAction,
  memberReducer,
  type MemberState,
  needsStepUp,
  type PhaseInput,
  sharesStillNeeded,
} from '../model/opening-ceremony';

const DEADLINE = new Date('2026-06-15T21:00:00Z');
const members = ['11', '12', '13'];
const status = (held: number, submitted: string[], opened = false) => ({ threshold: 2, sharesHeld: held, membersSubmitted: submitted, opened });
const input = (over: Partial<PhaseInput>): PhaseInput => ({
  me: '11',
  openingMembers: members,
  deadlinePassed: true,
  status: status(0, []),
  kind: 'single',
  ...over,
});

describe('when the deadline has passed', () => {
  it('trusts a closed tender over the browser clock, and the clock only for a published one', () => {
    const before = new Date('2026-06-15T20:59:59Z');
    expect(deadlinePassed('closed', DEADLINE, before)).toBe(true);
    expect(deadlinePassed('published', DEADLINE, before)).toBe(false);
    expect(deadlinePassed('published', DEADLINE, DEADLINE)).toBe(true);
    expect(deadlinePassed('draft', DEADLINE, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(deadlinePassed('published', undefined, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('the ceremony phase', () => {
  it('shows a member only that the bids are sealed before the deadline, even with a status at hand', () => {
    expect(ceremonyPhase(input({ deadlinePassed: false, status: status(1, ['12']) }))).toBe('sealed');
    expect(ceremonyPhase(input({ deadlinePassed: false, me: '99' }))).toBe('not_member');
  });

  it('lets a member release after the deadline, once', () => {
    expect(ceremonyPhase(input({}))).toBe('ready');
    expect(ceremonyPhase(input({ status: status(1, ['11']) }))).toBe('submitted');
    expect(ceremonyPhase(input({ status: status(1, ['12']) }))).toBe('ready');
  });

  it('keeps non-members and signed-out readers out of the steps', () => {
    expect(ceremonyPhase(input({ me: '21' }))).toBe('not_member');
    expect(ceremonyPhase(input({ me: undefined }))).toBe('not_member');
  });

  it('holds the financial envelope until the technical evaluation is done (ET-05)', () => {
    expect(ceremonyPhase(input({ kind: 'financial', financialReady: false }))).toBe('waiting_for_technical');
    expect(ceremonyPhase(input({ kind: 'financial', financialReady: true }))).toBe('ready');
  });

  it('shows the record to everyone once opened', () => {
    expect(ceremonyPhase(input({ me: '21', status: status(2, ['11', '12'], true) }))).toBe('opened');
  });

  it('counts the shares still needed', () => {
    expect(sharesStillNeeded(status(0, []))).toBe(2);
    expect(sharesStillNeeded(status(1, ['11']))).toBe(1);
    expect(sharesStillNeeded(status(3, ['11', '12', '13']))).toBe(0);
  });
});

function run(actions: MemberAction[], from: MemberState = INITIAL_MEMBER_STATE): MemberState {
  return actions.reduce(memberReducer, from);
}

describe("a member's own steps", () => {
  it('goes load → unseal → release → done', () => {
    const state = run([
      { type: 'unlock' },
      { type: 'unlocked', fingerprint: 'ab12' },
      { type: 'submit' },
      { type: 'submitted', sharesHeld: 1, threshold: 2, opened: false },
    ]);
    expect(state).toEqual({ step: 'done', fingerprint: 'ab12', result: { sharesHeld: 1, threshold: 2, opened: false } });
  });

  it('asks for the second factor when the server wants it, then sends again', () => {
    const state = run([{ type: 'unlock' }, { type: 'unlocked', fingerprint: 'ab12' }, { type: 'submit' }, { type: 'step_up_required' }]);
    expect(state.step).toBe('step_up');
    expect(run([{ type: 'reauthenticated' }], state).step).toBe('submitting');
  });

  it('cannot skip unsealing or the second factor, nor submit twice', () => {
    expect(run([{ type: 'submit' }]).step).toBe('idle');
    expect(run([{ type: 'submitted', sharesHeld: 2, threshold: 2, opened: true }]).step).toBe('idle');
    const stepUp = run([{ type: 'unlock' }, { type: 'unlocked', fingerprint: 'x' }, { type: 'submit' }, { type: 'step_up_required' }]);
    expect(run([{ type: 'submitted', sharesHeld: 1, threshold: 2, opened: false }], stepUp).step).toBe('step_up');
    const done = run([{ type: 'unlock' }, { type: 'unlocked', fingerprint: 'x' }, { type: 'submit' }, { type: 'submitted', sharesHeld: 1, threshold: 2, opened: false }]);
    expect(run([{ type: 'submit' }], done)).toBe(done);
  });

  it('goes back to the start after a wrong passphrase, but keeps the unsealed share after a refusal', () => {
    const wrong = run([{ type: 'unlock' }, { type: 'failed', error: { code: 'wrong_passphrase' } }]);
    expect(wrong).toEqual({ step: 'idle', error: { code: 'wrong_passphrase' } });
    expect(run([{ type: 'unlock' }], wrong)).toEqual({ step: 'unlocking' });
    const refused = run([
      { type: 'unlock' },
      { type: 'unlocked', fingerprint: 'x' },
      { type: 'submit' },
      { type: 'failed', error: { code: 'refused', detail: 'you already gave a share' } },
    ]);
    expect(refused.step).toBe('unsealed');
    expect(refused.error?.detail).toBe('you already gave a share');
    expect(run([{ type: 'reset' }], refused)).toEqual(INITIAL_MEMBER_STATE);
  });
});

describe('errors as the ceremony explains them', () => {
  it('reads the sealing library codes and server refusals', () => {
    expect(ceremonyErrorOf(new SealingError('wrong_passphrase', 'x'))).toEqual({ code: 'wrong_passphrase' });
    expect(ceremonyErrorOf(new SealingError('wrong_key', 'x'))).toEqual({ code: 'wrong_key' });
    expect(ceremonyErrorOf(new SealingError('invalid_argument', 'not JSON'))).toEqual({ code: 'not_key_file' });
    expect(ceremonyErrorOf(new SealingError('unsupported', 'no wasm'))).toEqual({ code: 'unsupported' });
    const refusal = new ApiError('http', 409, 'too early', { detail: 'the deadline has not passed', code: 'failed_precondition' });
    expect(ceremonyErrorOf(refusal)).toEqual({ code: 'refused', detail: 'the deadline has not passed' });
    expect(ceremonyErrorOf(new ApiError('network', 0, 'down'))).toEqual({ code: 'network' });
  });

  it('knows the step-up refusals of the share route', () => {
    expect(needsStepUp(new ApiError('http', 403, 'x', { code: 'reauthentication_required' }))).toBe(true);
    expect(needsStepUp(new ApiError('http', 403, 'x', { code: 'mfa_required' }))).toBe(true);
    expect(needsStepUp(new ApiError('http', 403, 'x', { code: 'forbidden' }))).toBe(false);
    expect(needsStepUp(new Error('x'))).toBe(false);
  });
});

describe('the key ceremony plan', () => {
  const member = (userId: string, position: number, sealingKey: string | undefined, role: 'opening' | 'evaluator' = 'opening'): CeremonyMember => ({
    userId,
    role,
    position,
    name: `Member ${userId}`,
    sealingKey,
  });
  const committee = [member('13', 3, 'k3'), member('11', 1, 'k1'), member('12', 2, 'k2'), member('21', 1, undefined, 'evaluator')];

  it('runs for an opening member of a draft when every opener has a key, in share order', () => {
    const plan = planKeyCeremony({ state: 'draft', envelopeMode: 'two', me: '12', members: committee, keys: [] });
    expect(plan.canRun).toBe(true);
    expect(plan.missing).toEqual(['technical', 'financial']);
    expect(plan.opening.map((m) => m.userId)).toEqual(['11', '12', '13']);
  });

  it('says what stops it', () => {
    const withoutKey = committee.map((m) => (m.userId === '13' ? { ...m, sealingKey: undefined } : m));
    const plan = planKeyCeremony({ state: 'draft', envelopeMode: 'single', me: '21', members: withoutKey, keys: [] });
    expect(plan.blockers).toEqual(['not_opening_member', 'members_without_key']);
    expect(plan.withoutKey.map((m) => m.userId)).toEqual(['13']);
    expect(planKeyCeremony({ state: 'published', envelopeMode: 'single', me: '11', members: committee, keys: [] }).blockers).toEqual(['not_draft']);
    expect(planKeyCeremony({ state: 'draft', envelopeMode: 'single', me: '11', members: [], keys: [] }).blockers).toEqual(['no_committee']);
  });

  it('only makes the keys still missing', () => {
    const plan = planKeyCeremony({ state: 'draft', envelopeMode: 'two', me: '11', members: committee, keys: [{ envelope: 'technical', fingerprint: 'ab' }] });
    expect(plan.missing).toEqual(['financial']);
    const done = planKeyCeremony({ state: 'draft', envelopeMode: 'single', me: '11', members: committee, keys: [{ envelope: 'single', fingerprint: 'ab' }] });
    expect(done.blockers).toEqual(['done']);
  });

  it('groups a fingerprint for reading aloud', () => {
    expect(groupFingerprint('3f9a1c0b77')).toBe('3f9a 1c0b 77');
  });
});
