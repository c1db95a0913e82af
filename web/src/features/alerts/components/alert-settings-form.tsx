import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, Field } from '@/components/forms/field';
import { ApiError } from '@/lib/api-client';
import { useSaveAlertSettings } from '../api/alerts';
import { type AlertSettings, type AlertSettingsInput, FREQUENCIES } from '../api/schemas';
import { COMMON_CURRENCIES, fromMinor, toMinor } from '../lib/money';
import { fieldErrors } from '../lib/problems';
import { AgencyChips, CountryChips } from './list-inputs';

interface Draft {
  frequency: AlertSettings['frequency'];
  email: boolean;
  use_profile: boolean;
  agencies: string[];
  countries: string[];
  value_currency: string;
  value_min: string;
  value_max: string;
  sustainable_only: boolean;
}

function draftOf(settings: AlertSettings): Draft {
  return {
    frequency: settings.frequency,
    email: settings.email,
    use_profile: settings.use_profile,
    agencies: [...settings.agencies],
    countries: [...settings.countries],
    value_currency: settings.value_currency,
    value_min: fromMinor(settings.value_min_minor, settings.value_currency),
    value_max: fromMinor(settings.value_max_minor, settings.value_currency),
    sustainable_only: settings.sustainable_only,
  };
}

// How and about what the user hears: frequency, e-mail, the company profile (suppliers) and
// the filters that narrow profile alerts. The server's refusal is shown beside its field.
export function AlertSettingsForm({ settings, isSupplier }: { settings: AlertSettings; isSupplier: boolean }) {
  const { t } = useTranslation();
  const save = useSaveAlertSettings();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setSaved(false);
  };
  const errors = { ...fieldErrors(save.error), ...localErrors };
  const generalError =
    save.error && Object.keys(fieldErrors(save.error)).length === 0
      ? save.error instanceof ApiError
        ? (save.error.detail ?? t('errors.status', { status: save.error.status }))
        : t('errors.unexpected')
      : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const min = toMinor(draft.value_min, draft.value_currency);
    const max = toMinor(draft.value_max, draft.value_currency);
    const problems: Record<string, string> = {};
    if (min === 'invalid') problems.value_min_minor = t('alerts.settings.valueInvalid');
    if (max === 'invalid') problems.value_max_minor = t('alerts.settings.valueInvalid');
    if (typeof min === 'number' && typeof max === 'number' && max < min) problems.value_max_minor = t('alerts.settings.valueOrder');
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body: AlertSettingsInput = {
      frequency: draft.frequency,
      email: draft.email,
      use_profile: draft.use_profile,
      agencies: draft.agencies,
      countries: draft.countries,
      value_currency: draft.value_currency,
      value_min_minor: min as number | null,
      value_max_minor: max as number | null,
      sustainable_only: draft.sustainable_only,
    };
    save.mutate(body, {
      onSuccess: (stored) => {
        setDraft(draftOf(stored));
        setSaved(true);
      },
    });
  };

  const currencies = COMMON_CURRENCIES.includes(draft.value_currency) ? COMMON_CURRENCIES : [draft.value_currency, ...COMMON_CURRENCIES];

  return (
    <form className="form alerts-settings" onSubmit={submit} noValidate aria-labelledby="alert-settings-title">
      <fieldset className="form__group">
        <legend className="form__legend">{t('alerts.settings.frequency')}</legend>
        {FREQUENCIES.map((frequency) => (
          <label key={frequency} className="checkbox alerts-radio">
            <input
              type="radio"
              name="frequency"
              value={frequency}
              checked={draft.frequency === frequency}
              onChange={() => set('frequency', frequency)}
            />
            <span>
              {t(`alerts.frequency.${frequency}`)}
              <span className="field__hint alerts-radio__hint">{t(`alerts.frequency.${frequency}Hint`)}</span>
            </span>
          </label>
        ))}
        {errors.frequency ? <p className="field__error">{errors.frequency}</p> : null}
      </fieldset>

      <CheckboxField
        label={t('alerts.settings.email')}
        hint={t('alerts.settings.emailHint')}
        error={errors.email}
        checked={draft.email}
        onChange={(event) => set('email', event.target.checked)}
      />
      {isSupplier ? (
        <CheckboxField
          label={t('alerts.settings.useProfile')}
          hint={t('alerts.settings.useProfileHint')}
          error={errors.use_profile}
          checked={draft.use_profile}
          onChange={(event) => set('use_profile', event.target.checked)}
        />
      ) : null}

      <fieldset className="form__group">
        <legend className="form__legend">{t('alerts.settings.narrow')}</legend>
        <p className="field__hint">{t('alerts.settings.narrowHint')}</p>
        <AgencyChips
          label={t('alerts.settings.agencies')}
          hint={t('alerts.settings.agenciesHint')}
          error={errors.agencies}
          value={draft.agencies}
          onChange={(next) => set('agencies', next)}
        />
        <CountryChips
          label={t('alerts.settings.countries')}
          error={errors.countries}
          value={draft.countries}
          onChange={(next) => set('countries', next)}
        />
        <div className="form__row alerts-value">
          <Field label={t('alerts.settings.currency')} error={errors.value_currency}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                className={`select${invalid ? ' input--invalid' : ''}`}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={draft.value_currency}
                onChange={(event) => set('value_currency', event.target.value)}
              >
                {currencies.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ValueInput label={t('alerts.settings.valueMin')} error={errors.value_min_minor} value={draft.value_min} onChange={(v) => set('value_min', v)} />
          <ValueInput label={t('alerts.settings.valueMax')} error={errors.value_max_minor} value={draft.value_max} onChange={(v) => set('value_max', v)} />
        </div>
        <p className="field__hint">{t('alerts.settings.valueHint')}</p>
        <CheckboxField
          label={t('alerts.settings.sustainableOnly')}
          error={errors.sustainable_only}
          checked={draft.sustainable_only}
          onChange={(event) => set('sustainable_only', event.target.checked)}
        />
      </fieldset>

      {generalError ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{generalError}</p>
        </div>
      ) : null}
      {Object.keys(errors).length > 0 && !generalError ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('alerts.settings.fixErrors')}</p>
        </div>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('alerts.settings.saving') : t('alerts.settings.save')}
        </button>
        {saved ? (
          <span className="status status--ok" role="status">
            {t('alerts.settings.saved')}
          </span>
        ) : null}
      </div>
    </form>
  );
}

function ValueInput({ label, error, value, onChange }: { label: string; error?: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          dir="ltr"
          className={`input${invalid ? ' input--invalid' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
