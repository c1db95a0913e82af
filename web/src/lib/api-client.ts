import { z } from 'zod';

// The one way the UI talks to the server: GET /api/v1/... with JSON bodies
// checked against a zod schema, and RFC 9457 problem+json turned into an
// ApiError the components can show.

export const API_BASE = '/api/v1';

export const problemSchema = z
  .object({
    type: z.string().optional(),
    title: z.string().optional(),
    status: z.number().optional(),
    detail: z.string().optional(),
    code: z.string().optional(),
    field: z.string().optional(),
  })
  .passthrough();

export type Problem = z.infer<typeof problemSchema>;

// `kind` tells the UI which message to show when there is no server detail.
export type ApiErrorKind = 'http' | 'network' | 'invalid_response';

export class ApiError extends Error {
  readonly status: number;
  readonly kind: ApiErrorKind;
  readonly problem: Problem | undefined;

  constructor(kind: ApiErrorKind, status: number, message: string, problem?: Problem) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }

  // Text from the server meant for people (problem detail, else title).
  get detail(): string | undefined {
    return this.problem?.detail ?? this.problem?.title;
  }
}

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

// Builds `?a=1&b=x&b=y`; arrays become repeated parameters, empty values are dropped.
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) {
        if (item !== '') search.append(key, item);
      }
    } else {
      search.append(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  try {
    const body: unknown = await response.json();
    const parsed = problemSchema.safeParse(body);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function apiGet<S extends z.ZodType>(
  path: string,
  schema: S,
  options: { signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      headers: { Accept: 'application/json, application/problem+json' },
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network', 0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new ApiError('http', response.status, problem?.detail ?? response.statusText, problem);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('invalid_response', response.status, 'response is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError('invalid_response', response.status, parsed.error.message);
  }
  return parsed.data;
}
