import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { ApiError } from '@/lib/api-client';
import { formatDateTime, formatMoney, parseInstant } from '@/lib/format';
import { type AwardResult, type RegretLetter, useAwardResult, useRequestDebrief } from '../api/award';

function When({ value }: { value?: string }) {
  const { i18n } = useTranslation();
  const date = parseInstant(value);
  return date ? <time dateTime={date.toISOString()}>{formatDateTime(date, i18n.language)}</time> : null;
}

// The award notice, and for a bidder its own outcome: "you won", or its regret letter with
// the scores and a debrief request while the standstill lasts.
export function AwardResultSection({ ocid, state }: { ocid: string; state: string }) {
  const { t } = useTranslation();
  const query = useAwardResult(ocid, true);
  const unavailable = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 503);
  return (
    <section className="panel stack" aria-labelledby="award-heading" data-testid="award-result">
      <h2 id="award-heading" className="panel__title">
        {t('bidding.award.title')}
      </h2>
      {query.isPending ? <p className="muted">{t('bidding.award.loading')}</p> : null}
      {unavailable ? <p className="muted">{t('bidding.award.notYet')}</p> : null}
      {query.isError && !unavailable ? <ErrorMessage error={query.error} /> : null}
      {query.isSuccess ? <AwardBody ocid={ocid} result={query.data} state={state} /> : null}
    </section>
  );
}

function AwardBody({ ocid, result, state }: { ocid: string; result: AwardResult; state: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const award = result.award;
  if (state === 'cancelled' || result.cancellation_reason) {
    return (
      <p dir="auto" data-testid="award-cancelled">
        {t('bidding.award.cancelled')} {result.cancellation_reason}
      </p>
    );
  }
  if (!award) return <p className="muted">{t('bidding.award.notYet')}</p>;
  return (
    <>
      {result.won ? (
        <p className="alert alert--success" role="status" data-testid="award-won">
          {t('bidding.award.won')}
        </p>
      ) : null}
      <dl className="facts facts--compact">
        <div className="facts__row">
          <dt>{t('bidding.award.supplier')}</dt>
          <dd dir="auto" data-testid="award-supplier">
            {award.supplier_name}
          </dd>
        </div>
        {award.value ? (
          <div className="facts__row">
            <dt>{t('bidding.award.value')}</dt>
            <dd>{formatMoney(award.value.amount, award.value.currency, lang)}</dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>{t('bidding.award.status')}</dt>
          <dd>{t(`bidding.award.statuses.${award.status}`, { defaultValue: award.status })}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.award.notified')}</dt>
          <dd>
            <When value={award.notified_at} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.award.standstillEnds')}</dt>
          <dd>
            <When value={award.standstill_ends} />
          </dd>
        </div>
      </dl>
      {result.letters.map((letter) => (
        <LetterView key={letter.bid_id} letter={letter} />
      ))}
      {result.letters.length > 0 ? <DebriefForm ocid={ocid} result={result} /> : null}
    </>
  );
}

function LetterView({ letter }: { letter: RegretLetter }) {
  const { t, i18n } = useTranslation();
  const money = (m: RegretLetter['price']) => (m ? formatMoney(m.amount, m.currency, i18n.language) : undefined);
  return (
    <div className="stack bidding-letter" data-testid="regret-letter">
      <h3 className="form__subtitle">{t('bidding.award.letterTitle')}</h3>
      <p>{t(`bidding.award.outcomes.${letter.outcome}`, { defaultValue: letter.outcome })}</p>
      {letter.outcome === 'not_selected' && letter.rank != null ? (
        <p>{t('bidding.award.ranked', { rank: letter.rank })}</p>
      ) : letter.reason ? (
        <p dir="auto">
          {t('bidding.award.reasonGiven')} {letter.reason}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t('bidding.award.yourBid')}</th>
              <th scope="col">{t('bidding.award.winningBid')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('bidding.award.technical')}</th>
              <td>{letter.technical ?? '—'}</td>
              <td>{letter.winner_technical ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('bidding.award.financial')}</th>
              <td>{letter.financial ?? '—'}</td>
              <td>{letter.winner_financial ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('bidding.award.combined')}</th>
              <td>{letter.combined ?? '—'}</td>
              <td>{letter.winner_combined ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('bidding.award.price')}</th>
              <td>{money(letter.price) ?? '—'}</td>
              <td>{money(letter.winner_price) ?? '—'}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {letter.debrief_until ? (
        <p className="field__hint">
          {t('bidding.award.debriefUntil')} <When value={letter.debrief_until} />
        </p>
      ) : null}
    </div>
  );
}

function DebriefForm({ ocid, result }: { ocid: string; result: AwardResult }) {
  const { t } = useTranslation();
  const request = useRequestDebrief(ocid);
  const [message, setMessage] = useState('');
  const existing = result.debriefs[0];
  if (existing) {
    return (
      <div className="stack" data-testid="debrief">
        <h3 className="form__subtitle">{t('bidding.award.debriefTitle')}</h3>
        <p dir="auto">{existing.message}</p>
        {existing.answer ? (
          <p dir="auto">
            <strong>{t('bidding.award.debriefAnswer')}</strong> {existing.answer}
          </p>
        ) : (
          <p className="muted">{t('bidding.award.debriefWaiting')}</p>
        )}
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (message.trim()) request.mutate(message.trim());
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="debrief-message">{t('bidding.award.debriefAsk')}</label>
        <textarea id="debrief-message" className="input textarea" rows={3} dir="auto" value={message} onChange={(e) => setMessage(e.target.value)} />
      </div>
      {request.isError ? <ErrorMessage error={request.error} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={request.isPending || !message.trim()}>
          {t('bidding.award.debriefSend')}
        </button>
      </div>
    </form>
  );
}
