import { vi } from 'vitest';

// A stand-in for the server: routes are matched on the path (and query) of
// each request; every call is recorded for assertions.

export interface MockResponse {
  status?: number;
  body: unknown;
  contentType?: string;
}

export type Route = (url: URL) => MockResponse | undefined;

export function mockFetch(...routes: Route[]) {
  const calls: URL[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    calls.push(url);
    for (const route of routes) {
      const answer = route(url);
      if (answer) {
        const status = answer.status ?? 200;
        return new Response(JSON.stringify(answer.body), {
          status,
          headers: {
            'Content-Type':
              answer.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json'),
          },
        });
      }
    }
    return new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: `no mock for ${url.pathname}` }), {
      status: 404,
      headers: { 'Content-Type': 'application/problem+json' },
    });
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}

export const path =
  (pathname: string, respond: (url: URL) => MockResponse): Route =>
  (url) =>
    url.pathname === pathname ? respond(url) : undefined;
