import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/ui/loading';
import { TextField } from '@/components/forms/field';
import { useSession } from '@/lib/auth';
import { formatDateTime, formatMoney, parseInstant } from '@/lib/format';
import {
  type Debrief,
  useAnswerDebrief,
  useAward,
  useCancelAward,
  useDecide,
  useEvaluation,
  useNotifyAward,
  useRecommend,
  useSignContract,
} from '../api/evaluation';
import type { Tender } from '../api/schemas';
import { problemText, RankingTable } from './evaluation-panel';
import { TextAreaField } from './form-bits';

// From the ranking to the contract (docs/evaluation.md, "Award"): recommendation, approval by
// another officer (four eyes), the award notice with its standstill and regret letters,
// debriefings, the contract; or cancellation with a reason.
export function AwardPanel({ tender }: { tender: Tender }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const evaluated = ['evaluation', 'awarded', 'completed', 'cancelled'].includes(tender.state);
  const view = useEvaluation(tender.ocid, evaluated);
  const award = useAward(tender.ocid, evaluated);
  if (!evaluated) return <p className="panel muted">{t('tenders.award.notYet')}</p>;
  if (view.isPending) return <Loading />;
  const record = view.data?.record;
  const stage = record?.stage ?? view.data?.stage ?? 'technical';
  const me = session.data?.user?.id;
  const owner = !!view.data?.roles.owner;
  const notice = record?.award ?? award.data?.award;
  const contract = record?.contract ?? award.data?.contract;
  const time = (value: string | null | undefined) => {
    const date = parseInstant(value ?? undefined);
    return date ? formatDateTime(date, i18n.language, tender.time_zone || undefined) : '';
  };
  return (
    <div className="tb-award" data-testid="award" data-stage={stage}>
      <p className="tb-stage">
        {t('tenders.evaluation.stageLabel')} <span className="badge badge--status">{t(`tenders.evaluation.stages.${stage}`, { defaultValue: stage })}</span>
      </p>
      {view.data?.ranking || record?.ranking ? <RankingTable view={{ ranking: view.data?.ranking ?? record?.ranking, bids: view.data?.bids ?? [] }} currencyFallback={tender.currency} /> : null}
      {record?.last_rejection && stage === 'ranked' ? (
        <p className="alert alert--warning">
          {t('tenders.award.sentBack')} <span dir="auto">{record.last_rejection}</span>
        </p>
      ) : null}
      {owner && stage === 'ranked' ? <Recommend tender={tender} ranked={(view.data?.ranking ?? record?.ranking)?.ranked ?? []} bids={view.data?.bids ?? []} /> : null}
      {record?.recommendation ? (
        <section className="panel">
          <h2 className="panel__title">{t('tenders.award.recommendation')}</h2>
          <p dir="auto">
            {t('tenders.award.recommended', { bidder: nameOf(record.recommendation.bid_id, view.data?.bids ?? []) })}
            {record.recommendation.justification ? <> — {record.recommendation.justification}</> : null}
          </p>
          {stage === 'recommended' && owner ? <Decide ocid={tender.ocid} selfRecommended={record.recommendation.by === me} /> : null}
          {record.approval ? <p className="status status--ok">{t('tenders.award.approvedAt', { time: time(record.approval.at) })}</p> : null}
        </section>
      ) : null}
      {owner && stage === 'approved' ? <Notify ocid={tender.ocid} /> : null}
      {notice ? (
        <section className="panel" data-testid="award-notice">
          <h2 className="panel__title">{t('tenders.award.notice')}</h2>
          <p dir="auto">
            {t('tenders.award.awardedTo', {
              bidder: notice.supplier_name,
              value: notice.value ? formatMoney(notice.value.amount, notice.value.currency, i18n.language) : '',
            })}
          </p>
          {notice.standstill_ends ? (
            <p className={stage === 'standstill' ? 'alert alert--warning' : 'muted'} data-testid="standstill">
              {t('tenders.award.standstillUntil', { time: time(notice.standstill_ends) })}
            </p>
          ) : null}
        </section>
      ) : null}
      {owner && stage === 'standstill' ? <SignContract tender={tender} standstillEnds={notice?.standstill_ends ?? undefined} /> : null}
      {contract ? (
        <section className="panel" data-testid="contract">
          <h2 className="panel__title">{t('tenders.award.contract')}</h2>
          <p>
            {t('tenders.award.contractSummary', {
              value: contract.value ? formatMoney(contract.value.amount, contract.value.currency, i18n.language) : '',
              start: time(contract.period_start),
              end: time(contract.period_end),
            })}
          </p>
        </section>
      ) : null}
      {owner && (award.data?.debriefs.length ?? 0) > 0 ? <Debriefs ocid={tender.ocid} debriefs={award.data!.debriefs} /> : null}
      {owner && !['contracted', 'cancelled'].includes(stage) ? <CancelProcurement ocid={tender.ocid} /> : null}
      {stage === 'cancelled' && (record?.cancellation_reason || tender.cancellation_reason) ? (
        <p className="alert alert--error">
          {t('tenders.page.cancelled')}: <span dir="auto">{record?.cancellation_reason || tender.cancellation_reason}</span>
        </p>
      ) : null}
    </div>
  );
}

