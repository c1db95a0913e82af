import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SelectField, TextField } from '@/components/forms/field';
import { sortedCountries } from '@/lib/countries';
import { usePageTitle } from '@/lib/use-page-title';
import { useSignup } from '../api';
import { fieldMessage, FormProblem } from './form-problem';
import { PasswordField } from './password-field';

// Sign-up for a supplier company: the person (e-mail, password, name) and
// the company (name, country). The server creates an unverified user who
// owns a new supplier organisation and e-mails a verification link.
export function SignupPage() {
  const { t, i18n } = useTranslation();
  usePageTitle('auth.signup.title');
  const navigate = useNavigate();
  const signup = useSignup();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [companyName, setCompanyName] = useState('');
  const [country, setCountry] = useState('');
  const error = signup.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signup.mutate(
      {
        email: email.trim(),
        password,
        display_name: displayName.trim(),
        language: i18n.language,
        company: { name: companyName.trim(), country },
      },
      { onSuccess: () => navigate('/signup/check-email', { state: { email: email.trim() } }) },
    );
  };

  return (
    <div className="page page--narrow">
      <header className="page__header">
        <h1 className="page__title">{t('auth.signup.title')}</h1>
        <p className="page__lead">{t('auth.signup.lead')}</p>
      </header>
      <form className="form panel" onSubmit={submit} noValidate>
        <FormProblem error={error} />
        <fieldset className="form__group">
          <legend className="form__legend">{t('auth.signup.you')}</legend>
          <TextField
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldMessage(error, 'email')}
          />
          <TextField
            label={t('auth.fields.displayName')}
            autoComplete="name"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            error={fieldMessage(error, 'display_name')}
          />
          <PasswordField
            label={t('auth.fields.password')}
            autoComplete="new-password"
            showRules
            value={password}
            onChange={setPassword}
            error={fieldMessage(error, 'password')}
          />
        </fieldset>
        <fieldset className="form__group">
          <legend className="form__legend">{t('auth.signup.company')}</legend>
          <TextField
            label={t('auth.fields.companyName')}
            autoComplete="organization"
            required
            value={companyName}
            onChange={(e) => setCompanyName(e.target.value)}
            error={fieldMessage(error, 'company.name')}
          />
          <SelectField
            label={t('auth.fields.country')}
            required
            value={country}
            onChange={(e) => setCountry(e.target.value)}
            error={fieldMessage(error, 'company.country')}
          >
            <option value="">{t('common.choose')}</option>
            {sortedCountries(i18n.language).map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button" disabled={signup.isPending}>
            {signup.isPending ? t('auth.signup.submitting') : t('auth.signup.submit')}
          </button>
          <p>
            {t('auth.signup.haveAccount')} <Link to="/login">{t('auth.login.title')}</Link>
          </p>
        </div>
      </form>
    </div>
  );
}
