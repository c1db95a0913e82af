import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Fact } from '@/components/ui/fact';
import { Loading } from '@/components/ui/loading';
import { formatCountries, formatMoney, formatNumber } from '@/lib/format';
import { safeExternalUrl } from '@/lib/safe-url';
import { formatFileSize } from '@/features/tenders/api/documents';
import { useOwnBids } from '../api/bids';
import { type PublicTender, useExpressInterest, useInterest, usePublicTender } from '../api/tender';
import { useCompany } from '../hooks/use-company';
import { BidAbstractSection } from './bid-abstract';
import { AwardResultSection } from './award-result';
import { AmendmentsSection, ClarificationsSection } from './clarifications';
import { DeadlinePanel } from './deadline-panel';
import { ReconfirmBanner } from './reconfirm-bid';
import { SubmissionSpecPanel } from './submission-spec';
import '../bidding.css';

// States after the technical (or single) opening, when bidders may read the bid abstract.
export const OPENED_STATES = ['opened', 'evaluation', 'awarded', 'completed'];

export function TenderPage({ ocid }: { ocid: string }) {
  const { t } = useTranslation();
  const query = usePublicTender(ocid);
  return (
    <div className="notice-page">
      {query.isPending ? <Loading label={t('bidding.tender.loading')} /> : null}
      {query.isError ? <ErrorMessage error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess ? <TenderDetail tender={query.data} /> : null}
    </div>
  );
}

function TenderDetail({ tender }: { tender: PublicTender }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = (amount: string) => (amount ? formatMoney(amount, tender.currency, lang) : undefined);
  const open = tender.state === 'published';
  const opened = OPENED_STATES.includes(tender.state);
  return (
    <article className="notice" aria-labelledby="tender-title" data-testid="tender-page" data-state={tender.state}>
      <header className="notice__header">
        <h1 id="tender-title" className="notice__title" lang={tender.language || undefined} dir="auto">
          {tender.title || tender.ocid}
        </h1>
        <p className="badges">
          <span className="badge">{t(`bidding.methods.${tender.method}`, { defaultValue: tender.method.toUpperCase() })}</span>{' '}
          <span className="badge badge--status" data-testid="tender-state">
            {t(`bidding.states.${tender.state}`, { defaultValue: tender.state })}
          </span>
        </p>
      </header>
      {tender.state === 'cancelled' ? (
        <div className="alert alert--warning" role="status">
          <p className="alert__title">{t('bidding.tender.cancelled')}</p>
          {tender.cancellation_reason ? <p dir="auto">{tender.cancellation_reason}</p> : null}
        </div>
      ) : null}
      {tender.reconfirm_required && open ? (
        <div className="alert alert--warning" role="status">
          <p>{t('bidding.tender.reconfirm')}</p>
        </div>
      ) : null}
      {tender.reconfirm_required && open ? <OwnBidsToReconfirm tender={tender} /> : null}

      <div className="notice__layout">
        <div className="notice__main">
          <section className="panel" aria-labelledby="tender-summary-heading">
            <h2 id="tender-summary-heading" className="panel__title">
              {t('bidding.tender.summary')}
            </h2>
            <dl className="facts">
              <Fact label={t('bidding.tender.buyer')}>{tender.buyer.name}</Fact>
              <Fact label={t('bidding.tender.reference')} mono>
                {tender.reference}
              </Fact>
              <Fact label={t('bidding.tender.ocid')} mono>
                {tender.ocid}
              </Fact>
              <Fact label={t('bidding.tender.method')}>{t(`bidding.methods.${tender.method}`, { defaultValue: tender.method })}</Fact>
              <Fact label={t('bidding.tender.category')}>
                {tender.main_category ? t(`bidding.categories.${tender.main_category}`, { defaultValue: tender.main_category }) : undefined}
              </Fact>
              <Fact label={t('bidding.tender.countries')}>{tender.countries.length > 0 ? formatCountries(tender.countries, lang) : undefined}</Fact>
              <Fact label={t('bidding.tender.estimatedValue')}>{money(tender.estimated_value)}</Fact>
              <Fact label={t('bidding.tender.envelopes')}>{t(`bidding.modes.${tender.envelope_mode}`)}</Fact>
              <Fact label={t('bidding.tender.evaluation')}>
                {tender.evaluation?.method
                  ? t(`bidding.evaluation.${tender.evaluation.method}`, {
                      defaultValue: tender.evaluation.method,
                      technical: tender.evaluation.technical_weight ?? 0,
                      financial: tender.evaluation.financial_weight ?? 0,
                    })
                  : undefined}
              </Fact>
            </dl>
          </section>
          {tender.description ? (
            <section className="panel" aria-labelledby="tender-description-heading">
              <h2 id="tender-description-heading" className="panel__title">
                {t('bidding.tender.description')}
              </h2>
              <p className="notice__description" dir="auto">
                {tender.description}
              </p>
            </section>
          ) : null}
          <ItemsSection tender={tender} />
          <DocumentsSection tender={tender} />
          <EligibilitySection tender={tender} />
          <AmendmentsSection ocid={tender.ocid} count={tender.amendment_count} />
          <ClarificationsSection ocid={tender.ocid} open={open} until={tender.clarifications_until} />
          {opened ? <BidAbstractSection ocid={tender.ocid} /> : null}
          {opened || tender.state === 'cancelled' ? <AwardResultSection ocid={tender.ocid} state={tender.state} /> : null}
        </div>
        <aside className="notice__aside">
          <DeadlinePanel deadline={tender.deadline} timeZone={tender.time_zone} localText={tender.deadline_local} />
          <ActionsPanel tender={tender} />
          {tender.submission ? <SubmissionSpecPanel spec={tender.submission} deadline={tender.deadline} /> : null}
        </aside>
      </div>
    </article>
  );
}

