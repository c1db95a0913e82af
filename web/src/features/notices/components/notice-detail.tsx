import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Fact } from '@/components/ui/fact';
import { Loading } from '@/components/ui/loading';
import { formatCountries, formatDateTime, formatMoney, languageName, parseInstant } from '@/lib/format';
import { safeExternalUrl } from '@/lib/safe-url';
import { useNotice } from '../api/get-notice';
import type { NoticeDetail as NoticeDetailData } from '../types/notice';
import { DeadlineDetail } from './deadline';
import { NoticeBadges } from './notice-badges';
import { NoticeHistory } from './notice-history';
import { NoticeLots, NoticeDocuments, NoticeContact } from './notice-sections';
import { UnspscCodes } from './unspsc-codes';

// `actions` (beside the title) and `after` (below the main column) let the app add what other
// features offer for the loaded notice.
interface Slots {
  actions?: (notice: NoticeDetailData) => ReactNode;
  after?: (notice: NoticeDetailData) => ReactNode;
}

export function NoticeDetailPage({ id, actions, after }: { id: string } & Slots) {
  const { t } = useTranslation();
  const query = useNotice(id);
  const location = useLocation();
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';

  return (
    <div className="notice-page">
      <p className="back-link">
        <Link to={`/notices${listSearch}`}>{t('notice.backToList')}</Link>
      </p>
      {query.isPending ? <Loading label={t('notice.loading')} /> : null}
      {query.isError ? <ErrorMessage error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess ? <NoticeDetail notice={query.data} actions={actions} after={after} /> : null}
    </div>
  );
}

export function NoticeDetail({ notice, actions, after }: { notice: NoticeDetailData } & Slots) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const date = (value: string | undefined) => {
    const parsed = parseInstant(value);
    return parsed ? (
      <time dateTime={parsed.toISOString()}>{formatDateTime(parsed, lang)}</time>
    ) : undefined;
  };
  const sourceUrl = safeExternalUrl(notice.source_url);

  return (
    <article className="notice" aria-labelledby="notice-title">
      <header className="notice__header">
        <h1 id="notice-title" className="notice__title" lang={notice.title_language} dir="auto">
          {notice.title || notice.reference || t('notice.untitled')}
        </h1>
        <NoticeBadges type={notice.type} status={notice.status} />
        {actions?.(notice)}
      </header>

      <div className="notice__layout">
        <div className="notice__main">
          <section className="panel" aria-labelledby="facts-heading">
            <h2 id="facts-heading" className="panel__title">
              {t('notice.sections.summary')}
            </h2>
            <dl className="facts">
              <Fact label={t('notice.fields.buyer')}>
                {notice.buyer}
                {notice.buyer_id ? <span className="muted mono"> ({notice.buyer_id})</span> : null}
              </Fact>
              <Fact label={t('notice.fields.reference')} mono>
                {notice.reference}
              </Fact>
              <Fact label={t('notice.fields.publicId')} mono>
                {notice.public_id}
              </Fact>
              <Fact label={t('notice.fields.procurementMethod')}>
                {notice.procurement_method
                  ? t(`notice.methods.${notice.procurement_method}`, { defaultValue: notice.procurement_method })
                  : undefined}
              </Fact>
              <Fact label={t('notice.fields.mainCategory')}>
                {notice.main_category
                  ? t(`notice.categories.${notice.main_category}`, { defaultValue: notice.main_category })
                  : undefined}
              </Fact>
              <Fact label={t('notice.fields.countries')}>
                {notice.countries.length > 0
                  ? formatCountries(notice.countries, lang)
                  : undefined}
              </Fact>
              <Fact label={t('notice.fields.estimatedValue')}>
                {notice.estimated_value
                  ? formatMoney(notice.estimated_value.amount, notice.estimated_value.currency, lang)
                  : undefined}
              </Fact>
              <Fact label={t('notice.fields.published')}>{date(notice.published)}</Fact>
              <Fact label={t('notice.fields.updated')}>{date(notice.updated)}</Fact>
              <Fact label={t('notice.fields.titleLanguage')}>
                {notice.title_language ? languageName(notice.title_language, lang) : undefined}
              </Fact>
              <Fact label={t('notice.fields.source')}>
                {notice.source ? (
                  sourceUrl ? (
                    <a href={sourceUrl} rel="noopener noreferrer" target="_blank">
                      {t('notice.viewAtSource', { source: notice.source.toUpperCase() })}
                    </a>
                  ) : (
                    notice.source.toUpperCase()
                  )
                ) : undefined}
              </Fact>
            </dl>
          </section>

          <section className="panel" aria-labelledby="description-heading">
            <h2 id="description-heading" className="panel__title">
              {t('notice.sections.description')}
            </h2>
            {notice.description ? (
              <p className="notice__description" lang={notice.description_language} dir="auto">
                {notice.description}
              </p>
            ) : (
              <p className="muted">{t('notice.noDescription')}</p>
            )}
          </section>

          <section className="panel" aria-labelledby="codes-heading">
            <h2 id="codes-heading" className="panel__title">
              {t('notice.sections.unspsc')}
            </h2>
            <UnspscCodes codes={notice.unspsc} />
          </section>

          <NoticeLots lots={notice.lots} />
          <NoticeDocuments documents={notice.documents} />
          <NoticeHistory amendments={notice.amendments} versions={notice.versions} />
          {after?.(notice)}
        </div>

        <aside className="notice__aside">
          <DeadlineDetail deadline={notice.deadline} timeZone={notice.deadline_time_zone} />
          <NoticeContact contact={notice.contact} />
        </aside>
      </div>
    </article>
  );
}
