import { vi } from 'vitest';

// A stand-in for the server that records whole requests (method, headers,
// body), for pages that write. Handlers are matched in order on method and
// path; the first that answers wins.

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export interface MockAnswer {
  status?: number;
  body?: unknown;
}

export type Handler = (request: RecordedRequest) => MockAnswer | undefined;

export function on(
  method: string,
  pathname: string,
  respond: (request: RecordedRequest) => MockAnswer | undefined,
): Handler {
  return (request) => (request.method === method && request.url.pathname === pathname ? respond(request) : undefined);
}

export const SESSION_TOKEN = 'csrf-token-1';

export interface SessionOptions {
  user?: { id: number; email: string; display_name: string } | null;
  // As GET /auth/session sends them (src/http/auth_routes.cc).
  memberships?: { organisation_id: number; organisation_name: string; kind: string; owner: boolean; roles: string[] }[];
  mfa?: { enrolled: boolean; verified: boolean };
}

export function sessionBody({ user = null, memberships = [], mfa = { enrolled: false, verified: false } }: SessionOptions = {}) {
  return { user, memberships, mfa, csrf_token: SESSION_TOKEN };
}

export const SUPPLIER_USER: SessionOptions = {
  user: { id: 7, email: 'amina@example.com', display_name: 'Amina Yusuf' },
  memberships: [{ organisation_id: 42, organisation_name: 'Sahel Energy', kind: 'supplier', owner: true, roles: ['supplier_user'] }],
};

export const CENTRE_STAFF: SessionOptions = {
  user: { id: 9, email: 'li@centre.example', display_name: 'Li Wei' },
  memberships: [{ organisation_id: 1, organisation_name: 'Service centre', kind: 'centre', owner: false, roles: ['centre_staff'] }],
  mfa: { enrolled: true, verified: true },
};

export function session(options: SessionOptions = {}): Handler {
  return on('GET', '/api/v1/auth/session', () => ({ body: sessionBody(options) }));
}

export function mockApi(...handlers: Handler[]) {
  const requests: RecordedRequest[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    let body: unknown = init.body ?? undefined;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // not JSON: keep the text
      }
    }
    const request = { method, url, headers, body };
    requests.push(request);
    for (const handler of handlers) {
      const answer = handler(request);
      if (!answer) continue;
      const status = answer.status ?? 200;
      if (status === 204) return new Response(null, { status });
      return new Response(JSON.stringify(answer.body ?? {}), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    }
    return new Response(JSON.stringify({ status: 404, code: 'not_found', detail: `no mock for ${method} ${url.pathname}` }), {
      status: 404,
      headers: { 'Content-Type': 'application/problem+json' },
    });
  });
  vi.stubGlobal('fetch', fn);
  const writes = () => requests.filter((r) => r.method !== 'GET');
  return { fn, requests, writes };
}

export function problem(status: number, code: string, detail: string, field?: string): MockAnswer {
  return { status, body: { status, code, detail, title: code, ...(field ? { field } : {}) } };
}

// XMLHttpRequest for uploads: each `send` is held until the test drives its
// progress and answers it.
export class FakeXhr {
  static instances: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | undefined;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.instances.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }

  static install() {
    FakeXhr.instances = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  }
}
