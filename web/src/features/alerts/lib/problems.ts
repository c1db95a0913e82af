import { ApiError, normaliseFieldPath } from '@/lib/api-client';

// The fields a refusal names, keyed by the top-level field of the request body
// ("countries[1]" -> "countries"), with the server's message. docs/alerts.md lists them in
// `errors[].field`; the other routes send one top-level `field`: both are read.
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.problem) return {};
  const out: Record<string, string> = {};
  const add = (field: unknown, message: unknown) => {
    if (typeof field !== 'string' || field === '') return;
    const root = normaliseFieldPath(field).split('.')[0]!;
    if (!out[root]) out[root] = typeof message === 'string' && message ? message : (error.detail ?? error.message);
  };
  const errors = (error.problem as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const entry of errors) {
      if (entry && typeof entry === 'object') {
        const e = entry as Record<string, unknown>;
        add(e.field, e.detail ?? e.message ?? e.title);
      }
    }
  }
  add(error.problem.field, error.detail);
  return out;
}
