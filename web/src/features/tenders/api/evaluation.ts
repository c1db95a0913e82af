import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';
import { criterionSchema, complianceSchema } from './schemas';
import { tenderKeys } from './tenders';

// Evaluation and award (src/http/evaluation_routes.cc over src/tenders/evaluation_service.h and
// award_service.h; docs/evaluation.md). Scores are decimal strings with up to four decimals;
// money is {amount, currency}.

const enc = encodeURIComponent;
const text = z.string().nullish().transform((value) => value ?? '');
const flag = z.boolean().nullish().transform((value) => value ?? false);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);
const points = z.union([z.string(), z.number()]).nullish().transform((value) => (value == null ? undefined : String(value)));
const moneySchema = z.object({ amount: z.string(), currency: z.string() });

export const EVALUATION_PATHS = {
  view: (ocid: string) => `/tenders/${enc(ocid)}/evaluation`,
  start: (ocid: string) => `/tenders/${enc(ocid)}/evaluation/start`,
  declaration: (ocid: string) => `/tenders/${enc(ocid)}/evaluation/declaration`,
  sheet: (ocid: string, bid: string) => `/tenders/${enc(ocid)}/evaluation/sheets/${enc(bid)}`,
  closeTechnical: (ocid: string) => `/tenders/${enc(ocid)}/evaluation/technical-close`,
  rank: (ocid: string) => `/tenders/${enc(ocid)}/evaluation/ranking`,
  award: (ocid: string) => `/tenders/${enc(ocid)}/award`,
  recommend: (ocid: string) => `/tenders/${enc(ocid)}/award/recommendation`,
  decide: (ocid: string) => `/tenders/${enc(ocid)}/award/approval`,
  notify: (ocid: string) => `/tenders/${enc(ocid)}/award/notice`,
  contract: (ocid: string) => `/tenders/${enc(ocid)}/award/contract`,
  cancel: (ocid: string) => `/tenders/${enc(ocid)}/award/cancellation`,
  debriefAnswer: (ocid: string, supplier: string) => `/tenders/${enc(ocid)}/award/debriefs/${enc(supplier)}/answer`,
};

export const sheetSchema = z.object({
  bid_id: z.string(),
  evaluator: idSchema.nullish(),
  scores: list(z.object({ criterion_id: z.string(), score: z.number(), comment: text })),
  compliance: list(z.object({ item_id: z.string(), passed: z.boolean(), note: text })),
  comment: text,
  version: z.number().nullish(),
  submitted_at: z.string().nullish(),
});
export type Sheet = z.infer<typeof sheetSchema>;

const technicalSchema = z.object({
  bids: list(
    z.object({
      bid_id: z.string(),
      sheet_count: z.number().nullish(),
      compliant: flag,
      failed_items: list(z.string()),
      criteria: list(z.object({ criterion_id: z.string(), average: points, contribution: points })),
      technical: points,
      sustainability: points,
      meets_threshold: flag,
      qualified: flag,
      exclusion_reason: text,
    }),
  ),
});
export type TechnicalResults = z.infer<typeof technicalSchema>;

const rankingSchema = z.object({
  ranked: list(
    z.object({
      bid_id: z.string(),
      supplier: idSchema.nullish(),
      supplier_name: z.string().nullish(),
      rank: z.number(),
      price: moneySchema.nullish(),
      technical: points,
      financial: points,
      combined: points,
      decided_by: text,
    }),
  ),
  excluded: list(z.object({ bid_id: z.string(), supplier: idSchema.nullish(), supplier_name: z.string().nullish(), reason: text })),
});
export type Ranking = z.infer<typeof rankingSchema>;

const awardSchema = z.object({
  award_id: text,
  bid_id: text,
  supplier: idSchema.nullish(),
  supplier_name: text,
  value: moneySchema.nullish(),
  status: text,
  notified_at: z.string().nullish(),
  standstill_ends: z.string().nullish(),
});

