import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckboxField, SelectField, TextField } from '@/components/forms/field';
import { UnspscPicker } from '@/components/unspsc-picker';
import { formatDateTime, parseInstant } from '@/lib/format';
import {
  CERTIFICATE_TYPES,
  certificateTypeLabel,
  EMISSION_SCOPES,
  EMPTY_CERTIFICATE,
  EMPTY_CONTACT,
  EMPTY_REFERENCE,
  HLCM_INDICATORS,
  type Sustainability,
} from '../api';
import type { StepProps } from '../steps';
import { CodeSuggestionsPanel } from './code-suggestions';
import { ListEditor } from './list-editor';
import { useCountryOptions } from './profile-steps-company';

const CODE_OF_CONDUCT_URL = 'https://www.un.org/Depts/ptd/about-us/un-supplier-code-conduct';

const numberOrNull = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? null : Number(value));

export function ContactsStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  return (
    <ListEditor
      name="contacts"
      items={draft.contacts}
      empty={EMPTY_CONTACT}
      fields={[
        { name: 'name', label: t('supplier.contact.name'), dir: 'auto' },
        { name: 'position', label: t('supplier.contact.position'), dir: 'auto' },
        { name: 'email', label: t('supplier.contact.email'), type: 'email', dir: 'ltr' },
        { name: 'phone', label: t('supplier.contact.phone'), type: 'tel', dir: 'ltr' },
      ]}
      itemLabel={(i) => t('supplier.contact.item', { n: i + 1 })}
      addLabel={t('supplier.contact.add')}
      removeLabel={(i) => t('supplier.contact.remove', { n: i + 1 })}
      emptyText={t('supplier.contact.none')}
      onChange={(items) => update('contacts', items)}
      errorFor={errorFor}
      readOnly={readOnly}
    />
  );
}

export function CodesStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const itemError = draft.unspsc_codes.map((_, i) => errorFor(`unspsc_codes.${i}`)).find(Boolean);
  // A code already chosen is not listed twice (the server refuses duplicates).
  const add = (code: string) => {
    if (!draft.unspsc_codes.includes(code)) update('unspsc_codes', [...draft.unspsc_codes, code]);
  };
  return (
    <>
      <UnspscPicker
        label={t('supplier.fields.unspscCodes')}
        hint={t('supplier.hints.unspscCodes')}
        error={errorFor('unspsc_codes') ?? itemError}
        selected={draft.unspsc_codes}
        disabled={readOnly}
        onAdd={add}
        onRemove={(code) => update('unspsc_codes', draft.unspsc_codes.filter((c) => c !== code))}
      />
      {readOnly ? null : <CodeSuggestionsPanel selected={draft.unspsc_codes} onAdd={add} />}
    </>
  );
}

export function CertificatesStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted">{t('supplier.certificate.lead')}</p>
      <ListEditor
        name="certificates"
        items={draft.certificates}
        empty={EMPTY_CERTIFICATE}
        fields={[
          {
            name: 'type',
            label: t('supplier.certificate.type'),
            type: 'select',
            options: CERTIFICATE_TYPES.map((type) => ({
              value: type,
              label: certificateTypeLabel(type, t('supplier.certificate.types.other')),
            })),
          },
          { name: 'name', label: t('supplier.certificate.name'), dir: 'auto' },
          { name: 'issuer', label: t('supplier.certificate.issuer'), dir: 'auto' },
          { name: 'number', label: t('supplier.certificate.number') },
          { name: 'valid_until', label: t('supplier.certificate.validUntil'), type: 'date' },
        ]}
        itemLabel={(i) => t('supplier.certificate.item', { n: i + 1 })}
        addLabel={t('supplier.certificate.add')}
        removeLabel={(i) => t('supplier.certificate.remove', { n: i + 1 })}
        emptyText={t('supplier.certificate.none')}
        onChange={(items) => update('certificates', items)}
        errorFor={errorFor}
        readOnly={readOnly}
      />
    </>
  );
}