function nameOf(bid: string, bids: readonly { bid_id: string; supplier_name: string }[]): string {
  return bids.find((b) => b.bid_id === bid)?.supplier_name || bid;
}

function Recommend({ tender, ranked, bids }: { tender: Tender; ranked: { bid_id: string; rank: number; supplier_name?: string | null }[]; bids: { bid_id: string; supplier_name: string }[] }) {
  const { t } = useTranslation();
  const recommend = useRecommend(tender.ocid);
  const [bid, setBid] = useState(ranked[0]?.bid_id ?? '');
  const [justification, setJustification] = useState('');
  const first = ranked[0]?.bid_id === bid;
  return (
    <section className="panel">
      <h2 className="panel__title">{t('tenders.award.recommend')}</h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          recommend.mutate({ bid, justification: justification.trim() });
        }}
      >
        <fieldset className="form__group">
          <legend className="form__legend">{t('tenders.award.chooseBid')}</legend>
          {ranked.map((r) => (
            <label key={r.bid_id} className="checkbox">
              <input type="radio" name="recommend" checked={bid === r.bid_id} onChange={() => setBid(r.bid_id)} data-testid={`recommend-${r.bid_id}`} />
              <span dir="auto">
                {t('tenders.award.rankN', { n: r.rank })} · {r.supplier_name || nameOf(r.bid_id, bids)}
              </span>
            </label>
          ))}
        </fieldset>
        {!first ? (
          <TextAreaField label={t('tenders.award.justification')} hint={t('tenders.award.justificationHint')} rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} />
        ) : null}
        {recommend.error ? (
          <p className="field__error" role="alert">
            {problemText(recommend.error)}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={!bid || (!first && !justification.trim()) || recommend.isPending} data-testid="recommend-award">
          {t('tenders.award.recommend')}
        </button>
      </form>
    </section>
  );
}

