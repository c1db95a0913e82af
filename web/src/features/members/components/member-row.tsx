import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { StepUpForm } from '@/components/forms/step-up-form';
import { fieldErrorOf, problemCode } from '@/lib/api-client';
import type { Role } from '@/lib/auth';
import { formatDate, parseInstant } from '@/lib/format';
import { type Member, useSetMemberRoles } from '../api';
import { RoleBadges } from './role-badges';

// One member: name, e-mail, roles, second factor, since when; "Change roles"
// opens the role checkboxes in a row below.
export function MemberRow({
  organisationId,
  member,
  grantable,
  isSelf,
}: {
  organisationId: string;
  member: Member;
  grantable: Role[];
  isSelf: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const since = parseInstant(member.created_at);
  const editorId = `member-roles-${member.user_id}`;
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
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={editing}
            aria-controls={editing ? editorId : undefined}
            aria-label={t('members.changeRolesOf', { name: member.display_name || member.email })}
            onClick={() => setEditing(!editing)}
          >
            {t('members.changeRoles')}
          </button>
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