const contractSchema = z.object({
  contract_id: text,
  value: moneySchema.nullish(),
  period_start: z.string().nullish(),
  period_end: z.string().nullish(),
  signed_at: z.string().nullish(),
});

const debriefSchema = z.object({
  supplier: idSchema,
  supplier_name: z.string().nullish(),
  requested_at: z.string().nullish(),
  message: text,
  answer: text,
  answered_at: z.string().nullish(),
});
export type Debrief = z.infer<typeof debriefSchema>;

export const recordSchema = z
  .object({
    stage: z.string().nullish().transform((value) => value ?? 'technical'),
    version: z.number().nullish(),
    started_at: z.string().nullish(),
    technical: technicalSchema.nullish(),
    technical_closed_at: z.string().nullish(),
    ranking: rankingSchema.nullish(),
    ranked_at: z.string().nullish(),
    recommendation: z
      .object({ bid_id: z.string(), by: idSchema.nullish(), at: z.string().nullish(), justification: text })
      .nullish(),
    last_rejection: text,
    approval: z.object({ by: idSchema.nullish(), at: z.string().nullish(), comment: text }).nullish(),
    award: awardSchema.nullish(),
    contract: contractSchema.nullish(),
    cancellation_reason: text,
    cancelled_at: z.string().nullish(),
  })
  .passthrough();
export type EvaluationRecord = z.infer<typeof recordSchema>;

// A bid under evaluation (evaluation_routes.cc ViewJson): "bid" is its id.
const bidUnderReviewSchema = z
  .object({
    bid: z.string().nullish(),
    bid_id: z.string().nullish(),
    supplier: idSchema.nullish(),
    supplier_name: text,
    receipt_time: z.string().nullish(),
    decrypted: flag,
    files: list(z.object({ index: z.number(), name: z.string(), size: z.number().nullish(), sha256: z.string().nullish() })),
    price: moneySchema.nullish(),
  })
  .transform(({ bid, bid_id, ...rest }) => ({ ...rest, bid_id: bid_id ?? bid ?? '' }));
export type BidUnderReview = z.infer<typeof bidUnderReviewSchema>;

// GET /tenders/{ocid}/evaluation: the evaluation as this actor may see it (docs/evaluation.md,
// "Who sees what"); fields a role may not see are absent.
export const evaluationViewSchema = z
  .object({
    ocid: z.string().nullish(),
    stage: z.string().nullish().transform((value) => value ?? 'technical'),
    tender_state: text,
    // panel: an evaluator who declared no conflict may see the bids and score (ET-07).
    roles: z
      .object({ owner: flag, evaluator: flag, declared: flag, recused: flag })
      .nullish()
      .transform((value) => {
        const roles = value ?? { owner: false, evaluator: false, declared: false, recused: false };
        return { ...roles, panel: roles.evaluator && roles.declared && !roles.recused };
      }),
    rules: z
      .object({
        method: text,
        technical_weight: z.number().nullish(),
        financial_weight: z.number().nullish(),
        minimum_technical_percent: z.number().nullish(),
        criteria: list(criterionSchema),
        compliance: list(complianceSchema),
      })
      .nullish(),
    own_declaration: z.object({ conflict: flag, statement: text, at: z.string().nullish() }).nullish(),
    bids: list(bidUnderReviewSchema),
    bidder_names: list(z.string()),
    sheets: list(sheetSchema),
    progress: list(z.object({ evaluator: idSchema, name: z.string().nullish(), declared: flag, conflict: flag, sheets: z.number().nullish() })),
    technical: technicalSchema.nullish(),
    ranking: rankingSchema.nullish(),
    record: recordSchema.nullish(),
    version: z.number().nullish(),
  })
  .passthrough();
export type EvaluationView = z.infer<typeof evaluationViewSchema>;

export const evaluationKey = (ocid: string) => [...tenderKeys.one(ocid), 'evaluation'] as const;

