import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { StepUpForm } from '@/components/forms/step-up-form';
import { problemCode } from '@/lib/api-client';
import { useWithdrawBid } from '../api/bids';
import { newIdempotencyKey } from '../lib/bid-form';

// Withdrawing a bid before the deadline (ET-10). The server asks for a second factor in this
// session and a recent password (and code) check (AS-06, AS-12): the form offers the check in
// place and sends the withdrawal again with the same idempotency key.
export function WithdrawBid({ ocid, bidId, supplier }: { ocid: string; bidId: string; supplier: string | undefined }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawBid(ocid, supplier);
  const [confirming, setConfirming] = useState(false);
  const key = useRef(newIdempotencyKey());
  const code = problemCode(withdraw.error);
  const send = () => withdraw.mutate({ bidId, idempotencyKey: key.current });

  if (withdraw.isSuccess) {
    return (
      <p className="status status--ok" role="status">
        {t('bidding.withdraw.done')}
      </p>
    );
  }
  if (!confirming) {
    return (
      <button type="button" className="button button--secondary button--danger button--small" onClick={() => setConfirming(true)}>
        {t('bidding.withdraw.action')}
      </button>
    );
  }
  return (
    <div className="stack bidding-withdraw" data-testid="withdraw">
      <p>{t('bidding.withdraw.confirm')}</p>
      {code === 'mfa_required' ? (
        <p className="alert alert--warning" role="alert">
          {t('bidding.withdraw.needsMfa')} <Link to="/settings">{t('bidding.withdraw.settings')}</Link>
        </p>
      ) : null}
      {code === 'reauthentication_required' ? (
        <StepUpForm
          title={t('bidding.withdraw.stepUp')}
          submitLabel={t('bidding.withdraw.confirmAndWithdraw')}
          failedMessage={t('bidding.withdraw.stepUpFailed')}
          onConfirmed={send}
          testId="withdraw-step-up"
        />
      ) : null}
      {withdraw.isError && code !== 'mfa_required' && code !== 'reauthentication_required' ? <ErrorMessage error={withdraw.error} /> : null}
      {code !== 'reauthentication_required' ? (
        <div className="form__actions">
          <button type="button" className="button button--danger-solid" disabled={withdraw.isPending} onClick={send}>
            {t('bidding.withdraw.yes')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('bidding.withdraw.no')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
