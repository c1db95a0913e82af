import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, apiGet, apiSend } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';
import type { CeremonyMember, RegisteredKey } from '../model/key-ceremony';
import type { CommitteeDraft } from '../model/validation';
import type { EnvelopeKind } from './schemas';
import { tenderKeys } from './tenders';

// The committee, personal sealing keys and the key ceremony's registration
// (src/tenders/tender_service.h GetCommittee, SetCommittee, SetSealingKey,
// RegisterEnvelopeKey, GetMyShare; docs/tendering.md, docs/sealed-bids.md §3).

const enc = encodeURIComponent;

// GET/PUT /tenders/{ocid}/committee (src/http/tender_route_support.cc CommitteeJson):
// {threshold, opening: [{user_id, display_name, position, sealing_key, sealing_key_fingerprint}],
//  evaluators: [{user_id, display_name, position}], envelopes: [{envelope, public_key,
//  fingerprint, threshold, registered_by, registered_at, share_holders}]}.
const memberSchema = z.object({
  user_id: idSchema,
  position: z.number().nullish(),
  display_name: z.string().nullish(),
  sealing_key: z.string().nullish(),
});

const member =
  (role: 'opening' | 'evaluator') =>
  (m: z.infer<typeof memberSchema>): CeremonyMember => ({
    userId: m.user_id,
    role,
    position: m.position ?? 0,
    name: m.display_name ?? '',
    sealingKey: m.sealing_key ?? undefined,
  });

const registeredKeySchema = z
  .object({
    envelope: z.string(),
    public_key: z.string().nullish(),
    fingerprint: z.string().nullish(),
    threshold: z.number().nullish(),
    registered_at: z.string().nullish(),
  })
  .transform((k): RegisteredKey & { publicKey: string } => ({
    envelope: k.envelope,
    fingerprint: k.fingerprint ?? '',
    publicKey: k.public_key ?? '',
  }));

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);

export const committeeSchema = z
  .object({
    threshold: z.number().nullish(),
    opening: list(memberSchema),
    evaluators: list(memberSchema),
    envelopes: list(registeredKeySchema),
  })
  .transform((c) => ({
    threshold: c.threshold ?? 2,
    members: [...c.opening.map(member('opening')), ...c.evaluators.map(member('evaluator'))],
    keys: c.envelopes,
  }));
export type Committee = z.infer<typeof committeeSchema>;

export const committeeKey = (ocid: string) => [...tenderKeys.one(ocid), 'committee'] as const;

export function useCommittee(ocid: string, enabled = true) {
  return useQuery({
    queryKey: committeeKey(ocid),
    queryFn: ({ signal }) => apiGet(`/tenders/${enc(ocid)}/committee`, committeeSchema, { signal }),
    enabled,
  });
}

const asId = (id: string) => (/^\d+$/.test(id) ? Number(id) : id);

// PUT /tenders/{ocid}/committee {opening, evaluators, threshold}: ET-06 refusals name the
// field ("opening/1", "evaluators/0", "threshold").
export function useSetCommittee(ocid: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (committee: CommitteeDraft) =>
      apiSend(
        'PUT',
        `/tenders/${enc(ocid)}/committee`,
        { opening: committee.opening.map(asId), evaluators: committee.evaluators.map(asId), threshold: committee.threshold },
        committeeSchema,
      ),
    onSuccess: (committee) => {
      queryClient.setQueryData(committeeKey(ocid), committee);
      void queryClient.invalidateQueries({ queryKey: tenderKeys.one(ocid) });
    },
  });
}

// People of the buying agency who may sit on the committee: those holding committee_member
// or evaluator (GET /tenders/{ocid}/committee/candidates).
const candidateSchema = z.object({
  user_id: idSchema,
  display_name: z.string().nullish().transform((value) => value ?? ''),
  email: z.string().nullish().transform((value) => value ?? ''),
  roles: z.array(z.string()).nullish().transform((value) => value ?? []),
  has_sealing_key: z.boolean().nullish(),
});
export type Candidate = z.infer<typeof candidateSchema>;
const candidateListSchema = z
  .union([z.array(candidateSchema), z.object({ items: z.array(candidateSchema) })])
  .transform((value) => (Array.isArray(value) ? value : value.items));

