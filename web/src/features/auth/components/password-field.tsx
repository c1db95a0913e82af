import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import { PASSWORD_MAX, PASSWORD_MIN, passwordLength } from '../api';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  autoComplete: 'new-password' | 'current-password';
  // New passwords show the rules as they are typed.
  showRules?: boolean;
  required?: boolean;
}

// A password input with a show/hide toggle. For a new password, the length
// rule is checked as the user types; whether it is too common only the
// server can tell (its list is not sent to browsers), so that rule is stated
// and the server's answer is shown as the field's error.
export function PasswordField({ label, value, onChange, error, autoComplete, showRules = false, required = true }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  const length = passwordLength(value);
  const lengthOk = length >= PASSWORD_MIN && length <= PASSWORD_MAX;
  const describedBy = [error ? `${id}-error` : '', showRules ? `${id}-rules` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="password-field">
        <input
          id={id}
          className={`input${error ? ' input--invalid' : ''}`}
          type={visible ? 'text' : 'password'}
          autoComplete={autoComplete}
          value={value}
          required={required}
          aria-invalid={!!error || undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="button button--secondary password-field__toggle"
          aria-pressed={visible}
          aria-controls={id}
          onClick={() => setVisible(!visible)}
        >
          {visible ? t('auth.password.hide') : t('auth.password.show')}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {showRules ? (
        <ul id={`${id}-rules`} className="rules" aria-label={t('auth.password.rulesLabel')}>
          <li className={`rules__item rules__item--${value === '' ? 'pending' : lengthOk ? 'met' : 'unmet'}`}>
            <span className="rules__mark" aria-hidden="true" />
            {t('auth.password.ruleLength', {
              min: formatNumber(PASSWORD_MIN, i18n.language),
              max: formatNumber(PASSWORD_MAX, i18n.language),
            })}
            {value === '' ? null : (
              <span className="visually-hidden">
                {' '}
                {lengthOk ? t('auth.password.ruleMet') : t('auth.password.ruleUnmet')}
              </span>
            )}
            {value !== '' && !lengthOk ? (
              <span className="rules__count"> {t('auth.password.lengthNow', { formatted: formatNumber(length, i18n.language) })}</span>
            ) : null}
          </li>
          <li className="rules__item rules__item--pending">
            <span className="rules__mark" aria-hidden="true" />
            {t('auth.password.ruleCommon')}
          </li>
        </ul>
      ) : null}
    </div>
  );
}
