import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorOf } from '@/lib/api-client';
import { formatDateTime, formatNumber, parseInstant } from '@/lib/format';
import { type BidUnderReview, type Sheet, useSubmitSheet } from '../api/evaluation';
import { bidDocumentUrl } from '../api/opening';
import type { ComplianceItem, Criterion } from '../api/schemas';
import { checkSheet, previewTechnical, sheetBody, sheetDraftOf, type SheetDraft } from '../model/scoring';
import { problemText } from './evaluation-panel';

// One evaluator's sheet for one bid: a score and a comment per criterion, pass/fail (with the
// reason when failed) per requirement, and an overall comment. Saved whole; it can be replaced
// until the technical evaluation closes.
export function ScoringSheetForm({
  ocid,
  bid,
  criteria,
  compliance,
  saved,
  maximum,
  readOnly,
  documentKind,
}: {
  ocid: string;
  bid: BidUnderReview;
  criteria: Criterion[];
  compliance: ComplianceItem[];
  saved: Sheet | undefined;
  maximum: number;
  readOnly: boolean;
  documentKind: 'single' | 'technical';
}) {
  const { t, i18n } = useTranslation();
  const submit = useSubmitSheet(ocid);
  const [draft, setDraft] = useState<SheetDraft>(() => sheetDraftOf(criteria, compliance, saved));
  const [tried, setTried] = useState(false);
  const issues = checkSheet(criteria, compliance, draft);
  const serverField = fieldErrorOf(submit.error);
  const issueFor = (field: string) => {
    const issue = tried ? issues.find((i) => i.field === field) : undefined;
    return issue ? t(`tenders.sheet.issues.${issue.key}`, issue.params) : undefined;
  };
  const preview = previewTechnical(criteria, draft, maximum);
  const submittedAt = parseInstant(saved?.submitted_at ?? undefined);
  const setScore = (id: string, change: Partial<SheetDraft['scores'][string]>) =>
    setDraft({ ...draft, scores: { ...draft.scores, [id]: { ...draft.scores[id]!, ...change } } });
  const setMark = (id: string, change: Partial<SheetDraft['compliance'][string]>) =>
    setDraft({ ...draft, compliance: { ...draft.compliance, [id]: { ...draft.compliance[id]!, ...change } } });

  return (
    <form
      className="form tb-sheet"
      noValidate
      data-testid="scoring-sheet"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (issues.length === 0) submit.mutate({ bid: bid.bid_id, sheet: sheetBody(criteria, compliance, draft) });
      }}
    >
      <h3 className="form__subtitle" dir="auto">
        {t('tenders.sheet.title', { bidder: bid.supplier_name || bid.bid_id })}
      </h3>
      {bid.files.length > 0 ? (
        <p className="tb-files">
          {t('tenders.sheet.documents')}{' '}
          {bid.files.map((f) => (
            <a key={f.index} href={bidDocumentUrl(ocid, bid.bid_id, documentKind, f.index)} download dir="auto" className="tb-file-link">
              {f.name}
            </a>
          ))}
        </p>
      ) : null}
      {saved ? (
        <p className="muted" data-testid="sheet-saved">
          {t('tenders.sheet.savedVersion', { version: saved.version ?? 1, time: submittedAt ? formatDateTime(submittedAt, i18n.language) : '' })}
        </p>
      ) : null}
      <fieldset className="form__plain" disabled={readOnly}>
        <legend className="visually-hidden">{t('tenders.sheet.title', { bidder: bid.supplier_name || bid.bid_id })}</legend>
        {criteria.length > 0 ? (
          <table className="table tb-sheet-table">
            <thead>
              <tr>
                <th scope="col">{t('tenders.sheet.criterion')}</th>
                <th scope="col">{t('tenders.sheet.score')}</th>
                <th scope="col">{t('tenders.sheet.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {criteria.map((c, i) => {
                const error = issueFor(`scores.${c.id}.score`) ?? (serverField?.field === `scores.${i}.score` ? serverField.message : undefined);
                return (
                  <tr key={c.id}>
                    <th scope="row">
                      <span dir="auto">{c.title}</span>
                      {c.sustainability ? <span className="badge badge--ok tb-legend-badge">{t('tenders.evaluation.sustainability')}</span> : null}
                      <div className="muted">{t('tenders.sheet.weightOf', { weight: c.weight, max: c.max_score })}</div>
                    </th>
                    <td className="tb-score-cell">
                      <input
                        type="number"
                        className={`input tb-score-input${error ? ' input--invalid' : ''}`}
                        min={0}
                        max={c.max_score}
                        step={1}
                        aria-label={t('tenders.sheet.scoreFor', { criterion: c.title, max: c.max_score })}
                        aria-invalid={!!error || undefined}
                        value={draft.scores[c.id]?.score ?? ''}
                        onChange={(e) => setScore(c.id, { score: e.target.value === '' ? null : Number(e.target.value) })}
                        data-testid={`score-${c.id}`}
                      />
                      <span className="muted"> / {c.max_score}</span>
                      {error ? <p className="field__error">{error}</p> : null}
                    </td>
                    <td>
                      <textarea
                        className="input textarea"
                        rows={2}
                        dir="auto"
                        aria-label={t('tenders.sheet.commentFor', { criterion: c.title })}
                        value={draft.scores[c.id]?.comment ?? ''}
                        onChange={(e) => setScore(c.id, { comment: e.target.value })}
                        data-testid={`comment-${c.id}`}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {compliance.length > 0 ? (
          <fieldset className="form__group">
            <legend className="form__legend">{t('tenders.evaluation.compliance')}</legend>
            {compliance.map((item) => {
              const mark = draft.compliance[item.id];
              const missing = issueFor(`compliance.${item.id}.passed`);
              const note = issueFor(`compliance.${item.id}.note`);
              return (
                <div key={item.id} className="tb-compliance-row" role="group" aria-label={item.title}>
                  <span dir="auto" className="tb-compliance-title">
                    {item.title}
                  </span>
                  <label className="checkbox">
                    <input type="radio" name={`mark-${item.id}`} checked={mark?.passed === true} onChange={() => setMark(item.id, { passed: true })} data-testid={`pass-${item.id}`} />
                    <span>{t('tenders.sheet.pass')}</span>
                  </label>
                  <label className="checkbox">
                    <input type="radio" name={`mark-${item.id}`} checked={mark?.passed === false} onChange={() => setMark(item.id, { passed: false })} data-testid={`fail-${item.id}`} />
                    <span>{t('tenders.sheet.fail')}</span>
                  </label>
                  {mark?.passed === false ? (
                    <input
                      className={`input${note ? ' input--invalid' : ''}`}
                      dir="auto"
                      aria-label={t('tenders.sheet.failReason', { item: item.title })}
                      placeholder={t('tenders.sheet.failReasonShort')}
                      value={mark.note}
                      onChange={(e) => setMark(item.id, { note: e.target.value })}
                    />
                  ) : null}
                  {missing || note ? <p className="field__error">{missing ?? note}</p> : null}
                </div>
              );
            })}
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor={`overall-${bid.bid_id}`}>{t('tenders.sheet.overall')}</label>
          <textarea id={`overall-${bid.bid_id}`} className="input textarea" rows={3} dir="auto" value={draft.comment} onChange={(e) => setDraft({ ...draft, comment: e.target.value })} />
        </div>
      </fieldset>
      {preview !== undefined ? (
        <p className="tb-formula" data-testid="sheet-preview">
          {t('tenders.sheet.preview', { score: formatNumber(preview, i18n.language), max: maximum })}
        </p>
      ) : null}
      {submit.error ? (
        <p className="field__error" role="alert">
          {problemText(submit.error)}
        </p>
      ) : null}
      {submit.isSuccess ? (
        <p className="status status--ok" role="status">
          {t('tenders.sheet.saved')}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="form__actions">
          <button type="submit" className="button" disabled={submit.isPending} data-testid="save-sheet">
            {saved ? t('tenders.sheet.replace') : t('tenders.sheet.submit')}
          </button>
        </div>
      )}
    </form>
  );
}
