import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/forms/field';
import { languageName } from '@/lib/format';
import { MAIN_CATEGORIES, METHODS } from '../../api/schemas';
import { CountryList, TextAreaField } from '../form-bits';
import type { StepProps } from './step-props';

// Languages a tender's title and description are commonly written in: the six UN languages
// first, then a few more used by agencies' field offices.
const TENDER_LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw', 'uk'] as const;

function currencies(current: string): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('currency');
  } catch {
    all = ['USD', 'EUR', 'CHF', 'GBP'];
  }
  const common = ['USD', 'EUR', 'CHF', 'GBP', 'JPY', 'DKK', 'KES', 'XOF'];
  const rest = all.filter((code) => !common.includes(code));
  const list = [...common, ...rest];
  return current && !list.includes(current) ? [current, ...list] : list;
}

export function BasicsStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className="form__row">
        <TextField
          label={t('tenders.fields.reference')}
          hint={t('tenders.hints.reference')}
          value={draft.reference}
          onChange={(e) => update('reference', e.target.value)}
          error={errorFor('reference')}
          dir="auto"
          data-testid="tender-reference"
        />
        <SelectField
          label={t('tenders.fields.language')}
          value={draft.language}
          onChange={(e) => update('language', e.target.value)}
          error={errorFor('language')}
          data-testid="tender-language"
        >
          {TENDER_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, i18n.language)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t('tenders.fields.title')}
        required
        value={draft.title}
        onChange={(e) => update('title', e.target.value)}
        error={errorFor('title')}
        dir="auto"
        maxLength={300}
        data-testid="tender-title"
      />
      <TextAreaField
        label={t('tenders.fields.description')}
        hint={t('tenders.hints.description')}
        required
        rows={6}
        value={draft.description}
        onChange={(e) => update('description', e.target.value)}
        error={errorFor('description')}
        data-testid="tender-description"
      />
      <fieldset className="form__group" disabled={readOnly}>
        <legend className="form__legend">{t('tenders.fields.method')}</legend>
        <div className="tb-choices" role="radiogroup" aria-label={t('tenders.fields.method')}>
          {METHODS.map((method) => (
            <label key={method} className={`tb-choice${draft.method === method ? ' tb-choice--active' : ''}`}>
              <input
                type="radio"
                name="method"
                value={method}
                checked={draft.method === method}
                onChange={() => update('method', method)}
                data-testid={`tender-method-${method}`}
              />
              <span className="tb-choice__title">{t(`tenders.methods.${method}.name`)}</span>
              <span className="tb-choice__text">{t(`tenders.methods.${method}.text`)}</span>
            </label>
          ))}
        </div>
        {errorFor('method') ? <p className="field__error">{errorFor('method')}</p> : null}
      </fieldset>
      <div className="form__row">
        <SelectField
          label={t('tenders.fields.mainCategory')}
          required
          value={draft.main_category}
          onChange={(e) => update('main_category', e.target.value)}
          error={errorFor('main_category')}
          data-testid="tender-category"
        >
          <option value="">{t('tenders.common.choose')}</option>
          {MAIN_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`tenders.categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('tenders.fields.currency')}
          value={draft.currency}
          onChange={(e) => update('currency', e.target.value)}
          error={errorFor('currency')}
          data-testid="tender-currency"
        >
          {currencies(draft.currency).map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('tenders.fields.estimatedValue')}
          hint={t('tenders.hints.amount', { currency: draft.currency })}
          inputMode="decimal"
          dir="ltr"
          value={draft.estimated_value}
          onChange={(e) => update('estimated_value', e.target.value)}
          error={errorFor('estimated_value')}
          data-testid="tender-estimated-value"
        />
      </div>
      <CountryList
        label={t('tenders.fields.countries')}
        hint={t('tenders.hints.countries')}
        error={errorFor('countries')}
        value={draft.countries}
        onChange={(codes) => update('countries', codes)}
        readOnly={readOnly}
        testId="tender-countries"
      />
    </>
  );
}
