import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '@/components/forms/field';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { formatDateTime, parseInstant } from '@/lib/format';
import type { Tender } from '../api/schemas';
import { type Amendment, useAmend, useAmendments } from '../api/tenders';
import { resolveLocal, wallTimeIn } from '../model/deadline';
import { AmendmentDocumentUploads } from './documents/document-uploads';
import { TextAreaField } from './form-bits';
import { isolate } from '../model/bidi';

// Amendments of a published tender, versioned: what changed, why, and whether the deadline was
// extended by the minimum-remaining-days rule (bidders are then asked to re-confirm).
export function AmendmentsPanel({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  const list = useAmendments(tender.ocid, tender.state !== 'draft');
  if (tender.state === 'draft') return <p className="muted panel">{t('tenders.amendments.notYet')}</p>;
  return (
    <div className="tb-amendments">
      {tender.can_edit && tender.state === 'published' ? <AmendForm tender={tender} /> : null}
      {tender.can_edit && tender.state === 'published' ? <AmendmentDocumentUploads ocid={tender.ocid} /> : null}
      <section className="panel" aria-labelledby="amendment-history">
        <h2 id="amendment-history" className="panel__title">
          {t('tenders.amendments.history')}
        </h2>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.data && list.data.length === 0 ? <p className="muted">{t('tenders.amendments.none')}</p> : null}
        <ol className="tb-amendment-list" data-testid="amendments">
          {[...(list.data ?? [])].reverse().map((a) => (
            <AmendmentEntry key={a.number} amendment={a} tender={tender} />
          ))}
        </ol>
      </section>
    </div>
  );
}

function AmendmentEntry({ amendment, tender }: { amendment: Amendment; tender: Tender }) {
  const { t, i18n } = useTranslation();
  const at = parseInstant(amendment.at);
  const after = parseInstant(amendment.deadline_after);
  return (
    <li className="tb-amendment">
      <p className="tb-qa-label">
        {t('tenders.amendments.numberN', { n: amendment.number })}
        {at ? <span className="muted"> · {formatDateTime(at, i18n.language)}</span> : null}
        {amendment.substantive ? <span className="badge badge--warning">{t('tenders.amendments.substantive')}</span> : null}
      </p>
      <p dir="auto">{amendment.rationale}</p>
      {amendment.changed_fields.length > 0 ? (
        <p className="muted">
          {t('tenders.amendments.changed')}: {amendment.changed_fields.map((f) => t(`tenders.amendments.fields.${f}`, { defaultValue: f })).join(', ')}
        </p>
      ) : null}
      {amendment.deadline_extended && after ? (
        <p className="alert alert--warning" data-testid="deadline-extended">
          {t('tenders.amendments.extended', { time: formatDateTime(after, i18n.language, tender.time_zone || undefined) })}
        </p>
      ) : after ? (
        <p>{t('tenders.amendments.deadlineMoved', { time: formatDateTime(after, i18n.language, tender.time_zone || undefined) })}</p>
      ) : null}
    </li>
  );
}

// A new amendment: the description, the deadline and documents are what officers most often
// change; the rationale is published with it.
function AmendForm({ tender }: { tender: Tender }) {
  const { t, i18n } = useTranslation();
  const amend = useAmend(tender.ocid);
  const currentDeadline = tender.deadline ? (wallTimeIn(new Date(tender.deadline), tender.time_zone) ?? '') : '';
  const [description, setDescription] = useState(tender.description);
  const [deadline, setDeadline] = useState(currentDeadline);
  const [documentTitle, setDocumentTitle] = useState('');
  const [documentUrl, setDocumentUrl] = useState('');
  const [rationale, setRationale] = useState('');
  const [substantive, setSubstantive] = useState(false);
  const [result, setResult] = useState<Amendment>();
  const refused = fieldErrorOf(amend.error);
  const errorFor = (...paths: string[]) => (refused && paths.some((p) => refused.field === p || refused.field.startsWith(`${p}.`)) ? isolate(refused.message) : undefined);

  const changes: Record<string, unknown> = {};
  if (description !== tender.description) changes.description = description;
  if (deadline !== currentDeadline) {
    changes.deadline = deadline;
    changes.time_zone = tender.time_zone;
  }
  if (documentTitle.trim() && documentUrl.trim()) {
    const id = `amendment-${tender.amendment_count + 1}`;
    changes.documents = [...tender.documents, { id, title: documentTitle.trim(), url: documentUrl.trim(), document_type: 'clarifications', language: '' }];
  }
  const resolved = deadline ? resolveLocal(deadline, tender.time_zone) : undefined;
  const dstError =
    resolved?.kind === 'gap'
      ? t('tenders.validation.dstGap', { zone: tender.time_zone })
      : resolved?.kind === 'overlap'
        ? t('tenders.validation.dstOverlap', { zone: tender.time_zone })
        : undefined;

  return (
    <section className="panel" aria-labelledby="new-amendment">
      <h2 id="new-amendment" className="panel__title">
        {t('tenders.amendments.new')}
      </h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          amend.mutate(
            { changes, rationale: rationale.trim(), substantive },
            {
              onSuccess: (answer) => {
                const parsed = 'amendment' in answer ? (answer.amendment as Amendment) : (answer as Amendment);
                setResult(parsed);
                setRationale('');
                setDocumentTitle('');
                setDocumentUrl('');
              },
            },
          );
        }}
      >
        <TextAreaField
          label={t('tenders.fields.description')}
          rows={4}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errorFor('changes.description')}
        />
        <TextField
          label={t('tenders.deadline.local', { zone: tender.time_zone })}
          type="datetime-local"
          dir="ltr"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          error={errorFor('changes.deadline', 'deadline') ?? dstError}
          data-testid="amend-deadline"
        />
        <div className="form__row">
          <TextField label={t('tenders.amendments.documentTitle')} value={documentTitle} dir="auto" onChange={(e) => setDocumentTitle(e.target.value)} error={errorFor('changes.documents')} />
          <TextField label={t('tenders.documents.url')} type="url" dir="ltr" value={documentUrl} onChange={(e) => setDocumentUrl(e.target.value.trim())} />
        </div>
        <TextAreaField
          label={t('tenders.amendments.rationale')}
          hint={t('tenders.amendments.rationaleHint')}
          rows={3}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          error={errorFor('rationale')}
          data-testid="amend-rationale"
        />
        <CheckboxField
          label={t('tenders.amendments.substantiveLabel')}
          hint={t('tenders.amendments.substantiveHint')}
          checked={substantive}
          onChange={(e) => setSubstantive(e.target.checked)}
          data-testid="amend-substantive"
        />
        {amend.error && !refused ? (
          <p className="field__error" role="alert">
            {amend.error instanceof ApiError ? amend.error.detail : String(amend.error)}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={amend.isPending || Object.keys(changes).length === 0 || !rationale.trim()} data-testid="publish-amendment">
          {t('tenders.amendments.publish')}
        </button>
      </form>
      {result ? (
        <div className="alert alert--success" role="status" data-testid="amendment-result">
          <p className="alert__title">{t('tenders.amendments.published', { n: result.number })}</p>
          {result.deadline_extended && result.deadline_after ? (
            <p>{t('tenders.amendments.extended', { time: formatDateTime(new Date(result.deadline_after), i18n.language, tender.time_zone || undefined) })}</p>
          ) : null}
          {result.substantive ? <p>{t('tenders.amendments.reconfirmSent')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
