import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TextField } from '@/components/forms/field';
import { usePageTitle } from '@/lib/use-page-title';
import { usePasswordResetRequest } from '../api';
import { fieldMessage, FormProblem } from './form-problem';

// Asks for a reset link. The answer is the same for any address (202), so
// the page says "if there is an account" rather than "we sent it".
export function PasswordResetRequestPage() {
  const { t } = useTranslation();
  usePageTitle('auth.reset.title');
  const request = usePasswordResetRequest();
  const [email, setEmail] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email.trim());
  };
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <h1 className="page__title">{t('auth.reset.title')}</h1>
        <p className="page__lead">{t('auth.reset.lead')}</p>
      </header>
      {request.isSuccess ? (
        <div className="panel stack" role="status">
          <p>{t('auth.reset.sent', { email: email.trim() })}</p>
          <p>
            <Link to="/login">{t('auth.checkEmail.toLogin')}</Link>
          </p>
        </div>
      ) : (
        <form className="form panel" onSubmit={submit} noValidate>
          <FormProblem error={request.error} />
          <TextField
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldMessage(request.error, 'email')}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={request.isPending}>
              {t('auth.reset.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
