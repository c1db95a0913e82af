import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/forms/field';
import { formatDateTime, viewerTimeZone } from '@/lib/format';
import type { TenderDocument } from '../../api/schemas';
import { resolveLocal, timeZones } from '../../model/deadline';
import { newDocument } from '../../model/draft';
import type { StepProps } from './step-props';

const DOCUMENT_TYPES = ['biddingDocuments', 'technicalSpecifications', 'evaluationCriteria', 'contractDraft', 'clarifications', 'other'] as const;

export function DocumentsStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const setDocument = (index: number, change: Partial<TenderDocument>) =>
    update(
      'documents',
      draft.documents.map((d, i) => (i === index ? { ...d, ...change } : d)),
    );
  return (
    <>
      <p className="field__hint">{t('tenders.documents.hint')}</p>
      {draft.documents.every((d) => d.files.length > 0) ? <p className="muted">{t('tenders.documents.none')}</p> : null}
      {draft.documents.map((doc, i) =>
        // Uploaded files are listed and changed in the uploads panel above, never here.
        doc.files.length > 0 ? null : (
        <fieldset key={i} className="list-editor__item" data-testid={`document-${i}`}>
          <legend className="form__legend">{t('tenders.documents.documentN', { n: i + 1 })}</legend>
          <div className="form__row">
            <TextField
              label={t('tenders.documents.title')}
              value={doc.title}
              dir="auto"
              onChange={(e) => setDocument(i, { title: e.target.value })}
              error={errorFor(`documents.${i}.title`) ?? errorFor(`documents.${i}.id`)}
            />
            <SelectField label={t('tenders.documents.type')} value={doc.document_type} onChange={(e) => setDocument(i, { document_type: e.target.value })}>
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`tenders.documents.types.${type}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <TextField
            label={t('tenders.documents.url')}
            type="url"
            dir="ltr"
            value={doc.url}
            onChange={(e) => setDocument(i, { url: e.target.value.trim() })}
            error={errorFor(`documents.${i}.url`)}
          />
          {readOnly ? null : (
            <button
              type="button"
              className="button button--secondary button--danger button--small"
              onClick={() =>
                update(
                  'documents',
                  draft.documents.filter((_, n) => n !== i),
                )
              }
            >
              {t('tenders.documents.remove', { n: i + 1 })}
            </button>
          )}
        </fieldset>
        ),
      )}
      {readOnly ? null : (
        <button type="button" className="button button--secondary" onClick={() => update('documents', [...draft.documents, newDocument(draft.documents)])}>
          {t('tenders.documents.add')}
        </button>
      )}
    </>
  );
}

// The deadline as the agency's local time. The browser says at once when the time falls in
// a daylight-saving gap or overlap; the server's refusal (ET-13), when it comes, is shown in
// its own words next to the field and wins.
export function DeadlineStep({ draft, update, errorFor }: StepProps) {
  const { t, i18n } = useTranslation();
  const resolved = draft.deadline && draft.time_zone ? resolveLocal(draft.deadline, draft.time_zone) : undefined;
  const serverError = errorFor('deadline');
  let localError: string | undefined;
  if (resolved?.kind === 'gap') localError = t('tenders.validation.dstGap', { zone: draft.time_zone });
  else if (resolved?.kind === 'overlap') localError = t('tenders.validation.dstOverlap', { zone: draft.time_zone });
  else if (resolved?.kind === 'invalid') localError = t('tenders.validation.dateTime');
  const viewer = viewerTimeZone();
  return (
    <>
      <SelectField
        label={t('tenders.deadline.zone')}
        hint={t('tenders.deadline.zoneHint')}
        value={draft.time_zone}
        onChange={(e) => update('time_zone', e.target.value)}
        error={errorFor('time_zone')}
        data-testid="tender-time-zone"
      >
        {timeZones(draft.time_zone).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('tenders.deadline.local', { zone: draft.time_zone })}
        // The server's refusal is shown in its own words; the browser's explanation, in the
        // reader's language, stays beside it.
        hint={serverError && localError ? localError : t('tenders.deadline.localHint')}
        type="datetime-local"
        dir="ltr"
        value={draft.deadline}
        onChange={(e) => update('deadline', e.target.value)}
        error={serverError ?? localError}
        data-testid="tender-deadline"
      />
      {resolved?.kind === 'ok' && !serverError ? (
        <div className="tb-deadline-preview" data-testid="deadline-preview">
          <p>
            {t('tenders.deadline.agencyTime')}: <strong>{formatDateTime(resolved.instant, i18n.language, draft.time_zone)}</strong>
          </p>
          <p>
            {t('tenders.deadline.utc')}: <span className="mono" dir="ltr">{resolved.instant.toISOString().replace('.000Z', 'Z')}</span>
          </p>
          {viewer !== draft.time_zone ? (
            <p className="muted">
              {t('tenders.deadline.yourTime')}: {formatDateTime(resolved.instant, i18n.language, viewer)}
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="field__hint">{t('tenders.deadline.rule')}</p>
    </>
  );
}
