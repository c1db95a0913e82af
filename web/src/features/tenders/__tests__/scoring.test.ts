import { describe, expect, it } from 'vitest';
import { checkSheet, previewTechnical, sheetBody, sheetDraftOf } from '../model/scoring';

const criteria = [
  { id: 'c1', title: 'Experience', weight: 60, max_score: 10, sustainability: false },
  { id: 'c2', title: 'Emissions plan', weight: 40, max_score: 5, sustainability: true },
];
const compliance = [{ id: 'r1', title: 'Registration certificate' }];

describe('a scoring sheet', () => {
  it('starts empty and lists what is missing', () => {
    const draft = sheetDraftOf(criteria, compliance);
    expect(checkSheet(criteria, compliance, draft).map((i) => `${i.field}:${i.key}`)).toEqual([
      'scores.c1.score:scoreMissing',
      'scores.c2.score:scoreMissing',
      'compliance.r1.passed:complianceMissing',
    ]);
  });

  it('refuses scores outside 0..max or not whole, and a failed requirement without its reason', () => {
    const draft = sheetDraftOf(criteria, compliance);
    draft.scores.c1 = { score: 11, comment: '' };
    draft.scores.c2 = { score: 2.5, comment: '' };
    draft.compliance.r1 = { passed: false, note: ' ' };
    expect(checkSheet(criteria, compliance, draft).map((i) => `${i.field}:${i.key}`)).toEqual([
      'scores.c1.score:scoreRange',
      'scores.c2.score:scoreRange',
      'compliance.r1.note:failNote',
    ]);
  });

  it('reloads a saved sheet and sends it back in the rules order', () => {
    const saved = {
      scores: [
        { criterion_id: 'c2', score: 4, comment: 'credible' },
        { criterion_id: 'c1', score: 7, comment: '' },
      ],
      compliance: [{ item_id: 'r1', passed: true, note: '' }],
      comment: 'good',
    };
    const draft = sheetDraftOf(criteria, compliance, saved);
    expect(checkSheet(criteria, compliance, draft)).toEqual([]);
    expect(sheetBody(criteria, compliance, draft)).toEqual({
      scores: [
        { criterion_id: 'c1', score: 7, comment: '' },
        { criterion_id: 'c2', score: 4, comment: 'credible' },
      ],
      compliance: [{ item_id: 'r1', passed: true, note: '' }],
      comment: 'good',
    });
  });

  it('previews the technical score as the server weighs it', () => {
    const draft = sheetDraftOf(criteria, compliance);
    expect(previewTechnical(criteria, draft, 70)).toBeUndefined();
    draft.scores.c1 = { score: 7, comment: '' };
    draft.scores.c2 = { score: 4, comment: '' };
    // 70 × (0.7 × 60 + 0.8 × 40) / 100 = 51.8
    expect(previewTechnical(criteria, draft, 70)).toBe(51.8);
  });
});
