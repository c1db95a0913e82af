import { z } from 'zod';

// The bodies of docs/alerts.md, read leniently: optional fields may be missing or null and
// unknown fields pass through, so a server that adds a field does not break a page.

const text = z.string().nullish().transform((value) => value ?? undefined);
const strings = z.array(z.string()).nullish().transform((value) => value ?? []);
const flag = z.boolean().nullish().transform((value) => value ?? false);
// Ids are integers on the server (a digit string is accepted too, so a change of
// representation does not break the UI); they travel back as numbers.
const wireId = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const codeMatchSchema = z
  .object({
    notice_code: z.string(),
    supplier_code: text,
    title: text,
    similarity: z.number().nullish().transform((value) => value ?? 0),
    predicted: flag,
  })
  .passthrough();
export type CodeMatch = z.infer<typeof codeMatchSchema>;

export const explanationSchema = z
  .object({
    codes: z.array(codeMatchSchema).nullish().transform((value) => value ?? []),
    shared_terms: strings,
    country_eligible: z.boolean().nullish().transform((value) => value ?? undefined),
    registered_with_agency: flag,
    targeted: flag,
    history_in_family: z.number().nullish().transform((value) => value ?? 0),
  })
  .passthrough();
export type Explanation = z.infer<typeof explanationSchema>;

export const alertNoticeSchema = z
  .object({
    id: wireId,
    public_id: text,
    title: text,
    agency: text,
    type: text,
    deadline: text,
    codes: strings,
  })
  .passthrough();
export type AlertNotice = z.infer<typeof alertNoticeSchema>;

export const ALERT_REASONS = ['profile', 'saved_search', 'amendment', 'invitation'] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];

export const inboxItemSchema = z
  .object({
    id: wireId,
    reason: z.string(),
    created_at: text,
    read_at: text,
    version: z.number().nullish(),
    score: z.number().nullish(),
    notice: alertNoticeSchema,
    saved_search: z.object({ id: wireId, name: z.string() }).passthrough().nullish(),
    explanation: explanationSchema.nullish().transform((value) => value ?? undefined),
  })
  .passthrough();
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxPageSchema = z.object({
  items: z.array(inboxItemSchema),
  next_cursor: text,
  unread: z.number().nullish().transform((value) => value ?? 0),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const FREQUENCIES = ['instant', 'daily', 'weekly', 'off'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const alertSettingsSchema = z
  .object({
    frequency: z.enum(FREQUENCIES).catch('instant'),
    email: z.boolean(),
    use_profile: z.boolean(),
    agencies: strings,
    countries: strings,
    value_currency: z.string().nullish().transform((value) => value || 'USD'),
    value_min_minor: z.number().nullish().transform((value) => value ?? null),
    value_max_minor: z.number().nullish().transform((value) => value ?? null),
    sustainable_only: flag,
    updated_at: text,
  })
  .passthrough();
export type AlertSettings = z.infer<typeof alertSettingsSchema>;
// What PUT /me/alert-settings takes: the object without updated_at (unknown fields are refused).
export type AlertSettingsInput = Omit<AlertSettings, 'updated_at'>;

export const savedSearchSchema = z
  .object({ id: wireId, name: z.string(), query: z.string(), created_at: text, feed_url: text })
  .passthrough();
export type SavedSearch = z.infer<typeof savedSearchSchema>;
export const savedSearchListSchema = z.object({ items: z.array(savedSearchSchema) });

export const savedNoticeSchema = z
  .object({ notice_id: wireId, public_id: text, title: text, deadline: text, saved_at: text })
  .passthrough();
export type SavedNotice = z.infer<typeof savedNoticeSchema>;
export const savedNoticeListSchema = z.object({ items: z.array(savedNoticeSchema), calendar_url: text });

export const recommendationSchema = z
  .object({
    notice: alertNoticeSchema,
    score: z.number().nullish(),
    explanation: explanationSchema.nullish().transform((value) => value ?? undefined),
  })
  .passthrough();
export type Recommendation = z.infer<typeof recommendationSchema>;
export const recommendationListSchema = z.object({ items: z.array(recommendationSchema) });

export const recommendedSupplierSchema = z
  .object({
    supplier_id: wireId,
    name: z.string(),
    country: text,
    sme: flag,
    women_owned: flag,
    score: z.number().nullish(),
    explanation: explanationSchema.nullish().transform((value) => value ?? undefined),
    invited: flag,
  })
  .passthrough();
export type RecommendedSupplier = z.infer<typeof recommendedSupplierSchema>;
export const recommendedSupplierListSchema = z.object({ items: z.array(recommendedSupplierSchema) });

export const invitedSchema = z.object({ invited: z.number() }).passthrough();
