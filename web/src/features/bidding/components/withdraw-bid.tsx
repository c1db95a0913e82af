import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { apiSend, problemCode } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
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
      {code === 'reauthentication_required' ? <StepUp onConfirmed={send} /> : null}
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

// POST /auth/reauthenticate {password, totp}, then the caller's action again.
function StepUp({ onConfirmed }: { onConfirmed: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const reauth = useMutation({
    mutationFn: (body: { password: string; totp?: string }) => apiSend('POST', '/auth/reauthenticate', body),
  });
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const needsCode = !!session.data?.mfa.enrolled;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reauth.mutate(needsCode ? { password, totp } : { password }, { onSuccess: onConfirmed });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('bidding.withdraw.stepUp')}</p>
      <div className="field">
        <label htmlFor="withdraw-password">{t('bidding.withdraw.password')}</label>
        <input id="withdraw-password" className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {needsCode ? (
        <div className="field">
          <label htmlFor="withdraw-code">{t('bidding.withdraw.code')}</label>
          <input id="withdraw-code" className="input" inputMode="numeric" autoComplete="one-time-code" value={totp} onChange={(e) => setTotp(e.target.value)} />
        </div>
      ) : null}
      {reauth.isError ? <ErrorMessage error={reauth.error} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--danger-solid" disabled={reauth.isPending || password === ''}>
          {t('bidding.withdraw.confirmAndWithdraw')}
        </button>
      </div>
    </form>
  );
}
