import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { ErrorMessage } from '@/components/errors/error-message';
import { fieldErrorOf } from '@/lib/api-client';
import type { Role } from '@/lib/auth';
import { useInviteMember } from '../api';

// Invites an e-mail address with roles; the server mails a link valid 72 hours
// and the address appears under pending invitations until it is used.
export function InviteForm({ organisationId, grantable }: { organisationId: string; grantable: Role[] }) {
  const { t } = useTranslation();
  const invite = useInviteMember(organisationId);
  const [email, setEmail] = useState('');
  // A supplier company has one role to give: offer it ticked.
  const [roles, setRoles] = useState<string[]>(grantable.length === 1 ? [...grantable] : []);
  const [sentTo, setSentTo] = useState<string | undefined>();
  const fieldError = fieldErrorOf(invite.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    invite.mutate(
      { email: address, roles },
      {
        onSuccess: () => {
          setSentTo(address);
          setEmail('');
        },
      },
    );
  };

  return (
    <section className="panel stack" aria-labelledby="members-invite-title">
      <h2 id="members-invite-title" className="panel__title">
        {t('members.invite.title')}
      </h2>
      <p className="muted">{t('members.invite.lead')}</p>
      {sentTo ? (
        <p className="alert alert--success" role="status">
          {t('members.invite.sent', { email: sentTo })}
        </p>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label={t('auth.fields.email')}
          type="email"
          dir="ltr"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            setSentTo(undefined);
          }}
          error={fieldError?.field === 'email' ? fieldError.message : undefined}
        />
        <fieldset className="form__group">
          <legend className="form__legend">{t('members.list.roles')}</legend>
          {grantable.map((role) => (
            <label key={role} className="checkbox">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
              />
              <span>
                {t(`members.roles.${role}`, { defaultValue: role })}
                <span className="field__hint members-role-hint">{t(`members.roleHints.${role}`, { defaultValue: '' })}</span>
              </span>
            </label>
          ))}
          {fieldError?.field.startsWith('roles') ? <p className="field__error">{fieldError.message}</p> : null}
        </fieldset>
        {invite.isError && !fieldError ? <ErrorMessage error={invite.error} /> : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={invite.isPending || email.trim() === '' || roles.length === 0}>
            {t('members.invite.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
