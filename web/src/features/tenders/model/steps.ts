import type { DraftField } from './draft';

// The builder's steps in order, with the fields each edits. A server refusal names a field
// ("items/2/unspsc", "opening/1"); this says which step shows it.
export const BUILDER_STEPS = [
  { id: 'basics', fields: ['reference', 'title', 'description', 'language', 'method', 'main_category', 'countries', 'currency', 'estimated_value'] },
  { id: 'items', fields: ['lots', 'items'] },
  { id: 'documents', fields: ['documents'] },
  { id: 'deadline', fields: ['time_zone', 'deadline'] },
  { id: 'evaluation', fields: ['envelope_mode', 'evaluation'] },
  { id: 'eligibility', fields: ['eligibility', 'bid_security'] },
  { id: 'committee', fields: ['opening', 'evaluators', 'threshold', 'opening_threshold', 'committee', 'keys'] },
  { id: 'review', fields: [] },
] as const satisfies readonly { id: string; fields: readonly (DraftField | string)[] }[];

export type BuilderStepId = (typeof BUILDER_STEPS)[number]['id'];

export function isBuilderStep(value: unknown): value is BuilderStepId {
  return BUILDER_STEPS.some((step) => step.id === value);
}

// "items.2.unspsc" -> "items"; an unknown field -> undefined.
export function stepOfField(field: string): BuilderStepId | undefined {
  const top = field.split('.')[0] ?? '';
  return BUILDER_STEPS.find((step) => (step.fields as readonly string[]).includes(top))?.id;
}
