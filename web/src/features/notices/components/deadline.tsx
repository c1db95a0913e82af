import { useTranslation } from 'react-i18next';
import {
  formatDateTime,
  formatRelative,
  formatRemaining,
  isValidTimeZone,
  parseInstant,
  remainingUntil,
  viewerTimeZone,
} from '@/lib/format';
import { useNow } from '../hooks/use-now';

// "Closes in 3 days" / "Closed": the coarse countdown of a list card.
export function DeadlineCountdown({ deadline, now }: { deadline: Date; now: Date }) {
  const { t, i18n } = useTranslation();
  const closed = deadline.getTime() <= now.getTime();
  return (
    <span className={closed ? 'countdown countdown--closed' : 'countdown'}>
      {closed
        ? t('deadline.closed')
        : t('deadline.closesIn', { relative: formatRelative(deadline, now, i18n.language) })}
    </span>
  );
}

export function DeadlineSummary({ deadline: value }: { deadline: string | undefined }) {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  const deadline = parseInstant(value);
  if (!deadline) return <span className="muted">{t('deadline.none')}</span>;
  return (
    <span className="deadline-summary">
      <time dateTime={deadline.toISOString()}>{formatDateTime(deadline, i18n.language)}</time>
      {' · '}
      <DeadlineCountdown deadline={deadline} now={now} />
    </span>
  );
}

interface DetailProps {
  deadline: string | undefined;
  timeZone: string | undefined;
}

// The deadline in the viewer's zone and, when known, the agency's own zone
// (the one the solicitation documents use), with a live countdown.
export function DeadlineDetail({ deadline: value, timeZone }: DetailProps) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const deadline = parseInstant(value);
  if (!deadline) {
    return (
      <section className="panel deadline-panel" aria-labelledby="deadline-heading">
        <h2 id="deadline-heading" className="panel__title">
          {t('deadline.title')}
        </h2>
        <p className="muted">{t('deadline.none')}</p>
      </section>
    );
  }
  const remaining = remainingUntil(deadline, now);
  const viewerZone = viewerTimeZone();
  const agencyZone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  return (
    <section className="panel deadline-panel" aria-labelledby="deadline-heading">
      <h2 id="deadline-heading" className="panel__title">
        {t('deadline.title')}
      </h2>
      <dl className="facts facts--compact">
        <div className="facts__row">
          <dt>{t('deadline.yourTime', { zone: viewerZone })}</dt>
          <dd>
            <time dateTime={deadline.toISOString()}>
              {formatDateTime(deadline, i18n.language, viewerZone)}
            </time>
          </dd>
        </div>
        {agencyZone && agencyZone !== viewerZone ? (
          <div className="facts__row">
            <dt>{t('deadline.agencyTime', { zone: agencyZone })}</dt>
            <dd>{formatDateTime(deadline, i18n.language, agencyZone)}</dd>
          </div>
        ) : null}
      </dl>
      <p className={remaining ? 'countdown countdown--live' : 'countdown countdown--closed'}>
        {remaining
          ? t('deadline.remaining', { remaining: formatRemaining(remaining, i18n.language) })
          : t('deadline.closedOn', { relative: formatRelative(deadline, now, i18n.language) })}
      </p>
    </section>
  );
}
