import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { ApiError, problemCode } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { useReauthenticate } from '@/lib/reauthenticate';

export interface StepUpFormProps {
  // Announced when the form appears (the server has just asked for it).
  title: string;
  // An optional paragraph under the title.
  intro?: string;
  submitLabel: string;
  // Shown when the check fails for a reason other than the code or the rate limit.
  failedMessage: string;
  // Whether the authenticator code is asked for; by default, when the session has MFA enrolled.
  requireCode?: boolean;
  // A cancel button, only when both are given.
  cancelLabel?: string;
  onCancel?: () => void;
  // Called once the server accepted the password (and code): the caller resends its action.
  onConfirmed: () => void;
  // data-testid of the form; its controls get `${testId}-password`, `-code`, `-confirm`, `-cancel`.
  testId?: string;
  className?: string;
}

// The password (and authenticator code) again, checked by POST /auth/reauthenticate
// (AS-12), for the actions the server guards with 403 reauthentication_required.
export function StepUpForm({
  title,
  intro,
  submitLabel,
  failedMessage,
  requireCode,
  cancelLabel,
  onCancel,
  onConfirmed,
  testId,
  className,
}: StepUpFormProps) {
  const { t } = useTranslation();
  const session = useSession();
  const reauth = useReauthenticate();
  const titleId = useId();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const needsCode = requireCode ?? !!session.data?.mfa.enrolled;
  const digits = code.replace(/\s/g, '');
  const errorCode = problemCode(reauth.error);
  const part = (name: string) => (testId ? `${testId}-${name}` : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reauth.mutate(
      { password, ...(needsCode ? { totp: digits } : {}) },
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
  else if (reauth.error) problem = failedMessage;

  return (
    <form
      className={`form alert alert--warning${className ? ` ${className}` : ''}`}
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <p id={titleId} className="alert__title" role="alert">
        {title}
      </p>
      {intro ? <p>{intro}</p> : null}
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
        data-testid={part('password')}
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
          data-testid={part('code')}
        />
      ) : null}
      <div className="form__actions">
        <button
          type="submit"
          className="button"
          disabled={reauth.isPending || password === '' || (needsCode && digits.length < 6)}
          data-testid={part('confirm')}
        >
          {submitLabel}
        </button>
        {cancelLabel && onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel} data-testid={part('cancel')}>
            {cancelLabel}
          </button>
        ) : null}
      </div>
    </form>
  );
}
