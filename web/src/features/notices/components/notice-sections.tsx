import { useTranslation } from 'react-i18next';
import { Fact } from '@/components/ui/fact';
import { formatDate, formatMoney, languageName, parseInstant } from '@/lib/format';
import { safeExternalUrl } from '@/lib/safe-url';
import type { Contact, Lot, NoticeDocument } from '../types/notice';

export function NoticeLots({ lots }: { lots: Lot[] }) {
  const { t, i18n } = useTranslation();
  if (lots.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="lots-heading">
      <h2 id="lots-heading" className="panel__title">
        {t('notice.sections.lots')}
      </h2>
      <ol className="lots">
        {lots.map((lot, index) => (
          <li key={lot.id ?? index} className="lots__item">
            <p className="lots__title" dir="auto">
              <span className="muted">{t('notice.lot', { id: lot.id ?? String(index + 1) })}</span>{' '}
              {lot.title}
            </p>
            {lot.description ? (
              <p className="lots__description" dir="auto">
                {lot.description}
              </p>
            ) : null}
            <p className="lots__meta">
              {lot.status ? (
                <span className="badge">{t(`notice.statuses.${lot.status}`, { defaultValue: lot.status })}</span>
              ) : null}
              {lot.value ? (
                <span>{formatMoney(lot.value.amount, lot.value.currency, i18n.language)}</span>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function NoticeDocuments({ documents }: { documents: NoticeDocument[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel" aria-labelledby="documents-heading">
      <h2 id="documents-heading" className="panel__title">
        {t('notice.sections.documents')}
      </h2>
      {documents.length === 0 ? (
        <p className="muted">{t('notice.noDocuments')}</p>
      ) : (
        <ul className="documents">
          {documents.map((document, index) => {
            const url = safeExternalUrl(document.url);
            const title = document.title || document.url || t('notice.document');
            const published = parseInstant(document.published);
            const meta = [
              document.document_type
                ? t(`notice.documentTypes.${document.document_type}`, { defaultValue: document.document_type })
                : undefined,
              document.format,
              document.language ? languageName(document.language, i18n.language) : undefined,
              published ? formatDate(published, i18n.language) : undefined,
            ].filter(Boolean);
            return (
              <li key={document.id ?? index} className="documents__item">
                {url ? (
                  <a href={url} rel="noopener noreferrer" target="_blank" dir="auto">
                    {title}
                  </a>
                ) : (
                  <span dir="auto">{title}</span>
                )}
                {meta.length > 0 ? <span className="muted"> · {meta.join(' · ')}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function NoticeContact({ contact }: { contact: Contact | undefined }) {
  const { t } = useTranslation();
  const hasAny = contact && Object.values(contact).some(Boolean);
  const url = safeExternalUrl(contact?.url);
  return (
    <section className="panel" aria-labelledby="contact-heading">
      <h2 id="contact-heading" className="panel__title">
        {t('notice.sections.contact')}
      </h2>
      {!hasAny || !contact ? (
        <p className="muted">{t('notice.noContact')}</p>
      ) : (
        <dl className="facts facts--compact">
          <Fact label={t('notice.contact.name')}>{contact.name}</Fact>
          <Fact label={t('notice.contact.email')}>
            {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : undefined}
          </Fact>
          <Fact label={t('notice.contact.telephone')}>
            {contact.telephone ? (
              <a href={`tel:${contact.telephone.replace(/[^\d+]/g, '')}`} dir="ltr">
                {contact.telephone}
              </a>
            ) : undefined}
          </Fact>
          <Fact label={t('notice.contact.url')}>
            {url ? (
              <a href={url} rel="noopener noreferrer" target="_blank">
                {contact.url}
              </a>
            ) : (
              contact.url
            )}
          </Fact>
          <Fact label={t('notice.contact.address')}>{contact.address}</Fact>
        </dl>
      )}
    </section>
  );
}
