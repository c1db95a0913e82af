import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, apiUpload } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';

// The supplier routes of docs/accounts.md, in the server's shapes
// (src/suppliers/profile_json.cc RecordToJson, readiness.cc ReadinessToJson,
// src/http/document_routes.cc DocumentJson).

const text = z.string().nullish().transform((value) => value ?? '');
const optionalText = z.string().nullish().transform((value) => value ?? undefined);
const flag = z.boolean().nullish().transform((value) => value ?? false);
// The server writes 0 for "not given" in whole-number fields; the forms show that as empty.
const wholeOrNull = z
  .number()
  .nullish()
  .transform((value) => (value === null || value === undefined || value === 0 ? null : value));
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);
const object = <T extends z.ZodType>(schema: T, empty: z.output<T>) =>
  schema.nullish().transform((value) => value ?? empty);

export const companyNumberSchema = z.object({ country: text, number: text });
export type CompanyNumber = z.infer<typeof companyNumberSchema>;
export const EMPTY_COMPANY_NUMBER: CompanyNumber = { country: '', number: '' };

export const addressSchema = z.object({ street: text, city: text, postal_code: text, region: text, country: text });
export type Address = z.infer<typeof addressSchema>;
export const EMPTY_ADDRESS: Address = { street: '', city: '', postal_code: '', region: '', country: '' };

export const contactSchema = z.object({ name: text, position: text, email: text, phone: text });
export type Contact = z.infer<typeof contactSchema>;
export const EMPTY_CONTACT: Contact = { name: '', position: '', email: '', phone: '' };

export const CERTIFICATE_TYPES = ['iso_9001', 'iso_14001', 'iso_45001', 'other'] as const;

// "iso_9001" -> "ISO 9001" in every language; "other" is translated.
export function certificateTypeLabel(type: string, otherLabel: string): string {
  const iso = /^iso_(\d+)$/.exec(type);
  return iso ? `ISO ${iso[1]}` : type === 'other' ? otherLabel : type;
}
export const certificateSchema = z.object({ type: text, name: text, number: text, issuer: text, valid_until: text });
export type Certificate = z.infer<typeof certificateSchema>;
export const EMPTY_CERTIFICATE: Certificate = { type: '', name: '', number: '', issuer: '', valid_until: '' };

export const referenceSchema = z.object({
  client_name: text,
  contact_name: text,
  contact_email: text,
  description: text,
  year: wholeOrNull,
  country: text,
});
export type Reference = z.infer<typeof referenceSchema>;
export const EMPTY_REFERENCE: Reference = {
  client_name: '',
  contact_name: '',
  contact_email: '',
  description: '',
  year: null,
  country: '',
};

export const ownerSchema = z.object({ name: text, share_percent: wholeOrNull, country: text });
export type Owner = z.infer<typeof ownerSchema>;
export const EMPTY_OWNER: Owner = { name: '', share_percent: null, country: '' };

export const womenOwnedSchema = z.object({ declared: flag, ownership_percent: wholeOrNull, controlled: flag });
export type WomenOwned = z.infer<typeof womenOwnedSchema>;
const EMPTY_WOMEN_OWNED: WomenOwned = { declared: false, ownership_percent: null, controlled: false };

export const EMISSION_SCOPES = ['1', '1-2', '1-3'] as const;
// HLCM sustainable-procurement indicators offered as tick boxes; the server
// takes any snake_case id, so one it sends that is not here is still shown.
export const HLCM_INDICATORS = [
  'environmental_policy',
  'environmental_management_system',
  'greenhouse_gas_targets',
  'supply_chain_labour_standards',
  'human_rights_policy',
  'gender_equality_policy',
  'anti_corruption_policy',
] as const;

export const sustainabilitySchema = z.object({
  un_global_compact_participant: flag,
  un_global_compact_id: text,
  hlcm_indicators: list(z.string()),
  emissions: object(
    z.object({ discloses: flag, reporting_year: wholeOrNull, scopes: text, report_url: text }),
    { discloses: false, reporting_year: null, scopes: '', report_url: '' },
  ),
});
export type Sustainability = z.infer<typeof sustainabilitySchema>;
const EMPTY_SUSTAINABILITY: Sustainability = {
  un_global_compact_participant: false,
  un_global_compact_id: '',
  hlcm_indicators: [],
  emissions: { discloses: false, reporting_year: null, scopes: '', report_url: '' },
};

export const PARTY_SCALES = ['micro', 'small', 'medium', 'large'] as const;
export type PartyScale = (typeof PARTY_SCALES)[number];

export const REVIEW_STATES = ['draft', 'submitted', 'in_review', 'changes_requested', 'ready', 'registered'] as const;