function ItemsSection({ tender }: { tender: PublicTender }) {
  const { t, i18n } = useTranslation();
  if (tender.items.length === 0 && tender.lots.length === 0) return null;
  const lotTitle = (id: string) => tender.lots.find((l) => l.id === id)?.title || id;
  return (
    <section className="panel stack" aria-labelledby="tender-items-heading">
      <h2 id="tender-items-heading" className="panel__title">
        {t('bidding.tender.items')}
      </h2>
      {tender.lots.length > 0 ? (
        <ul className="lots">
          {tender.lots.map((lot) => (
            <li key={lot.id} className="lots__item">
              <p className="lots__title" dir="auto">
                {t('bidding.tender.lot', { id: lot.id })}: {lot.title}
              </p>
              {lot.description ? <p dir="auto">{lot.description}</p> : null}
              {lot.estimated_value ? (
                <p className="lots__meta">{formatMoney(lot.estimated_value, tender.currency, i18n.language)}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {tender.items.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('bidding.tender.itemDescription')}</th>
                <th scope="col">{t('bidding.tender.unspsc')}</th>
                <th scope="col">{t('bidding.tender.quantity')}</th>
                {tender.lots.length > 0 ? <th scope="col">{t('bidding.tender.lotColumn')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {tender.items.map((item) => (
                <tr key={item.id}>
                  <td dir="auto">{item.description}</td>
                  <td className="mono">{item.unspsc}</td>
                  <td>
                    {formatNumber(item.quantity, i18n.language)} {item.unit}
                  </td>
                  {tender.lots.length > 0 ? <td dir="auto">{item.lot_id ? lotTitle(item.lot_id) : ''}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function DocumentsSection({ tender }: { tender: PublicTender }) {
  const { t } = useTranslation();
  if (tender.documents.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="tender-documents-heading">
      <h2 id="tender-documents-heading" className="panel__title">
        {t('bidding.tender.documents')}
      </h2>
      <ul className="documents">
        {tender.documents.map((d) => {
          const current = d.files.at(-1);
          if (d.download_url && current) {
            return <UploadedDocumentItem key={d.id} title={d.title} kind={d.kind} href={d.download_url} file={current} versions={d.files.length} />;
          }
          const url = safeExternalUrl(d.url);
          return (
            <li key={d.id}>
              {url ? (
                <a href={url} rel="noopener noreferrer" target="_blank" dir="auto">
                  {d.title || d.url}
                </a>
              ) : (
                <span dir="auto">{d.title}</span>
              )}
              {d.document_type ? <span className="muted"> · {d.document_type}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// An uploaded solicitation document: a same-origin download (the server sends it as an
// attachment), its size and SHA-256 so a bidder can check the file it keeps.
function UploadedDocumentItem({
  title,
  kind,
  href,
  file,
  versions,
}: {
  title: string;
  kind: string;
  href: string;
  file: { version: number; size: number; sha256: string; filename: string };
  versions: number;
}) {
  const { t, i18n } = useTranslation();
  // Only the server's own download route, never a link from elsewhere.
  const safe = href.startsWith('/api/v1/tenders/') ? href : undefined;
  return (
    <li className="documents__uploaded" data-testid="uploaded-document">
      {safe ? (
        <a href={safe} download={file.filename} dir="auto">
          {title || file.filename}
        </a>
      ) : (
        <span dir="auto">{title || file.filename}</span>
      )}
      <span className="muted">
        {' · '}
        {t(`tenderDocuments.kinds.${kind || 'other'}`, { defaultValue: kind })} · {formatFileSize(file.size, i18n.language)}
        {versions > 1 ? ` · ${t('tenderDocuments.version', { n: file.version })}` : ''}
      </span>
      <div className="documents__hash">
        <span className="muted">{t('tenderDocuments.sha256')}</span>{' '}
        <code className="mono" dir="ltr">
          {file.sha256}
        </code>
      </div>
    </li>
  );
}

function EligibilitySection({ tender }: { tender: PublicTender }) {
  const { t, i18n } = useTranslation();
  const e = tender.eligibility;
  const security = tender.bid_security;
  return (
    <section className="panel" aria-labelledby="tender-eligibility-heading" data-testid="eligibility">
      <h2 id="tender-eligibility-heading" className="panel__title">
        {t('bidding.eligibility.title')}
      </h2>
      <dl className="facts">
        <Fact label={t('bidding.eligibility.level')}>{t(`bidding.eligibility.levels.${e.minimum_ungm_level || 'none'}`, { defaultValue: e.minimum_ungm_level })}</Fact>
        <Fact label={t('bidding.eligibility.countries')}>
          {e.countries.length > 0 ? formatCountries(e.countries, i18n.language) : t('bidding.eligibility.anyCountry')}
        </Fact>
        {e.reserved_for_sme ? <Fact label={t('bidding.eligibility.reserved')}>{t('bidding.eligibility.sme')}</Fact> : null}
        {e.reserved_for_women_owned ? <Fact label={t('bidding.eligibility.reserved')}>{t('bidding.eligibility.womenOwned')}</Fact> : null}
        <Fact label={t('bidding.eligibility.bidSecurity')}>
          {security?.required
            ? security.amount
              ? formatMoney(security.amount, tender.currency, i18n.language)
              : t('bidding.eligibility.required')
            : t('bidding.eligibility.notRequired')}
        </Fact>
      </dl>
    </section>
  );
}

// The company's own bids that await re-confirmation, each with its banner and button; the
// listing is the supplier's own (the server never tells anyone about other bids, ET-03).
function OwnBidsToReconfirm({ tender }: { tender: PublicTender }) {
  const { company, supplierParam: supplier } = useCompany();
  const own = useOwnBids(tender.ocid, supplier, Boolean(company));
  if (!company || !own.isSuccess) return null;
  const shown = own.data.bids.filter((bid) => !bid.withdrawn && (bid.awaiting_reconfirmation || bid.confirmations.length > 0));
  if (shown.length === 0) return null;
  return (
    <div className="stack bidding-reconfirm">
      {shown.map((bid) => (
        <ReconfirmBanner
          key={bid.bid}
          ocid={tender.ocid}
          bid={bid}
          supplier={supplier}
          amendment={own.data.reconfirmAmendment}
          deadline={tender.deadline}
          timeZone={tender.time_zone}
        />
      ))}
    </div>
  );
}

function ActionsPanel({ tender }: { tender: PublicTender }) {
  const { t } = useTranslation();
  const { signedIn, company } = useCompany();
  const location = useLocation();
  const open = tender.state === 'published';
  return (
    <section className="panel stack" aria-labelledby="tender-actions-heading" data-testid="tender-actions">
      <h2 id="tender-actions-heading" className="panel__title">
        {t('bidding.actions.title')}
      </h2>
      {!signedIn ? (
        <p>
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('bidding.actions.logIn')}</Link>
        </p>
      ) : null}
      {company && open ? <InterestButton ocid={tender.ocid} supplier={company.organisation} /> : null}
      {company ? (
        <p>
          <Link className="button" to={`/tenders/${encodeURIComponent(tender.ocid)}/bid`}>
            {open ? t('bidding.actions.prepare') : t('bidding.actions.myBid')}
          </Link>
        </p>
      ) : null}
      {signedIn && !company ? <p className="muted">{t('bidding.actions.suppliersOnly')}</p> : null}
      {!open && tender.state !== 'draft' ? <p className="muted">{t('bidding.actions.closed')}</p> : null}
    </section>
  );
}

function InterestButton({ ocid, supplier }: { ocid: string; supplier: string }) {
  const { t } = useTranslation();
  const interest = useInterest(ocid, supplier);
  const express = useExpressInterest(ocid);
  const registered = interest.data?.interested === true || express.isSuccess;
  if (registered) {
    return (
      <p className="status status--ok" data-testid="interest-registered">
        {t('bidding.actions.interested')}
      </p>
    );
  }
  return (
    <div className="stack">
      <button type="button" className="button button--secondary" disabled={express.isPending} onClick={() => express.mutate(supplier)}>
        {t('bidding.actions.expressInterest')}
      </button>
      <p className="field__hint">{t('bidding.actions.interestHint')}</p>
      {express.isError ? <ErrorMessage error={express.error} /> : null}
    </div>
  );
}
