import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError } from '@/lib/api-client';
import { formatDateTime, parseInstant } from '@/lib/format';
import type { Tender } from '../api/schemas';
import { type Clarification, useAnswerClarification, useClarifications } from '../api/tenders';
import { TextAreaField } from './form-bits';

// Suppliers' questions, unanswered first. An answer is published to every interested supplier
// with the question, never with who asked (the server keeps that for the record only).
export function ClarificationsInbox({ tender }: { tender: Tender }) {
  const { t } = useTranslation();
  const list = useClarifications(tender.ocid, tender.state !== 'draft');
  if (tender.state === 'draft') return <p className="muted panel">{t('tenders.clarifications.notYet')}</p>;
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />;
  const open = list.data.filter((c) => !c.answer);
  const answered = list.data.filter((c) => c.answer);
  return (
    <div className="tb-clarifications" data-testid="clarifications">
      <p className="field__hint">{t('tenders.clarifications.intro')}</p>
      <section className="panel" aria-labelledby="open-questions">
        <h2 id="open-questions" className="panel__title">
          {t('tenders.clarifications.open', { n: open.length })}
        </h2>
        {open.length === 0 ? <p className="muted">{t('tenders.clarifications.noneOpen')}</p> : null}
        <ol className="tb-qa-list">
          {open.map((c) => (
            <li key={c.id}>
              <Question clarification={c} />
              {tender.can_edit ? <AnswerForm ocid={tender.ocid} clarification={c} /> : null}
            </li>
          ))}
        </ol>
      </section>
      <section className="panel" aria-labelledby="answered-questions">
        <h2 id="answered-questions" className="panel__title">
          {t('tenders.clarifications.answered', { n: answered.length })}
        </h2>
        {answered.length === 0 ? <p className="muted">{t('tenders.clarifications.noneAnswered')}</p> : null}
        <ol className="tb-qa-list">
          {answered.map((c) => (
            <li key={c.id}>
              <Question clarification={c} />
              <div className="tb-answer">
                <p className="tb-qa-label">{t('tenders.clarifications.answer')}</p>
                <p dir="auto">{c.answer}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Question({ clarification }: { clarification: Clarification }) {
  const { t, i18n } = useTranslation();
  const asked = parseInstant(clarification.asked_at);
  return (
    <div className="tb-question">
      <p className="tb-qa-label">
        {t('tenders.clarifications.questionN', { n: clarification.number })}
        {asked ? <span className="muted"> · {formatDateTime(asked, i18n.language)}</span> : null}
      </p>
      <p dir="auto">{clarification.question}</p>
    </div>
  );
}

function AnswerForm({ ocid, clarification }: { ocid: string; clarification: Clarification }) {
  const { t } = useTranslation();
  const answer = useAnswerClarification(ocid);
  const [text, setText] = useState('');
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        answer.mutate({ id: clarification.id, answer: text.trim() });
      }}
    >
      <TextAreaField
        label={t('tenders.clarifications.yourAnswer', { n: clarification.number })}
        hint={t('tenders.clarifications.answerHint')}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={answer.error instanceof ApiError ? answer.error.detail : undefined}
        data-testid={`answer-${clarification.number}`}
      />
      <button type="submit" className="button" disabled={!text.trim() || answer.isPending} data-testid={`publish-answer-${clarification.number}`}>
        {t('tenders.clarifications.publish')}
      </button>
    </form>
  );
}
