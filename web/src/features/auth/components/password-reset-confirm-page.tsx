import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '@/lib/use-page-title';
import { usePasswordResetConfirm } from '../api';
import { useFragmentToken } from '../hooks/use-fragment-token';
import { fieldMessage } from './form-problem';
import { PasswordField } from './password-field';

// Opened from `/reset-password#token=…`: a new password, typed twice.
// Every session of the account ends on the server, so the user logs in again.
export function PasswordResetConfirmPage() {
  const { t } = useTranslation();
  usePageTitle('auth.resetConfirm.title');
  const token = useFragmentToken();
  const confirm = usePasswordResetConfirm();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    confirm.mutate({ token, password });
  };

  let content;
  if (!token) {
    content = (
      <div className="panel stack">
        <p role="alert">{t('auth.resetConfirm.noToken')}</p>
        <p>
          <Link to="/password-reset">{t('auth.resetConfirm.again')}</Link>
        </p>
      </div>
    );
  } else if (confirm.isSuccess) {
    content = (
      <div className="panel stack" role="status">
        <p>{t('auth.resetConfirm.done')}</p>
        <p>
          <Link className="button" to="/login">
            {t('auth.login.submit')}
          </Link>
        </p>
      </div>
    );
  } else {
    const passwordError = fieldMessage(confirm.error, 'password');
    // A refused token (used, expired) is not about the password.
    const tokenRefused = !!confirm.error && !passwordError;
    content = (
      <form className="form panel" onSubmit={submit} noValidate>
        {tokenRefused ? (
          <div className="alert alert--error" role="alert">
            <p className="alert__title">{t('auth.resetConfirm.failed')}</p>
            <Link to="/password-reset">{t('auth.resetConfirm.again')}</Link>
          </div>
        ) : null}
        <PasswordField
          label={t('auth.fields.newPassword')}
          autoComplete="new-password"
          showRules
          value={password}
          onChange={setPassword}
          error={passwordError}
        />
        <PasswordField
          label={t('auth.fields.repeatPassword')}
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={mismatch ? t('auth.resetConfirm.mismatch') : undefined}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={confirm.isPending}>
            {t('auth.resetConfirm.submit')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <h1 className="page__title">{t('auth.resetConfirm.title')}</h1>
      </header>
      {content}
    </div>
  );
}
