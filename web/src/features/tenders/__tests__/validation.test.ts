import { describe, expect, it } from 'vitest';
import type { TenderDraft } from '../model/draft';
import { nextId, toPatchBody } from '../model/draft';
import { stepOfField } from '../model/steps';
import { checkCommittee, issuesByStep, validateTender } from '../model/validation';

const NOW = new Date('2026-05-01T12:00:00Z');

function complete(): TenderDraft {
  return {
    reference: 'RFQ/UNDP/2026/017',
    title: 'Solar water pumps for Mopti',
    description: 'Twelve solar-powered pumps with installation.',
    language: 'en',
    method: 'rfq',
    main_category: 'goods',
    countries: ['ML'],
    currency: 'USD',
    estimated_value: '150000.00',
    lots: [],
    items: [{ id: 'item-1', lot_id: '', description: 'Solar pump 2 kW', unspsc: '40151500', quantity: 12, unit: 'EA' }],
    documents: [],
    time_zone: 'America/New_York',
    deadline: '2026-06-15T17:00',
    envelope_mode: 'single',
    evaluation: { method: 'lowest_price', technical_weight: 70, financial_weight: 30, minimum_technical_percent: 0, criteria: [], compliance: [] },
    eligibility: { minimum_ungm_level: 'basic', countries: [], reserved_for_sme: false, reserved_for_women_owned: false },
    bid_security: { required: false, amount: '' },
  };
}

const fields = (draft: TenderDraft) => validateTender(draft, { now: NOW }).map((issue) => `${issue.field}:${issue.key}`);

describe('the builder checks before publishing', () => {
  it('finds nothing to complain about in a complete tender', () => {
    expect(fields(complete())).toEqual([]);
  });

  it('names each missing basic', () => {
    const draft = { ...complete(), title: ' ', description: '', main_category: '' };
    expect(fields(draft)).toEqual(['title:required', 'description:required', 'main_category:required']);
  });

  it('wants at least one item, and each item whole', () => {
    expect(fields({ ...complete(), items: [] })).toEqual(['items:noItems']);
    const bad = { ...complete(), items: [{ id: 'i', lot_id: '', description: '', unspsc: '4015', quantity: 0, unit: '' }] };
    expect(fields(bad)).toEqual(['items.0.description:required', 'items.0.quantity:positive', 'items.0.unit:required']);
    const notACode = { ...complete(), items: [{ ...complete().items[0]!, unspsc: '401515' + '0' }] };
    expect(fields(notACode)).toEqual(['items.0.unspsc:unspsc']);
  });

  it('wants every item in a lot once there are lots', () => {
    const draft = { ...complete(), lots: [{ id: 'lot-1', title: 'North', description: '', estimated_value: '' }] };
    expect(fields(draft)).toEqual(['items.0.lot_id:lotRequired']);
    draft.items = [{ ...draft.items[0]!, lot_id: 'lot-9' }];
    expect(fields(draft)).toEqual(['items.0.lot_id:noSuchLot']);
    draft.items = [{ ...draft.items[0]!, lot_id: 'lot-1' }];
    expect(fields(draft)).toEqual([]);
  });

  it('refuses a deadline in a daylight-saving gap or overlap, or in the past (ET-13)', () => {
    expect(fields({ ...complete(), deadline: '2026-03-08T02:30' })).toEqual(['deadline:dstGap']);
    expect(fields({ ...complete(), deadline: '2026-11-01T01:30' })).toEqual(['deadline:dstOverlap']);
    expect(fields({ ...complete(), deadline: '2026-05-01T07:59' })).toEqual(['deadline:future']);
    expect(fields({ ...complete(), deadline: '2026-05-01T08:01' })).toEqual([]);
    expect(fields({ ...complete(), deadline: '' })).toEqual(['deadline:required']);
    expect(fields({ ...complete(), time_zone: '' })).toEqual(['time_zone:required']);
  });

  it('checks a weighted evaluation: weights, criteria, sustainability criteria among them', () => {
    const weighted = complete();
    weighted.evaluation = { ...weighted.evaluation, method: 'weighted', technical_weight: 70, financial_weight: 20 };
    expect(fields(weighted)).toEqual(['evaluation.financial_weight:weightsSum', 'evaluation.criteria:noCriteria']);
    weighted.evaluation = {
      ...weighted.evaluation,
      financial_weight: 30,
      criteria: [
        { id: 'c1', title: 'Experience', weight: 60, max_score: 10, sustainability: false },
        { id: 'c2', title: 'Carbon footprint', weight: 40, max_score: 10, sustainability: true },
      ],
    };
    expect(fields(weighted)).toEqual([]);
    weighted.evaluation.criteria[1] = { ...weighted.evaluation.criteria[1]!, weight: 0, title: '' };
    expect(fields(weighted)).toEqual(['evaluation.criteria.1.title:required', 'evaluation.criteria.1.weight:range']);
  });

  it('wants criteria behind a minimum technical score, and an amount behind a bid security', () => {
    const draft = complete();
    draft.evaluation = { ...draft.evaluation, minimum_technical_percent: 60 };
    draft.bid_security = { required: true, amount: '0' };
    expect(fields(draft)).toEqual(['evaluation.minimum_technical_percent:thresholdNeedsCriteria', 'bid_security.amount:amount']);
  });

  it('groups issues by the step that shows them', () => {
    const draft = { ...complete(), title: '', deadline: '2026-03-08T02:30' };
    const byStep = issuesByStep(validateTender(draft, { now: NOW, committee: { opening: ['5'], evaluators: [], threshold: 2 } }));
    expect([...byStep.keys()]).toEqual(['basics', 'deadline', 'committee']);
  });
});

