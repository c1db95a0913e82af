import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { countryName } from '@/lib/format';
import { sortedCountries } from '@/lib/countries';

type TextAreaProps = Omit<ComponentProps<'textarea'>, 'children'> & { label: string; hint?: ReactNode; error?: string };

export function TextAreaField({ label, hint, error, className, rows = 4, ...textarea }: TextAreaProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          rows={rows}
          className={`input textarea${invalid ? ' input--invalid' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          dir="auto"
          {...textarea}
        />
      )}
    </Field>
  );
}

// Countries as removable chips with a select to add one (delivery countries, eligibility).
export function CountryList({
  label,
  hint,
  error,
  value,
  onChange,
  readOnly,
  testId,
}: {
  label: string;
  hint?: string;
  error?: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  readOnly: boolean;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const options = sortedCountries(i18n.language).filter(({ code }) => !value.includes(code));
  return (
    <div className="tb-country-list">
      <Field label={label} hint={hint} error={error}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            className={`select${invalid ? ' input--invalid' : ''}`}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value=""
            disabled={readOnly}
            data-testid={testId}
            onChange={(e) => {
              if (e.target.value) onChange([...value, e.target.value].sort());
            }}
          >
            <option value="">{t('tenders.common.addCountry')}</option>
            {options.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {value.length > 0 ? (
        <ul className="chips" aria-label={label}>
          {value.map((code) => (
            <li key={code} className="chip">
              <span>{countryName(code, i18n.language)}</span>
              {readOnly ? null : (
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('tenders.common.removeCountry', { country: countryName(code, i18n.language) })}
                  onClick={() => onChange(value.filter((c) => c !== code))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  const tone =
    state === 'cancelled' ? 'badge--danger' : state === 'draft' ? 'badge--warning' : state === 'completed' || state === 'awarded' ? 'badge--ok' : 'badge--status';
  return (
    <span className={`badge ${tone}`} data-testid="tender-state">
      {t(`tenders.states.${state}`, { defaultValue: state })}
    </span>
  );
}
