import type { EditableField, ProfileDraft } from './api';

// The wizard's steps, in order, with the profile fields each one edits. A
// server error or a readiness item names a field; this says where it lives.
// The first five steps hold everything UNGM's Basic level asks for.
export const STEPS = [
  {
    id: 'general',
    fields: ['legal_name', 'legal_name_latin', 'trading_names', 'registration_numbers', 'tax_numbers', 'year_established', 'website'],
  },
  { id: 'address', fields: ['address', 'countries_of_operation'] },
  { id: 'contacts', fields: ['contacts'] },
  { id: 'codes', fields: ['unspsc_codes'] },
  { id: 'size', fields: ['party_scale', 'sme', 'women_owned', 'disability_inclusive', 'owners'] },
  { id: 'certificates', fields: ['certificates'] },
  { id: 'sustainability', fields: ['sustainability'] },
  { id: 'references', fields: ['references'] },
  { id: 'conduct', fields: ['code_of_conduct_accepted'] },
] as const satisfies readonly { id: string; fields: readonly EditableField[] }[];

export type StepId = (typeof STEPS)[number]['id'];

export function isStepId(value: unknown): value is StepId {
  return STEPS.some((step) => step.id === value);
}

// "contacts.1.email" -> "contacts"
export function stepOfField(field: string): StepId | undefined {
  const top = field.split('.')[0];
  return STEPS.find((step) => (step.fields as readonly string[]).includes(top ?? ''))?.id;
}

// Where a readiness checklist item (its stable id, src/suppliers/readiness.cc)
// is put right: a wizard step, or a document of some kind to upload.
export function targetOfReadinessItem(itemId: string, nextKey?: string): { step: StepId } | { documentKind: string } | undefined {
  switch (itemId) {
    case 'general_information':
    case 'years_in_business':
      return { step: 'general' };
    case 'address':
    case 'countries':
      return { step: 'address' };
    case 'contacts':
      return { step: 'contacts' };
    case 'codes':
      return { step: 'codes' };
    case 'code_of_conduct':
      return { step: 'conduct' };
    case 'references':
      return { step: 'references' };
    case 'ownership_structure':
      return { step: 'size' };
    case 'incorporation_certificate':
      return { documentKind: nextKey === 'readiness.incorporation_translation' ? 'translation' : 'incorporation_certificate' };
    case 'reference_letters':
      return { documentKind: 'reference_letter' };
    case 'financial_statements':
      return { documentKind: 'financial_statement' };
    default:
      return undefined;
  }
}

export interface StepProps {
  draft: ProfileDraft;
  update: <K extends keyof ProfileDraft>(field: K, value: ProfileDraft[K]) => void;
  // The server's message for a field path ("contacts.0.email"), if it refused it.
  errorFor: (path: string) => string | undefined;
  readOnly: boolean;
}
