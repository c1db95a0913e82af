import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { usePageTitle } from '@/lib/use-page-title';
import { useEventList } from '../api/events';
import { formatDateRange } from '../model/time';
import { EventStatusBadge, useEventRoles } from './common';

// /events: open, closed and finished events for everyone; staff also see their drafts.
export function EventListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle('events.list.title');
  const list = useEventList();
  const { staff } = useEventRoles();
  return (
    <div className="page stack ev-page" data-testid="event-list">
      <header className="page__header ev-header-row">
        <div>
          <h1 className="page__title">{t('events.list.title')}</h1>
          <p className="page__lead">{t('events.list.lead')}</p>
        </div>
        {staff ? (
          <Link className="button" to="/manage/events/new">
            {t('events.list.create')}
          </Link>
        ) : null}
      </header>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('events.list.none')}</p>
        </div>
      ) : null}
      {list.isSuccess && list.data.length > 0 ? (
        <ul className="ev-cards">
          {list.data.map((event) => (
            <li key={event.id} className="ev-card" data-testid="event-card">
              <h2 className="ev-card__title">
                <Link to={`/events/${encodeURIComponent(event.id)}`} dir="auto">
                  {event.name}
                </Link>
              </h2>
              <p className="ev-card__meta">
                <EventStatusBadge status={event.status} />{' '}
                <span dir="auto">{[event.venue, event.city].filter(Boolean).join(', ')}</span>
                {event.days.length > 0 ? <span> · {formatDateRange(i18n.language, event.days.map((d) => d.date))}</span> : null}
              </p>
              {event.description ? (
                <p className="ev-card__text" dir="auto">
                  {event.description}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
