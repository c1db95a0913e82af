import type { ComplianceItem, Criterion } from '../api/schemas';

// An evaluator's scoring sheet as the form holds it: a mark (or nothing yet) per criterion,
// pass/fail per compliance item, comments. Complete when every criterion has a whole score in
// 0..max and every item is marked, as src/tenders/evaluation.h ValidateSheet requires.

export interface SheetDraft {
  scores: Record<string, { score: number | null; comment: string }>;
  compliance: Record<string, { passed: boolean | null; note: string }>;
  comment: string;
}

export interface SavedSheet {
  scores: { criterion_id: string; score: number; comment: string }[];
  compliance: { item_id: string; passed: boolean; note: string }[];
  comment: string;
}

export function sheetDraftOf(criteria: readonly Criterion[], compliance: readonly ComplianceItem[], saved?: SavedSheet): SheetDraft {
  const draft: SheetDraft = { scores: {}, compliance: {}, comment: saved?.comment ?? '' };
  for (const c of criteria) {
    const mark = saved?.scores.find((s) => s.criterion_id === c.id);
    draft.scores[c.id] = { score: mark ? mark.score : null, comment: mark?.comment ?? '' };
  }
  for (const item of compliance) {
    const mark = saved?.compliance.find((m) => m.item_id === item.id);
    draft.compliance[item.id] = { passed: mark ? mark.passed : null, note: mark?.note ?? '' };
  }
  return draft;
}

export interface SheetIssue {
  field: string; // "scores.c1.score", "compliance.r2.passed", "compliance.r2.note"
  key: 'scoreMissing' | 'scoreRange' | 'complianceMissing' | 'failNote';
  params?: Record<string, number | string>;
}

export function checkSheet(criteria: readonly Criterion[], compliance: readonly ComplianceItem[], draft: SheetDraft): SheetIssue[] {
  const issues: SheetIssue[] = [];
  for (const c of criteria) {
    const score = draft.scores[c.id]?.score;
    if (score === null || score === undefined || Number.isNaN(score)) issues.push({ field: `scores.${c.id}.score`, key: 'scoreMissing' });
    else if (!Number.isInteger(score) || score < 0 || score > c.max_score) issues.push({ field: `scores.${c.id}.score`, key: 'scoreRange', params: { max: c.max_score } });
  }
  for (const item of compliance) {
    const mark = draft.compliance[item.id];
    if (!mark || mark.passed === null) issues.push({ field: `compliance.${item.id}.passed`, key: 'complianceMissing' });
    // A failed requirement excludes the bid; the reason is published in the exclusion, so it
    // must be written down.
    else if (!mark.passed && !mark.note.trim()) issues.push({ field: `compliance.${item.id}.note`, key: 'failNote' });
  }
  return issues;
}

// The body of PUT .../sheets/{bid}, in the rules' order. Call only when checkSheet is empty.
export function sheetBody(criteria: readonly Criterion[], compliance: readonly ComplianceItem[], draft: SheetDraft): SavedSheet {
  return {
    scores: criteria.map((c) => ({ criterion_id: c.id, score: draft.scores[c.id]?.score ?? 0, comment: draft.scores[c.id]?.comment.trim() ?? '' })),
    compliance: compliance.map((item) => ({ item_id: item.id, passed: draft.compliance[item.id]?.passed ?? false, note: draft.compliance[item.id]?.note.trim() ?? '' })),
    comment: draft.comment.trim(),
  };
}

// The sheet's weighted technical score as the server will compute it for one sheet
// (max × Σ(score/max_score × weight) / Σ weight), for the evaluator's own preview only.
export function previewTechnical(criteria: readonly Criterion[], draft: SheetDraft, maximum: number): number | undefined {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total <= 0) return undefined;
  let sum = 0;
  for (const c of criteria) {
    const score = draft.scores[c.id]?.score;
    if (score === null || score === undefined) return undefined;
    sum += (score / c.max_score) * c.weight;
  }
  return Math.round(((maximum * sum) / total) * 10_000) / 10_000;
}
