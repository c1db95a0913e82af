import { describe, expect, it } from 'vitest';
import { resolveLocal, wallTimeIn } from '../model/deadline';

// ET-13: a local time in a daylight-saving gap or overlap names no single instant.
describe('resolveLocal', () => {
  const cases: { local: string; zone: string; kind: string; utc?: string }[] = [
    { local: '2026-12-01T17:00', zone: 'America/New_York', kind: 'ok', utc: '2026-12-01T22:00:00.000Z' },
    { local: '2026-07-01T17:00', zone: 'America/New_York', kind: 'ok', utc: '2026-07-01T21:00:00.000Z' },
    { local: '2026-03-08T02:30', zone: 'America/New_York', kind: 'gap' },
    { local: '2026-03-08T03:00', zone: 'America/New_York', kind: 'ok', utc: '2026-03-08T07:00:00.000Z' },
    { local: '2026-11-01T01:30', zone: 'America/New_York', kind: 'overlap' },
    { local: '2026-03-29T02:15', zone: 'Europe/Paris', kind: 'gap' },
    { local: '2026-10-25T02:15', zone: 'Europe/Paris', kind: 'overlap' },
    { local: '2026-10-25T03:15', zone: 'Europe/Paris', kind: 'ok', utc: '2026-10-25T02:15:00.000Z' },
    { local: '2026-06-01T12:00:30', zone: 'Asia/Kolkata', kind: 'ok', utc: '2026-06-01T06:30:30.000Z' },
    { local: '2026-02-30T12:00', zone: 'UTC', kind: 'invalid' },
    { local: '2026-06-01 12:00', zone: 'UTC', kind: 'invalid' },
    { local: '2026-06-01T24:00', zone: 'UTC', kind: 'invalid' },
    { local: '2026-06-01T12:00', zone: 'Mars/Olympus_Mons', kind: 'unknown_zone' },
  ];
  for (const row of cases) {
    it(`${row.local} in ${row.zone} is ${row.kind}`, () => {
      const resolved = resolveLocal(row.local, row.zone);
      expect(resolved.kind).toBe(row.kind);
      if (row.utc && resolved.kind === 'ok') expect(resolved.instant.toISOString()).toBe(row.utc);
    });
  }

  it('gives both instants of an overlap, an hour apart', () => {
    const resolved = resolveLocal('2026-11-01T01:30', 'America/New_York');
    if (resolved.kind !== 'overlap') throw new Error(`expected an overlap, got ${resolved.kind}`);
    expect(resolved.earlier.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(resolved.later.toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });
});

describe('wallTimeIn', () => {
  it('writes the agency wall-clock time the form edits, seconds only when not zero', () => {
    expect(wallTimeIn(new Date('2026-12-01T22:00:00Z'), 'America/New_York')).toBe('2026-12-01T17:00');
    expect(wallTimeIn(new Date('2026-12-01T22:00:07Z'), 'Asia/Tokyo')).toBe('2026-12-02T07:00:07');
    expect(wallTimeIn(new Date('2026-12-01T22:00:00Z'), 'Nowhere/Else')).toBeUndefined();
  });

  it('round-trips through resolveLocal away from transitions', () => {
    for (const iso of ['2026-01-15T09:45:00Z', '2026-08-31T23:59:00Z']) {
      const local = wallTimeIn(new Date(iso), 'Europe/Paris')!;
      const back = resolveLocal(local, 'Europe/Paris');
      expect(back.kind === 'ok' && back.instant.toISOString()).toBe(new Date(iso).toISOString());
    }
  });
});
