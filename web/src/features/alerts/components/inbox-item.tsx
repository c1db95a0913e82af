import { useTranslation } from 'react-i18next';
import { DeadlineSummary } from '@/features/notices';
import { formatRelative, parseInstant } from '@/lib/format';
import type { UnspscEntry } from '@/lib/unspsc';
import { useMarkRead } from '../api/alerts';
import type { InboxItem } from '../api/schemas';
import { AlertNoticeLink } from './alert-notice-link';
import { ExplanationChips } from './explanation-chips';
import { ReasonBadge } from './reason-badge';

// One alert: why it came, the notice (title, agency, deadline countdown), the reasons it
// matched, and whether it has been read. Opening the notice marks it read.
export function InboxItemCard({ item, now, titles }: { item: InboxItem; now: Date; titles?: ReadonlyMap<string, UnspscEntry> }) {
  const { t, i18n } = useTranslation();
  const markRead = useMarkRead();
  const unread = !item.read_at;
  const received = parseInstant(item.created_at);
  const titleId = `alert-${item.id}-title`;
  const read = () => {
    if (unread && !markRead.isPending) markRead.mutate(item.id);
  };
  return (
    <article
      className={unread ? 'inbox-item inbox-item--unread' : 'inbox-item'}
      aria-labelledby={titleId}
      data-testid="inbox-item"
      data-unread={unread || undefined}
    >
      <div className="inbox-item__top">
        {unread ? (
          <span className="inbox-item__dot" title={t('alerts.inbox.unread')}>
            <span className="visually-hidden">{t('alerts.inbox.unread')}</span>
          </span>
        ) : null}
        <ReasonBadge item={item} />
        {item.version && item.version > 1 && item.reason === 'amendment' ? (
          <span className="muted alert-version">{t('alerts.inbox.version', { version: item.version })}</span>
        ) : null}
        {received ? (
          <time className="muted inbox-item__received" dateTime={received.toISOString()}>
            {formatRelative(received, now, i18n.language)}
          </time>
        ) : null}
      </div>
      <h2 className="notice-card__title inbox-item__title" id={titleId}>
        <AlertNoticeLink notice={item.notice} onOpen={read} />
      </h2>
      <dl className="notice-card__facts">
        <div>
          <dt>{t('alerts.fields.agency')}</dt>
          <dd>{item.notice.agency || t('common.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('alerts.fields.deadline')}</dt>
          <dd>
            <DeadlineSummary deadline={item.notice.deadline} />
          </dd>
        </div>
      </dl>
      <ExplanationChips explanation={item.explanation} agency={item.notice.agency} titles={titles} />
      {unread ? (
        <div className="inbox-item__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={markRead.isPending}
            onClick={read}
            aria-label={t('alerts.inbox.markReadNamed', { title: item.notice.title ?? '' })}
          >
            {t('alerts.inbox.markRead')}
          </button>
        </div>
      ) : null}
    </article>
  );
}
