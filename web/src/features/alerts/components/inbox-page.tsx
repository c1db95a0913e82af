import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { useNow } from '@/features/notices';
import { supplierMemberships, useSession } from '@/lib/auth';
import { formatNumber } from '@/lib/format';
import { useUnspscEntries } from '@/lib/unspsc';
import { usePageTitle } from '@/lib/use-page-title';
import { useInbox, useMarkAllRead } from '../api/alerts';
import { InboxItemCard } from './inbox-item';

// The in-app inbox (/inbox): every alert, newest first, the unread ones marked; "unread only"
// lives in the URL so the view is a link; older alerts come with "Load more" (cursor).
export function InboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle('alerts.inbox.title');
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const inbox = useInbox(unreadOnly);
  const markAll = useMarkAllRead();
  const now = useNow(60_000);
  const items = useMemo(() => inbox.data?.pages.flatMap((page) => page.items) ?? [], [inbox.data]);
  const unread = inbox.data?.pages[0]?.unread ?? 0;
  const codes = useMemo(() => items.flatMap((item) => item.explanation?.codes.map((c) => c.notice_code) ?? []), [items]);
  const titles = useUnspscEntries(codes).data;

  return (
    <div className="page alerts-page">
      <header className="page__header">
        <h1 className="page__title">{t('alerts.inbox.title')}</h1>
        <p className="page__lead">{t('alerts.inbox.lead')}</p>
      </header>
      <div className="alerts-toolbar">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => setParams(event.target.checked ? { unread: 'true' } : {}, { replace: true })}
          />
          <span>{t('alerts.inbox.unreadOnly')}</span>
        </label>
        <span className="alerts-toolbar__count" data-testid="unread-total" aria-live="polite">
          {t('alerts.inbox.unreadCount', { formatted: formatNumber(unread, i18n.language) })}
        </span>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={unread === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('alerts.inbox.markAllRead')}
        </button>
        <Link to="/settings/alerts" className="alerts-toolbar__link">
          {t('alerts.settings.link')}
        </Link>
      </div>
      {markAll.isError ? <ErrorMessage error={markAll.error} /> : null}
      {inbox.isPending ? <Loading label={t('alerts.inbox.loading')} /> : null}
      {inbox.isError ? <ErrorMessage error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
      {inbox.isSuccess && items.length === 0 ? <InboxEmpty unreadOnly={unreadOnly} /> : null}
      {items.length > 0 ? (
        <ul className="notice-list inbox-list">
          {items.map((item) => (
            <li key={item.id}>
              <InboxItemCard item={item} now={now} titles={titles} />
            </li>
          ))}
        </ul>
      ) : null}
      {inbox.hasNextPage ? (
        <p className="alerts-more">
          <button
            type="button"
            className="button button--secondary"
            disabled={inbox.isFetchingNextPage}
            onClick={() => void inbox.fetchNextPage()}
          >
            {inbox.isFetchingNextPage ? t('alerts.inbox.loading') : t('alerts.inbox.loadMore')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

function InboxEmpty({ unreadOnly }: { unreadOnly: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const company = supplierMemberships(session.data)[0];
  if (unreadOnly) {
    return (
      <div className="empty" data-testid="inbox-empty">
        <p className="empty__title">{t('alerts.inbox.noUnread')}</p>
      </div>
    );
  }
  return (
    <div className="empty" data-testid="inbox-empty">
      <p className="empty__title">{t('alerts.inbox.empty')}</p>
      <p>{t('alerts.inbox.emptyLead')}</p>
      <ul className="empty__tips alerts-tips">
        <li>
          <Link to="/notices">{t('alerts.inbox.tipSearch')}</Link>
        </li>
        {company ? (
          <li>
            <Link to={`/suppliers/${encodeURIComponent(company.organisation)}/profile`}>{t('alerts.inbox.tipProfile')}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/settings/alerts">{t('alerts.inbox.tipSettings')}</Link>
        </li>
      </ul>
    </div>
  );
}
