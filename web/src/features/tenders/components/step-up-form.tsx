import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { ApiError } from '@/lib/api-client';
import { useReauthenticate } from '../api/opening';

// The second factor again, just before a share is released (AS-06, AS-12): password and the
// authenticator's current code, checked by POST /auth/reauthenticate.
export function StepUpForm({ intro, onDone }: { intro: string; onDone: () => void }) {
  const { t } = useTranslation();
  const reauth = useReauthenticate();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  return (
    <form
      className="form tb-step-up"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        reauth.mutate(
          { password, totp: code.replace(/\s/g, '') },
          {
            onSuccess: () => {
              setPassword('');
              setCode('');
              onDone();
            },
          },
        );
      }}
      data-testid="step-up"
    >
      <p>{intro}</p>
      <TextField label={t('tenders.stepUp.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="step-up-password" />
      <TextField
        label={t('tenders.stepUp.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        dir="ltr"
        maxLength={8}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        data-testid="step-up-code"
      />
      {reauth.error ? (
        <p className="field__error" role="alert">
          {t('tenders.stepUp.failed')} {reauth.error instanceof ApiError && reauth.error.detail ? <span dir="auto">{reauth.error.detail}</span> : null}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={!password || code.replace(/\s/g, '').length < 6 || reauth.isPending} data-testid="step-up-confirm">
        {t('tenders.stepUp.confirm')}
      </button>
    </form>
  );
}
