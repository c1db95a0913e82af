import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { z } from 'zod';
import { Loading } from '@/components/ui/loading';
import { apiGet, apiSend, setCsrfToken } from '@/lib/api-client';

// Who is signed in, from GET /api/v1/auth/session (docs/accounts.md):
// {user|null, memberships, mfa:{enrolled, verified}, csrf_token}. Every
// page reads it through useSession; the CSRF token it carries is handed to
// the API client for the next write.

// Ids are integers in the database; accept a string too so a change of
// representation on the server does not break the UI.
export const idSchema = z.union([z.number(), z.string()]).transform(String);

export const ROLES = [
  'supplier_user',
  'agency_officer',
  'committee_member',
  'evaluator',
  'centre_staff',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  display_name: z.string().nullish().transform((value) => value ?? ''),
  language: z.string().nullish(),
  email_verified: z.boolean().nullish(),
  mfa_enrolled: z.boolean().nullish(),
  created_at: z.string().nullish(),
});
export type User = z.infer<typeof userSchema>;

// GET /auth/session memberships (src/http/auth_routes.cc GetSession).
export const membershipSchema = z
  .object({
    organisation_id: idSchema,
    organisation_name: z.string().nullish(),
    kind: z.string(),
    owner: z.boolean().nullish().transform((value) => value ?? false),
    roles: z.array(z.string()).nullish().transform((value) => value ?? []),
  })
  .transform((m) => ({
    organisation: m.organisation_id,
    name: m.organisation_name ?? undefined,
    kind: m.kind,
    owner: m.owner,
    roles: m.roles,
  }));
export type Membership = z.infer<typeof membershipSchema>;

export const sessionSchema = z.object({
  user: userSchema.nullable(),
  memberships: z.array(membershipSchema).nullish().transform((value) => value ?? []),
  mfa: z
    .object({ enrolled: z.boolean(), verified: z.boolean() })
    .nullish()
    .transform((value) => value ?? { enrolled: false, verified: false }),
  csrf_token: z.string().nullish(),
});
export type Session = z.infer<typeof sessionSchema>;

export const SESSION_QUERY_KEY = ['auth', 'session'] as const;

export async function getSession(signal?: AbortSignal): Promise<Session> {
  const session = await apiGet('/auth/session', sessionSchema, { signal });
  setCsrfToken(session.csrf_token);
  return session;
}

export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: ({ signal }) => getSession(signal),
    // The session can end on the server (idle limit): check again when the
    // user comes back, but not on every render.
    staleTime: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function hasRole(session: Session | undefined, roles: readonly Role[]): boolean {
  return !!session?.memberships.some((m) => m.roles.some((role) => (roles as readonly string[]).includes(role)));
}

// Every role but supplier_user needs a second factor (AS-06): a page open to
// `roles` works without one only through a supplier_user membership.
export function usableWithoutMfa(session: Session, roles: readonly Role[]): boolean {
  return roles.includes('supplier_user') && hasRole(session, ['supplier_user']);
}

// The supplier organisations the user works for (a supplier's id is its
// organisation's id).
export function supplierMemberships(session: Session | undefined): Membership[] {
  return session?.memberships.filter((m) => m.kind === 'supplier' && m.roles.includes('supplier_user')) ?? [];
}

export const OFFICER_OR_STAFF: readonly Role[] = ['agency_officer', 'centre_staff', 'administrator'];
export const STAFF: readonly Role[] = ['centre_staff', 'administrator'];
// The sanctions review is centre staff's alone (src/http/routes.cc).
export const SCREENING_STAFF: readonly Role[] = ['centre_staff'];

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', '/auth/logout'),
    onSettled: async () => {
      setCsrfToken(undefined);
      // Nothing fetched for the old user may be shown to the next one.
      queryClient.removeQueries();
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });
}

// A `next` target after log-in: a path on this site only, never another origin.
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

// Shows `children` only to a signed-in user holding one of `roles` (any
// signed-in user when omitted). The server checks again on every request;
// this only spares the user a page of refusals.
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  const data = session.data;
  if (!data?.user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (roles && !hasRole(data, roles)) {
    return (
      <div className="page">
        <h1 className="page__title">{t('auth.guard.forbiddenTitle')}</h1>
        <p>{t('auth.guard.forbiddenBody')}</p>
      </div>
    );
  }
  if (roles && !data.mfa.verified && !usableWithoutMfa(data, roles)) {
    return (
      <div className="page">
        <h1 className="page__title">{t('auth.guard.mfaTitle')}</h1>
        <p>{t('auth.guard.mfaBody')}</p>
        <p>
          <Link to="/settings">{t('auth.guard.mfaLink')}</Link>
        </p>
      </div>
    );
  }
  return <>{children}</>;
}
