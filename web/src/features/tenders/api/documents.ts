import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, apiUpload } from '@/lib/api-client';

// Uploaded tender documents (src/http/tender_document_routes.cc; docs/tendering.md, "Tender
// documents"): one document with every uploaded version, and the server's upload limits.

export const TENDER_DOCUMENT_KINDS = [
  'technical_specification',
  'terms_of_reference',
  'form',
  'bill_of_quantities',
  'contract_draft',
  'other',
] as const;
export type TenderDocumentKind = (typeof TENDER_DOCUMENT_KINDS)[number];

export const documentFileSchema = z.object({
  version: z.number(),
  filename: z.string(),
  format: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploaded_at: z.string(),
  url: z.string(),
});
export type DocumentFile = z.infer<typeof documentFileSchema>;

export const tenderDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string().nullable(),
  document_type: z.string(),
  language: z.string().nullable(),
  uploaded: z.boolean(),
  url: z.string(),
  current: documentFileSchema.nullable(),
  files: z.array(documentFileSchema),
});
export type UploadedDocument = z.infer<typeof tenderDocumentSchema>;

const listSchema = z.object({
  items: z.array(tenderDocumentSchema),
  state: z.string(),
  limits: z.object({ max_file_bytes: z.number(), max_documents: z.number(), formats: z.array(z.string()) }),
});
export type TenderDocumentList = z.infer<typeof listSchema>;

const uploadedSchema = tenderDocumentSchema.extend({ tender_version: z.number() });

const enc = encodeURIComponent;

export const tenderDocumentKeys = { list: (ocid: string) => ['tender-documents', ocid] as const };

export function useTenderDocuments(ocid: string) {
  return useQuery({
    queryKey: tenderDocumentKeys.list(ocid),
    queryFn: ({ signal }) => apiGet(`/tenders/${enc(ocid)}/documents`, listSchema, { signal }),
  });
}

export interface DocumentUpload {
  file: File;
  kind: string;
  title?: string;
  documentId?: string; // a new version of this document
  rationale?: string; // required once the tender is published
}

// POST /tenders/{ocid}/documents as multipart/form-data, with upload progress (0..1).
export function uploadTenderDocument(ocid: string, upload: DocumentUpload, onProgress?: (fraction: number) => void) {
  const form = new FormData();
  if (upload.kind) form.append('kind', upload.kind);
  if (upload.title) form.append('title', upload.title);
  if (upload.documentId) form.append('document_id', upload.documentId);
  if (upload.rationale) form.append('rationale', upload.rationale);
  form.append('file', upload.file, upload.file.name);
  return apiUpload(`/tenders/${enc(ocid)}/documents`, form, uploadedSchema, { onProgress });
}

// DELETE /tenders/{ocid}/documents/{id}: drafts only.
export function removeTenderDocument(ocid: string, id: string) {
  return apiSend('DELETE', `/tenders/${enc(ocid)}/documents/${enc(id)}`);
}

// "2.4 MB" in the reader's language (decimal units, as file managers show them).
export function formatFileSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
