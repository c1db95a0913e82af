import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { formatDateTime, parseInstant } from '@/lib/format';
import { fetchOwnBids, type OwnBid } from '../api/bids';
import { fetchTenders, type TenderSummary } from '../api/tender';
import { useCompany } from '../hooks/use-company';
import '../bidding.css';

// States in which a tender can hold bids.
const BID_STATES = ['published', 'closed', 'opened', 'evaluation', 'awarded', 'completed', 'cancelled'];
const MAX_TENDERS = 200;

interface Row {
  tender: TenderSummary;
  bid: OwnBid;
}

// The bids of the supplier's company across tenders. The server lists bids per tender
// (GET /tenders/{ocid}/bids answers a supplier with its own), so the page asks each tender
// the company can see, newest first, up to MAX_TENDERS.
async function loadMyBids(supplier: string | undefined, signal: AbortSignal): Promise<Row[]> {
  const tenders: TenderSummary[] = [];
  let next: string | undefined;
  do {
    const query = `?${new URLSearchParams([...BID_STATES.map((s) => ['state', s]), ['limit', '100'], ...(next ? [['cursor', next]] : [])]).toString()}`;
    const page = await fetchTenders(query, signal);
    tenders.push(...page.items);
    next = page.next_cursor == null || page.next_cursor === '' ? undefined : String(page.next_cursor);
  } while (next && tenders.length < MAX_TENDERS);
  const rows: Row[] = [];
  const listings = await Promise.all(
    tenders.map((tender) => fetchOwnBids(tender.ocid, supplier, signal).then((l) => ({ tender, listing: l }), () => undefined)),
  );
  for (const entry of listings) {
    if (!entry || !entry.listing.own) continue;
    for (const bid of entry.listing.bids) rows.push({ tender: entry.tender, bid });
  }
  return rows;
}

export function MyBidsPage() {
  const { t, i18n } = useTranslation();
  const { company, supplierParam, session } = useCompany();
  const query = useQuery({
    queryKey: ['bidding', 'my-bids', company?.organisation ?? ''],
    queryFn: ({ signal }) => loadMyBids(supplierParam, signal),
    enabled: !!company,
  });
  if (session.isPending) return <Loading />;
  return (
    <div className="page stack bidding-page" data-testid="my-bids">
      <header className="page__header">
        <h1 className="page__title">{t('bidding.myBids.title')}</h1>
        {company ? <p className="page__lead">{t('bidding.prepare.biddingFor', { company: company.name ?? company.organisation })}</p> : null}
      </header>
      {!company ? <p className="alert alert--warning">{t('bidding.actions.suppliersOnly')}</p> : null}
      {query.isPending && company ? <Loading /> : null}
      {query.isError ? <ErrorMessage error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && query.data.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('bidding.myBids.none')}</p>
          <p>
            <Link to="/notices">{t('bidding.myBids.findTenders')}</Link>
          </p>
        </div>
      ) : null}
      {query.isSuccess && query.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('bidding.myBids.tender')}</th>
                <th scope="col">{t('bidding.myBids.state')}</th>
                <th scope="col">{t('bidding.myBids.deadline')}</th>
                <th scope="col">{t('bidding.myBids.bid')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.map(({ tender, bid }) => {
                const latest = [...bid.versions].sort((a, b) => b.version - a.version)[0];
                const deadline = parseInstant(tender.deadline);
                const receiptTime = parseInstant(latest?.receipt_time);
                return (
                  <tr key={`${tender.ocid}/${bid.bid}`} data-testid="my-bid-row">
                    <td dir="auto">
                      <Link to={`/tenders/${encodeURIComponent(tender.ocid)}/bid`}>{tender.title || tender.ocid}</Link>
                      <div className="muted mono">{tender.ocid}</div>
                    </td>
                    <td>{t(`bidding.states.${tender.state}`, { defaultValue: tender.state })}</td>
                    <td>{deadline ? formatDateTime(deadline, i18n.language) : ''}</td>
                    <td>
                      <span className="mono">{bid.bid}</span>{' '}
                      <span className={bid.withdrawn ? 'badge badge--withdrawn' : 'badge badge--active'}>
                        {bid.withdrawn ? t('bidding.prepare.withdrawn') : t('bidding.prepare.live')}
                      </span>
                      {bid.awaiting_reconfirmation && tender.state === 'published' ? (
                        <>
                          {' '}
                          <span className="badge badge--warning" data-testid="my-bid-awaiting">
                            {t('bidding.reconfirm.badge')}
                          </span>
                        </>
                      ) : null}
                      {latest ? (
                        <div className="muted">
                          {t('bidding.myBids.lastReceipt')}: {t(`bidding.receipt.actions.${latest.action}`, { defaultValue: latest.action })} ·{' '}
                          {t('bidding.receipt.version', { version: latest.version })}
                          {receiptTime ? ` · ${formatDateTime(receiptTime, i18n.language)}` : ''}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