// GET/PATCH /suppliers/{id}/profile.
export const profileSchema = z.object({
  id: idSchema,
  state: z.string().nullish().transform((value) => value ?? 'draft'),
  version: z.number(),
  review_comment: text,
  ungm_number: text,
  code_of_conduct_accepted_at: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
  unspsc_code_titles: z
    .record(z.string(), z.string())
    .nullish()
    .transform((value) => value ?? {}),
  legal_name: text,
  legal_name_latin: text,
  trading_names: list(z.string()),
  registration_numbers: list(companyNumberSchema),
  tax_numbers: list(companyNumberSchema),
  year_established: z.number().nullish().transform((value) => value ?? null),
  address: object(addressSchema, EMPTY_ADDRESS),
  countries_of_operation: list(z.string()),
  contacts: list(contactSchema),
  website: text,
  unspsc_codes: list(z.string()),
  party_scale: z.string().nullish().transform((value) => value ?? ''),
  sme: z.boolean().nullish().transform((value) => value ?? null),
  women_owned: object(womenOwnedSchema, EMPTY_WOMEN_OWNED),
  disability_inclusive: flag,
  certificates: list(certificateSchema),
  sustainability: object(sustainabilitySchema, EMPTY_SUSTAINABILITY),
  references: list(referenceSchema),
  owners: list(ownerSchema),
});
export type Profile = z.infer<typeof profileSchema>;

// What the supplier edits: the profile's fields, and the code of conduct,
// which is written as `code_of_conduct_accepted` and read back as a time.
export const PROFILE_FIELDS = [
  'legal_name',
  'legal_name_latin',
  'trading_names',
  'registration_numbers',
  'tax_numbers',
  'year_established',
  'website',
  'address',
  'countries_of_operation',
  'contacts',
  'unspsc_codes',
  'party_scale',
  'sme',
  'women_owned',
  'disability_inclusive',
  'owners',
  'certificates',
  'sustainability',
  'references',
] as const satisfies readonly (keyof Profile)[];
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type EditableField = ProfileField | 'code_of_conduct_accepted';
export type ProfileDraft = Pick<Profile, ProfileField> & { code_of_conduct_accepted: boolean };

export function draftOf(profile: Profile): ProfileDraft {
  const draft = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, profile[field]])) as Pick<Profile, ProfileField>;
  return { ...draft, code_of_conduct_accepted: !!profile.code_of_conduct_accepted_at };
}

const isBlank = (value: unknown): boolean =>
  value === '' || value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0);

// An emptied field is sent as null, which a merge patch reads as "unset";
// list items left wholly blank (just added) are not sent, so adding a row
// does not draw "is required" before the user has typed anything.
export function wireValue(value: unknown): unknown {
  if (value === '') return null;
  if (Array.isArray(value)) {
    return value
      .filter((item) => item !== '' && !(item && typeof item === 'object' && Object.values(item).every(isBlank)))
      .map(wireValue);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wireValue(item)]));
  }
  return value;
}

// A JSON merge patch (RFC 7396) of the changed top-level fields, each sent whole.
export function toPatchBody(patch: Partial<ProfileDraft>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, wireValue(value)]));
}

// The server's tag is "v<version>-<lang>"; If-Match needs only the version.
export const ifMatch = (version: number, language: string) => `"v${version}-${language}"`;

export const profileKey = (id: string) => ['suppliers', id, 'profile'] as const;

