import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CheckboxField, SelectField, TextField } from '@/components/forms/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { languageName } from '@/lib/format';
import { DOCUMENT_KINDS, type SupplierDocument, uploadDocument, useInvalidateSupplier } from '../api';

export const ACCEPTED_TYPES = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

// Languages a document may be written in (ISO 639-1): the six UN languages
// first, then others common among suppliers. Readiness needs English (or a
// certified English translation) for the certificate of incorporation.
export const DOCUMENT_LANGUAGES = ['en', 'fr', 'es', 'zh', 'ar', 'ru', 'pt', 'de', 'it', 'sw', 'hi', 'tr'] as const;

interface Upload {
  key: string;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
}

// Uploads one or more files of one kind, each with its own progress bar
// (XMLHttpRequest upload events). The server checks type and size; its
// refusals are shown per file in the user's language.
export function UploadForm({ supplierId, documents }: { supplierId: string; documents: SupplierDocument[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [params] = useSearchParams();
  const requestedKind = params.get('kind');
  const [kind, setKind] = useState<string>(
    requestedKind && (DOCUMENT_KINDS as readonly string[]).includes(requestedKind) ? requestedKind : '',
  );
  const [validUntil, setValidUntil] = useState('');
  const [language, setLanguage] = useState('');
  const [fiscalYear, setFiscalYear] = useState('');
  const [audited, setAudited] = useState(false);
  const [translationOf, setTranslationOf] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [formError, setFormError] = useState<string | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);
  const invalidate = useInvalidateSupplier(supplierId);
  const busy = uploads.some((u) => u.state === 'uploading');

  const messageFor = (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('documents.errors.failed');
    if (error.status === 413) return t('documents.errors.tooLarge');
    if (error.status === 415) return t('documents.errors.wrongType');
    if (error.kind === 'network') return t('errors.network');
    const field = fieldErrorOf(error);
    if (field) return `${t(`documents.fieldNames.${field.field}`, { defaultValue: field.field })}: ${field.message}`;
    return error.detail ?? t('documents.errors.failed');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (kind === '' || files.length === 0) {
      setFormError(kind === '' ? t('documents.errors.noKind') : t('documents.errors.noFile'));
      return;
    }
    if (kind === 'translation' && translationOf === '') {
      setFormError(t('documents.errors.noOriginal'));
      return;
    }
    setFormError(undefined);
    const batch = files.map((file, index) => ({ file, key: `${Date.now()}-${index}-${file.name}` }));
    setUploads((current) => [
      ...batch.map(({ file, key }) => ({ key, name: file.name, progress: 0, state: 'uploading' as const })),
      ...current,
    ]);
    const change = (key: string, patch: Partial<Upload>) =>
      setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...patch } : u)));
    await Promise.all(
      batch.map(({ file, key }) =>
        uploadDocument(
          supplierId,
          { kind, validUntil, language, fiscalYear, audited, translationOf, file },
          (progress) => change(key, { progress }),
        ).then(
          () => change(key, { state: 'done', progress: 1 }),
          (error: unknown) => change(key, { state: 'failed', error: messageFor(error) }),
        ),
      ),
    );
    setFiles([]);
    if (fileInput.current) fileInput.current.value = '';
    await invalidate();
  };

  const percent = (value: number) => new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(value);

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        {t('documents.uploadTitle')}
      </h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form__row">
          <SelectField label={t('documents.kind')} required value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`documents.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('documents.validUntil')}
            hint={t('documents.validUntilHint')}
            type="date"
            value={validUntil}
            onChange={(e) => setValidUntil(e.target.value)}
          />
          <SelectField
            label={t('documents.language')}
            hint={kind === 'incorporation_certificate' ? t('documents.languageHint') : undefined}
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
          >
            <option value="">{t('documents.languageNotSaid')}</option>
            {DOCUMENT_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code, i18n.language)}
              </option>
            ))}
          </SelectField>
        </div>
        {kind === 'financial_statement' ? (
          <div className="form__row">
            <TextField
              label={t('documents.fiscalYear')}
              type="number"
              inputMode="numeric"
              min={1900}
              max={new Date().getFullYear()}
              value={fiscalYear}
              onChange={(e) => setFiscalYear(e.target.value)}
            />
            <CheckboxField label={t('documents.auditedLabel')} checked={audited} onChange={(e) => setAudited(e.target.checked)} />
          </div>
        ) : null}
        {kind === 'translation' ? (
          <SelectField
            label={t('documents.translationOf')}
            required
            value={translationOf}
            onChange={(e) => setTranslationOf(e.target.value)}
          >
            <option value="">{t('common.choose')}</option>
            {documents
              .filter((d) => d.kind !== 'translation')
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {`${t(`documents.kinds.${d.kind}`, { defaultValue: d.kind })}: ${d.filename}`}
                </option>
              ))}
          </SelectField>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('documents.files')}</label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            multiple
            accept={ACCEPTED_TYPES}
            aria-describedby={`${id}-file-hint`}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
          <p id={`${id}-file-hint`} className="field__hint">
            {t('documents.filesHint')}
          </p>
        </div>
        {formError ? (
          <p role="alert" className="field__error">
            {formError}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {t('documents.upload')}
          </button>
        </div>
      </form>
      {uploads.length > 0 ? (
        <ul className="uploads" aria-label={t('documents.uploadsLabel')}>
          {uploads.map((upload) => (
            <li key={upload.key} className={`uploads__item uploads__item--${upload.state}`}>
              <span className="uploads__name" dir="auto">
                {upload.name}
              </span>
              {upload.state === 'failed' ? (
                <p role="alert" className="field__error">
                  {upload.error}
                </p>
              ) : (
                <ProgressBar
                  label={t('documents.progressLabel', { name: upload.name })}
                  value={upload.progress}
                  percentText={upload.state === 'done' ? t('documents.uploadDone') : percent(upload.progress)}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
