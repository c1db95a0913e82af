import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiSend, ApiError, fieldErrorOf, normaliseFieldPath, setCsrfToken } from '@/lib/api-client';
import { mockApi, on, problem } from '@/testing/mock-api';

describe('apiSend', () => {
  it('fetches the CSRF token first when it has none, then sends it on the write', async () => {
    setCsrfToken(undefined);
    const api = mockApi(
      on('GET', '/api/v1/auth/session', () => ({ body: { user: null, csrf_token: 'from-session' } })),
      on('PUT', '/api/v1/things/1', () => ({ body: { ok: true } })),
    );
    const answer = await apiSend('PUT', '/things/1', { a: 1 }, z.object({ ok: z.boolean() }));
    expect(answer).toEqual({ ok: true });
    expect(api.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/v1/auth/session', 'PUT /api/v1/things/1']);
    expect(api.requests[1]?.headers.get('X-CSRF-Token')).toBe('from-session');
  });

  it('after a csrf refusal, takes the current token and tries once more', async () => {
    setCsrfToken('stale');
    let attempts = 0;
    const api = mockApi(
      on('GET', '/api/v1/auth/session', () => ({ body: { user: null, csrf_token: 'current' } })),
      on('DELETE', '/api/v1/things/1', (request) => {
        attempts += 1;
        return request.headers.get('X-CSRF-Token') === 'current' ? { status: 204 } : problem(403, 'csrf', 'bad token');
      }),
    );
    await expect(apiSend('DELETE', '/things/1')).resolves.toBeUndefined();
    expect(attempts).toBe(2);
    expect(api.writes().map((r) => r.headers.get('X-CSRF-Token'))).toEqual(['stale', 'current']);
  });

  it('does not retry other refusals, and carries the field of a 422', async () => {
    setCsrfToken('t');
    mockApi(on('POST', '/api/v1/x', () => problem(422, 'invalid_argument', 'bad e-mail', 'contacts[2].email')));
    const error = await apiSend('POST', '/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect(fieldErrorOf(error)).toEqual({ field: 'contacts.2.email', message: 'bad e-mail', code: 'invalid_argument' });
  });
});

describe('normaliseFieldPath', () => {
  it.each([
    ['company.name', 'company.name'],
    ['contacts[0].email', 'contacts.0.email'],
    ['/contacts/0/email', 'contacts.0.email'],
    ['legal_name', 'legal_name'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseFieldPath(input)).toBe(expected);
  });
});
