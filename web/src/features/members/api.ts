import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '@/lib/api-client';
import { idSchema, type Role, SESSION_QUERY_KEY, type Session } from '@/lib/auth';

// An organisation's members, invitations and role changes (docs/accounts.md):
// GET /organisations/{id}/members, POST /organisations/{id}/invitations,
// POST /organisations/{id}/members/{user}/roles, and membership management:
// DELETE /organisations/{id}/invitations/{invitation}, DELETE
// /organisations/{id}/members/{user} (remove, or leave when it is oneself) and
// POST /organisations/{id}/owner (the step-up they may ask for is
// @/lib/reauthenticate).

const optionalText = z.string().nullish().transform((value) => value ?? undefined);
const roleList = z.array(z.string()).nullish().transform((value) => value ?? []);

// As src/http/auth_routes.cc ListMembers sends them.
export const memberSchema = z.object({
  user_id: idSchema,
  display_name: z.string().nullish().transform((value) => value ?? ''),
  email: z.string(),
  owner: z.boolean().nullish().transform((value) => value ?? false),
  roles: roleList,
  mfa_enrolled: z.boolean().nullish().transform((value) => value ?? false),
  email_verified: z.boolean().nullish().transform((value) => value ?? false),
  created_at: optionalText,
});
export type Member = z.infer<typeof memberSchema>;

export const invitationSchema = z.object({
  id: idSchema,
  email: z.string(),
  roles: roleList,
  invited_by: idSchema.nullish(),
  created_at: optionalText,
  expires_at: optionalText,
});
export type Invitation = z.infer<typeof invitationSchema>;

export const organisationMembersSchema = z.object({
  organisation: z.object({ id: idSchema, name: z.string(), kind: z.string(), country: optionalText }),
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
});
export type OrganisationMembers = z.infer<typeof organisationMembersSchema>;

// The roles an organisation of each kind can hold (src/auth/auth_service_admin.cc
// RoleFitsKind). Only an administrator may grant `administrator`.
const ROLES_BY_KIND: Record<string, readonly Role[]> = {
  supplier: ['supplier_user'],
  agency: ['agency_officer', 'committee_member', 'evaluator'],
  centre: ['committee_member', 'evaluator', 'centre_staff', 'administrator'],
};

export function grantableRoles(kind: string, actorIsAdministrator: boolean): Role[] {
  return (ROLES_BY_KIND[kind] ?? []).filter((role) => role !== 'administrator' || actorIsAdministrator);
}

// The organisations whose members the user may manage: those it owns, and with
// the administrator role, every one it belongs to (the server checks again).
export function managedOrganisations(session: Session | undefined) {
  const administrator = !!session?.memberships.some((m) => m.roles.includes('administrator'));
  return session?.memberships.filter((m) => m.owner || administrator) ?? [];
}

const membersKey = (organisationId: string) => ['organisations', organisationId, 'members'] as const;

export function useOrganisationMembers(organisationId: string) {
  return useQuery({
    queryKey: membersKey(organisationId),
    queryFn: ({ signal }) =>
      apiGet(`/organisations/${encodeURIComponent(organisationId)}/members`, organisationMembersSchema, { signal }),
    staleTime: 0,
    retry: false,
  });
}

export function useInviteMember(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { email: string; roles: string[] }) =>
      apiSend('POST', `/organisations/${encodeURIComponent(organisationId)}/invitations`, request, z.object({ id: idSchema })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(organisationId) }),
  });
}

export function useSetMemberRoles(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, roles }: { userId: string; roles: string[] }) =>
      apiSend(
        'POST',
        `/organisations/${encodeURIComponent(organisationId)}/members/${encodeURIComponent(userId)}/roles`,
        { roles },
        z.object({ roles: roleList }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: membersKey(organisationId) });
      // The user may have changed its own roles: the navigation follows the session.
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });
}

const organisationPath = (organisationId: string) => `/organisations/${encodeURIComponent(organisationId)}`;

export function useRevokeInvitation(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiSend('DELETE', `${organisationPath(organisationId)}/invitations/${encodeURIComponent(invitationId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(organisationId) }),
  });
}

// Removes a member, or, for the signed-in user's own id, leaves the organisation.
// The session follows: a user who left has one membership fewer.
export function useRemoveMember(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiSend('DELETE', `${organisationPath(organisationId)}/members/${encodeURIComponent(userId)}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: membersKey(organisationId) });
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });
}

export function useTransferOwnership(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // The server takes the id as a JSON integer.
    mutationFn: (userId: string) =>
      apiSend('POST', `${organisationPath(organisationId)}/owner`, { user_id: Number(userId) }, z.object({ owner: idSchema })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: membersKey(organisationId) });
      // The signed-in owner may have handed ownership away: what it manages changes.
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });
}
