import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError } from '@/lib/api-client';
import { formatMoney, formatNumber } from '@/lib/format';
import {
  type EvaluationView,
  useCloseTechnical,
  useDeclare,
  useEvaluation,
  useRank,
  useStartEvaluation,
} from '../api/evaluation';
import type { Tender } from '../api/schemas';
import { TextAreaField } from './form-bits';
import { ScoringSheetForm } from './scoring-sheet';

// The technical score's maximum (src/tenders/evaluation.h TechnicalMaximum): the technical
// weight of a weighted evaluation, 100 for lowest price.
function technicalMaximum(method: string, technicalWeight: number | null | undefined): number {
  return method === 'weighted' ? (technicalWeight ?? 70) : 100;
}

export function problemText(error: unknown): string | undefined {
  if (!error) return undefined;
  return error instanceof ApiError ? (error.detail ?? error.message) : String(error);
}

// The evaluation as each role works it (docs/evaluation.md): evaluators declare conflicts of
// interest, then score their bids; the officer follows progress, closes the technical stage
// (which marks bids qualified for the financial opening, ET-05) and ranks.
export function EvaluationPanel({ tender, me }: { tender: Tender; me: string | undefined }) {
  const { t } = useTranslation();
  const opened = ['opened', 'evaluation', 'awarded', 'completed', 'cancelled'].includes(tender.state);
  const view = useEvaluation(tender.ocid, opened);
  if (!opened) return <p className="panel muted">{t('tenders.evaluation.notYet')}</p>;
  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorMessage error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  return (
    <div className="tb-evaluation" data-testid="evaluation" data-stage={data.stage}>
      <p className="tb-stage">
        {t('tenders.evaluation.stageLabel')} <span className="badge badge--status">{t(`tenders.evaluation.stages.${data.stage}`, { defaultValue: data.stage })}</span>
      </p>
      {data.roles.evaluator && !data.own_declaration ? <DeclarationForm ocid={tender.ocid} view={data} /> : null}
      {data.roles.recused ? (
        <p className="alert alert--warning" data-testid="recused">
          {t('tenders.evaluation.recused')}
        </p>
      ) : null}
      {data.roles.panel ? <EvaluatorWork tender={tender} view={data} me={me} /> : null}
      {data.roles.owner ? <OwnerWork tender={tender} view={data} /> : null}
      {data.technical?.bids.length ? <TechnicalTable view={data} /> : null}
      {data.ranking ? <RankingTable view={data} currencyFallback={tender.currency} /> : null}
    </div>
  );
}

function DeclarationForm({ ocid, view }: { ocid: string; view: EvaluationView }) {
  const { t } = useTranslation();
  const declare = useDeclare(ocid);
  const [conflict, setConflict] = useState<boolean | null>(null);
  const [statement, setStatement] = useState('');
  const names = view.bidder_names.length > 0 ? view.bidder_names : view.bids.map((b) => b.supplier_name);
  return (
    <section className="panel" aria-labelledby="coi-title" data-testid="coi-declaration">
      <h2 id="coi-title" className="panel__title">
        {t('tenders.coi.title')}
      </h2>
      <p>{t('tenders.coi.intro')}</p>
      <ul className="tb-bidder-names">
        {names.map((name) => (
          <li key={name} dir="auto">
            {name}
          </li>
        ))}
      </ul>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          declare.mutate({ conflict: !!conflict, statement: conflict ? statement.trim() : t('tenders.coi.noConflictStatement') });
        }}
      >
        <fieldset className="form__group">
          <legend className="form__legend">{t('tenders.coi.question')}</legend>
          <label className="checkbox">
            <input type="radio" name="coi" checked={conflict === false} onChange={() => setConflict(false)} data-testid="coi-none" />
            <span>{t('tenders.coi.noConflictStatement')}</span>
          </label>
          <label className="checkbox">
            <input type="radio" name="coi" checked={conflict === true} onChange={() => setConflict(true)} data-testid="coi-conflict" />
            <span>{t('tenders.coi.conflict')}</span>
          </label>
        </fieldset>
        {conflict ? (
          <TextAreaField label={t('tenders.coi.describe')} rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} data-testid="coi-statement" />
        ) : null}
        {declare.error ? (
          <p className="field__error" role="alert">
            {problemText(declare.error)}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={conflict === null || (conflict && !statement.trim()) || declare.isPending} data-testid="coi-submit">
          {t('tenders.coi.submit')}
        </button>
      </form>
    </section>
  );
}

