import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError, fieldErrorOf, problemCode } from '@/lib/api-client';
import { countryName, formatDate, formatDateTime, parseInstant } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { type Decision, type ListedName, type ReviewCase, useDecide, useReviewCase } from '../api';
import { Score } from './score';

// One possible hit: the supplier's names beside the listed entry's, the
// scores and the list version, and the decision (clear or confirm) with a
// note, which the server records with who made it.
export function ReviewCasePage({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation();
  usePageTitle('sanctions.caseTitle');
  const review = useReviewCase(reviewId);
  return (
    <div className="page">
      <p className="back-link">
        <Link to="/sanctions/reviews">{t('sanctions.back')}</Link>
      </p>
      <header className="page__header">
        <h1 className="page__title">{t('sanctions.caseTitle')}</h1>
      </header>
      {review.isPending ? <Loading /> : null}
      {review.isError ? <ErrorMessage error={review.error} onRetry={() => void review.refetch()} /> : null}
      {review.data ? <CaseBody review={review.data} /> : null}
    </div>
  );
}

function CaseBody({ review }: { review: ReviewCase }) {
  const { t, i18n } = useTranslation();
  const listedOn = parseInstant(review.entry.listed_on);
  return (
    <div className="stack stack--wide">
      <dl className="facts panel">
        <div className="facts__row">
          <dt>{t('sanctions.status')}</dt>
          <dd>{t(`sanctions.statuses.${review.status}`, { defaultValue: review.status })}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('sanctions.score')}</dt>
          <dd>
            <Score value={review.score} />
          </dd>
        </div>
        {review.list_version ? (
          <div className="facts__row">
            <dt>{t('sanctions.listVersion')}</dt>
            <dd className="mono">{review.list_version}</dd>
          </div>
        ) : null}
      </dl>
      <div className="compare">
        <section className="panel" aria-labelledby="supplier-names">
          <h2 id="supplier-names" className="panel__title">
            {t('sanctions.supplierNames')}
          </h2>
          <NameList names={review.supplier.names} />
          {review.supplier.country ? <p className="muted">{countryName(review.supplier.country, i18n.language)}</p> : null}
          <p>
            <Link to={`/suppliers/${encodeURIComponent(review.supplier.id)}/profile`}>{t('sanctions.openProfile')}</Link>
          </p>
        </section>
        <section className="panel" aria-labelledby="entry-names">
          <h2 id="entry-names" className="panel__title">
            {t('sanctions.entryNames')}
          </h2>
          <NameList names={review.entry.names} />
          <dl className="facts facts--compact">
            {review.entry.list ? <Row label={t('sanctions.list')} value={review.entry.list} /> : null}
            {review.entry.reference ? <Row label={t('sanctions.reference')} value={review.entry.reference} mono /> : null}
            {review.entry.type ? <Row label={t('sanctions.entryType')} value={review.entry.type} /> : null}
            {review.entry.program ? <Row label={t('sanctions.program')} value={review.entry.program} /> : null}
            {listedOn ? <Row label={t('sanctions.listedOn')} value={formatDate(listedOn, i18n.language)} /> : null}
            {review.entry.countries.length > 0 ? (
              <Row label={t('sanctions.countries')} value={review.entry.countries.map((c) => countryName(c, i18n.language)).join(', ')} />
            ) : null}
            {review.entry.comments ? <Row label={t('sanctions.comments')} value={review.entry.comments} /> : null}
          </dl>
        </section>
      </div>
      {review.matches.length > 0 ? (
        <section className="panel" aria-labelledby="matches-title">
          <h2 id="matches-title" className="panel__title">
            {t('sanctions.matches')}
          </h2>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('sanctions.supplierName')}</th>
                  <th scope="col">{t('sanctions.entryName')}</th>
                  <th scope="col">{t('sanctions.score')}</th>
                </tr>
              </thead>
              <tbody>
                {review.matches.map((match, index) => (
                  <tr key={index}>
                    <td dir="auto">{match.supplier_name}</td>
                    <td dir="auto">{match.entry_name}</td>
                    <td>
                      <Score value={match.score} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {review.decision ? (
        <section className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title" className="panel__title">
            {t('sanctions.decisionTitle')}
          </h2>
          <p>
            {t(`sanctions.decisions.${review.decision.decision}`, { defaultValue: review.decision.decision })}
            {review.decision.decided_by ? ` · ${review.decision.decided_by}` : ''}
            {parseInstant(review.decision.decided_at) ? ` · ${formatDateTime(parseInstant(review.decision.decided_at)!, i18n.language)}` : ''}
          </p>
          {review.decision.note ? <p dir="auto">{review.decision.note}</p> : null}
        </section>
      ) : (
        <DecisionForm reviewId={review.id} />
      )}
    </div>
  );
}

function Row({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} dir="auto">
        {value}
      </dd>
    </div>
  );
}

function NameList({ names }: { names: ListedName[] }) {
  const { t } = useTranslation();
  if (names.length === 0) return <p className="muted">{t('common.notGiven')}</p>;
  return (
    <ul className="name-list">
      {names.map((name, index) => (
        <li key={index}>
          <span dir="auto" className="name-list__name">
            {name.name}
          </span>
          {name.kind ? <span className="muted"> · {t(`sanctions.nameKinds.${name.kind}`, { defaultValue: name.kind })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function DecisionForm({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const decide = useDecide(reviewId);
  const [decision, setDecision] = useState<Decision | ''>('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decision === '' || note.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    decide.mutate({ decision, note: note.trim() });
  };

  const error = decide.error;
  const code = problemCode(error);
  // Deciding needs a recent log-in (AS-12 step-up).
  const needsStepUp =
    error instanceof ApiError && (error.status === 401 || code === 'step_up_required' || code === 'reauthentication_required');
  const noteError = fieldErrorOf(error)?.field === 'note' ? fieldErrorOf(error)?.message : undefined;

  if (decide.isSuccess) {
    return (
      <section className="panel" role="status">
        <p>{t('sanctions.decided')}</p>
        <p>
          <Link to="/sanctions/reviews">{t('sanctions.back')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="decide-title">
      <h2 id="decide-title" className="panel__title">
        {t('sanctions.decide')}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="form__group">
          <legend className="form__legend">{t('sanctions.decisionLabel')}</legend>
          <label className="checkbox">
            <input type="radio" name="decision" value="clear" checked={decision === 'clear'} onChange={() => setDecision('clear')} />
            <span>{t('sanctions.clear')}</span>
          </label>
          <label className="checkbox">
            <input type="radio" name="decision" value="confirm" checked={decision === 'confirm'} onChange={() => setDecision('confirm')} />
            <span>{t('sanctions.confirm')}</span>
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="decision-note">{t('sanctions.note')}</label>
          <textarea
            id="decision-note"
            className={`input textarea${noteError ? ' input--invalid' : ''}`}
            rows={4}
            dir="auto"
            required
            value={note}
            aria-describedby="decision-note-hint"
            aria-invalid={!!noteError || undefined}
            onChange={(e) => setNote(e.target.value)}
          />
          {noteError ? <p className="field__error">{noteError}</p> : null}
          <p id="decision-note-hint" className="field__hint">
            {t('sanctions.noteHint')}
          </p>
        </div>
        {missing ? (
          <p role="alert" className="field__error">
            {t('sanctions.missing')}
          </p>
        ) : null}
        {needsStepUp ? (
          <div role="alert" className="alert alert--error">
            <p className="alert__title">{t('sanctions.stepUp')}</p>
            <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('auth.login.title')}</Link>
          </div>
        ) : error && !noteError ? (
          <ErrorMessage error={error} />
        ) : null}
        <div className="form__actions">
          <button type="submit" className={`button${decision === 'confirm' ? ' button--danger-solid' : ''}`} disabled={decide.isPending}>
            {t('sanctions.record')}
          </button>
        </div>
      </form>
    </section>
  );
}
