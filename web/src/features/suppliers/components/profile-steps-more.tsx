import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckboxField } from '@/components/forms/field';
import { UnspscPicker } from '@/components/unspsc-picker';
import { EMPTY_CERTIFICATE, EMPTY_CONTACT, EMPTY_REFERENCE } from '../api';
import type { StepProps } from '../steps';
import { ListEditor } from './list-editor';

const CODE_OF_CONDUCT_URL = 'https://www.un.org/Depts/ptd/about-us/un-supplier-code-conduct';

export function ContactsStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  return (
    <ListEditor
      name="contacts"
      items={draft.contacts}
      empty={EMPTY_CONTACT}
      fields={[
        { name: 'name', label: t('supplier.contact.name'), dir: 'auto' },
        { name: 'role', label: t('supplier.contact.role'), dir: 'auto' },
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
  return (
    <UnspscPicker
      label={t('supplier.fields.unspscCodes')}
      hint={t('supplier.hints.unspscCodes')}
      error={errorFor('unspsc_codes')}
      selected={draft.unspsc_codes}
      disabled={readOnly}
      onAdd={(code) => update('unspsc_codes', [...draft.unspsc_codes, code])}
      onRemove={(code) => update('unspsc_codes', draft.unspsc_codes.filter((c) => c !== code))}
    />
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
  return (
    <>
      <CheckboxField
        label={t('supplier.fields.unGlobalCompact')}
        hint={t('supplier.hints.unGlobalCompact')}
        checked={draft.un_global_compact}
        onChange={(e) => update('un_global_compact', e.target.checked)}
        error={errorFor('un_global_compact')}
      />
      <CheckboxField
        label={t('supplier.fields.emissionsDisclosure')}
        hint={t('supplier.hints.emissionsDisclosure')}
        checked={draft.emissions_disclosure}
        onChange={(e) => update('emissions_disclosure', e.target.checked)}
        error={errorFor('emissions_disclosure')}
      />
    </>
  );
}

export function ReferencesStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  return (
    <ListEditor
      name="references"
      items={draft.references}
      empty={EMPTY_REFERENCE}
      fields={[
        { name: 'client', label: t('supplier.reference.client'), dir: 'auto' },
        { name: 'year', label: t('supplier.reference.year'), type: 'number' },
        { name: 'description', label: t('supplier.reference.description'), wide: true, dir: 'auto' },
        { name: 'contact', label: t('supplier.reference.contact'), dir: 'auto' },
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

export function ConductStep({ draft, update, errorFor, supplierId }: StepProps & { supplierId: string }) {
  const { t } = useTranslation();
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
      <p>
        <Link to={`/suppliers/${encodeURIComponent(supplierId)}/readiness`}>{t('supplier.conduct.next')}</Link>
      </p>
    </>
  );
}
