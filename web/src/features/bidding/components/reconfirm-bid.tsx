import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { StepUpForm } from '@/components/forms/step-up-form';
import { problemCode } from '@/lib/api-client';
import { formatDateTime, parseInstant } from '@/lib/format';
import { type OwnBid, useConfirmBid } from '../api/bids';
import { newIdempotencyKey } from '../lib/bid-form';

// Re-confirmation after a substantive amendment (docs/bidding-ui.md): a bid received before
// the amendment is not opened unless its bidder confirms it (or replaces it) before the
// deadline. The confirmation needs the same recent password (and code) check as a withdrawal;
// the step-up form is offered in place and the confirmation sent again with the same key.
export function ReconfirmBanner({
  ocid,
  bid,
  supplier,
  amendment,
  deadline,
  timeZone,
}: {
  ocid: string;
  bid: OwnBid;
  supplier: string | undefined;
  amendment: number | undefined;
  deadline: string | undefined;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const confirm = useConfirmBid(ocid, supplier);
  const key = useRef(newIdempotencyKey());
  const code = problemCode(confirm.error);
  const send = () => confirm.mutate({ bidId: bid.bid, idempotencyKey: key.current });
  const when = parseInstant(deadline);
  const deadlineText = when ? formatDateTime(when, i18n.language, timeZone || undefined) : (deadline ?? '');

  if (confirm.isSuccess || !bid.awaiting_reconfirmation) {
    if (!confirm.isSuccess && bid.confirmations.length === 0) return null;
    return (
      <p className="status status--ok" role="status" data-testid="reconfirmed" data-bid={bid.bid}>
        {t('bidding.reconfirm.done')}
      </p>
    );
  }
  return (
    <div className="alert alert--warning stack" role="alert" data-testid="reconfirm-banner" data-bid={bid.bid}>
      <p className="alert__title">{t('bidding.reconfirm.title')}</p>
      <p>{t('bidding.reconfirm.text', { number: amendment ?? '?' })}</p>
      <p>
        {t('bidding.reconfirm.deadline')}{' '}
        <strong>
          <time dateTime={when?.toISOString()}>{deadlineText}</time>
        </strong>
        {timeZone ? <span className="muted"> ({timeZone})</span> : null}
      </p>
      <p className="field__hint">{t('bidding.reconfirm.orReplace')}</p>
      {code === 'mfa_required' ? (
        <p role="alert">
          {t('bidding.reconfirm.needsMfa')} <Link to="/settings">{t('bidding.withdraw.settings')}</Link>
        </p>
      ) : null}
      {code === 'reauthentication_required' ? (
        <StepUpForm
          title={t('bidding.reconfirm.stepUp')}
          submitLabel={t('bidding.reconfirm.confirmAndSend')}
          failedMessage={t('bidding.withdraw.stepUpFailed')}
          onConfirmed={send}
          testId="reconfirm-step-up"
        />
      ) : null}
      {confirm.isError && code !== 'mfa_required' && code !== 'reauthentication_required' ? <ErrorMessage error={confirm.error} /> : null}
      {code !== 'reauthentication_required' ? (
        <div className="form__actions">
          <button type="button" className="button" disabled={confirm.isPending} onClick={send}>
            {t('bidding.reconfirm.action')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