// The language only picks the code titles' language, so it is not part of
// the key: a language switch must not reload the draft under the user.
export function useProfile(id: string, language: string) {
  return useQuery({
    queryKey: profileKey(id),
    queryFn: ({ signal }) =>
      apiGet(`/suppliers/${encodeURIComponent(id)}/profile?lang=${encodeURIComponent(language)}`, profileSchema, { signal }),
    // The wizard edits a local copy; refetching under it would fight the user.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

// PATCH with If-Match: a profile changed elsewhere since `version` is refused
// with 409 (field "version") instead of being overwritten.
export function patchProfile(id: string, patch: Partial<ProfileDraft>, version: number, language: string): Promise<Profile> {
  return apiSend(
    'PATCH',
    `/suppliers/${encodeURIComponent(id)}/profile?lang=${encodeURIComponent(language)}`,
    toPatchBody(patch),
    profileSchema,
    { headers: { 'If-Match': ifMatch(version, language) }, contentType: 'application/merge-patch+json' },
  );
}

// GET /suppliers/{id}/readiness: per UNGM level, a score (0..100) and the
// checklist; an item not done says what to do next as an i18n key with
// parameters, and as text in the asked language (`message`).
export const readinessItemSchema = z.object({
  id: z.string(),
  done: z.boolean(),
  next: z
    .object({
      key: z.string(),
      params: z
        .record(z.string(), z.string())
        .nullish()
        .transform((value) => value ?? {}),
    })
    .nullish()
    .transform((value) => value ?? undefined),
  message: optionalText,
});
export type ReadinessItem = z.infer<typeof readinessItemSchema>;

export const READINESS_LEVELS = ['basic', 'level_1', 'level_2'] as const;

export const readinessLevelSchema = z.object({
  level: z.string(),
  score: z.number(),
  complete: z.boolean(),
  items: list(readinessItemSchema),
});
export type ReadinessLevel = z.infer<typeof readinessLevelSchema>;

export const readinessSchema = z.object({
  reached: z.string(),
  levels: list(readinessLevelSchema),
  state: optionalText,
  can_submit: z.boolean().nullish(),
  language: optionalText,
});
export type Readiness = z.infer<typeof readinessSchema>;

export const readinessKey = (id: string) => ['suppliers', id, 'readiness'] as const;

export function useReadiness(id: string, language: string) {
  return useQuery({
    queryKey: [...readinessKey(id), language],
    queryFn: ({ signal }) =>
      apiGet(`/suppliers/${encodeURIComponent(id)}/readiness?lang=${encodeURIComponent(language)}`, readinessSchema, {
        signal,
      }),
    staleTime: 0,
  });
}

// Document kinds (src/suppliers/documents.h); readiness and who may read
// depend on the kind.
export const DOCUMENT_KINDS = [
  'incorporation_certificate',
  'certificate',
  'reference_letter',
  'financial_statement',
  'women_owned_evidence',
  'ownership_structure',
  'translation',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const documentSchema = z.object({
  id: idSchema,
  supplier_id: idSchema.nullish(),
  kind: z.string(),
  filename: text,
  content_type: optionalText,
  size: z.number().nullish(),
  sha256: optionalText,
  uploaded_at: optionalText,
  valid_from: optionalText,
  valid_until: optionalText,
  expired: flag,
  fiscal_year: z.number().nullish(),
  audited: flag,
  language: optionalText,
  translation_of: idSchema.nullish(),
});
export type SupplierDocument = z.infer<typeof documentSchema>;

const documentListSchema = z.object({ items: z.array(documentSchema) }).transform((body) => body.items);

const documentsKey = (id: string) => ['suppliers', id, 'documents'] as const;

export function useDocuments(id: string) {
  return useQuery({
    queryKey: documentsKey(id),
    queryFn: ({ signal }) => apiGet(`/suppliers/${encodeURIComponent(id)}/documents`, documentListSchema, { signal }),
    staleTime: 0,
  });
}

// The multipart fields of POST /suppliers/{id}/documents besides the file.
export interface UploadRequest {
  kind: string;
  validUntil: string;
  language: string;
  fiscalYear: string;
  audited: boolean;
  translationOf: string;
  file: File;
}

export function uploadDocument(
  supplierId: string,
  { kind, validUntil, language, fiscalYear, audited, translationOf, file }: UploadRequest,
  onProgress: (fraction: number) => void,
): Promise<SupplierDocument> {
  const form = new FormData();
  form.append('kind', kind);
  if (validUntil) form.append('valid_until', validUntil);
  if (language) form.append('language', language);
  if (kind === 'financial_statement') {
    if (fiscalYear) form.append('fiscal_year', fiscalYear);
    form.append('audited', audited ? 'true' : 'false');
  }
  if (kind === 'translation' && translationOf) form.append('translation_of', translationOf);
  form.append('file', file, file.name);
  return apiUpload(`/suppliers/${encodeURIComponent(supplierId)}/documents`, form, documentSchema, { onProgress });
}

export function useInvalidateSupplier(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: documentsKey(id) }),
      queryClient.invalidateQueries({ queryKey: readinessKey(id) }),
    ]);
}

export const documentContentUrl = (documentId: string) => `/api/v1/documents/${encodeURIComponent(documentId)}/content`;

// POST /suppliers/{id}/review {action: "submit"}: the supplier asks the centre to review.
export function useSubmitForReview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', `/suppliers/${encodeURIComponent(id)}/review`, { action: 'submit' }, z.unknown()),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: readinessKey(id) }),
        queryClient.invalidateQueries({ queryKey: profileKey(id) }),
      ]),
  });
}

// POST /unspsc/suggestions (src/http/code_suggestion_routes.cc): UNSPSC codes the
// server's code predictor reads in a free-text description, best first per level,
// with titles in `lang`. 503 when the server has no trained model; 422 (field
// "/text") for a blank text or one over 5,000 bytes.
export const codeSuggestionSchema = z.object({ code: z.string(), title: text, probability: z.number() });
export type CodeSuggestion = z.infer<typeof codeSuggestionSchema>;
export const codeSuggestionsSchema = z.object({
  segments: list(codeSuggestionSchema),
  families: list(codeSuggestionSchema),
  classes: list(codeSuggestionSchema),
  // Codes whose titles the description names, in any language (probability: match strength).
  named: list(codeSuggestionSchema),
});
export type CodeSuggestions = z.infer<typeof codeSuggestionsSchema>;

export const SUGGESTION_COUNT = 5;

export function useCodeSuggestions() {
  return useMutation({
    mutationFn: ({ text: description, language }: { text: string; language: string }) =>
      apiSend('POST', '/unspsc/suggestions', { text: description, top: SUGGESTION_COUNT, lang: language }, codeSuggestionsSchema),
  });
}
