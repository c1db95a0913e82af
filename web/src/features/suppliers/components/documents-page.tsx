import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { supplierMemberships, useSession } from '@/lib/auth';
import { formatDate, languageName, parseInstant } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { documentContentUrl, type SupplierDocument, useDocuments } from '../api';
import { SupplierTabs } from './supplier-tabs';
import { UploadForm } from './upload-form';

// A document expiring within this many days is flagged so it is renewed in time.
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export type Expiry = 'expired' | 'soon' | 'valid' | 'none';

// The server says whether a document has expired; "soon" is this page's own warning.
export function expiryOf(validUntil: string | undefined, now: Date, expired = false): Expiry {
  if (expired) return 'expired';
  const date = parseInstant(validUntil);
  if (!date) return 'none';
  // A date-only value is valid through the end of that day (UTC).
  const end = /^\d{4}-\d{2}-\d{2}$/.test(validUntil ?? '') ? date.getTime() + DAY_MS : date.getTime();
  if (end <= now.getTime()) return 'expired';
  if (end - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS) return 'soon';
  return 'valid';
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    // "616 bytes", but "240 kB": the short form of a byte count reads "616 byte".
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

export function DocumentsPage({ supplierId, now = new Date() }: { supplierId: string; now?: Date }) {
  const { t } = useTranslation();
  usePageTitle('documents.title');
  const documents = useDocuments(supplierId);
  const session = useSession();
  const canUpload = supplierMemberships(session.data).some((m) => m.organisation === supplierId);
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('documents.title')}</h1>
        <p className="page__lead">{t('documents.lead')}</p>
        <SupplierTabs supplierId={supplierId} />
      </header>
      <div className="stack stack--wide">
        {canUpload ? <UploadForm supplierId={supplierId} documents={documents.data ?? []} /> : null}
        <section className="panel" aria-labelledby="documents-list">
          <h2 id="documents-list" className="panel__title">
            {t('documents.listTitle')}
          </h2>
          {documents.isPending ? <Loading /> : null}
          {documents.isError ? <ErrorMessage error={documents.error} onRetry={() => void documents.refetch()} /> : null}
          {documents.data?.length === 0 ? <p>{t('documents.none')}</p> : null}
          {documents.data && documents.data.length > 0 ? (
            <DocumentTable documents={documents.data} now={now} />
          ) : null}
        </section>
      </div>
    </div>
  );
}

function DocumentTable({ documents, now }: { documents: SupplierDocument[]; now: Date }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('documents.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.kind')}</th>
            <th scope="col">{t('documents.file')}</th>
            <th scope="col">{t('documents.details')}</th>
            <th scope="col">{t('documents.validUntil')}</th>
            <th scope="col">{t('documents.uploaded')}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => {
            const expiry = expiryOf(document.valid_until, now, document.expired);
            const validUntil = parseInstant(document.valid_until);
            const uploaded = parseInstant(document.uploaded_at);
            const name = document.filename || t('documents.unnamed');
            const original = document.translation_of ? documents.find((d) => d.id === document.translation_of) : undefined;
            const details = [
              document.language ? languageName(document.language, i18n.language) : '',
              document.fiscal_year ? t('documents.fiscalYearShort', { year: String(document.fiscal_year) }) : '',
              document.kind === 'financial_statement' ? (document.audited ? t('documents.audited') : t('documents.notAudited')) : '',
              original ? t('documents.translationOfShort', { name: original.filename }) : '',
            ].filter(Boolean);
            return (
              <tr key={document.id} data-testid="document-row">
                <td>{t(`documents.kinds.${document.kind}`, { defaultValue: document.kind })}</td>
                <td>
                  <a href={documentContentUrl(document.id)} download dir="auto">
                    {name}
                  </a>
                  {typeof document.size === 'number' ? (
                    <span className="muted"> · {formatBytes(document.size, i18n.language)}</span>
                  ) : null}
                </td>
                <td dir="auto">{details.join(' · ')}</td>
                <td>
                  {validUntil ? formatDate(validUntil, i18n.language) : t('documents.noExpiry')}
                  {expiry === 'expired' ? <span className="badge badge--danger">{t('documents.expired')}</span> : null}
                  {expiry === 'soon' ? <span className="badge badge--warning">{t('documents.expiresSoon')}</span> : null}
                </td>
                <td>{uploaded ? formatDate(uploaded, i18n.language) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
