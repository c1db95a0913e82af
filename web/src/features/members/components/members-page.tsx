import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { formatDate, formatDateTime, parseInstant } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import {
  grantableRoles,
  type Invitation,
  managedOrganisations,
  type OrganisationMembers,
  useOrganisationMembers,
  useRemoveMember,
  useRevokeInvitation,
} from '../api';
import { ConfirmAction } from './confirm-action';
import { InviteForm } from './invite-form';
import { MemberRow } from './member-row';
import { RoleBadges } from './role-badges';

export function MembersRoute() {
  const { id = '' } = useParams();
  return <MembersPage organisationId={id} />;
}

// An organisation's people for its owners and administrators: the members
// with their roles (changed in place), pending invitations, and a form to
// invite someone. Anyone else gets the server's 404, shown as "not found".
export function MembersPage({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  usePageTitle('members.title');
  const session = useSession();
  const listing = useOrganisationMembers(organisationId);
  const managed = managedOrganisations(session.data);
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">
          {listing.data ? t('members.titleOf', { name: listing.data.organisation.name }) : t('members.title')}
        </h1>
        <p className="page__lead muted">{t('members.lead')}</p>
      </header>
      {managed.length > 1 ? (
        <nav aria-label={t('members.organisations')} className="members-switcher">
          <ul className="chips">
            {managed.map((m) => (
              <li key={m.organisation}>
                <NavLink to={`/organisations/${encodeURIComponent(m.organisation)}/members`} className="chip">
                  <span dir="auto">{m.name ?? m.organisation}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {listing.isPending ? <Loading /> : null}
      {listing.isError ? (
        <ListingError organisationId={organisationId} error={listing.error} onRetry={() => void listing.refetch()} />
      ) : null}
      {/* After a failed refetch (the user just handed ownership on) the old list must go. */}
      {listing.data && !listing.isError ? <MembersBody organisationId={organisationId} listing={listing.data} /> : null}
    </div>
  );
}

function ListingError({ organisationId, error, onRetry }: { organisationId: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  // 404 is the server's answer both for a missing organisation and for one the
  // user may not manage (no existence oracle); say both. A plain member (or an
  // owner who handed ownership on) may still leave it from here.
  if (error instanceof ApiError && error.status === 404) {
    const membership = session.data?.memberships.find((m) => m.organisation === organisationId);
    if (membership) return <MemberOnly organisationId={organisationId} name={membership.name ?? organisationId} />;
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__title">{t('members.notFound')}</p>
        <p>{t('members.notFoundBody')}</p>
      </div>
    );
  }
  return <ErrorMessage error={error} onRetry={onRetry} />;
}

function MemberOnly({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const leave = useRemoveMember(organisationId);
  const [confirming, setConfirming] = useState(false);
  const me = session.data?.user?.id;
  return (
    <section className="panel stack" aria-labelledby="members-member-only-title">
      <h2 id="members-member-only-title" className="panel__title">
        <span dir="auto">{name}</span>
      </h2>
      <p>{t('members.memberOnly.body')}</p>
      <div className="form__actions">
        <button type="button" className="button button--secondary button--danger" onClick={() => setConfirming(true)}>
          {t('members.leave')}
        </button>
      </div>
      {confirming && me ? (
        <ConfirmAction
          title={t('members.confirmLeave.title', { organisation: name })}
          confirmLabel={t('members.confirmLeave.confirm')}
          onConfirm={() => leave.mutate(me, { onSuccess: () => void navigate('/') })}
          onClose={() => setConfirming(false)}
          pending={leave.isPending}
          error={leave.error}
          testId="members-confirm-leave"
        >
          <p>{t('members.confirmLeave.body', { organisation: name })}</p>
        </ConfirmAction>
      ) : null}
    </section>
  );
}

function MembersBody({ organisationId, listing }: { organisationId: string; listing: OrganisationMembers }) {
  const { t } = useTranslation();
  const session = useSession();
  const administrator = !!session.data?.memberships.some((m) => m.roles.includes('administrator'));
  const roles = grantableRoles(listing.organisation.kind, administrator);
  const me = session.data?.user?.id;
  return (
    <div className="stack stack--wide">
      <section className="panel stack" aria-labelledby="members-list-title">
        <h2 id="members-list-title" className="panel__title">
          {t('members.list.title', { count: listing.members.length })}
        </h2>
        {listing.members.length === 0 ? <p>{t('members.list.none')}</p> : null}
        {listing.members.length > 0 ? (
          <div className="table-scroll">
            <table className="table members-table">
              <caption className="visually-hidden">{t('members.list.title', { count: listing.members.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('members.list.name')}</th>
                  <th scope="col">{t('members.list.email')}</th>
                  <th scope="col">{t('members.list.roles')}</th>
                  <th scope="col">{t('members.list.mfa')}</th>
                  <th scope="col">{t('members.list.since')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('members.list.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {listing.members.map((member) => (
                  <MemberRow
                    key={member.user_id}
                    organisationId={organisationId}
                    organisationName={listing.organisation.name}
                    member={member}
                    grantable={roles}
                    isSelf={member.user_id === me}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <InvitationsSection organisationId={organisationId} invitations={listing.invitations} />
      <InviteForm organisationId={organisationId} grantable={roles} />
    </div>
  );
}

function InvitationsSection({ organisationId, invitations }: { organisationId: string; invitations: Invitation[] }) {
  const { t, i18n } = useTranslation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  return (
    <section className="panel stack" aria-labelledby="members-invitations-title">
      <h2 id="members-invitations-title" className="panel__title">
        {t('members.invitations.title')}
      </h2>
      {invitations.length === 0 ? <p className="muted">{t('members.invitations.none')}</p> : null}
      {invitations.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('members.invitations.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.list.email')}</th>
                <th scope="col">{t('members.list.roles')}</th>
                <th scope="col">{t('members.invitations.sent')}</th>
                <th scope="col">{t('members.invitations.expires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('members.list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => {
                const sent = parseInstant(invitation.created_at);
                const expires = parseInstant(invitation.expires_at);
                return (
                  <tr key={invitation.id}>
                    <td dir="ltr" className="members-email">
                      {invitation.email}
                    </td>
                    <td>
                      <RoleBadges roles={invitation.roles} />
                    </td>
                    <td>{sent ? formatDate(sent, i18n.language) : '—'}</td>
                    <td>{expires ? formatDateTime(expires, i18n.language) : '—'}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--danger button--small"
                        aria-label={t('members.revokeOf', { email: invitation.email })}
                        onClick={() => setRevoking(invitation)}
                      >
                        {t('members.revoke')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {revoking ? (
        <RevokeDialog organisationId={organisationId} invitation={revoking} onClose={() => setRevoking(null)} />
      ) : null}
    </section>
  );
}

function RevokeDialog({
  organisationId,
  invitation,
  onClose,
}: {
  organisationId: string;
  invitation: Invitation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeInvitation(organisationId);
  return (
    <ConfirmAction
      title={t('members.confirmRevoke.title')}
      confirmLabel={t('members.confirmRevoke.confirm')}
      onConfirm={() => revoke.mutate(invitation.id, { onSuccess: onClose })}
      onClose={onClose}
      pending={revoke.isPending}
      error={revoke.error}
      testId="members-confirm-revoke"
    >
      <p>
        {t('members.confirmRevoke.body')} <bdi dir="ltr">{invitation.email}</bdi>
      </p>
    </ConfirmAction>
  );
}
