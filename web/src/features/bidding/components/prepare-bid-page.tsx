import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { formatDateTime, parseInstant } from '@/lib/format';
import { type OwnBid, useOwnBids } from '../api/bids';
import { type PublicTender, usePublicTender } from '../api/tender';
import { useCompany } from '../hooks/use-company';
import { BidForm } from './bid-form';
import { DeadlinePanel } from './deadline-panel';
import { ReceiptPanel } from './receipt-panel';
import { ReconfirmBanner } from './reconfirm-bid';
import { WithdrawBid } from './withdraw-bid';
import '../bidding.css';

// "Prepare bid": the supplier's bids of one tender with their receipts, and the envelope form
// for a new bid or a replacement while the tender is open.
export function PrepareBidPage({ ocid }: { ocid: string }) {
  const { t } = useTranslation();
  const tender = usePublicTender(ocid);
  const { company, companies, supplierParam, choose, session } = useCompany();
  if (tender.isPending || session.isPending) return <Loading label={t('bidding.tender.loading')} />;
  if (tender.isError) return <ErrorMessage error={tender.error} onRetry={() => void tender.refetch()} />;
  const data = tender.data;
  return (
    <div className="page stack bidding-page" data-testid="prepare-bid" data-state={data.state}>
      <p className="back-link">
        <Link to={`/tenders/${encodeURIComponent(ocid)}`}>{t('bidding.prepare.back')}</Link>
      </p>
      <header className="page__header">
        <h1 className="page__title" dir="auto">
          {t('bidding.prepare.title')}
        </h1>
        <p className="page__lead" dir="auto">
          {data.title} <span className="muted mono">({data.ocid})</span>
        </p>
      </header>
      {!company ? (
        <p className="alert alert--warning" role="alert">
          {t('bidding.actions.suppliersOnly')}
        </p>
      ) : (
        <>
          {companies.length > 1 ? (
            <div className="field">
              <label htmlFor="bid-company">{t('bidding.prepare.company')}</label>
              <select id="bid-company" className="select" value={company.organisation} onChange={(e) => choose(e.target.value)}>
                {companies.map((c) => (
                  <option key={c.organisation} value={c.organisation}>
                    {c.name ?? c.organisation}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="muted">{t('bidding.prepare.biddingFor', { company: company.name ?? company.organisation })}</p>
          )}
          <div className="notice__layout">
            <div className="notice__main">
              <BidsAndForm tender={data} supplier={supplierParam} />
            </div>
            <aside className="notice__aside">
              <DeadlinePanel deadline={data.deadline} timeZone={data.time_zone} localText={data.deadline_local} />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

function BidsAndForm({ tender, supplier }: { tender: PublicTender; supplier: string | undefined }) {
  const { t } = useTranslation();
  const own = useOwnBids(tender.ocid, supplier);
  const [replacing, setReplacing] = useState<string | undefined>(undefined);
  const [formKey, setFormKey] = useState(0);
  // The form's submission went through: it now shows that receipt, checked against the
  // envelopes sealed here, until the supplier starts another bid or replacement.
  const [submitted, setSubmitted] = useState(false);
  const open = tender.state === 'published';
  const live = (own.data?.bids ?? []).filter((b) => !b.withdrawn);
  const startReplacing = (bid: string | undefined) => {
    setReplacing(bid);
    setSubmitted(false);
    setFormKey((k) => k + 1);
  };
  return (
    <>
      <section className="panel stack" aria-labelledby="own-bids-heading" data-testid="own-bids">
        <h2 id="own-bids-heading" className="panel__title">
          {t('bidding.prepare.yourBids')}
        </h2>
        {own.isPending ? <Loading /> : null}
        {own.isError ? <ErrorMessage error={own.error} /> : null}
        {own.isSuccess && own.data.bids.length === 0 ? <p className="muted">{t('bidding.prepare.noBids')}</p> : null}
        {own.data?.bids.map((bid) => (
          <OwnBidView
            key={bid.bid}
            tender={tender}
            bid={bid}
            supplier={supplier}
            open={open}
            amendment={own.data.reconfirmAmendment}
            onReplace={() => startReplacing(bid.bid)}
          />
        ))}
      </section>
      {open || replacing ? (
        <section className="panel stack" aria-labelledby="bid-form-heading">
          <h2 id="bid-form-heading" className="panel__title">
            {submitted
              ? t('bidding.prepare.submittedTitle')
              : replacing
                ? t('bidding.prepare.replaceTitle', { bid: replacing })
                : t('bidding.prepare.newTitle')}
          </h2>
          {submitted ? null : replacing ? (
            <p>
              <button type="button" className="button button--secondary button--small" onClick={() => startReplacing(undefined)}>
                {t('bidding.prepare.cancelReplace')}
              </button>
            </p>
          ) : live.length > 0 ? (
            <p className="field__hint">{t('bidding.prepare.secondBidHint')}</p>
          ) : null}
          <BidForm key={formKey} tender={tender} supplier={supplier} replacing={replacing} onDone={() => setSubmitted(true)} />
        </section>
      ) : (
        <p className="alert alert--warning" role="status" data-testid="bidding-closed">
          {t('bidding.prepare.closed', { state: t(`bidding.states.${tender.state}`, { defaultValue: tender.state }) })}
        </p>
      )}
    </>
  );
}

function OwnBidView({
  tender,
  bid,
  supplier,
  open,
  amendment,
  onReplace,
}: {
  tender: PublicTender;
  bid: OwnBid;
  supplier: string | undefined;
  open: boolean;
  amendment: number | undefined;
  onReplace: () => void;
}) {
  const { t, i18n } = useTranslation();
  const versions = [...bid.versions].sort((a, b) => b.version - a.version);
  const latest = versions[0];
  // The newest confirmation of the version that stands, with its signed receipt.
  const confirmation = bid.confirmations.filter((c) => c.version === latest?.version).at(-1);
  return (
    <div className="stack bidding-own-bid" data-testid="own-bid" data-bid={bid.bid} data-withdrawn={bid.withdrawn ? 'true' : undefined}>
      <p>
        <strong className="mono">{bid.bid}</strong>{' '}
        <span className={bid.withdrawn ? 'badge badge--withdrawn' : 'badge badge--active'}>
          {bid.withdrawn ? t('bidding.prepare.withdrawn') : t('bidding.prepare.live')}
        </span>
      </p>
      {open && !bid.withdrawn ? (
        <ReconfirmBanner ocid={tender.ocid} bid={bid} supplier={supplier} amendment={amendment} deadline={tender.deadline} timeZone={tender.time_zone} />
      ) : null}
      {confirmation ? (
        <ReceiptPanel receipt={confirmation.receipt} title={t('bidding.reconfirm.receipt', { version: confirmation.version })} />
      ) : null}
      {latest ? <ReceiptPanel receipt={latest.receipt} title={t('bidding.prepare.latestReceipt', { version: latest.version })} /> : null}
      {versions.length > 1 ? (
        <details>
          <summary>{t('bidding.prepare.history', { count: versions.length - 1 })}</summary>
          <ul className="timeline">
            {versions.slice(1).map((v) => {
              const time = parseInstant(v.receipt_time);
              return (
                <li key={v.version} className="timeline__item">
                  {t(`bidding.receipt.actions.${v.action}`, { defaultValue: v.action })} · {t('bidding.receipt.version', { version: v.version })} ·{' '}
                  {time ? formatDateTime(time, i18n.language) : v.receipt_time}
                  <ReceiptPanel receipt={v.receipt} title={t('bidding.prepare.olderReceipt', { version: v.version })} />
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      {open && !bid.withdrawn ? (
        <div className="form__actions">
          <button type="button" className="button button--secondary button--small" onClick={onReplace}>
            {t('bidding.prepare.replace')}
          </button>
          <WithdrawBid ocid={tender.ocid} bidId={bid.bid} supplier={supplier} />
        </div>
      ) : null}
    </div>
  );
}
