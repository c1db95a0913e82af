import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { fieldErrorOf } from '@/lib/api-client';
import { formatDateTime, parseInstant } from '@/lib/format';
import { type Amendment, type Clarification, useAmendments, useAskQuestion, useClarifications } from '../api/tender';
import { useCompany } from '../hooks/use-company';

function When({ value }: { value?: string }) {
  const { i18n } = useTranslation();
  const date = parseInstant(value);
  return date ? <time dateTime={date.toISOString()}>{formatDateTime(date, i18n.language)}</time> : null;
}

// Published questions and answers, never with the asker's name; the supplier's own company's
// unanswered questions are marked as theirs. Supplier users may ask while questions are taken.
export function ClarificationsSection({ ocid, open, until }: { ocid: string; open: boolean; until?: string }) {
  const { t } = useTranslation();
  const query = useClarifications(ocid);
  const { signedIn, company } = useCompany();
  const location = useLocation();
  const cutoff = parseInstant(until);
  const taking = open && (!cutoff || cutoff.getTime() > Date.now());
  return (
    <section className="panel stack" aria-labelledby="clarifications-heading" data-testid="clarifications">
      <h2 id="clarifications-heading" className="panel__title">
        {t('bidding.clarifications.title')}
      </h2>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      {query.isSuccess && query.data.length === 0 ? <p className="muted">{t('bidding.clarifications.none')}</p> : null}
      {query.isSuccess && query.data.length > 0 ? (
        <ol className="bidding-qa">
          {query.data.map((c) => (
            <ClarificationItem key={c.id} clarification={c} />
          ))}
        </ol>
      ) : null}
      {cutoff ? (
        <p className="field__hint">
          {t('bidding.clarifications.until')} <When value={until} />
        </p>
      ) : null}
      {taking && company ? <AskForm ocid={ocid} supplier={company.organisation} /> : null}
      {taking && !signedIn ? (
        <p>
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('bidding.clarifications.logInToAsk')}</Link>
        </p>
      ) : null}
    </section>
  );
}

function ClarificationItem({ clarification: c }: { clarification: Clarification }) {
  const { t } = useTranslation();
  return (
    <li className="bidding-qa__item" data-testid="clarification">
      <p className="bidding-qa__label">
        {t('bidding.clarifications.question', { number: c.number ?? '' })}
        {c.mine ? <span className="badge"> {t('bidding.clarifications.mine')}</span> : null}
      </p>
      <p dir="auto" className="bidding-qa__text">
        {c.question}
      </p>
      {c.answer ? (
        <>
          <p className="bidding-qa__label">
            {t('bidding.clarifications.answer')} <span className="muted"><When value={c.answered_at} /></span>
          </p>
          <p dir="auto" className="bidding-qa__text" data-testid="clarification-answer">
            {c.answer}
          </p>
        </>
      ) : (
        <p className="muted">{t('bidding.clarifications.awaiting')}</p>
      )}
    </li>
  );
}

function AskForm({ ocid, supplier }: { ocid: string; supplier: string }) {
  const { t } = useTranslation();
  const ask = useAskQuestion(ocid);
  const [question, setQuestion] = useState('');
  const fieldError = fieldErrorOf(ask.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (question.trim() === '') return;
    ask.mutate({ question: question.trim(), supplier }, { onSuccess: () => setQuestion('') });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="bidding-question">{t('bidding.clarifications.ask')}</label>
        <textarea
          id="bidding-question"
          className={`input textarea${fieldError ? ' input--invalid' : ''}`}
          rows={3}
          dir="auto"
          value={question}
          aria-describedby="bidding-question-hint"
          onChange={(e) => setQuestion(e.target.value)}
        />
        {fieldError ? <p className="field__error">{fieldError.message}</p> : null}
        <p id="bidding-question-hint" className="field__hint">
          {t('bidding.clarifications.askHint')}
        </p>
      </div>
      {ask.isError && !fieldError ? <ErrorMessage error={ask.error} /> : null}
      {ask.isSuccess ? (
        <p role="status" className="alert alert--success">
          {t('bidding.clarifications.sent')}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={ask.isPending || question.trim() === ''}>
          {t('bidding.clarifications.send')}
        </button>
      </div>
    </form>
  );
}

export function AmendmentsSection({ ocid, count }: { ocid: string; count: number }) {
  const { t } = useTranslation();
  const query = useAmendments(ocid, count > 0);
  if (count === 0) return null;
  return (
    <section className="panel stack" aria-labelledby="amendments-heading" data-testid="amendments">
      <h2 id="amendments-heading" className="panel__title">
        {t('bidding.amendments.title')}
      </h2>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      {query.isSuccess ? (
        <ol className="timeline">
          {query.data.map((a: Amendment) => (
            <li key={a.number} className="timeline__item">
              <p>
                <strong>{t('bidding.amendments.number', { number: a.number })}</strong>{' '}
                <span className="timeline__when">
                  <When value={a.at} />
                </span>
                {a.substantive ? <span className="badge badge--warning"> {t('bidding.amendments.substantive')}</span> : null}
              </p>
              {a.rationale ? <p dir="auto">{a.rationale}</p> : null}
              {a.changed_fields.length > 0 ? (
                <p className="muted">{t('bidding.amendments.changed', { fields: a.changed_fields.join(', ') })}</p>
              ) : null}
              {a.deadline_after && a.deadline_after !== a.deadline_before ? (
                <p>
                  {t('bidding.amendments.deadlineMoved')} <When value={a.deadline_after} />
                  {a.deadline_extended ? ` ${t('bidding.amendments.extended')}` : ''}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
