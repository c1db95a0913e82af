import { UNSPSC_CODE } from '@/lib/unspsc';
import { type TenderDraft } from './draft';
import { resolveLocal } from './deadline';
import { type BuilderStepId, stepOfField } from './steps';

// The checks the builder makes before the officer publishes: the server's ValidateComplete,
// the committee rules of ET-06 and a deadline that names one future instant (ET-13),
// mirrored here so the review step can list everything at once with a link to its step.
// The server checks all of it again and has the last word.

export interface Issue {
  field: string; // dotted path, as the server's refusals are normalised ("items.0.unit")
  key: string; // under tenders.validation
  params?: Record<string, string | number>;
}

export interface CommitteeDraft {
  opening: string[]; // user ids, in share order
  evaluators: string[];
  threshold: number;
}

export interface ValidationContext {
  now: Date;
  committee?: CommitteeDraft;
  creator?: string; // the tender's creator may not open it (ET-06)
  minOpeningMembers?: number;
}

const DECIMAL = /^\d{1,15}(?:\.\d{1,4})?$/;

export function isAmount(value: string): boolean {
  return DECIMAL.test(value.trim()) && Number(value) > 0;
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\/[\x21-\x7e]+$/.test(url) && url.length <= 2000;
}

function checkBasics(d: TenderDraft, out: Issue[]) {
  if (!d.title.trim()) out.push({ field: 'title', key: 'required' });
  else if ([...d.title].length > 300) out.push({ field: 'title', key: 'tooLong', params: { max: 300 } });
  if (!d.description.trim()) out.push({ field: 'description', key: 'required' });
  if (!d.main_category) out.push({ field: 'main_category', key: 'required' });
  if (!/^[A-Z]{3}$/.test(d.currency)) out.push({ field: 'currency', key: 'currency' });
  if (d.estimated_value.trim() && !isAmount(d.estimated_value)) out.push({ field: 'estimated_value', key: 'amount' });
}

function checkItems(d: TenderDraft, out: Issue[]) {
  const lotIds = new Set<string>();
  d.lots.forEach((lot, i) => {
    if (!lot.title.trim()) out.push({ field: `lots.${i}.title`, key: 'required' });
    if (lot.estimated_value.trim() && !isAmount(lot.estimated_value)) out.push({ field: `lots.${i}.estimated_value`, key: 'amount' });
    lotIds.add(lot.id);
  });
  if (d.items.length === 0) out.push({ field: 'items', key: 'noItems' });
  d.items.forEach((item, i) => {
    if (!item.description.trim()) out.push({ field: `items.${i}.description`, key: 'required' });
    if (!item.unspsc) out.push({ field: `items.${i}.unspsc`, key: 'required' });
    else if (!UNSPSC_CODE.test(item.unspsc)) out.push({ field: `items.${i}.unspsc`, key: 'unspsc' });
    if (!(Number.isFinite(item.quantity) && item.quantity > 0)) out.push({ field: `items.${i}.quantity`, key: 'positive' });
    if (!item.unit.trim()) out.push({ field: `items.${i}.unit`, key: 'required' });
    if (item.lot_id && !lotIds.has(item.lot_id)) out.push({ field: `items.${i}.lot_id`, key: 'noSuchLot' });
    else if (!item.lot_id && d.lots.length > 0) out.push({ field: `items.${i}.lot_id`, key: 'lotRequired' });
  });
}

function checkDocuments(d: TenderDraft, out: Issue[]) {
  d.documents.forEach((doc, i) => {
    if (!doc.title.trim()) out.push({ field: `documents.${i}.title`, key: 'required' });
    if (!isWebUrl(doc.url) || /^https?:\/\/$/.test(doc.url)) out.push({ field: `documents.${i}.url`, key: 'url' });
  });
}

function checkDeadline(d: TenderDraft, now: Date, out: Issue[]) {
  if (!d.time_zone) {
    out.push({ field: 'time_zone', key: 'required' });
    return;
  }
  if (!d.deadline) {
    out.push({ field: 'deadline', key: 'required' });
    return;
  }
  const resolved = resolveLocal(d.deadline, d.time_zone);
  switch (resolved.kind) {
    case 'invalid':
      out.push({ field: 'deadline', key: 'dateTime' });
      break;
    case 'unknown_zone':
      out.push({ field: 'time_zone', key: 'zone' });
      break;
    case 'gap':
      out.push({ field: 'deadline', key: 'dstGap', params: { zone: d.time_zone } });
      break;
    case 'overlap':
      out.push({ field: 'deadline', key: 'dstOverlap', params: { zone: d.time_zone } });
      break;
    case 'ok':
      if (resolved.instant.getTime() <= now.getTime()) out.push({ field: 'deadline', key: 'future' });
  }
}

