import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiSend, setCsrfToken } from '@/lib/api-client';
import { SESSION_QUERY_KEY, userSchema } from '@/lib/auth';

// The public auth calls of docs/accounts.md. Tokens from e-mailed links go in
// request bodies, never in URLs (AS-37).

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// Characters as the server counts them: code points, so an emoji is one.
export const passwordLength = (password: string) => [...password].length;

export interface SignupRequest {
  email: string;
  password: string;
  display_name: string;
  language: string;
  company: { name: string; country: string };
}

export function useSignup() {
  return useMutation({ mutationFn: (request: SignupRequest) => apiSend('POST', '/auth/signup', request) });
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: (token: string) => apiSend('POST', '/auth/verify-email', { token }) });
}

export const loginResponseSchema = z.object({ user: userSchema, csrf_token: z.string() });

export interface LoginRequest {
  email: string;
  password: string;
  totp?: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: LoginRequest) => apiSend('POST', '/auth/login', request, loginResponseSchema),
    onSuccess: async (answer) => {
      // A new session: its token replaces the anonymous one at once.
      setCsrfToken(answer.csrf_token);
      queryClient.removeQueries();
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });
}

export function usePasswordResetRequest() {
  return useMutation({ mutationFn: (email: string) => apiSend('POST', '/auth/password-reset', { email }) });
}

export function usePasswordResetConfirm() {
  return useMutation({
    mutationFn: (request: { token: string; password: string }) =>
      apiSend('POST', '/auth/password-reset/confirm', request),
  });
}

export interface AcceptInvitationRequest {
  token: string;
  password?: string;
  display_name?: string;
  language?: string;
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AcceptInvitationRequest) => apiSend('POST', '/auth/invitations/accept', request),
    // The new membership shows in the session.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY }),
  });
}
