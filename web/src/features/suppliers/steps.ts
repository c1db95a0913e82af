import type { EditableField, ProfileDraft } from './api';

// The wizard's steps, in order, with the profile fields each one edits. A
// server error or a readiness item names a field; this says where it lives.
export const STEPS = [
  {
    id: 'general',
    fields: ['legal_name', 'legal_name_latin', 'trading_names', 'registration_number', 'tax_number', 'year_established', 'website'],
  },
  { id: 'address', fields: ['address', 'city', 'postal_code', 'country', 'countries_of_operation'] },
  { id: 'contacts', fields: ['contacts'] },
  { id: 'codes', fields: ['unspsc_codes'] },
  { id: 'size', fields: ['employees', 'size', 'sme', 'women_owned', 'disability_inclusive'] },
  { id: 'certificates', fields: ['certificates'] },
  { id: 'sustainability', fields: ['un_global_compact', 'emissions_disclosure'] },
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

export interface StepProps {
  draft: ProfileDraft;
  update: <K extends keyof ProfileDraft>(field: K, value: ProfileDraft[K]) => void;
  // The server's message for a field path ("contacts.0.email"), if it refused it.
  errorFor: (path: string) => string | undefined;
  readOnly: boolean;
}
