import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '@/components/forms/field';
import { sortedCountries } from '@/lib/countries';
import { countryName, flagEmoji } from '@/lib/format';
import { COMPANY_SIZES } from '../api';
import type { StepProps } from '../steps';

const numberOrNull = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? null : Number(value));

export function GeneralStep({ draft, update, errorFor }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('supplier.fields.legalName')}
        hint={t('supplier.hints.legalName')}
        required
        value={draft.legal_name}
        onChange={(e) => update('legal_name', e.target.value)}
        error={errorFor('legal_name')}
        dir="auto"
      />
      <TextField
        label={t('supplier.fields.legalNameLatin')}
        hint={t('supplier.hints.legalNameLatin')}
        value={draft.legal_name_latin}
        onChange={(e) => update('legal_name_latin', e.target.value)}
        error={errorFor('legal_name_latin')}
        dir="ltr"
      />
      <TradingNames draft={draft} update={update} errorFor={errorFor} />
      <div className="form__row">
        <TextField
          label={t('supplier.fields.registrationNumber')}
          value={draft.registration_number}
          onChange={(e) => update('registration_number', e.target.value)}
          error={errorFor('registration_number')}
        />
        <TextField
          label={t('supplier.fields.taxNumber')}
          value={draft.tax_number}
          onChange={(e) => update('tax_number', e.target.value)}
          error={errorFor('tax_number')}
        />
      </div>
      <div className="form__row">
        <TextField
          label={t('supplier.fields.yearEstablished')}
          type="number"
          inputMode="numeric"
          min={1800}
          max={new Date().getFullYear()}
          value={draft.year_established ?? ''}
          onChange={(e) => update('year_established', numberOrNull(e.target.value))}
          error={errorFor('year_established')}
        />
        <TextField
          label={t('supplier.fields.website')}
          type="url"
          placeholder="https://"
          value={draft.website}
          onChange={(e) => update('website', e.target.value)}
          error={errorFor('website')}
          dir="ltr"
        />
      </div>
    </>
  );
}

// One name per line; the text is kept as typed so blank lines do not vanish
// under the cursor.
function TradingNames({ draft, update, errorFor }: Pick<StepProps, 'draft' | 'update' | 'errorFor'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(draft.trading_names.join('\n'));
  const error = errorFor('trading_names');
  return (
    <div className="field">
      <label htmlFor="trading-names">{t('supplier.fields.tradingNames')}</label>
      <textarea
        id="trading-names"
        className={`input textarea${error ? ' input--invalid' : ''}`}
        rows={3}
        dir="auto"
        value={text}
        aria-describedby="trading-names-hint"
        aria-invalid={!!error || undefined}
        onChange={(e) => {
          setText(e.target.value);
          update('trading_names', e.target.value.split('\n').map((line) => line.trim()));
        }}
      />
      {error ? <p className="field__error">{error}</p> : null}
      <p id="trading-names-hint" className="field__hint">
        {t('supplier.hints.tradingNames')}
      </p>
    </div>
  );
}

export function AddressStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t, i18n } = useTranslation();
  const countries = sortedCountries(i18n.language);
  const [adding, setAdding] = useState('');
  return (
    <>
      <div className="field">
        <label htmlFor="address">{t('supplier.fields.address')}</label>
        <textarea
          id="address"
          className={`input textarea${errorFor('address') ? ' input--invalid' : ''}`}
          rows={3}
          dir="auto"
          autoComplete="street-address"
          value={draft.address}
          aria-invalid={!!errorFor('address') || undefined}
          onChange={(e) => update('address', e.target.value)}
        />
        {errorFor('address') ? <p className="field__error">{errorFor('address')}</p> : null}
      </div>
      <div className="form__row">
        <TextField
          label={t('supplier.fields.city')}
          autoComplete="address-level2"
          value={draft.city}
          onChange={(e) => update('city', e.target.value)}
          error={errorFor('city')}
          dir="auto"
        />
        <TextField
          label={t('supplier.fields.postalCode')}
          autoComplete="postal-code"
          value={draft.postal_code}
          onChange={(e) => update('postal_code', e.target.value)}
          error={errorFor('postal_code')}
        />
      </div>
      <SelectField
        label={t('supplier.fields.country')}
        value={draft.country}
        onChange={(e) => update('country', e.target.value)}
        error={errorFor('country')}
      >
        <option value="">{t('common.choose')}</option>
        {countries.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </SelectField>
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.countriesOfOperation')}</legend>
        {draft.countries_of_operation.length > 0 ? (
          <ul className="chips">
            {draft.countries_of_operation.map((code) => (
              <li key={code} className="chip">
                <span aria-hidden="true">{flagEmoji(code)}</span>
                {countryName(code, i18n.language)}
                {readOnly ? null : (
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('supplier.removeCountry', { country: countryName(code, i18n.language) })}
                    onClick={() => update('countries_of_operation', draft.countries_of_operation.filter((c) => c !== code))}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('supplier.noCountries')}</p>
        )}
        {readOnly ? null : (
          <div className="form__inline">
            <SelectField
              label={t('supplier.addCountryLabel')}
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              error={errorFor('countries_of_operation')}
            >
              <option value="">{t('common.choose')}</option>
              {countries
                .filter(({ code }) => !draft.countries_of_operation.includes(code))
                .map(({ code, name }) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
            </SelectField>
            <button
              type="button"
              className="button button--secondary"
              disabled={adding === ''}
              onClick={() => {
                update('countries_of_operation', [...draft.countries_of_operation, adding]);
                setAdding('');
              }}
            >
              {t('supplier.addCountry')}
            </button>
          </div>
        )}
      </fieldset>
    </>
  );
}

export function SizeStep({ draft, update, errorFor }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form__row">
        <TextField
          label={t('supplier.fields.employees')}
          type="number"
          inputMode="numeric"
          min={0}
          value={draft.employees ?? ''}
          onChange={(e) => update('employees', numberOrNull(e.target.value))}
          error={errorFor('employees')}
        />
        <SelectField
          label={t('supplier.fields.size')}
          hint={t('supplier.hints.size')}
          value={draft.size}
          onChange={(e) => update('size', e.target.value)}
          error={errorFor('size')}
        >
          <option value="">{t('common.choose')}</option>
          {COMPANY_SIZES.map((size) => (
            <option key={size} value={size}>
              {t(`supplier.sizes.${size}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxField
        label={t('supplier.fields.sme')}
        checked={draft.sme}
        onChange={(e) => update('sme', e.target.checked)}
        error={errorFor('sme')}
      />
      <CheckboxField
        label={t('supplier.fields.womenOwned')}
        hint={t('supplier.hints.womenOwned')}
        checked={draft.women_owned}
        onChange={(e) => update('women_owned', e.target.checked)}
        error={errorFor('women_owned')}
      />
      <CheckboxField
        label={t('supplier.fields.disabilityInclusive')}
        hint={t('supplier.hints.disabilityInclusive')}
        checked={draft.disability_inclusive}
        onChange={(e) => update('disability_inclusive', e.target.checked)}
        error={errorFor('disability_inclusive')}
      />
    </>
  );
}