function checkEvaluation(d: TenderDraft, out: Issue[]) {
  const e = d.evaluation;
  if (e.method === 'weighted') {
    if (!(e.technical_weight >= 1 && e.technical_weight <= 99)) out.push({ field: 'evaluation.technical_weight', key: 'weight' });
    else if (e.technical_weight + e.financial_weight !== 100) out.push({ field: 'evaluation.financial_weight', key: 'weightsSum' });
    if (e.criteria.length === 0) out.push({ field: 'evaluation.criteria', key: 'noCriteria' });
  }
  if (!(e.minimum_technical_percent >= 0 && e.minimum_technical_percent <= 100)) {
    out.push({ field: 'evaluation.minimum_technical_percent', key: 'percent' });
  } else if (e.minimum_technical_percent > 0 && e.criteria.length === 0) {
    out.push({ field: 'evaluation.minimum_technical_percent', key: 'thresholdNeedsCriteria' });
  }
  e.criteria.forEach((c, i) => {
    if (!c.title.trim()) out.push({ field: `evaluation.criteria.${i}.title`, key: 'required' });
    if (!(Number.isInteger(c.weight) && c.weight >= 1 && c.weight <= 1000)) out.push({ field: `evaluation.criteria.${i}.weight`, key: 'range', params: { min: 1, max: 1000 } });
    if (!(Number.isInteger(c.max_score) && c.max_score >= 1 && c.max_score <= 1000)) out.push({ field: `evaluation.criteria.${i}.max_score`, key: 'range', params: { min: 1, max: 1000 } });
  });
  e.compliance.forEach((c, i) => {
    if (!c.title.trim()) out.push({ field: `evaluation.compliance.${i}.title`, key: 'required' });
  });
}

function checkEligibility(d: TenderDraft, out: Issue[]) {
  if (d.bid_security.required && !isAmount(d.bid_security.amount)) out.push({ field: 'bid_security.amount', key: 'amount' });
}

// ET-06 at assignment (src/tenders/committee.h CheckCommittee), as far as the browser knows.
export function checkCommittee(committee: CommitteeDraft, creator: string | undefined, minOpening: number): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  committee.opening.forEach((user, i) => {
    if (seen.has(user)) out.push({ field: `opening.${i}`, key: 'twice' });
    seen.add(user);
    if (creator && user === creator) out.push({ field: `opening.${i}`, key: 'creatorOpens' });
    if (committee.evaluators.includes(user)) out.push({ field: `opening.${i}`, key: 'openerEvaluates' });
  });
  const evaluators = new Set<string>();
  committee.evaluators.forEach((user, i) => {
    if (evaluators.has(user)) out.push({ field: `evaluators.${i}`, key: 'twice' });
    evaluators.add(user);
  });
  const n = committee.opening.length;
  if (n < minOpening) out.push({ field: 'opening', key: 'tooFewOpeners', params: { min: minOpening } });
  if (!(Number.isInteger(committee.threshold) && committee.threshold >= 2 && (n === 0 || committee.threshold < n))) {
    out.push({ field: 'threshold', key: 'threshold', params: { n } });
  }
  return out;
}

export function validateTender(draft: TenderDraft, context: ValidationContext): Issue[] {
  const out: Issue[] = [];
  checkBasics(draft, out);
  checkItems(draft, out);
  checkDocuments(draft, out);
  checkDeadline(draft, context.now, out);
  checkEvaluation(draft, out);
  checkEligibility(draft, out);
  if (context.committee) out.push(...checkCommittee(context.committee, context.creator, context.minOpeningMembers ?? 3));
  return out;
}

export function issuesByStep(issues: readonly Issue[]): Map<BuilderStepId, Issue[]> {
  const byStep = new Map<BuilderStepId, Issue[]>();
  for (const issue of issues) {
    const step = stepOfField(issue.field) ?? 'review';
    byStep.set(step, [...(byStep.get(step) ?? []), issue]);
  }
  return byStep;
}
