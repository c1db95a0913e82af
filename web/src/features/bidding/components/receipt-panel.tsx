import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, parseInstant } from '@/lib/format';
import { useAuditPublicKey } from '../api/bids';
import { canonicalJson, parsePublicKey, RECEIPT_CHECKS, receiptSchema, verifyReceipt } from '../lib/receipt';

// A signed receipt as the supplier keeps it: what it states, a download of its exact JSON, and
// its verification in this browser against the platform key published at
// /api/v1/audit/public-key (signature, tree head, audit entry, inclusion path). `sealedHere`
// are the hashes of the envelopes this page sealed, when it did: the receipt must name them.
export function ReceiptPanel({ receipt, sealedHere, title }: { receipt: unknown; sealedHere?: Record<string, string>; title?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const parsed = receiptSchema.safeParse(receipt);
  const key = useAuditPublicKey();
  const publicKey = key.data ? parsePublicKey(key.data.public_key) : undefined;
  const verdict = useQuery({
    queryKey: ['bidding', 'verify', canonicalJson(receipt ?? null), key.data?.public_key ?? ''],
    queryFn: () => verifyReceipt(receipt, publicKey!),
    enabled: !!publicKey,
    staleTime: Infinity,
  });
  if (!parsed.success) {
    return (
      <p className="alert alert--error" role="alert">
        {t('bidding.receipt.malformed')}
      </p>
    );
  }
  const r = parsed.data;
  const time = parseInstant(r.receipt_time);
  const download = () => {
    const blob = new Blob([canonicalJson(receipt)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `receipt-${r.tender}-${r.bid}-v${r.version}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const sealedMismatch = sealedHere ? r.envelopes.some((e) => sealedHere[e.kind] !== e.sha256) || Object.keys(sealedHere).length !== r.envelopes.length : false;
  const valid = verdict.data?.valid === true && !sealedMismatch;

  return (
    <section className="panel stack bidding-receipt" aria-label={title ?? t('bidding.receipt.title')} data-testid="receipt" data-version={r.version}>
      <h3 className="form__subtitle">{title ?? t('bidding.receipt.title')}</h3>
      <dl className="facts facts--compact">
        <div className="facts__row">
          <dt>{t('bidding.receipt.action')}</dt>
          <dd>{t(`bidding.receipt.actions.${r.action}`)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.receipt.bid')}</dt>
          <dd className="mono">
            {r.bid} · {t('bidding.receipt.version', { version: r.version })}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.receipt.time')}</dt>
          <dd>
            {time ? formatDateTime(time, lang) : null}{' '}
            <span className="mono muted" dir="ltr">
              {r.receipt_time}
            </span>
          </dd>
        </div>
        {r.envelopes.map((e) => (
          <div className="facts__row" key={e.kind}>
            <dt>{t(`bidding.envelopes.${e.kind}`)}</dt>
            <dd>
              <code className="hash" dir="ltr">
                {e.sha256}
              </code>{' '}
              <span className="muted">{t('bidding.receipt.bytes', { size: formatNumber(e.size, lang) })}</span>
            </dd>
          </div>
        ))}
        <div className="facts__row">
          <dt>{t('bidding.receipt.auditPosition')}</dt>
          <dd>{t('bidding.receipt.auditPositionValue', { index: formatNumber(r.audit.leaf_index, lang), size: formatNumber(r.audit.tree_head.size, lang) })}</dd>
        </div>
      </dl>
      {verdict.isPending || key.isPending ? (
        <p className="muted" role="status">
          {t('bidding.receipt.verifying')}
        </p>
      ) : null}
      {key.isError ? (
        <p className="alert alert--error" role="alert">
          {t('bidding.receipt.noKey')}
        </p>
      ) : null}
      {verdict.isSuccess ? (
        <div className={valid ? 'alert alert--success' : 'alert alert--error'} role="status" data-testid={valid ? 'receipt-verified' : 'receipt-invalid'}>
          <p className="alert__title">{valid ? t('bidding.receipt.verified') : t('bidding.receipt.invalid')}</p>
          <ul className="bidding-checks">
            {RECEIPT_CHECKS.map((check) => {
              const ok = verdict.data.passed.includes(check);
              const failed = verdict.data.failed === check;
              return (
                <li key={check} className={`bidding-checks__item bidding-checks__item--${ok ? 'ok' : failed ? 'failed' : 'skipped'}`}>
                  <span className="bidding-checks__mark" aria-hidden="true">
                    {ok ? '✓' : failed ? '✗' : '·'}
                  </span>
                  <span>
                    {t(`bidding.receipt.checks.${check}`)}
                    {!ok ? <span className="visually-hidden"> ({failed ? t('bidding.receipt.failed') : t('bidding.receipt.notChecked')})</span> : null}
                  </span>
                </li>
              );
            })}
            {sealedHere ? (
              <li className={`bidding-checks__item bidding-checks__item--${sealedMismatch ? 'failed' : 'ok'}`}>
                <span className="bidding-checks__mark" aria-hidden="true">
                  {sealedMismatch ? '✗' : '✓'}
                </span>
                <span>{t('bidding.receipt.checks.sealed_here')}</span>
              </li>
            ) : null}
          </ul>
          <p className="field__hint">{t('bidding.receipt.keyUsed', { keyId: key.data?.key_id ?? '' })}</p>
        </div>
      ) : null}
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={download}>
          {t('bidding.receipt.download')}
        </button>
      </div>
    </section>
  );
}
