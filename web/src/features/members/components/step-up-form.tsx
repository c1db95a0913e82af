import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { ApiError, problemCode } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { useReauthenticate } from '../api';

// A role change needs a password check (and the authenticator code, when the
// account has one) within the last minutes (AS-12); the server says so with
// "reauthentication_required". This asks again, then `onConfirmed` resends.
export function StepUpForm({ onConfirmed, onCancel }: { onConfirmed: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const reauth = useReauthenticate();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const needsCode = !!session.data?.mfa.enrolled;
  const errorCode = problemCode(reauth.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reauth.mutate(
      { password, ...(needsCode ? { totp: code.replace(/\s/g, '') } : {}) },
      {
        onSuccess: () => {
          setPassword('');
          setCode('');
          onConfirmed();
        },
      },
    );
  };

  let problem: string | undefined;
  if (errorCode === 'totp_invalid' || errorCode === 'totp_required') problem = t('auth.login.totpInvalid');
  else if (reauth.error instanceof ApiError && reauth.error.status === 429) problem = t('auth.errors.rateLimited');
  else if (reauth.error) problem = t('members.stepUp.failed');

  return (
    <form className="form alert alert--warning" onSubmit={submit} noValidate aria-labelledby="members-step-up-title" data-testid="members-step-up">
      <p id="members-step-up-title" className="alert__title" role="alert">
        {t('members.stepUp.title')}
      </p>
      <p>{t('members.stepUp.lead')}</p>
      {problem ? (
        <p role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
      <TextField
        label={t('auth.fields.password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {needsCode ? (
        <TextField
          label={t('auth.fields.totp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          dir="ltr"
          maxLength={8}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={reauth.isPending || password === ''}>
          {t('members.stepUp.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('members.cancel')}
        </button>
      </div>
    </form>
  );
}
