import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, apiUpload } from '@/lib/api-client';
import { idSchema } from '@/lib/auth';

// The supplier routes of docs/accounts.md. The JSON shapes are this UI's
// reading of issue #4 (the server's are being written at the same time):
// every assumption is in this file so it is the one place to adjust.

const text = z.string().nullish().transform((value) => value ?? '');
const optionalText = z.string().nullish().transform((value) => value ?? undefined);
const flag = z.boolean().nullish().transform((value) => value ?? false);
const count = z.number().nullish().transform((value) => value ?? null);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((value) => value ?? []);

export const contactSchema = z.object({ name: text, role: text, email: text, phone: text });
export type Contact = z.infer<typeof contactSchema>;
export const EMPTY_CONTACT: Contact = { name: '', role: '', email: '', phone: '' };

export const certificateSchema = z.object({ name: text, issuer: text, number: text, valid_until: text });
export type Certificate = z.infer<typeof certificateSchema>;
export const EMPTY_CERTIFICATE: Certificate = { name: '', issuer: '', number: '', valid_until: '' };

export const referenceSchema = z.object({ client: text, description: text, year: count, contact: text });
export type Reference = z.infer<typeof referenceSchema>;
export const EMPTY_REFERENCE: Reference = { client: '', description: '', year: null, contact: '' };

export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const;

// GET/PATCH /suppliers/{id}/profile. ASSUMED: flat top-level fields, so a
// PATCH names exactly the fields that changed and a refusal's `field` is
// "legal_name" or "contacts[0].email".
export const profileSchema = z.object({
  id: idSchema,
  status: z.string().nullish().transform((value) => value ?? 'draft'),
  legal_name: text,
  legal_name_latin: text,
  trading_names: list(z.string()),
  registration_number: text,
  tax_number: text,
  year_established: count,
  website: text,
  address: text,
  city: text,
  postal_code: text,
  country: text,
  countries_of_operation: list(z.string()),
  contacts: list(contactSchema),
  unspsc_codes: list(z.string()),
  employees: count,
  size: text,
  sme: flag,
  women_owned: flag,
  disability_inclusive: flag,
  certificates: list(certificateSchema),
  un_global_compact: flag,
  emissions_disclosure: flag,
  references: list(referenceSchema),
  code_of_conduct_accepted: flag,
  code_of_conduct_accepted_at: optionalText,
  updated_at: optionalText,
});
export type Profile = z.infer<typeof profileSchema>;

// What the supplier edits; the rest (id, status, times) is the server's.
export const EDITABLE_FIELDS = [
  'legal_name',
  'legal_name_latin',
  'trading_names',
  'registration_number',
  'tax_number',
  'year_established',
  'website',
  'address',
  'city',
  'postal_code',
  'country',
  'countries_of_operation',
  'contacts',
  'unspsc_codes',
  'employees',
  'size',
  'sme',
  'women_owned',
  'disability_inclusive',
  'certificates',
  'un_global_compact',
  'emissions_disclosure',
  'references',
  'code_of_conduct_accepted',
] as const satisfies readonly (keyof Profile)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type ProfileDraft = Pick<Profile, EditableField>;

export function draftOf(profile: Profile): ProfileDraft {
  return Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, profile[field]])) as ProfileDraft;
}

// An emptied text field is sent as null (unset), not "", so the server's
// checks of a value's form (a URL, a tax number) do not refuse a blank.
function wireValue(value: unknown): unknown {
  if (value === '') return null;
  // Blank lines of a list of names are not names.
  if (Array.isArray(value)) return value.filter((item) => item !== '').map(wireValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wireValue(item)]));
  }
  return value;
}

export function toPatchBody(patch: Partial<ProfileDraft>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, wireValue(value)]));
}

const profileKey = (id: string) => ['suppliers', id, 'profile'] as const;

export function useProfile(id: string) {
  return useQuery({
    queryKey: profileKey(id),
    queryFn: ({ signal }) => apiGet(`/suppliers/${encodeURIComponent(id)}/profile`, profileSchema, { signal }),
    // The wizard edits a local copy; refetching under it would fight the user.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function patchProfile(id: string, patch: Partial<ProfileDraft>): Promise<Profile> {
  return apiSend('PATCH', `/suppliers/${encodeURIComponent(id)}/profile`, toPatchBody(patch), profileSchema);
}

// GET /suppliers/{id}/readiness. ASSUMED: levels in order, each with its
// checklist; an item's `key` is an i18n key ("readiness.items.legal_name")
// saying what to do next, `field` the profile field it concerns (the UI
// links to the wizard step holding it), `document_kind` a document to upload.
export const readinessItemSchema = z.object({
  key: z.string(),
  done: z.boolean(),
  field: optionalText,
  step: optionalText,
  document_kind: optionalText,
  message: optionalText,
});
export type ReadinessItem = z.infer<typeof readinessItemSchema>;

export const readinessLevelSchema = z.object({
  level: z.union([z.number(), z.string()]),
  name: optionalText,
  complete: z.boolean().nullish(),
  items: list(readinessItemSchema),
});
export type ReadinessLevel = z.infer<typeof readinessLevelSchema>;

export const readinessSchema = z.object({
  level: z.union([z.number(), z.string()]).nullish(),
  status: optionalText,
  levels: list(readinessLevelSchema),
  can_submit: z.boolean().nullish(),
});
export type Readiness = z.infer<typeof readinessSchema>;

const readinessKey = (id: string) => ['suppliers', id, 'readiness'] as const;

export function useReadiness(id: string) {
  return useQuery({
    queryKey: readinessKey(id),
    queryFn: ({ signal }) => apiGet(`/suppliers/${encodeURIComponent(id)}/readiness`, readinessSchema, { signal }),
    staleTime: 0,
  });
}

// Documents. ASSUMED kinds; the server's list is the authority (415 or 422 on
// a kind it does not know).
export const DOCUMENT_KINDS = [
  'registration_certificate',
  'tax_certificate',
  'financial_statement',
  'quality_certificate',
  'insurance',
  'code_of_conduct',
  'other',
] as const;

export const documentSchema = z.object({
  id: idSchema,
  kind: z.string(),
  filename: z.string().nullish(),
  name: z.string().nullish(),
  content_type: optionalText,
  size: z.number().nullish(),
  valid_until: optionalText,
  uploaded_at: optionalText,
});
export type SupplierDocument = z.infer<typeof documentSchema>;

const documentListSchema = z
  .union([z.object({ items: z.array(documentSchema) }), z.array(documentSchema)])
  .transform((body) => (Array.isArray(body) ? body : body.items));

const documentsKey = (id: string) => ['suppliers', id, 'documents'] as const;

export function useDocuments(id: string) {
  return useQuery({
    queryKey: documentsKey(id),
    queryFn: ({ signal }) => apiGet(`/suppliers/${encodeURIComponent(id)}/documents`, documentListSchema, { signal }),
    staleTime: 0,
  });
}

export interface UploadRequest {
  kind: string;
  validUntil: string;
  file: File;
}

export function uploadDocument(
  supplierId: string,
  { kind, validUntil, file }: UploadRequest,
  onProgress: (fraction: number) => void,
): Promise<SupplierDocument> {
  const form = new FormData();
  form.append('kind', kind);
  if (validUntil) form.append('valid_until', validUntil);
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
