import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { StepUpForm } from '@/components/forms/step-up-form';
import { fieldErrorOf, problemCode } from '@/lib/api-client';
import type { Role } from '@/lib/auth';
import { formatDate, parseInstant } from '@/lib/format';
import { type Member, useRemoveMember, useSetMemberRoles, useTransferOwnership } from '../api';
import { ConfirmAction } from './confirm-action';
import { RoleBadges } from './role-badges';

type MemberAction = 'remove' | 'owner' | 'leave';

// One member: name, e-mail, roles, second factor, since when; "Change roles"
// opens the role checkboxes in a row below; "Make owner", "Remove" and, on
// one's own row, "Leave organisation" ask for confirmation first.
export function MemberRow({
  organisationId,
  organisationName,
  member,
  grantable,
  isSelf,
}: {
  organisationId: string;
  organisationName: string;
  member: Member;
  grantable: Role[];
  isSelf: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<MemberAction | null>(null);
  const since = parseInstant(member.created_at);
  const editorId = `member-roles-${member.user_id}`;
  const name = member.display_name || member.email;
  return (
    <>
      <tr>
        <td>
          <span dir="auto">{member.display_name || member.email}</span>
          {member.owner ? <span className="badge badge--ok members-flag">{t('members.owner')}</span> : null}
          {isSelf ? <span className="muted members-flag">{t('members.you')}</span> : null}
        </td>
        <td dir="ltr" className="members-email">
          {member.email}
        </td>
        <td>
          <RoleBadges roles={member.roles} />
        </td>
        <td>
          {member.mfa_enrolled ? (
            <span className="badge badge--ok">{t('members.mfaOn')}</span>
          ) : (
            <span className="badge badge--warning">{t('members.mfaOff')}</span>
          )}
        </td>
        <td>{since ? formatDate(since, i18n.language) : '—'}</td>
        <td>
          <div className="members-actions">
            <button
              type="button"
              className="button button--secondary button--small"
              aria-expanded={editing}
              aria-controls={editing ? editorId : undefined}
              aria-label={t('members.changeRolesOf', { name })}
              onClick={() => setEditing(!editing)}
            >
              {t('members.changeRoles')}
            </button>
            {member.owner ? null : (
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={t('members.makeOwnerOf', { name })}
                onClick={() => setAction('owner')}
              >
                {t('members.makeOwner')}
              </button>
            )}
            {isSelf ? (
              <button type="button" className="button button--secondary button--danger button--small" onClick={() => setAction('leave')}>
                {t('members.leave')}
              </button>
            ) : (
              <button
                type="button"
                className="button button--secondary button--danger button--small"
                aria-label={t('members.removeOf', { name })}
                onClick={() => setAction('remove')}
              >
                {t('members.remove')}
              </button>
            )}
            {action ? (
              <MemberActionDialog
                organisationId={organisationId}
                organisationName={organisationName}
                member={member}
                action={action}
                onClose={() => setAction(null)}
              />
            ) : null}
          </div>
        </td>
      </tr>
      {editing ? (
        <tr id={editorId} className="members-editor-row">
          <td colSpan={6}>
            <RolesEditor organisationId={organisationId} member={member} grantable={grantable} onClose={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function RolesEditor({
  organisationId,
  member,
  grantable,
  onClose,
}: {
  organisationId: string;
  member: Member;
  grantable: Role[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSetMemberRoles(organisationId);
  // Roles the member holds that this user cannot grant stay as they are.
  const [roles, setRoles] = useState<string[]>(member.roles);
  const offered = [...grantable, ...member.roles.filter((r) => !(grantable as string[]).includes(r))] as string[];
  const needsStepUp = problemCode(save.error) === 'reauthentication_required';
  const fieldError = fieldErrorOf(save.error);

  const send = () => save.mutate({ userId: member.user_id, roles }, { onSuccess: onClose });

  return (
    <div className="stack members-editor">
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <fieldset className="form__group" disabled={needsStepUp || save.isPending}>
          <legend className="form__legend">{t('members.rolesOf', { name: member.display_name || member.email })}</legend>
          {offered.map((role) => (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                disabled={!(grantable as string[]).includes(role)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
              />
              <span>
                {t(`members.roles.${role}`, { defaultValue: role })}
                <span className="field__hint members-role-hint">{t(`members.roleHints.${role}`, { defaultValue: '' })}</span>
              </span>
            </label>
          ))}
          {roles.length === 0 ? <p className="field__hint">{t('members.noRolesWarning')}</p> : null}
        </fieldset>
        {fieldError ? <p className="field__error">{fieldError.message}</p> : null}
        {save.isError && !needsStepUp && !fieldError ? <ErrorMessage error={save.error} /> : null}
        {needsStepUp ? null : (
          <div className="form__actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {t('members.saveRoles')}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('members.cancel')}
            </button>
          </div>
        )}
      </form>
      {needsStepUp ? (
        // A role change needs a password check (and the authenticator code, when the account
        // has one) within the last minutes (AS-12); after it, `send` resends the change.
        <StepUpForm
          title={t('members.stepUp.title')}
          intro={t('members.stepUp.lead')}
          submitLabel={t('members.stepUp.submit')}
          failedMessage={t('members.stepUp.failed')}
          cancelLabel={t('members.cancel')}
          onCancel={onClose}
          onConfirmed={send}
          testId="members-step-up"
        />
      ) : null}
    </div>
  );
}

function MemberActionDialog({
  organisationId,
  organisationName,
  member,
  action,
  onClose,
}: {
  organisationId: string;
  organisationName: string;
  member: Member;
  action: MemberAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useRemoveMember(organisationId);
  const transfer = useTransferOwnership(organisationId);
  const mutation = action === 'owner' ? transfer : remove;
  const name = member.display_name || member.email;
  const texts = {
    remove: {
      title: t('members.confirmRemove.title', { name }),
      body: t('members.confirmRemove.body', { name, organisation: organisationName }),
      confirm: t('members.confirmRemove.confirm'),
    },
    owner: {
      title: t('members.confirmOwner.title', { name }),
      body: t('members.confirmOwner.body', { name, organisation: organisationName }),
      confirm: t('members.confirmOwner.confirm'),
    },
    leave: {
      title: t('members.confirmLeave.title', { organisation: organisationName }),
      body: t('members.confirmLeave.body', { organisation: organisationName }),
      confirm: t('members.confirmLeave.confirm'),
    },
  }[action];

  const send = () => {
    if (action === 'owner') {
      transfer.mutate(member.user_id, { onSuccess: onClose });
    } else {
      // After leaving, this page is no longer the user's to see.
      remove.mutate(member.user_id, { onSuccess: action === 'leave' ? () => void navigate('/') : onClose });
    }
  };

  return (
    <ConfirmAction
      title={texts.title}
      confirmLabel={texts.confirm}
      onConfirm={send}
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      testId={`members-confirm-${action}`}
    >
      <p>{texts.body}</p>
    </ConfirmAction>
  );
}
