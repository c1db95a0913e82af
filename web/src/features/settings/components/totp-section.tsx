import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { ApiError, fieldErrorOf, problemCode } from '@/lib/api-client';
import type { Session } from '@/lib/auth';
import { useTotpConfirm, useTotpSetup } from '../api';
import { QrCode } from './qr-code';

// Two-step verification: the server makes a secret (not active yet), the
// user adds it to an authenticator app from the QR code or by typing the
// secret, and proves it with one code, which activates it.
export function TotpSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const [code, setCode] = useState('');
  const enrolled = session.mfa.enrolled || confirm.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''), { onSuccess: () => setup.reset() });
  };

  const codeError = (() => {
    const error = confirm.error;
    if (!error) return undefined;
    const code = problemCode(error);
    if (code === 'totp_invalid' || fieldErrorOf(error)?.field === 'code') return t('settings.totp.codeInvalid');
    return error instanceof ApiError ? (error.detail ?? t('errors.unexpected')) : t('errors.unexpected');
  })();

  return (
    <section className="panel stack" aria-labelledby="totp-title">
      <h2 id="totp-title" className="panel__title">
        {t('settings.totp.title')}
      </h2>
      {enrolled && !setup.data ? (
        <p role="status" className="status status--ok">
          {confirm.isSuccess ? t('settings.totp.activated') : t('settings.totp.on')}
        </p>
      ) : null}
      {!enrolled && !setup.data ? (
        <>
          <p>{t('settings.totp.off')}</p>
          <p className="muted">{t('settings.totp.why')}</p>
          <div>
            <button type="button" className="button" disabled={setup.isPending} onClick={() => setup.mutate()}>
              {t('settings.totp.start')}
            </button>
          </div>
          {setup.isError ? (
            <p role="alert" className="field__error">
              {t('settings.totp.setupFailed')}
            </p>
          ) : null}
        </>
      ) : null}
      {setup.data ? (
        <div className="totp-setup">
          <ol className="steps-list">
            <li>{t('settings.totp.step1')}</li>
            <li>
              {t('settings.totp.step2')}
              <div className="totp-setup__codes">
                <QrCode value={setup.data.otpauth_uri} label={t('settings.totp.qrLabel')} />
                <div>
                  <p className="muted">{t('settings.totp.secretLabel')}</p>
                  <p className="mono secret" dir="ltr">
                    {setup.data.secret.replace(/(.{4})/g, '$1 ').trim()}
                  </p>
                </div>
              </div>
            </li>
            <li>
              <form onSubmit={submit} className="form" noValidate>
                <TextField
                  label={t('settings.totp.codeLabel')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={8}
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  error={codeError}
                />
                <div className="form__actions">
                  <button type="submit" className="button" disabled={confirm.isPending}>
                    {t('settings.totp.confirm')}
                  </button>
                </div>
              </form>
            </li>
          </ol>
        </div>
      ) : null}
    </section>
  );
}
