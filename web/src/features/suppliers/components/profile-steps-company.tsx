import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '@/components/forms/field';
import { sortedCountries } from '@/lib/countries';
import { countryName, flagEmoji } from '@/lib/format';
import { type Address, EMPTY_COMPANY_NUMBER, EMPTY_OWNER, PARTY_SCALES } from '../api';
import type { StepProps } from '../steps';
import { ListEditor } from './list-editor';

const numberOrNull = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? null : Number(value));

export function useCountryOptions() {
  const { i18n } = useTranslation();
  return sortedCountries(i18n.language).map(({ code, name }) => ({ value: code, label: name }));
}

export function GeneralStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const numberFields = [
    { name: 'country' as const, label: t('supplier.number.country'), type: 'select' as const, options: countries },
    { name: 'number' as const, label: t('supplier.number.number'), dir: 'ltr' as const },
  ];
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
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.registrationNumbers')}</legend>
        <ListEditor
          name="registration_numbers"
          items={draft.registration_numbers}
          empty={EMPTY_COMPANY_NUMBER}
          fields={numberFields}
          itemLabel={(i) => t('supplier.number.registrationItem', { n: i + 1 })}
          addLabel={t('supplier.number.addRegistration')}
          removeLabel={(i) => t('supplier.number.removeRegistration', { n: i + 1 })}
          emptyText={t('supplier.number.noneRegistration')}
          onChange={(items) => update('registration_numbers', items)}
          errorFor={errorFor}
          readOnly={readOnly}
        />
      </fieldset>
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.taxNumbers')}</legend>
        <ListEditor
          name="tax_numbers"
          items={draft.tax_numbers}
          empty={EMPTY_COMPANY_NUMBER}
          fields={numberFields}
          itemLabel={(i) => t('supplier.number.taxItem', { n: i + 1 })}
          addLabel={t('supplier.number.addTax')}
          removeLabel={(i) => t('supplier.number.removeTax', { n: i + 1 })}
          emptyText={t('supplier.number.noneTax')}
          onChange={(items) => update('tax_numbers', items)}
          errorFor={errorFor}
          readOnly={readOnly}
        />
      </fieldset>
    </>
  );
}

// One name per line; the text is kept as typed so blank lines do not vanish
// under the cursor.
function TradingNames({ draft, update, errorFor }: Pick<StepProps, 'draft' | 'update' | 'errorFor'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(draft.trading_names.join('\n'));
  const error = errorFor('trading_names') ?? draft.trading_names.map((_, i) => errorFor(`trading_names.${i}`)).find(Boolean);
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
  const setAddress = (field: keyof Address, value: string) => update('address', { ...draft.address, [field]: value });
  return (
    <>
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.address')}</legend>
        <TextField
          label={t('supplier.fields.street')}
          autoComplete="street-address"
          value={draft.address.street}
          onChange={(e) => setAddress('street', e.target.value)}
          error={errorFor('address.street')}
          dir="auto"
        />
        <div className="form__row">
          <TextField
            label={t('supplier.fields.city')}
            autoComplete="address-level2"
            value={draft.address.city}
            onChange={(e) => setAddress('city', e.target.value)}
            error={errorFor('address.city')}
            dir="auto"
          />
          <TextField
            label={t('supplier.fields.postalCode')}
            autoComplete="postal-code"
            value={draft.address.postal_code}
            onChange={(e) => setAddress('postal_code', e.target.value)}
            error={errorFor('address.postal_code')}
          />
        </div>
        <div className="form__row">
          <TextField
            label={t('supplier.fields.region')}
            autoComplete="address-level1"
            value={draft.address.region}
            onChange={(e) => setAddress('region', e.target.value)}
            error={errorFor('address.region')}
            dir="auto"
          />
          <SelectField
            label={t('supplier.fields.country')}
            value={draft.address.country}
            onChange={(e) => setAddress('country', e.target.value)}
            error={errorFor('address.country')}
          >
            <option value="">{t('common.choose')}</option>
            {countries.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
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
        {errorFor('countries_of_operation') ? <p className="field__error">{errorFor('countries_of_operation')}</p> : null}
        {readOnly ? null : (
          <div className="form__inline">
            <SelectField label={t('supplier.addCountryLabel')} value={adding} onChange={(e) => setAdding(e.target.value)}>
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

export function SizeStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const women = draft.women_owned;
  return (
    <>
      <SelectField
        label={t('supplier.fields.size')}
        hint={t('supplier.hints.size')}
        value={draft.party_scale}
        onChange={(e) => update('party_scale', e.target.value)}
        error={errorFor('party_scale')}
      >
        <option value="">{t('common.choose')}</option>
        {PARTY_SCALES.map((size) => (
          <option key={size} value={size}>
            {t(`supplier.sizes.${size}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField
        label={t('supplier.fields.sme')}
        checked={draft.sme === true}
        onChange={(e) => update('sme', e.target.checked)}
        error={errorFor('sme')}
      />
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.womenOwnership')}</legend>
        <div className="form__row">
          <TextField
            label={t('supplier.fields.womenOwnershipPercent')}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            value={women.ownership_percent ?? ''}
            onChange={(e) => update('women_owned', { ...women, ownership_percent: numberOrNull(e.target.value) })}
            error={errorFor('women_owned.ownership_percent')}
          />
        </div>
        <CheckboxField
          label={t('supplier.fields.womenControlled')}
          checked={women.controlled}
          onChange={(e) => update('women_owned', { ...women, controlled: e.target.checked })}
          error={errorFor('women_owned.controlled')}
        />
        <CheckboxField
          label={t('supplier.fields.womenOwned')}
          hint={t('supplier.hints.womenOwned')}
          checked={women.declared}
          onChange={(e) => update('women_owned', { ...women, declared: e.target.checked })}
          error={errorFor('women_owned.declared') ?? errorFor('women_owned')}
        />
      </fieldset>
      <CheckboxField
        label={t('supplier.fields.disabilityInclusive')}
        hint={t('supplier.hints.disabilityInclusive')}
        checked={draft.disability_inclusive}
        onChange={(e) => update('disability_inclusive', e.target.checked)}
        error={errorFor('disability_inclusive')}
      />
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.owners')}</legend>
        <p className="field__hint">{t('supplier.hints.owners')}</p>
        <ListEditor
          name="owners"
          items={draft.owners}
          empty={EMPTY_OWNER}
          fields={[
            { name: 'name', label: t('supplier.owner.name'), dir: 'auto' },
            { name: 'share_percent', label: t('supplier.owner.share'), type: 'number', min: 0, max: 100 },
            { name: 'country', label: t('supplier.owner.country'), type: 'select', options: countries },
          ]}
          itemLabel={(i) => t('supplier.owner.item', { n: i + 1 })}
          addLabel={t('supplier.owner.add')}
          removeLabel={(i) => t('supplier.owner.remove', { n: i + 1 })}
          emptyText={t('supplier.owner.none')}
          onChange={(items) => update('owners', items)}
          errorFor={errorFor}
          readOnly={readOnly}
        />
      </fieldset>
    </>
  );
}