export function SustainabilityStep({ draft, update, errorFor }: StepProps) {
  const { t } = useTranslation();
  const s = draft.sustainability;
  const set = (changes: Partial<Sustainability>) => update('sustainability', { ...s, ...changes });
  const setEmissions = (changes: Partial<Sustainability['emissions']>) => set({ emissions: { ...s.emissions, ...changes } });
  // Indicators the server holds that this UI does not offer stay ticked.
  const indicators = [...HLCM_INDICATORS, ...s.hlcm_indicators.filter((id) => !(HLCM_INDICATORS as readonly string[]).includes(id))];
  const indicatorError = s.hlcm_indicators.map((_, i) => errorFor(`sustainability.hlcm_indicators.${i}`)).find(Boolean);
  return (
    <>
      <CheckboxField
        label={t('supplier.fields.unGlobalCompact')}
        hint={t('supplier.hints.unGlobalCompact')}
        checked={s.un_global_compact_participant}
        onChange={(e) => set({ un_global_compact_participant: e.target.checked })}
        error={errorFor('sustainability.un_global_compact_participant')}
      />
      {s.un_global_compact_participant ? (
        <TextField
          label={t('supplier.fields.unGlobalCompactId')}
          value={s.un_global_compact_id}
          onChange={(e) => set({ un_global_compact_id: e.target.value })}
          error={errorFor('sustainability.un_global_compact_id')}
          dir="ltr"
        />
      ) : null}
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.hlcmIndicators')}</legend>
        <p className="field__hint">{t('supplier.hints.hlcmIndicators')}</p>
        {indicators.map((id) => (
          <label key={id} className="checkbox">
            <input
              type="checkbox"
              checked={s.hlcm_indicators.includes(id)}
              onChange={(e) =>
                set({
                  hlcm_indicators: e.target.checked ? [...s.hlcm_indicators, id] : s.hlcm_indicators.filter((other) => other !== id),
                })
              }
            />
            <span>{t(`supplier.hlcm.${id}`, { defaultValue: id })}</span>
          </label>
        ))}
        {indicatorError ? <p className="field__error">{indicatorError}</p> : null}
      </fieldset>
      <fieldset className="form__group">
        <legend className="form__legend">{t('supplier.fields.emissions')}</legend>
        <CheckboxField
          label={t('supplier.fields.emissionsDisclosure')}
          hint={t('supplier.hints.emissionsDisclosure')}
          checked={s.emissions.discloses}
          onChange={(e) => setEmissions({ discloses: e.target.checked })}
          error={errorFor('sustainability.emissions.discloses')}
        />
        {s.emissions.discloses ? (
          <>
            <div className="form__row">
              <TextField
                label={t('supplier.fields.emissionsYear')}
                type="number"
                inputMode="numeric"
                value={s.emissions.reporting_year ?? ''}
                onChange={(e) => setEmissions({ reporting_year: numberOrNull(e.target.value) })}
                error={errorFor('sustainability.emissions.reporting_year')}
              />
              <SelectField
                label={t('supplier.fields.emissionsScopes')}
                value={s.emissions.scopes}
                onChange={(e) => setEmissions({ scopes: e.target.value })}
                error={errorFor('sustainability.emissions.scopes')}
              >
                <option value="">{t('common.choose')}</option>
                {EMISSION_SCOPES.map((scope) => (
                  <option key={scope} value={scope}>
                    {t(`supplier.scopes.${scope.replace('-', '_')}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <TextField
              label={t('supplier.fields.emissionsReport')}
              type="url"
              placeholder="https://"
              value={s.emissions.report_url}
              onChange={(e) => setEmissions({ report_url: e.target.value })}
              error={errorFor('sustainability.emissions.report_url')}
              dir="ltr"
            />
          </>
        ) : null}
      </fieldset>
    </>
  );
}

export function ReferencesStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  return (
    <ListEditor
      name="references"
      items={draft.references}
      empty={EMPTY_REFERENCE}
      fields={[
        { name: 'client_name', label: t('supplier.reference.client'), dir: 'auto' },
        { name: 'year', label: t('supplier.reference.year'), type: 'number' },
        { name: 'country', label: t('supplier.reference.country'), type: 'select', options: countries },
        { name: 'description', label: t('supplier.reference.description'), wide: true, dir: 'auto' },
        { name: 'contact_name', label: t('supplier.reference.contactName'), dir: 'auto' },
        { name: 'contact_email', label: t('supplier.reference.contactEmail'), type: 'email', dir: 'ltr' },
      ]}
      itemLabel={(i) => t('supplier.reference.item', { n: i + 1 })}
      addLabel={t('supplier.reference.add')}
      removeLabel={(i) => t('supplier.reference.remove', { n: i + 1 })}
      emptyText={t('supplier.reference.none')}
      onChange={(items) => update('references', items)}
      errorFor={errorFor}
      readOnly={readOnly}
    />
  );
}

export function ConductStep({
  draft,
  update,
  errorFor,
  supplierId,
  acceptedAt,
}: StepProps & { supplierId: string; acceptedAt: string | undefined }) {
  const { t, i18n } = useTranslation();
  const accepted = parseInstant(acceptedAt);
  return (
    <>
      <div className="note">
        <p>{t('supplier.conduct.summary')}</p>
        <p>
          <a href={CODE_OF_CONDUCT_URL} target="_blank" rel="noreferrer">
            {t('supplier.conduct.read')}
          </a>
        </p>
      </div>
      <CheckboxField
        label={t('supplier.fields.codeOfConduct')}
        checked={draft.code_of_conduct_accepted}
        onChange={(e) => update('code_of_conduct_accepted', e.target.checked)}
        error={errorFor('code_of_conduct_accepted')}
      />
      {accepted && draft.code_of_conduct_accepted ? (
        <p className="status status--ok" data-testid="conduct-accepted">
          {t('supplier.conduct.acceptedAt', { date: formatDateTime(accepted, i18n.language) })}
        </p>
      ) : null}
      <p>
        <Link to={`/suppliers/${encodeURIComponent(supplierId)}/readiness`}>{t('supplier.conduct.next')}</Link>
      </p>
    </>
  );
}
