import { useMutation } from '@tanstack/react-query';
import { apiSend } from '@/lib/api-client';

// POST /auth/reauthenticate {password, totp?} (docs/accounts.md, AS-12): the
// "step-up" a sensitive action asks for when the server answers 403
// reauthentication_required. 204 on success; 401 invalid_credentials,
// totp_invalid or totp_required, 429 when rate limited.
export interface ReauthenticateRequest {
  password: string;
  totp?: string;
}

export function useReauthenticate() {
  return useMutation({
    mutationFn: (request: ReauthenticateRequest) => apiSend('POST', '/auth/reauthenticate', request),
  });
}
