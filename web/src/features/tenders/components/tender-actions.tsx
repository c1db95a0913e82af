import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import type { Tender } from '../api/schemas';
import { useCancelTender, useChangeDeadline } from '../api/tenders';
import { resolveLocal, wallTimeIn } from '../model/deadline';
import { TextAreaField } from './form-bits';
import { isolate } from '../model/bidi';

function problemText(error: unknown): string | undefined {
  if (!error) return undefined;
  return error instanceof ApiError ? (error.detail ?? error.message) : String(error);
}

// Moving the deadline of a published tender (ET-04): the owner only, with a reason, never into
// the past; suppliers who showed interest are told.
export function DeadlineChange({ tender }: { tender: Tender }) {
  const { t, i18n } = useTranslation();
  const change = useChangeDeadline(tender.ocid);
  const current = tender.deadline ? (wallTimeIn(new Date(tender.deadline), tender.time_zone) ?? '') : '';
  const [deadline, setDeadline] = useState(current);
  const [reason, setReason] = useState('');
  const refused = fieldErrorOf(change.error);
  const resolved = deadline ? resolveLocal(deadline, tender.time_zone) : undefined;
  const localError =
    resolved?.kind === 'gap'
      ? t('tenders.validation.dstGap', { zone: tender.time_zone })
      : resolved?.kind === 'overlap'
        ? t('tenders.validation.dstOverlap', { zone: tender.time_zone })
        : undefined;
  return (
    <form
      className="form tb-action-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ deadline, time_zone: tender.time_zone, reason: reason.trim() });
      }}
      aria-labelledby="deadline-change-title"
    >
      <h3 id="deadline-change-title" className="form__subtitle">
        {t('tenders.actions.changeDeadline')}
      </h3>
      <TextField
        label={t('tenders.deadline.local', { zone: tender.time_zone })}
        type="datetime-local"
        dir="ltr"
        value={deadline}
        onChange={(e) => setDeadline(e.target.value)}
        error={refused?.field === 'deadline' || refused?.field === 'time_zone' ? isolate(refused.message) : localError}
        hint={resolved?.kind === 'ok' ? formatDateTime(resolved.instant, i18n.language, tender.time_zone) : undefined}
        data-testid="new-deadline"
      />
      <TextAreaField
        label={t('tenders.actions.reason')}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={refused?.field === 'reason' ? isolate(refused.message) : undefined}
        data-testid="deadline-reason"
      />
      {change.error && !refused ? (
        <p className="field__error" role="alert">
          {problemText(change.error)}
        </p>
      ) : null}
      {change.isSuccess ? (
        <p className="status status--ok" role="status">
          {t('tenders.actions.deadlineChanged')}
        </p>
      ) : null}
      <button type="submit" className="button button--secondary" disabled={change.isPending || deadline === current || !reason.trim()} data-testid="change-deadline">
        {t('tenders.actions.changeDeadline')}
      </button>
    </form>
  );
}

export function CancelTender({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  const cancel = useCancelTender(tender.ocid);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const refused = fieldErrorOf(cancel.error);
  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary button--danger" onClick={() => setOpen(true)} data-testid="cancel-tender-open">
          {t('tenders.actions.cancel')}
        </button>
      </p>
    );
  }
  return (
    <form
      className="form tb-action-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        cancel.mutate(reason.trim());
      }}
    >
      <h3 className="form__subtitle">{t('tenders.actions.cancel')}</h3>
      <p className="field__hint">{t('tenders.actions.cancelHint')}</p>
      <TextAreaField
        label={t('tenders.actions.reason')}
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={refused?.field === 'reason' ? isolate(refused.message) : undefined}
        data-testid="cancel-reason"
      />
      {cancel.error && !refused ? (
        <p className="field__error" role="alert">
          {problemText(cancel.error)}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button button--danger-solid" disabled={cancel.isPending || !reason.trim()} data-testid="cancel-tender">
          {t('tenders.actions.confirmCancel')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('tenders.actions.keep')}
        </button>
      </div>
    </form>
  );
}
