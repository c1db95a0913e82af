import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TextField } from '@/components/forms/field';
import { Loading } from '@/components/ui/loading';
import { useSession } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { useAcceptInvitation } from '../api';
import { forgetStoredToken, useFragmentToken } from '../hooks/use-fragment-token';
import { fieldMessage, FormProblem } from './form-problem';
import { PasswordField } from './password-field';

const STORAGE_KEY = 'tenderbridge.invitation';

// Opened from `/accept-invitation#token=…`. Someone signed in accepts with
// one button; someone new chooses a name and a password, which creates the
// account. Someone with an account who is signed out logs in first: the
// token waits in this tab's session storage, never in the `next` URL.
export function AcceptInvitationPage() {
  const { t, i18n } = useTranslation();
  usePageTitle('auth.invitation.title');
  const token = useFragmentToken(STORAGE_KEY);
  const session = useSession();
  const accept = useAcceptInvitation();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const signedIn = !!session.data?.user;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    accept.mutate(signedIn ? { token } : { token, password, display_name: displayName.trim(), language: i18n.language }, {
      onSuccess: () => forgetStoredToken(STORAGE_KEY),
    });
  };

  let content;
  if (!token) {
    content = <p role="alert">{t('auth.invitation.noToken')}</p>;
  } else if (session.isPending) {
    content = <Loading />;
  } else if (accept.isSuccess) {
    content = (
      <div role="status" className="stack">
        <p>{t('auth.invitation.done')}</p>
        <p>
          <Link className="button" to={signedIn ? '/notices' : '/login'}>
            {signedIn ? t('auth.invitation.continue') : t('auth.login.submit')}
          </Link>
        </p>
      </div>
    );
  } else {
    content = (
      <form className="form" onSubmit={submit} noValidate>
        <FormProblem error={fieldMessage(accept.error, 'password') || fieldMessage(accept.error, 'display_name') ? undefined : accept.error} />
        {signedIn ? (
          <p>{t('auth.invitation.asUser', { email: session.data?.user?.email ?? '' })}</p>
        ) : (
          <>
            <p>{t('auth.invitation.newLead')}</p>
            <TextField
              label={t('auth.fields.displayName')}
              autoComplete="name"
              required
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              error={fieldMessage(accept.error, 'display_name')}
            />
            <PasswordField
              label={t('auth.fields.password')}
              autoComplete="new-password"
              showRules
              value={password}
              onChange={setPassword}
              error={fieldMessage(accept.error, 'password')}
            />
          </>
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={accept.isPending}>
            {t('auth.invitation.accept')}
          </button>
        </div>
        {signedIn ? null : (
          <p className="muted">
            {t('auth.invitation.haveAccount')}{' '}
            <Link to={`/login?next=${encodeURIComponent('/accept-invitation')}`}>{t('auth.login.title')}</Link>
          </p>
        )}
      </form>
    );
  }
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <h1 className="page__title">{t('auth.invitation.title')}</h1>
      </header>
      <div className="panel stack">{content}</div>
    </div>
  );
}