describe('committee rules of ET-06', () => {
  it('accepts three openers with k = 2 and separate evaluators', () => {
    expect(checkCommittee({ opening: ['11', '12', '13'], evaluators: ['21'], threshold: 2 }, '1', 3)).toEqual([]);
  });

  it('refuses the creator, a person in both lists, a repeat, and k outside 2..n-1', () => {
    const issues = checkCommittee({ opening: ['1', '12', '12', '21'], evaluators: ['21'], threshold: 4 }, '1', 3);
    expect(issues.map((i) => `${i.field}:${i.key}`)).toEqual([
      'opening.0:creatorOpens',
      'opening.2:twice',
      'opening.3:openerEvaluates',
      'threshold:threshold',
    ]);
    expect(checkCommittee({ opening: ['11', '12'], evaluators: [], threshold: 2 }, undefined, 3).map((i) => i.key)).toEqual([
      'tooFewOpeners',
      'threshold',
    ]);
  });
});

describe('draft helpers', () => {
  it('maps server field paths to steps', () => {
    expect(stepOfField('items.2.unspsc')).toBe('items');
    expect(stepOfField('evaluation.criteria.0.weight')).toBe('evaluation');
    expect(stepOfField('opening.1')).toBe('committee');
    expect(stepOfField('deadline')).toBe('deadline');
    expect(stepOfField('nonsense')).toBeUndefined();
  });

  it('makes ids that are not taken', () => {
    expect(nextId([{ id: 'item-1' }, { id: 'item-3' }], 'item-')).toBe('item-4');
    expect(nextId([{ id: 'item-3' }, { id: 'x' }], 'item-')).toBe('item-4');
    expect(nextId([{ id: 'c2' }], 'c')).toBe('c3');
  });

  it('sends the deadline with its zone, nulls for empty amounts, no weights for lowest price', () => {
    const draft = { ...complete(), time_zone: 'Europe/Paris' };
    expect(toPatchBody({ time_zone: 'Europe/Paris' }, draft)).toEqual({ time_zone: 'Europe/Paris', deadline: '2026-06-15T17:00' });
    expect(toPatchBody({ estimated_value: ' ' }, draft)).toEqual({ estimated_value: null });
    expect(toPatchBody({ evaluation: draft.evaluation }, draft).evaluation).toMatchObject({ technical_weight: null, financial_weight: null });
    expect(toPatchBody({ bid_security: { required: false, amount: '12' } }, draft).bid_security).toEqual({ required: false, amount: null });
  });
});