function EvaluatorWork({ tender, view, me }: { tender: Tender; view: EvaluationView; me: string | undefined }) {
  const { t } = useTranslation();
  const bids = view.bids.filter((b) => b.decrypted);
  const [selected, setSelected] = useState<string | undefined>(bids[0]?.bid_id);
  const mine = view.sheets.filter((s) => !s.evaluator || s.evaluator === me);
  const bid = bids.find((b) => b.bid_id === selected);
  const criteria = view.rules?.criteria ?? tender.evaluation.criteria;
  const compliance = view.rules?.compliance ?? tender.evaluation.compliance;
  const canScore = view.stage === 'technical';
  return (
    <section className="panel" aria-labelledby="sheets-title">
      <h2 id="sheets-title" className="panel__title">
        {t('tenders.sheet.yourSheets')}
      </h2>
      {bids.length === 0 ? <p className="muted">{t('tenders.sheet.noBids')}</p> : null}
      <div className="tb-sheet-layout">
        <ul className="tb-bid-picker" aria-label={t('tenders.sheet.bids')}>
          {bids.map((b) => {
            const sheet = mine.find((s) => s.bid_id === b.bid_id);
            return (
              <li key={b.bid_id}>
                <button
                  type="button"
                  className={`tb-bid-button${b.bid_id === selected ? ' tb-bid-button--active' : ''}`}
                  aria-current={b.bid_id === selected ? 'true' : undefined}
                  onClick={() => setSelected(b.bid_id)}
                  data-testid={`sheet-bid-${b.bid_id}`}
                >
                  <span dir="auto">{b.supplier_name || b.bid_id}</span>
                  <span className={`badge ${sheet ? 'badge--ok' : 'badge--warning'}`}>{sheet ? t('tenders.sheet.scored') : t('tenders.sheet.toScore')}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {bid ? (
          <ScoringSheetForm
            key={bid.bid_id}
            ocid={tender.ocid}
            bid={bid}
            criteria={criteria}
            compliance={compliance}
            saved={mine.find((s) => s.bid_id === bid.bid_id)}
            maximum={technicalMaximum(view.rules?.method ?? tender.evaluation.method, view.rules?.technical_weight ?? tender.evaluation.technical_weight)}
            readOnly={!canScore}
            documentKind={tender.envelope_mode === 'two' ? 'technical' : 'single'}
          />
        ) : null}
      </div>
    </section>
  );
}

function OwnerWork({ tender, view }: { tender: Tender; view: EvaluationView }) {
  const { t } = useTranslation();
  const start = useStartEvaluation(tender.ocid);
  const close = useCloseTechnical(tender.ocid);
  const rank = useRank(tender.ocid);
  const error = problemText(start.error ?? close.error ?? rank.error);
  return (
    <section className="panel" aria-labelledby="owner-evaluation">
      <h2 id="owner-evaluation" className="panel__title">
        {t('tenders.evaluation.progress')}
      </h2>
      {view.progress.length > 0 ? (
        <table className="table" data-testid="evaluator-progress">
          <thead>
            <tr>
              <th scope="col">{t('tenders.evaluation.evaluator')}</th>
              <th scope="col">{t('tenders.evaluation.declared')}</th>
              <th scope="col">{t('tenders.evaluation.sheets')}</th>
            </tr>
          </thead>
          <tbody>
            {view.progress.map((p) => (
              <tr key={p.evaluator}>
                <td dir="auto">{p.name || t('tenders.committee.userN', { id: p.evaluator })}</td>
                <td>{p.declared ? (p.conflict ? t('tenders.evaluation.conflictDeclared') : t('tenders.evaluation.noConflict')) : t('tenders.evaluation.notDeclared')}</td>
                <td>{t('tenders.evaluation.sheetsOf', { done: p.sheets ?? 0, total: view.bids.filter((b) => b.decrypted).length })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('tenders.evaluation.noProgress')}</p>
      )}
      {error ? (
        <p className="field__error" role="alert" data-testid="evaluation-error">
          {error}
        </p>
      ) : null}
      <div className="form__actions">
        {tender.state === 'opened' ? (
          <button type="button" className="button" onClick={() => start.mutate(undefined)} disabled={start.isPending} data-testid="start-evaluation">
            {t('tenders.evaluation.start')}
          </button>
        ) : null}
        {view.stage === 'technical' && tender.state === 'evaluation' ? (
          <button type="button" className="button" onClick={() => close.mutate(undefined)} disabled={close.isPending} data-testid="close-technical">
            {t('tenders.evaluation.closeTechnical')}
          </button>
        ) : null}
        {view.stage === 'financial' ? (
          <>
            <p className="muted">{t('tenders.evaluation.financialNext')}</p>
            <button type="button" className="button" onClick={() => rank.mutate(undefined)} disabled={rank.isPending} data-testid="rank-bids">
              {t('tenders.evaluation.rank')}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}

function TechnicalTable({ view }: { view: EvaluationView }) {
  const { t, i18n } = useTranslation();
  const name = (bid: string) => view.bids.find((b) => b.bid_id === bid)?.supplier_name || bid;
  return (
    <section className="panel" aria-labelledby="technical-results">
      <h2 id="technical-results" className="panel__title">
        {t('tenders.evaluation.technicalResults')}
      </h2>
      <div className="table-scroll">
        <table className="table" data-testid="technical-results">
          <thead>
            <tr>
              <th scope="col">{t('tenders.record.bidder')}</th>
              <th scope="col">{t('tenders.evaluation.technicalScore')}</th>
              <th scope="col">{t('tenders.evaluation.sustainability')}</th>
              <th scope="col">{t('tenders.evaluation.qualified')}</th>
            </tr>
          </thead>
          <tbody>
            {view.technical!.bids.map((b) => (
              <tr key={b.bid_id}>
                <td dir="auto">{name(b.bid_id)}</td>
                <td className="tb-number">{b.technical ? formatNumber(Number(b.technical), i18n.language) : '—'}</td>
                <td className="tb-number">{b.sustainability ? formatNumber(Number(b.sustainability), i18n.language) : '—'}</td>
                <td>{b.qualified ? <span className="badge badge--ok">{t('tenders.evaluation.yes')}</span> : <span className="badge badge--danger" title={b.exclusion_reason}>{t('tenders.evaluation.no')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RankingTable({ view, currencyFallback }: { view: Pick<EvaluationView, 'ranking' | 'bids'>; currencyFallback: string }) {
  const { t, i18n } = useTranslation();
  const name = (bid: string, given?: string | null) => given || view.bids.find((b) => b.bid_id === bid)?.supplier_name || bid;
  const num = (value: string | undefined) => (value ? formatNumber(Number(value), i18n.language) : '—');
  if (!view.ranking) return null;
  return (
    <section className="panel" aria-labelledby="ranking-title">
      <h2 id="ranking-title" className="panel__title">
        {t('tenders.evaluation.ranking')}
      </h2>
      <div className="table-scroll">
        <table className="table" data-testid="ranking">
          <thead>
            <tr>
              <th scope="col">{t('tenders.evaluation.rankCol')}</th>
              <th scope="col">{t('tenders.record.bidder')}</th>
              <th scope="col">{t('tenders.record.price')}</th>
              <th scope="col">{t('tenders.evaluation.technicalScore')}</th>
              <th scope="col">{t('tenders.evaluation.financialScore')}</th>
              <th scope="col">{t('tenders.evaluation.combinedScore')}</th>
              <th scope="col">{t('tenders.evaluation.decidedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {view.ranking.ranked.map((r) => (
              <tr key={r.bid_id}>
                <td className="tb-number">{formatNumber(r.rank, i18n.language)}</td>
                <td dir="auto">{name(r.bid_id, r.supplier_name)}</td>
                <td className="tb-number">{r.price ? formatMoney(r.price.amount, r.price.currency || currencyFallback, i18n.language) : '—'}</td>
                <td className="tb-number">{num(r.technical)}</td>
                <td className="tb-number">{num(r.financial)}</td>
                <td className="tb-number">{num(r.combined)}</td>
                <td>{r.decided_by && r.decided_by !== 'none' ? t(`tenders.evaluation.tieRules.${r.decided_by}`, { defaultValue: r.decided_by }) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.ranking.excluded.length > 0 ? (
        <>
          <h3 className="form__subtitle">{t('tenders.evaluation.excluded')}</h3>
          <ul>
            {view.ranking.excluded.map((e) => (
              <li key={e.bid_id}>
                <span dir="auto">{name(e.bid_id, e.supplier_name)}</span>: <span dir="auto">{e.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
