import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatMoney,
  formatRelative,
  formatRemaining,
  remainingUntil,
} from '@/lib/format';
import { safeExternalUrl } from '@/lib/safe-url';

const NOW = new Date('2024-03-17T21:00:00Z');

describe('formatRelative', () => {
  it.each([
    ['2024-03-20T21:00:00Z', 'en', 'in 3 days'],
    ['2024-03-20T21:00:00Z', 'fr', 'dans 3 jours'],
    ['2024-03-17T23:00:00Z', 'en', 'in 2 hours'],
    ['2024-03-14T21:00:00Z', 'en', '3 days ago'],
    ['2024-03-20T21:00:00Z', 'zh', '3天后'],
  ])('%s in %s is "%s"', (target, language, expected) => {
    expect(formatRelative(new Date(target), NOW, language)).toBe(expected);
  });
});

describe('remainingUntil', () => {
  it('splits the time left into days, hours, minutes, seconds', () => {
    expect(remainingUntil(new Date('2024-03-19T23:05:09Z'), NOW)).toEqual({
      days: 2,
      hours: 2,
      minutes: 5,
      seconds: 9,
    });
  });

  it('is undefined once the deadline has passed', () => {
    expect(remainingUntil(NOW, NOW)).toBeUndefined();
    expect(remainingUntil(new Date('2024-01-01T00:00:00Z'), NOW)).toBeUndefined();
  });

  it('formats with unit names of the language', () => {
    const text = formatRemaining({ days: 2, hours: 4, minutes: 12, seconds: 5 }, 'en');
    expect(text).toMatch(/2 days.*4 hr.*12 min/);
    expect(text).not.toMatch(/sec/); // seconds only in the last day
  });
});

describe('formatMoney', () => {
  it.each([
    ['12345.50', 'USD', 'en', '$12,345.50'],
    ['1500', 'EUR', 'fr', '1\u202f500,00\u00a0€'],
    ['100', 'JPY', 'en', '¥100'],
  ])('%s %s in %s', (amount, currency, language, expected) => {
    expect(formatMoney(amount, currency, language)).toBe(expected);
  });

  it('keeps an unknown currency code visible', () => {
    expect(formatMoney('10', 'XXXX', 'en')).toContain('XXXX');
  });
});

describe('formatDateTime', () => {
  it('shows the instant in the given zone with its name', () => {
    const text = formatDateTime(new Date('2024-03-20T21:00:00Z'), 'en', 'America/New_York');
    expect(text).toContain('Mar 20, 2024');
    expect(text).toContain('5:00');
    expect(text).toContain('EDT');
  });

  it('ignores a zone name it does not know instead of failing', () => {
    expect(formatDateTime(new Date('2024-03-20T21:00:00Z'), 'en', 'Mars/Olympus')).toContain('2024');
  });
});

describe('safeExternalUrl', () => {
  it.each([
    ['https://www.ungm.org/x', 'https://www.ungm.org/x'],
    ['http://example.org', 'http://example.org/'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['/relative', undefined],
    ['', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(safeExternalUrl(input)).toBe(expected);
  });
});

describe('flagEmoji and formatElapsed', () => {
  it('makes a flag from an ISO 3166-1 alpha-2 code, nothing from anything else', async () => {
    const { flagEmoji } = await import('../format');
    expect(flagEmoji('KE')).toBe('🇰🇪');
    expect(flagEmoji('fr')).toBe('🇫🇷');
    expect(flagEmoji('')).toBe('');
    expect(flagEmoji('KEN')).toBe('');
    expect(flagEmoji('1A')).toBe('');
  });

  it('formats search time in the UI language', async () => {
    const { formatElapsed } = await import('../format');
    expect(formatElapsed(850, 'en')).toBe('0.85 ms');
    expect(formatElapsed(120_400, 'en')).toBe('120 ms');
    expect(formatElapsed(1_250_000, 'en')).toBe('1.3 sec');
    expect(formatElapsed(850, 'fr')).toMatch(/^0,85\s?ms$/);
  });
});