export function useCommitteeCandidates(ocid: string, enabled = true) {
  return useQuery({
    queryKey: [...committeeKey(ocid), 'candidates'],
    queryFn: ({ signal }) => apiGet(`/tenders/${enc(ocid)}/committee/candidates`, candidateListSchema, { signal }),
    enabled,
    retry: false,
  });
}

// ---------------------------------------------------------------- personal sealing key

const sealingKeySchema = z.object({ public_key: z.string().nullish(), fingerprint: z.string().nullish() }).passthrough();

export interface MySealingKey {
  // False when the server does not say (it has no GET /me/sealing-key): the page then only
  // knows the key registered from it in this session.
  known: boolean;
  publicKey?: string;
  fingerprint?: string;
}

export const mySealingKeyKey = ['me', 'sealing-key'] as const;

// GET /me/sealing-key when the server offers it: 404 or 405 means "not known here".
export function useMySealingKey() {
  return useQuery({
    queryKey: mySealingKeyKey,
    queryFn: async ({ signal }): Promise<MySealingKey> => {
      try {
        const body = await apiGet('/me/sealing-key', sealingKeySchema, { signal });
        return { known: true, publicKey: body.public_key ?? undefined, fingerprint: body.fingerprint ?? undefined };
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return { known: false };
        throw error;
      }
    },
    retry: false,
  });
}

// PUT /me/sealing-key {public_key}: the member's X25519 public key (base64url); the answer
// repeats it with its fingerprint.
export function useRegisterSealingKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (publicKey: string) => apiSend('PUT', '/me/sealing-key', { public_key: publicKey }, sealingKeySchema),
    onSuccess: (body) =>
      queryClient.setQueryData<MySealingKey>(mySealingKeyKey, {
        known: true,
        publicKey: body.public_key ?? undefined,
        fingerprint: body.fingerprint ?? undefined,
      }),
  });
}

// ---------------------------------------------------------------- key ceremony

export interface EnvelopeKeyBody {
  public_key: string;
  threshold: number;
  shares: { user_id: string | number; sealed_share: string }[];
}

// PUT /tenders/{ocid}/envelopes/{kind}/key: the ceremony's result (no secret in it).
export function registerEnvelopeKey(ocid: string, kind: EnvelopeKind, body: EnvelopeKeyBody): Promise<undefined> {
  return apiSend('PUT', `/tenders/${enc(ocid)}/envelopes/${kind}/key`, {
    ...body,
    shares: body.shares.map((s) => ({ user_id: typeof s.user_id === 'string' ? asId(s.user_id) : s.user_id, sealed_share: s.sealed_share })),
  });
}

// GET /tenders/{ocid}/envelopes/{kind}/my-share: this member's sealed share.
export const myShareSchema = z
  .object({
    envelope: z.string().nullish(),
    public_key: z.string().nullish(),
    fingerprint: z.string().nullish(),
    threshold: z.number().nullish(),
    position: z.number().nullish(),
    sealed_share: z.string().nullish(),
    shares: z.array(z.object({ user_id: idSchema, sealed_share: z.string() })).nullish(),
  })
  .transform((body) => ({
    publicKey: body.public_key ?? '',
    fingerprint: body.fingerprint ?? '',
    threshold: body.threshold ?? 2,
    position: body.position ?? 0,
    sealedShare: body.sealed_share ?? body.shares?.[0]?.sealed_share ?? '',
  }));
export type MyShare = z.infer<typeof myShareSchema>;

export function getMyShare(ocid: string, kind: EnvelopeKind): Promise<MyShare> {
  return apiGet(`/tenders/${enc(ocid)}/envelopes/${kind}/my-share`, myShareSchema);
}
