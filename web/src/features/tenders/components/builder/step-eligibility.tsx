import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '@/components/forms/field';
import { UNGM_LEVELS } from '../../api/schemas';
import { CountryList } from '../form-bits';
import type { StepProps } from './step-props';

// Who may bid (registration level, countries, SME and women-owned reservations) and whether a
// bid security is required.
export function EligibilityStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const e = draft.eligibility;
  const s = draft.bid_security;
  return (
    <>
      <SelectField
        label={t('tenders.eligibility.level')}
        hint={t('tenders.eligibility.levelHint')}
        value={e.minimum_ungm_level}
        onChange={(ev) => update('eligibility', { ...e, minimum_ungm_level: ev.target.value })}
        error={errorFor('eligibility.minimum_ungm_level')}
        data-testid="eligibility-level"
      >
        {UNGM_LEVELS.map((level) => (
          <option key={level} value={level}>
            {t(`tenders.eligibility.levels.${level}`)}
          </option>
        ))}
      </SelectField>
      <CountryList
        label={t('tenders.eligibility.countries')}
        hint={t('tenders.eligibility.countriesHint')}
        error={errorFor('eligibility.countries')}
        value={e.countries}
        onChange={(countries) => update('eligibility', { ...e, countries })}
        readOnly={readOnly}
        testId="eligibility-countries"
      />
      <CheckboxField
        label={t('tenders.eligibility.sme')}
        checked={e.reserved_for_sme}
        disabled={readOnly}
        onChange={(ev) => update('eligibility', { ...e, reserved_for_sme: ev.target.checked })}
        data-testid="eligibility-sme"
      />
      <CheckboxField
        label={t('tenders.eligibility.womenOwned')}
        checked={e.reserved_for_women_owned}
        disabled={readOnly}
        onChange={(ev) => update('eligibility', { ...e, reserved_for_women_owned: ev.target.checked })}
        data-testid="eligibility-women-owned"
      />
      <fieldset className="form__group">
        <legend className="form__legend">{t('tenders.eligibility.security')}</legend>
        <CheckboxField
          label={t('tenders.eligibility.securityRequired')}
          checked={s.required}
          disabled={readOnly}
          onChange={(ev) => update('bid_security', { required: ev.target.checked, amount: ev.target.checked ? s.amount : '' })}
          data-testid="bid-security-required"
        />
        {s.required ? (
          <TextField
            label={t('tenders.eligibility.securityAmount', { currency: draft.currency })}
            inputMode="decimal"
            dir="ltr"
            value={s.amount}
            onChange={(ev) => update('bid_security', { ...s, amount: ev.target.value })}
            error={errorFor('bid_security.amount')}
            data-testid="bid-security-amount"
          />
        ) : null}
      </fieldset>
    </>
  );
}
