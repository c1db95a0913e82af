import { z } from 'zod';

// The one way the UI talks to the server: /api/v1/... with JSON bodies
// checked against a zod schema, and RFC 9457 problem+json turned into an
// ApiError the components can show. Requests that change state carry the
// session's CSRF token (AS-18) in `X-CSRF-Token`.

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

// ---------------------------------------------------------------- writes

export const CSRF_HEADER = 'X-CSRF-Token';

// The synchronizer token of the current session, from GET /auth/session or
// the log-in answer. Kept here rather than in React state so every request,
// from any component, sends the current one.
let csrfToken: string | undefined;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? undefined;
}

export function currentCsrfToken(): string | undefined {
  return csrfToken;
}

const csrfSchema = z.object({ csrf_token: z.string().nullish() }).passthrough();

async function refreshCsrfToken(): Promise<void> {
  const session = await apiGet('/auth/session', csrfSchema);
  setCsrfToken(session.csrf_token);
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  signal?: AbortSignal;
  // Extra request headers (If-Match); they cannot replace the CSRF header.
  headers?: Record<string, string>;
  // The body's media type when it is not plain JSON (application/merge-patch+json).
  contentType?: string;
}

async function send(method: WriteMethod, path: string, body: unknown, options: SendOptions): Promise<Response> {
  const { signal, contentType = 'application/json' } = options;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = contentType;
  try {
    return await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network', 0, error instanceof Error ? error.message : String(error));
  }
}

// POST/PUT/PATCH/DELETE with a JSON body. The answer is parsed with `schema`
// when there is one (and the server sent a body); 204 gives undefined. A
// refusal for a missing or stale CSRF token (the session changed in another
// tab, or this is the first write of the page) fetches the token and tries
// once more.
export async function apiSend<S extends z.ZodType>(
  method: WriteMethod,
  path: string,
  body: unknown,
  schema: S,
  options?: SendOptions,
): Promise<z.infer<S>>;
export async function apiSend(
  method: WriteMethod,
  path: string,
  body?: unknown,
  schema?: undefined,
  options?: SendOptions,
): Promise<undefined>;
export async function apiSend(
  method: WriteMethod,
  path: string,
  body?: unknown,
  schema?: z.ZodType,
  options: SendOptions = {},
): Promise<unknown> {
  if (!csrfToken) await refreshCsrfToken().catch(() => undefined);
  let response = await send(method, path, body, options);
  if (response.status === 403) {
    const problem = await readProblem(response.clone());
    if (problem?.code === 'csrf') {
      await refreshCsrfToken();
      response = await send(method, path, body, options);
    }
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new ApiError('http', response.status, problem?.detail ?? response.statusText, problem);
  }
  if (!schema || response.status === 204) return undefined;
  let parsedBody: unknown;
  try {
    parsedBody = await response.json();
  } catch {
    throw new ApiError('invalid_response', response.status, 'response is not JSON');
  }
  const parsed = schema.safeParse(parsedBody);
  if (!parsed.success) throw new ApiError('invalid_response', response.status, parsed.error.message);
  return parsed.data;
}

// A multipart upload with progress, which fetch cannot report: XMLHttpRequest
// and its upload events. `onProgress` gets a fraction from 0 to 1.
export async function apiUpload<S extends z.ZodType>(
  path: string,
  form: FormData,
  schema: S,
  { onProgress, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  if (!csrfToken) await refreshCsrfToken().catch(() => undefined);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (csrfToken) xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError('network', 0, 'upload failed'));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status < 200 || status >= 300) {
    const problem = problemSchema.safeParse(body);
    const detail = problem.success ? problem.data.detail : undefined;
    throw new ApiError('http', status, detail ?? `HTTP ${status}`, problem.success ? problem.data : undefined);
  }
  onProgress?.(1);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('invalid_response', status, parsed.error.message);
  return parsed.data;
}

// ---------------------------------------------------------------- field errors

// The server names one bad field per problem, as a path into the request body:
// "company.name", "contacts[1].email" or "/contacts/1/email". Forms key their
// inputs by the dotted form, "contacts.1.email".
export function normaliseFieldPath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^\.+|\.+$/g, '');
}

// The field a server refusal points at, with its message, or undefined when
// the error is not about one field.
export function fieldErrorOf(error: unknown): { field: string; message: string; code?: string } | undefined {
  if (!(error instanceof ApiError) || !error.problem?.field) return undefined;
  return {
    field: normaliseFieldPath(error.problem.field),
    message: error.detail ?? error.message,
    code: error.problem.code,
  };
}

export function problemCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.problem?.code : undefined;
}
