import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';
import { idSchema, SESSION_QUERY_KEY } from '@/lib/auth';

// Account settings calls of docs/accounts.md: TOTP enrolment and API tokens.

export const totpSetupSchema = z.object({ secret: z.string(), otpauth_uri: z.string() });
export type TotpSetup = z.infer<typeof totpSetupSchema>;

export function useTotpSetup() {
  return useMutation({ mutationFn: () => apiSend('POST', '/auth/totp/setup', undefined, totpSetupSchema) });
}

export function useTotpConfirm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => apiSend('POST', '/auth/totp/confirm', { code }),
    // The session is now MFA-verified: pages behind the second factor open.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY }),
  });
}

// The scopes a token may be given (src/auth/policy.cc KnownScopes). A scope
// only narrows: the token still acts with its owner's roles.
export const TOKEN_SCOPES = [
  'notices:read',
  'profile:read',
  'profile:write',
  'documents:read',
  'documents:write',
  'directory:read',
  'sanctions:read',
] as const;

const optionalText = z.string().nullish().transform((value) => value ?? undefined);

// GET /auth/tokens items (src/http/auth_routes.cc ListApiTokens); `prefix`
// is the token's first characters, enough to recognise it, never to use it.
export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  prefix: optionalText,
  scopes: z.array(z.string()).nullish().transform((value) => value ?? []),
  created_at: optionalText,
  last_used_at: optionalText,
  revoked_at: optionalText,
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

const tokenListSchema = z.object({ items: z.array(apiTokenSchema) }).transform((body) => body.items);

export const createdTokenSchema = z.object({ id: idSchema, token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

const TOKENS_KEY = ['auth', 'tokens'] as const;

export function useApiTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: ({ signal }) => apiGet('/auth/tokens', tokenListSchema, { signal }),
    staleTime: 0,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { name: string; scopes: string[] }) =>
      apiSend('POST', '/auth/tokens', request, createdTokenSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiSend('DELETE', `/auth/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
