import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TextField } from '@/components/forms/field';
import { problemCode } from '@/lib/api-client';
import { safeNextPath } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { useLogin } from '../api';
import { fieldMessage, FormProblem } from './form-problem';
import { PasswordField } from './password-field';

// Log-in in one or two steps: e-mail and password, then, when the server
// answers 401 totp_required, the code from the authenticator app. The
// password stays in memory for the second request and is dropped after.
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle('auth.login.title');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [totpStep, setTotpStep] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const error = login.error;
  const errorCode = problemCode(error);

  useEffect(() => {
    if (totpStep) codeRef.current?.focus();
  }, [totpStep]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password, ...(totpStep ? { totp: code.replace(/\s/g, '') } : {}) },
      {
        onSuccess: () => {
          setPassword('');
          navigate(next === '/' ? '/notices' : next, { replace: true });
        },
        onError: (failure) => {
          if (problemCode(failure) === 'totp_required') setTotpStep(true);
          if (problemCode(failure) === 'totp_invalid') setCode('');
        },
      },
    );
  };

  // totp_required is the cue for the second step, not an error to show.
  const shownError = errorCode === 'totp_required' || errorCode === 'totp_invalid' ? undefined : error;
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <h1 className="page__title">{t('auth.login.title')}</h1>
      </header>
      <form className="form panel" onSubmit={submit} noValidate aria-describedby={totpStep ? 'totp-lead' : undefined}>
        <FormProblem error={shownError} />
        {totpStep ? (
          <>
            <p id="totp-lead">{t('auth.login.totpLead')}</p>
            <TextField
              ref={codeRef}
              label={t('auth.fields.totp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={8}
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={errorCode === 'totp_invalid' ? t('auth.login.totpInvalid') : fieldMessage(error, 'totp')}
            />
          </>
        ) : (
          <>
            <TextField
              label={t('auth.fields.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldMessage(error, 'email')}
            />
            <PasswordField
              label={t('auth.fields.password')}
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={fieldMessage(error, 'password')}
            />
          </>
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={login.isPending}>
            {totpStep ? t('auth.login.verify') : t('auth.login.submit')}
          </button>
          {totpStep ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setTotpStep(false);
                setCode('');
                login.reset();
              }}
            >
              {t('common.back')}
            </button>
          ) : null}
        </div>
        {totpStep ? null : (
          <ul className="form__links">
            <li>
              <Link to="/password-reset">{t('auth.login.forgot')}</Link>
            </li>
            <li>
              {t('auth.login.noAccount')} <Link to="/signup">{t('auth.signup.title')}</Link>
            </li>
          </ul>
        )}
      </form>
    </div>
  );
}
