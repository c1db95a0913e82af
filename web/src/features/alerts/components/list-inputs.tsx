import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { sortedCountries } from '@/lib/countries';
import { countryName } from '@/lib/format';

interface ListProps {
  label: string;
  hint?: string;
  error?: string;
  value: readonly string[];
  onChange: (next: string[]) => void;
}

// Agencies as free-text chips: type a name, Enter or "Add"; × removes one.
export function AgencyChips({ label, hint, error, value, onChange }: ListProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const add = () => {
    const name = draft.trim();
    if (name && !value.some((v) => v.toLowerCase() === name.toLowerCase())) onChange([...value, name]);
    setDraft('');
  };
  return (
    <div className="alerts-list-input">
      <Field label={label} hint={hint} error={error}>
        {({ id, describedBy, invalid }) => (
          <div className="alerts-inline">
            <input
              id={id}
              className={`input${invalid ? ' input--invalid' : ''}`}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={draft}
              maxLength={200}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="button button--secondary button--small" onClick={add} disabled={!draft.trim()}>
              {t('alerts.settings.addAgency')}
            </button>
          </div>
        )}
      </Field>
      <ChipList label={label} items={value.map((v) => ({ key: v, text: v }))} onRemove={(key) => onChange(value.filter((v) => v !== key))} />
    </div>
  );
}

// Countries from the shared ISO list, named in the UI language; each chosen one is a chip.
export function CountryChips({ label, hint, error, value, onChange }: ListProps) {
  const { t, i18n } = useTranslation();
  const options = sortedCountries(i18n.language).filter(({ code }) => !value.includes(code));
  return (
    <div className="alerts-list-input">
      <Field label={label} hint={hint} error={error}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            className={`select${invalid ? ' input--invalid' : ''}`}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value=""
            onChange={(event) => {
              if (event.target.value) onChange([...value, event.target.value]);
            }}
          >
            <option value="">{t('alerts.settings.addCountry')}</option>
            {options.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ChipList
        label={label}
        items={value.map((code) => ({ key: code, text: countryName(code, i18n.language) }))}
        onRemove={(key) => onChange(value.filter((v) => v !== key))}
      />
    </div>
  );
}

function ChipList({ label, items, onRemove }: { label: string; items: Array<{ key: string; text: string }>; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  if (items.length === 0) return null;
  return (
    <ul className="chips" aria-label={t('alerts.settings.chosen', { label })} id={id}>
      {items.map((item) => (
        <li key={item.key} className="chip">
          <bdi>{item.text}</bdi>
          <button
            type="button"
            className="chip__remove"
            aria-label={t('alerts.settings.remove', { name: item.text })}
            onClick={() => onRemove(item.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
