import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { ApiError } from '@/lib/api-client';
import { formatDateTime, parseInstant } from '@/lib/format';
import { type BidAbstract, useBidAbstract, useOwnBids } from '../api/bids';
import { useCompany } from '../hooks/use-company';
import { matchAbstract, type MatchOutcome, type ReceiptEnvelopes } from '../lib/abstract-match';
import { formatMinor } from '../lib/price';
import { receiptSchema } from '../lib/receipt';

// The bid abstract (ET-11) as bidders read it after the opening: every bid opened, its receipt
// time, the hashes of what was received and, once its envelope is open, the price. Beside the
// supplier's own bids, whether the abstract states exactly the envelopes its receipts name.
export function BidAbstractSection({ ocid }: { ocid: string }) {
  const { t } = useTranslation();
  const { company, supplierParam } = useCompany();
  const abstract = useBidAbstract(ocid, true);
  const own = useOwnBids(ocid, supplierParam, !!company);
  const [fileReceipts, setFileReceipts] = useState<ReceiptEnvelopes[]>([]);
  const [fileError, setFileError] = useState(false);

  // Before the opening the server says so (409); that is not an error to show.
  const notYet = abstract.error instanceof ApiError && abstract.error.status === 409;
  const receipts: ReceiptEnvelopes[] = [
    ...(own.data?.bids ?? []).flatMap((b) => b.versions.map((v) => ({ bid: b.bid, version: v.version, action: v.action, envelopes: v.envelopes }))),
    ...fileReceipts,
  ];

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const parsed = receiptSchema.parse(JSON.parse(await file.text()));
      setFileReceipts((list) => [...list, { bid: parsed.bid, version: parsed.version, action: parsed.action, envelopes: parsed.envelopes }]);
      setFileError(false);
    } catch {
      setFileError(true);
    }
  };

  return (
    <section className="panel stack" aria-labelledby="abstract-heading" data-testid="bid-abstract">
      <h2 id="abstract-heading" className="panel__title">
        {t('bidding.abstract.title')}
      </h2>
      {abstract.isPending ? <p className="muted">{t('bidding.abstract.loading')}</p> : null}
      {notYet ? <p className="muted">{t('bidding.abstract.notYet')}</p> : null}
      {abstract.isError && !notYet ? <ErrorMessage error={abstract.error} /> : null}
      {abstract.isSuccess ? <AbstractTable abstract={abstract.data} receipts={receipts} /> : null}
      {abstract.isSuccess && company ? (
        <div className="field">
          <label htmlFor="abstract-receipt-file">{t('bidding.abstract.compareFile')}</label>
          <input id="abstract-receipt-file" type="file" accept="application/json,.json" onChange={(e) => void readFile(e)} />
          {fileError ? <p className="field__error">{t('bidding.abstract.notAReceipt')}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

const ENVELOPE_ORDER = ['single', 'technical', 'financial'];

function AbstractTable({ abstract, receipts }: { abstract: BidAbstract; receipts: ReceiptEnvelopes[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const openedAt = parseInstant(abstract.opened_at);
  const ownBids = new Set(receipts.map((r) => r.bid));
  const missing = [...ownBids].map((bid) => ({ bid, outcome: matchAbstract(receipts, bid, abstract.bids) })).filter((m) => m.outcome?.kind === 'missing');
  return (
    <>
      {openedAt ? (
        <p>
          {t('bidding.abstract.openedAt')} <time dateTime={openedAt.toISOString()}>{formatDateTime(openedAt, lang)}</time>
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('bidding.abstract.bidder')}</th>
              <th scope="col">{t('bidding.abstract.receiptTime')}</th>
              <th scope="col">{t('bidding.abstract.price')}</th>
              <th scope="col">{t('bidding.abstract.yourReceipt')}</th>
            </tr>
          </thead>
          <tbody>
            {abstract.bids.map((line) => {
              const time = parseInstant(line.receipt_time);
              const outcome = ownBids.has(line.bid) ? matchAbstract(receipts, line.bid, abstract.bids) : undefined;
              return (
                <tr key={line.bid} data-testid="abstract-line" data-own={outcome ? 'true' : undefined}>
                  <td>
                    <span dir="auto">{line.supplier_name}</span>
                    {line.qualified === false ? <span className="badge badge--warning"> {t('bidding.abstract.notQualified')}</span> : null}
                    {line.excluded ? (
                      <span className="badge badge--warning" data-testid="abstract-excluded">
                        {' '}
                        {t('bidding.abstract.excluded', { number: /(\d+)$/.exec(line.excluded)?.[1] ?? '?' })}
                      </span>
                    ) : null}
                    <dl className="bidding-hashes" aria-label={t('bidding.abstract.hashes')}>
                      {Object.entries(line.envelope_sha256)
                        .sort(([a], [b]) => ENVELOPE_ORDER.indexOf(a) - ENVELOPE_ORDER.indexOf(b))
                        .map(([kind, sha]) => (
                          <div key={kind}>
                            <dt>{t(`bidding.envelopes.${kind}`, { defaultValue: kind })}</dt>
                            {/* Shortened to fit; the full hash is in the title and the receipt. */}
                            <dd className="mono" dir="ltr" title={sha}>
                              {sha.slice(0, 12)}…{sha.slice(-8)}
                            </dd>
                          </div>
                        ))}
                    </dl>
                  </td>
                  <td>{time ? <time dateTime={line.receipt_time}>{formatDateTime(time, lang)}</time> : line.receipt_time}</td>
                  <td>{line.price ? formatMinor(line.price.amount_minor, line.price.currency, lang) : <span className="muted">{t('bidding.abstract.sealedPrice')}</span>}</td>
                  <td>{outcome ? <MatchBadge outcome={outcome} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {missing.length > 0 ? (
        <div className="alert alert--error" role="alert" data-testid="abstract-missing">
          <p>{t('bidding.abstract.missing', { bids: missing.map((m) => m.bid).join(', ') })}</p>
        </div>
      ) : null}
    </>
  );
}

function MatchBadge({ outcome }: { outcome: MatchOutcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'match') {
    return (
      <span className="status status--ok" data-testid="abstract-match">
        {t('bidding.abstract.match', { version: outcome.version })}
      </span>
    );
  }
  if (outcome.kind === 'withdrawn') return <span className="muted">{t('bidding.abstract.withdrawn')}</span>;
  return (
    <span className="status status--error" data-testid="abstract-mismatch">
      {t('bidding.abstract.mismatch')}
    </span>
  );
}