function Decide({ ocid, selfRecommended }: { ocid: string; selfRecommended: boolean }) {
  const { t } = useTranslation();
  const decide = useDecide(ocid);
  const [comment, setComment] = useState('');
  return (
    <div className="stack">
      {selfRecommended ? <p className="muted">{t('tenders.award.fourEyes')}</p> : null}
      <TextAreaField label={t('tenders.award.comment')} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="decision-comment" />
      {decide.error ? (
        <p className="field__error" role="alert">
          {problemText(decide.error)}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate({ approve: true, comment: comment.trim() })} data-testid="approve-award">
          {t('tenders.award.approve')}
        </button>
        <button type="button" className="button button--secondary" disabled={decide.isPending || !comment.trim()} onClick={() => decide.mutate({ approve: false, comment: comment.trim() })} data-testid="send-back-award">
          {t('tenders.award.sendBack')}
        </button>
      </div>
    </div>
  );
}

function Notify({ ocid }: { ocid: string }) {
  const { t } = useTranslation();
  const notify = useNotifyAward(ocid);
  return (
    <section className="panel">
      <h2 className="panel__title">{t('tenders.award.publishNotice')}</h2>
      <p className="field__hint">{t('tenders.award.publishNoticeHint')}</p>
      {notify.error ? (
        <p className="field__error" role="alert">
          {problemText(notify.error)}
        </p>
      ) : null}
      <button type="button" className="button" disabled={notify.isPending} onClick={() => notify.mutate(undefined)} data-testid="publish-award">
        {t('tenders.award.publishNotice')}
      </button>
    </section>
  );
}

function SignContract({ tender, standstillEnds }: { tender: Tender; standstillEnds: string | undefined }) {
  const { t, i18n } = useTranslation();
  const sign = useSignContract(tender.ocid);
  const [amount, setAmount] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const ends = parseInstant(standstillEnds);
  const toInstant = (day: string) => (day ? `${day}T00:00:00Z` : '');
  return (
    <section className="panel">
      <h2 className="panel__title">{t('tenders.award.signContract')}</h2>
      {ends ? <p className="field__hint">{t('tenders.award.afterStandstill', { time: formatDateTime(ends, i18n.language, tender.time_zone || undefined) })}</p> : null}
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          sign.mutate({ value: { amount: amount.trim(), currency: tender.currency }, period_start: toInstant(start), period_end: toInstant(end) });
        }}
      >
        <div className="form__row">
          <TextField label={t('tenders.award.contractValue', { currency: tender.currency })} inputMode="decimal" dir="ltr" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="contract-value" />
          <TextField label={t('tenders.award.periodStart')} type="date" value={start} onChange={(e) => setStart(e.target.value)} data-testid="contract-start" />
          <TextField label={t('tenders.award.periodEnd')} type="date" value={end} onChange={(e) => setEnd(e.target.value)} data-testid="contract-end" />
        </div>
        {sign.error ? (
          <p className="field__error" role="alert">
            {problemText(sign.error)}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={!amount || !start || !end || sign.isPending} data-testid="sign-contract">
          {t('tenders.award.signContract')}
        </button>
      </form>
    </section>
  );
}

function Debriefs({ ocid, debriefs }: { ocid: string; debriefs: Debrief[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel">
      <h2 className="panel__title">{t('tenders.award.debriefs')}</h2>
      <ol className="tb-qa-list">
        {debriefs.map((d) => (
          <li key={d.supplier}>
            <p className="tb-qa-label" dir="auto">
              {d.supplier_name || t('tenders.committee.userN', { id: d.supplier })}
            </p>
            <p dir="auto">{d.message}</p>
            {d.answer ? <p className="tb-answer" dir="auto">{d.answer}</p> : <DebriefAnswer ocid={ocid} supplier={d.supplier} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

function DebriefAnswer({ ocid, supplier }: { ocid: string; supplier: string }) {
  const { t } = useTranslation();
  const answer = useAnswerDebrief(ocid);
  const [text, setText] = useState('');
  return (
    <div className="stack">
      <TextAreaField label={t('tenders.award.debriefAnswer')} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      {answer.error ? <p className="field__error">{problemText(answer.error)}</p> : null}
      <button type="button" className="button button--secondary" disabled={!text.trim() || answer.isPending} onClick={() => answer.mutate({ supplier, answer: text.trim() })}>
        {t('tenders.award.sendAnswer')}
      </button>
    </div>
  );
}

function CancelProcurement({ ocid }: { ocid: string }) {
  const { t } = useTranslation();
  const cancel = useCancelAward(ocid);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary button--danger" onClick={() => setOpen(true)}>
          {t('tenders.actions.cancel')}
        </button>
      </p>
    );
  }
  return (
    <section className="panel">
      <TextAreaField label={t('tenders.actions.reason')} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      {cancel.error ? <p className="field__error">{problemText(cancel.error)}</p> : null}
      <div className="form__actions">
        <button type="button" className="button button--danger-solid" disabled={!reason.trim() || cancel.isPending} onClick={() => cancel.mutate(reason.trim())}>
          {t('tenders.actions.confirmCancel')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('tenders.actions.keep')}
        </button>
      </div>
    </section>
  );
}
