import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney, parseInstant } from '@/lib/format';
import { bidDocumentUrl, type OpeningRecord } from '../api/opening';
import type { EnvelopeKind } from '../api/schemas';

// The opening record of one envelope (ET-11): bidders, receipt times, prices where the
// envelope states them, the hashes received, and the record's own hash.
export function OpeningRecordView({ record, ocid }: { record: OpeningRecord; ocid: string }) {
  const { t, i18n } = useTranslation();
  const opened = parseInstant(record.opened_at);
  return (
    <div className="tb-record" data-testid="opening-record">
      <p className="status status--ok">
        {t('tenders.opening.openedAt', { time: opened ? formatDateTime(opened, i18n.language) : record.opened_at })}
      </p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('tenders.record.bidder')}</th>
              <th scope="col">{t('tenders.record.received')}</th>
              <th scope="col">{t('tenders.record.price')}</th>
              <th scope="col">{t('tenders.record.files')}</th>
              <th scope="col">{t('tenders.record.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {record.bids.map((bid) => {
              const received = parseInstant(bid.receipt_time);
              const hash = typeof bid.envelope_sha256 === 'string' ? bid.envelope_sha256 : Object.values(bid.envelope_sha256 ?? {})[0];
              return (
                <tr key={bid.bid}>
                  <td dir="auto">
                    {bid.supplier_name}
                    <div className="muted mono" dir="ltr">
                      {bid.bid}
                    </div>
                  </td>
                  <td>{received ? formatDateTime(received, i18n.language) : bid.receipt_time}</td>
                  <td>{bid.price ? formatMoney(bid.price.amount, bid.price.currency, i18n.language) : bid.decrypted ? t('tenders.record.noPrice') : '—'}</td>
                  <td>
                    {bid.decrypted ? (
                      <ul className="tb-file-list">
                        {bid.files.map((f) => (
                          <li key={f.index}>
                            <a href={bidDocumentUrl(ocid, bid.bid, record.envelope as EnvelopeKind, f.index)} download dir="auto">
                              {f.name}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="badge badge--danger" title={bid.error ?? ''}>
                        {t('tenders.record.undecryptable')}
                      </span>
                    )}
                  </td>
                  <td className="mono hash" dir="ltr" title={hash}>
                    {hash ? `${hash.slice(0, 12)}…` : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {record.bids.length === 0 ? <p className="muted">{t('tenders.record.noBids')}</p> : null}
      <p className="muted">
        {t('tenders.record.recordHash')}{' '}
        <span className="mono" dir="ltr">
          {record.record_sha256}
        </span>
      </p>
    </div>
  );
}
