import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/forms/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import {
  TENDER_DOCUMENT_KINDS,
  type UploadedDocument,
  formatFileSize,
  removeTenderDocument,
  uploadTenderDocument,
  useTenderDocuments,
} from '../../api/documents';
import { tenderKeys } from '../../api/tenders';

export const ACCEPTED_TENDER_FILES = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

interface UploadState {
  name: string;
  progress: number;
  state: 'uploading' | 'failed';
  error?: string;
}

interface Props {
  ocid: string;
  readOnly: boolean;
  // A published tender: each upload is an amendment (a rationale is required), a file may be a
  // new version of an uploaded document, and nothing is removed.
  published?: boolean;
  // Saves pending edits of the builder before the tender changes under it.
  beforeChange?: () => Promise<unknown>;
  // The tender changed (a file added or removed): the builder reloads it.
  onChanged: () => void;
}

// The officer's uploaded solicitation documents in the tender builder (draft): choose the
// kind, pick a file, watch it upload; the server checks size and type by content, and its
// refusals are shown in the officer's language with the limit. Each uploaded file is listed
// with its size and SHA-256, and can be removed while the tender is a draft.
export function DocumentUploads({ ocid, readOnly, published = false, beforeChange, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const documents = useTenderDocuments(ocid);
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [versionOf, setVersionOf] = useState('');
  const [rationale, setRationale] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [upload, setUpload] = useState<UploadState | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [removeError, setRemoveError] = useState<string | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);
  const limit = documents.data?.limits.max_file_bytes;
  const uploaded = (documents.data?.items ?? []).filter((d) => d.uploaded);
  const busy = upload?.state === 'uploading';

  const messageFor = (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('tenderDocuments.errors.failed');
    if (error.status === 413) {
      return limit ? t('tenderDocuments.errors.tooLarge', { limit: formatFileSize(limit, i18n.language) }) : t('tenderDocuments.errors.tooLargeNoLimit');
    }
    if (error.status === 415) return t('tenderDocuments.errors.wrongType');
    if (error.status === 422 && error.problem?.code === 'malware_detected') return t('tenderDocuments.errors.malware');
    if (error.kind === 'network') return t('tenderDocuments.errors.network');
    const field = fieldErrorOf(error);
    if (field) return `${t(`tenderDocuments.fields.${field.field}`, { defaultValue: field.field })}: ${field.message}`;
    return error.detail ?? t('tenderDocuments.errors.failed');
  };

  const submit = async () => {
    if ((kind === '' && versionOf === '') || !file || (published && rationale.trim() === '')) {
      setFormError(
        !file
          ? t('tenderDocuments.errors.noFile')
          : published && rationale.trim() === ''
            ? t('tenderDocuments.errors.noRationale')
            : t('tenderDocuments.errors.noKind'),
      );
      return;
    }
    // Refused at once when the browser already knows; the server checks again either way.
    if (limit !== undefined && file.size > limit) {
      setFormError(undefined);
      setUpload({ name: file.name, progress: 0, state: 'failed', error: t('tenderDocuments.errors.tooLarge', { limit: formatFileSize(limit, i18n.language) }) });
      return;
    }
    setFormError(undefined);
    setUpload({ name: file.name, progress: 0, state: 'uploading' });
    try {
      await beforeChange?.();
      const upload = {
        file,
        kind,
        title: title.trim() || undefined,
        documentId: versionOf || undefined,
        rationale: published ? rationale.trim() : undefined,
      };
      await uploadTenderDocument(ocid, upload, (progress) =>
        setUpload((current) => (current ? { ...current, progress } : current)),
      );
      setUpload(undefined);
      setFile(undefined);
      setTitle('');
      setRationale('');
      setVersionOf('');
      if (fileInput.current) fileInput.current.value = '';
      await documents.refetch();
      onChanged();
    } catch (error) {
      setUpload({ name: file.name, progress: 0, state: 'failed', error: messageFor(error) });
    }
  };

  const remove = async (document: UploadedDocument) => {
    setRemoveError(undefined);
    try {
      await beforeChange?.();
      await removeTenderDocument(ocid, document.id);
      await documents.refetch();
      onChanged();
    } catch (error) {
      setRemoveError(messageFor(error));
    }
  };

  const percent = (value: number) => new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(value);

  return (
    <section className="panel stack tb-uploads" aria-labelledby={`${id}-title`} data-testid="tender-uploads">
      <h2 id={`${id}-title`} className="panel__title">
        {t('tenderDocuments.title')}
      </h2>
      <p className="field__hint">
        {t('tenderDocuments.hint', { limit: limit ? formatFileSize(limit, i18n.language) : '…' })}
      </p>
      {documents.isError ? (
        <p role="alert" className="field__error">
          {messageFor(documents.error)}
        </p>
      ) : null}
      {!documents.data ? null : uploaded.length === 0 ? (
        <p className="muted">{t('tenderDocuments.none')}</p>
      ) : (
        <ul className="tb-uploads__list" aria-label={t('tenderDocuments.listLabel')}>
          {uploaded.map((d) => (
            <li key={d.id} className="tb-uploads__item" data-testid={`uploaded-${d.id}`}>
              <div>
                <a href={d.url} download dir="auto">
                  {d.title}
                </a>{' '}
                <span className="muted">
                  · {t(`tenderDocuments.kinds.${d.kind ?? 'other'}`, { defaultValue: d.kind ?? '' })}
                  {d.current ? ` · ${formatFileSize(d.current.size, i18n.language)}` : ''}
                </span>
              </div>
              {d.current ? (
                <div className="tb-uploads__hash">
                  <span className="muted">{t('tenderDocuments.sha256')}</span>{' '}
                  <code className="mono" dir="ltr">
                    {d.current.sha256}
                  </code>
                </div>
              ) : null}
              {d.files.length > 1 ? (
                <div className="muted">
                  {t('tenderDocuments.olderVersions')}{' '}
                  {d.files.slice(0, -1).map((f) => (
                    <a key={f.version} href={f.url} download className="tb-uploads__version">
                      {t('tenderDocuments.version', { n: f.version })}
                    </a>
                  ))}
                </div>
              ) : null}
              {readOnly || published ? null : (
                <button
                  type="button"
                  className="button button--secondary button--danger button--small"
                  onClick={() => void remove(d)}
                  aria-label={t('tenderDocuments.removeNamed', { title: d.title })}
                >
                  {t('tenderDocuments.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removeError ? (
        <p role="alert" className="field__error">
          {removeError}
        </p>
      ) : null}
      {readOnly ? null : (
        // Not a <form>: the builder's steps sit inside the builder's own form, and forms do not
        // nest (a browser would submit the outer one).
        <div className="form" role="group" aria-label={t('tenderDocuments.uploadTitle')}>
          {published ? (
            <SelectField label={t('tenderDocuments.versionOf')} value={versionOf} onChange={(e) => setVersionOf(e.target.value)}>
              <option value="">{t('tenderDocuments.newDocument')}</option>
              {uploaded.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </SelectField>
          ) : null}
          <div className="form__row">
            <SelectField label={t('tenderDocuments.kind')} required={versionOf === ''} value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">{t('tenderDocuments.choose')}</option>
              {TENDER_DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`tenderDocuments.kinds.${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('tenderDocuments.docTitle')}
              hint={t('tenderDocuments.docTitleHint')}
              value={title}
              dir="auto"
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('tenderDocuments.file')}</label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              accept={ACCEPTED_TENDER_FILES}
              aria-describedby={`${id}-file-hint`}
              onChange={(e) => setFile(e.target.files?.[0])}
              data-testid="tender-upload-file"
            />
            <p id={`${id}-file-hint`} className="field__hint">
              {t('tenderDocuments.fileHint', { limit: limit ? formatFileSize(limit, i18n.language) : '…' })}
            </p>
          </div>
          {published ? (
            <TextField
              label={t('tenderDocuments.rationale')}
              hint={t('tenderDocuments.rationaleHint')}
              required
              value={rationale}
              dir="auto"
              onChange={(e) => setRationale(e.target.value)}
            />
          ) : null}
          {formError ? (
            <p role="alert" className="field__error">
              {formError}
            </p>
          ) : null}
          <div className="form__actions">
            <button type="button" className="button" disabled={busy} onClick={() => void submit()}>
              {t('tenderDocuments.upload')}
            </button>
          </div>
        </div>
      )}
      {upload ? (
        <div className={`uploads__item uploads__item--${upload.state}`} data-testid="tender-upload-state">
          <span className="uploads__name" dir="auto">
            {upload.name}
          </span>
          {upload.state === 'failed' ? (
            <p role="alert" className="field__error">
              {upload.error}
            </p>
          ) : (
            <ProgressBar label={t('tenderDocuments.progressLabel', { name: upload.name })} value={upload.progress} percentText={percent(upload.progress)} />
          )}
        </div>
      ) : null}
    </section>
  );
}

// On a published tender's amendments tab: each file is an amendment; the tender and its
// amendment history are read again after it.
export function AmendmentDocumentUploads({ ocid }: { ocid: string }) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: tenderKeys.one(ocid) });
    void queryClient.invalidateQueries({ queryKey: tenderKeys.amendments(ocid) });
  };
  return <DocumentUploads ocid={ocid} readOnly={false} published onChanged={refresh} />;
}