export function useEvaluation(ocid: string, enabled = true) {
  return useQuery({
    queryKey: evaluationKey(ocid),
    queryFn: ({ signal }) => apiGet(EVALUATION_PATHS.view(ocid), evaluationViewSchema, { signal }),
    enabled,
    retry: false,
  });
}

function useEvaluationWrite<V>(ocid: string, request: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: evaluationKey(ocid) });
      void queryClient.invalidateQueries({ queryKey: [...tenderKeys.one(ocid), 'award'] });
      void queryClient.invalidateQueries({ queryKey: tenderKeys.one(ocid), exact: true });
    },
  });
}

const anyBody = z.unknown();

export const useStartEvaluation = (ocid: string) => useEvaluationWrite(ocid, () => apiSend('POST', EVALUATION_PATHS.start(ocid), {}, anyBody));
export const useDeclare = (ocid: string) =>
  useEvaluationWrite(ocid, (body: { conflict: boolean; statement: string }) => apiSend('POST', EVALUATION_PATHS.declaration(ocid), body, anyBody));

export interface SheetInput {
  scores: { criterion_id: string; score: number; comment: string }[];
  compliance: { item_id: string; passed: boolean; note: string }[];
  comment: string;
}
export const useSubmitSheet = (ocid: string) =>
  useEvaluationWrite(ocid, ({ bid, sheet }: { bid: string; sheet: SheetInput }) => apiSend('PUT', EVALUATION_PATHS.sheet(ocid, bid), sheet, anyBody));
export const useCloseTechnical = (ocid: string) => useEvaluationWrite(ocid, () => apiSend('POST', EVALUATION_PATHS.closeTechnical(ocid), {}, anyBody));
export const useRank = (ocid: string) => useEvaluationWrite(ocid, () => apiSend('POST', EVALUATION_PATHS.rank(ocid), {}, anyBody));
export const useRecommend = (ocid: string) =>
  useEvaluationWrite(ocid, (body: { bid: string; justification: string }) => apiSend('POST', EVALUATION_PATHS.recommend(ocid), body, anyBody));
export const useDecide = (ocid: string) =>
  useEvaluationWrite(ocid, (body: { approve: boolean; comment: string }) => apiSend('POST', EVALUATION_PATHS.decide(ocid), body, anyBody));
export const useNotifyAward = (ocid: string) => useEvaluationWrite(ocid, () => apiSend('POST', EVALUATION_PATHS.notify(ocid), {}, anyBody));
export const useSignContract = (ocid: string) =>
  useEvaluationWrite(ocid, (body: { value: { amount: string; currency: string }; period_start: string; period_end: string }) =>
    apiSend('POST', EVALUATION_PATHS.contract(ocid), body, anyBody),
  );
export const useCancelAward = (ocid: string) => useEvaluationWrite(ocid, (reason: string) => apiSend('POST', EVALUATION_PATHS.cancel(ocid), { reason }, anyBody));
export const useAnswerDebrief = (ocid: string) =>
  useEvaluationWrite(ocid, ({ supplier, answer }: { supplier: string; answer: string }) => apiSend('POST', EVALUATION_PATHS.debriefAnswer(ocid, supplier), { answer }, anyBody));

// GET /tenders/{ocid}/award: the award notice and contract, the stage, and the debrief
// requests the actor may see.
export const awardViewSchema = z
  .object({
    stage: text,
    award: awardSchema.nullish(),
    contract: contractSchema.nullish(),
    cancellation_reason: text,
    won: flag,
    debriefs: list(debriefSchema),
  })
  .passthrough();

export function useAward(ocid: string, enabled = true) {
  return useQuery({
    queryKey: [...tenderKeys.one(ocid), 'award'],
    queryFn: ({ signal }) => apiGet(EVALUATION_PATHS.award(ocid), awardViewSchema, { signal }),
    enabled,
    retry: false,
  });
}
