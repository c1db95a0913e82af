import { z } from 'zod';

// Schemas for the public notice JSON (GET /api/v1/notices...). Fields the
// server leaves out when empty are optional; null is accepted too so a server
// that writes `null` for "none" does not break the page.

const text = z.string().nullish().transform((value) => value ?? undefined);
const list = <T extends z.ZodType>(item: T) =>
  z.array(item).nullish().transform((value) => value ?? []);

export const NOTICE_TYPES = [
  'rfq',
  'itb',
  'rfp',
  'eoi',
  'rfi',
  'individual_consultant',
  'grant',
  'other',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const NOTICE_STATUSES = [
  'planning',
  'planned',
  'active',
  'cancelled',
  'unsuccessful',
  'complete',
  'withdrawn',
] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const moneySchema = z.object({
  amount: z.union([z.string(), z.number()]).transform(String),
  currency: z.string(),
});
export type MoneyValue = z.infer<typeof moneySchema>;

export const lotSchema = z.object({
  id: text,
  title: text,
  description: text,
  status: text,
  value: moneySchema.nullish().transform((value) => value ?? undefined),
});
export type Lot = z.infer<typeof lotSchema>;

export const documentSchema = z.object({
  id: text,
  title: text,
  url: text,
  document_type: text,
  format: text,
  language: text,
  published: text,
});
export type NoticeDocument = z.infer<typeof documentSchema>;

export const contactSchema = z.object({
  name: text,
  email: text,
  telephone: text,
  url: text,
  address: text,
});
export type Contact = z.infer<typeof contactSchema>;

export const amendmentSchema = z.object({
  id: text,
  date: text,
  rationale: text,
  description: text,
});
export type Amendment = z.infer<typeof amendmentSchema>;

export const versionSchema = z.object({
  version: z.number(),
  recorded_at: text,
  source: text,
  changed_fields: list(z.string()),
});
export type NoticeVersion = z.infer<typeof versionSchema>;

export const noticeSchema = z.object({
  id: z.number(),
  public_id: text,
  reference: text,
  title: text,
  title_language: text,
  description: text,
  description_language: text,
  buyer: text,
  buyer_id: text,
  type: text,
  status: text,
  procurement_method: text,
  main_category: text,
  published: text,
  deadline: text,
  deadline_time_zone: text,
  countries: list(z.string()),
  unspsc: list(z.string()),
  lots: list(lotSchema),
  estimated_value: moneySchema.nullish().transform((value) => value ?? undefined),
  documents: list(documentSchema),
  contact: contactSchema.nullish().transform((value) => value ?? undefined),
  source: text,
  source_url: text,
  amendments: list(amendmentSchema),
  updated: text,
});
export type Notice = z.infer<typeof noticeSchema>;

export const noticeDetailSchema = noticeSchema.extend({
  versions: list(versionSchema),
});
export type NoticeDetail = z.infer<typeof noticeDetailSchema>;

export const noticePageSchema = z.object({
  items: z.array(noticeSchema),
  next_cursor: text,
  total: z.number().nullish().transform((value) => value ?? undefined),
});
export type NoticePage = z.infer<typeof noticePageSchema>;

export const unspscEntrySchema = z.object({
  code: z.string(),
  level: text,
  titles: z.record(z.string(), z.string()).nullish().transform((value) => value ?? {}),
  parent: text,
});
export type UnspscEntry = z.infer<typeof unspscEntrySchema>;

export const unspscListSchema = z.object({ items: z.array(unspscEntrySchema) });

// The filters a notices list can carry, as they appear in the page URL and
// (under the same names) in the API query.
export interface NoticeFilters {
  buyer: string[];
  type: string;
  country: string;
  unspsc: string;
  status: string;
  open: boolean;
  order: 'newest' | 'deadline';
  publishedFrom: string;
  publishedTo: string;
  deadlineFrom: string;
  deadlineTo: string;
}

export const EMPTY_FILTERS: NoticeFilters = {
  buyer: [],
  type: '',
  country: '',
  unspsc: '',
  status: '',
  open: false,
  order: 'newest',
  publishedFrom: '',
  publishedTo: '',
  deadlineFrom: '',
  deadlineTo: '',
};

// Links use the public id when it is URL-safe as is, otherwise the internal id.
// No dots: the server treats a last path segment with an extension as a file.
export function noticePath(notice: Pick<Notice, 'id' | 'public_id'>): string {
  const publicId = notice.public_id;
  if (publicId && /^[A-Za-z0-9_~:-]+$/.test(publicId)) return `/notices/${publicId}`;
  return `/notices/${notice.id}`;
}
