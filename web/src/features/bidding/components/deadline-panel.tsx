import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative, formatRemaining, isValidTimeZone, parseInstant, remainingUntil, viewerTimeZone } from '@/lib/format';
import { useNow } from '../hooks/use-now';

// The submission deadline in the viewer's time zone and in the agency's (the one the
// solicitation documents use), with a countdown from the viewer's clock. Whether a bid is in
// time is decided by the server's clock alone (ET-01); the page says so.
export function DeadlinePanel({ deadline: value, timeZone, localText }: { deadline?: string; timeZone: string; localText?: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const deadline = parseInstant(value);
  const viewerZone = viewerTimeZone();
  const agencyZone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  return (
    <section className="panel deadline-panel" aria-labelledby="bidding-deadline-heading" data-testid="tender-deadline">
      <h2 id="bidding-deadline-heading" className="panel__title">
        {t('bidding.deadline.title')}
      </h2>
      {deadline ? (
        <>
          <dl className="facts facts--compact">
            <div className="facts__row">
              <dt>{t('bidding.deadline.yourTime', { zone: viewerZone })}</dt>
              <dd>
                <time dateTime={deadline.toISOString()} data-testid="deadline-viewer">
                  {formatDateTime(deadline, i18n.language, viewerZone)}
                </time>
              </dd>
            </div>
            {agencyZone ? (
              <div className="facts__row">
                <dt>{t('bidding.deadline.agencyTime', { zone: agencyZone })}</dt>
                <dd data-testid="deadline-agency">
                  {formatDateTime(deadline, i18n.language, agencyZone)}
                  {localText ? (
                    <span className="muted mono" dir="ltr">
                      {' '}
                      ({localText})
                    </span>
                  ) : null}
                </dd>
              </div>
            ) : null}
            <div className="facts__row">
              <dt>{t('bidding.deadline.utc')}</dt>
              <dd className="mono" dir="ltr">
                {value}
              </dd>
            </div>
          </dl>
          <DeadlineCountdown deadline={deadline} now={now} language={i18n.language} />
        </>
      ) : (
        <p className="muted">{t('bidding.deadline.none')}</p>
      )}
    </section>
  );
}

function DeadlineCountdown({ deadline, now, language }: { deadline: Date; now: Date; language: string }) {
  const { t } = useTranslation();
  const remaining = remainingUntil(deadline, now);
  return (
    <p className={remaining ? 'countdown countdown--live' : 'countdown countdown--closed'}>
      {remaining
        ? t('bidding.deadline.remaining', { remaining: formatRemaining(remaining, language) })
        : t('bidding.deadline.passed', { relative: formatRelative(deadline, now, language) })}
    </p>
  );
}
