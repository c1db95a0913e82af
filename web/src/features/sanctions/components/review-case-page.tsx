import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StepUpForm } from '@/components/forms/step-up-form';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { fieldErrorOf, problemCode } from '@/lib/api-client';
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
  const entry = review.entry;
  const listedOn = parseInstant(entry?.listed_on);
  // The supplier's current legal name first, then the other names it was screened under.
  const supplierNames: ListedName[] = [
    { name: review.supplier.name, kind: 'legal', quality: undefined },
    ...review.supplier.names.filter((name) => name !== review.supplier.name).map((name) => ({ name, kind: undefined, quality: undefined })),
  ];
  return (
    <div className="stack stack--wide">
      <dl className="facts panel">
        <div className="facts__row">
          <dt>{t('sanctions.status')}</dt>
          <dd data-testid="case-status">{t(`sanctions.statuses.${review.status}`, { defaultValue: review.status })}</dd>
        </div>
        {review.screening_decision ? (
          <div className="facts__row">
            <dt>{t('sanctions.screeningDecision')}</dt>
            <dd>{t(`sanctions.screeningDecisions.${review.screening_decision}`, { defaultValue: review.screening_decision })}</dd>
          </div>
        ) : null}
        {review.subject && review.subject.kind !== 'supplier' ? (
          <div className="facts__row">
            <dt>{t('sanctions.subject')}</dt>
            <dd>{t(`sanctions.subjectKinds.${review.subject.kind}`, { defaultValue: review.subject.kind })}</dd>
          </div>
        ) : null}
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
        {review.list_sha256 ? (
          <div className="facts__row">
            <dt>{t('sanctions.listHash')}</dt>
            <dd className="mono hash" dir="ltr">
              {review.list_sha256}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="compare">
        <section className="panel" aria-labelledby="supplier-names">
          <h2 id="supplier-names" className="panel__title">
            {t('sanctions.supplierNames')}
          </h2>
          <NameList names={supplierNames} />
          {review.supplier.country ? <p className="muted">{countryName(review.supplier.country, i18n.language)}</p> : null}
          <p>
            <Link to={`/suppliers/${encodeURIComponent(review.supplier.id)}/profile`}>{t('sanctions.openProfile')}</Link>
          </p>
        </section>
        <section className="panel" aria-labelledby="entry-names">
          <h2 id="entry-names" className="panel__title">
            {t('sanctions.entryNames')}
          </h2>
          {entry ? (
            <>
              <NameList names={entry.names} />
              <dl className="facts facts--compact">
                {entry.list ? <Row label={t('sanctions.list')} value={entry.list} /> : null}
                {entry.reference ? <Row label={t('sanctions.reference')} value={entry.reference} mono /> : null}
                {entry.type ? (
                  <Row label={t('sanctions.entryType')} value={t(`sanctions.entryTypes.${entry.type}`, { defaultValue: entry.type })} />
                ) : null}
                {listedOn ? <Row label={t('sanctions.listedOn')} value={formatDate(listedOn, i18n.language)} /> : null}
                {entry.countries.length > 0 ? (
                  <Row label={t('sanctions.countries')} value={entry.countries.map((c) => countryName(c, i18n.language)).join(', ')} />
                ) : null}
                {entry.comments ? <Row label={t('sanctions.comments')} value={entry.comments} /> : null}
              </dl>
            </>
          ) : (
            <p className="muted">{t('common.notGiven')}</p>
          )}
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
        <section className="panel" aria-labelledby="decision-title" data-testid="decision">
          <h2 id="decision-title" className="panel__title">
            {t('sanctions.decisionTitle')}
          </h2>
          <p>
            {t(`sanctions.decisions.${review.decision.decision}`, { defaultValue: review.decision.decision })}
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
          {name.quality ? <span className="muted"> · {name.quality}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function DecisionForm({ reviewId }: { reviewId: string }) {
  const { t } = useTranslation();
  const decide = useDecide(reviewId);
  const [decision, setDecision] = useState<Decision | ''>('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  const record = () => {
    if (decision === '') return;
    decide.mutate({ decision, note: note.trim() });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decision === '' || note.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    record();
  };

  const error = decide.error;
  // A decision needs a password (and code) check within the last minutes (AS-12).
  const needsStepUp = problemCode(error) === 'reauthentication_required';
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
    <section className="panel stack" aria-labelledby="decide-title">
      <h2 id="decide-title" className="panel__title">
        {t('sanctions.decide')}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="form__group" disabled={needsStepUp}>
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
            readOnly={needsStepUp}
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
        {error && !needsStepUp && !noteError ? <ErrorMessage error={error} /> : null}
        {needsStepUp ? null : (
          <div className="form__actions">
            <button type="submit" className={`button${decision === 'confirm' ? ' button--danger-solid' : ''}`} disabled={decide.isPending}>
              {t('sanctions.record')}
            </button>
          </div>
        )}
      </form>
      {needsStepUp ? (
        // Password (and authenticator code) again, then the decision is sent once more.
        <StepUpForm
          title={t('sanctions.stepUp')}
          submitLabel={t('sanctions.stepUpSubmit')}
          failedMessage={t('sanctions.stepUpFailed')}
          onConfirmed={record}
        />
      ) : null}
    </section>
  );
}
