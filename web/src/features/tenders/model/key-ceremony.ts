import { envelopesOf, type EnvelopeKind } from '../api/schemas';

// When the key ceremony (SECURITY.md §5.2 step 1) can run in this browser, and for which
// envelopes: the tender is a draft, the actor is on its opening committee, every opening
// member has registered a personal sealing key (each share is sealed to one), and an
// envelope of the tender's mode has no registered key yet.

export interface CeremonyMember {
  userId: string;
  role: 'opening' | 'evaluator';
  position: number;
  name: string;
  sealingKey: string | undefined; // base64url of 32 bytes
}

export interface RegisteredKey {
  envelope: string;
  fingerprint: string;
}

export type KeyCeremonyBlocker = 'not_draft' | 'not_opening_member' | 'no_committee' | 'members_without_key' | 'done';

export interface KeyCeremonyPlan {
  needed: EnvelopeKind[]; // every envelope of the mode
  missing: EnvelopeKind[]; // those without a registered key
  opening: CeremonyMember[]; // in share order (position 1 first)
  withoutKey: CeremonyMember[];
  blockers: KeyCeremonyBlocker[];
  canRun: boolean;
}

export function planKeyCeremony(input: {
  state: string;
  envelopeMode: string;
  me: string | undefined;
  members: readonly CeremonyMember[];
  keys: readonly RegisteredKey[];
}): KeyCeremonyPlan {
  const needed = envelopesOf(input.envelopeMode);
  const registered = new Set(input.keys.map((key) => key.envelope));
  const missing = needed.filter((kind) => !registered.has(kind));
  const opening = input.members.filter((m) => m.role === 'opening').sort((a, b) => a.position - b.position);
  const withoutKey = opening.filter((m) => !m.sealingKey);
  const blockers: KeyCeremonyBlocker[] = [];
  if (input.state !== 'draft') blockers.push('not_draft');
  if (opening.length === 0) blockers.push('no_committee');
  else if (!opening.some((m) => m.userId === input.me)) blockers.push('not_opening_member');
  if (withoutKey.length > 0) blockers.push('members_without_key');
  if (missing.length === 0) blockers.push('done');
  return { needed, missing, opening, withoutKey, blockers, canRun: blockers.length === 0 };
}

// "3f 9a 1c ..." in groups of four for reading aloud at the ceremony.
export function groupFingerprint(hex: string): string {
  return hex.match(/.{1,4}/g)?.join(' ') ?? hex;
}
