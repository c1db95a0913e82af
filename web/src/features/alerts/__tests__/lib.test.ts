import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { fromMinor, minorDigits, toMinor } from '../lib/money';
import { fieldErrors } from '../lib/problems';
import { defaultSearchName, savedSearchQuery } from '../lib/search-name';

describe('money in minor units', () => {
  it('uses the currency’s own minor digits', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(toMinor('500000', 'USD')).toBe(50_000_000);
    expect(toMinor('1000.5', 'USD')).toBe(100_050);
    expect(toMinor('1200', 'JPY')).toBe(1200);
    expect(toMinor(' ', 'USD')).toBeNull();
    expect(toMinor('-3', 'USD')).toBe('invalid');
    expect(toMinor('abc', 'USD')).toBe('invalid');
    expect(fromMinor(50_000_000, 'USD')).toBe('500000');
    expect(fromMinor(100_050, 'USD')).toBe('1000.50');
    expect(fromMinor(null, 'USD')).toBe('');
  });
});

describe('saved search names and queries', () => {
  it('names a search after its words, countries and agencies', () => {
    expect(defaultSearchName('q=solar&country=KE&country=UG&agency=UNDP&type=rfq', 'en')).toBe('solar · Kenya, Uganda · UNDP');
    expect(defaultSearchName('q=solar&country=KE', 'fr')).toBe('solar · Kenya');
    expect(defaultSearchName('sort=deadline', 'en')).toBe('');
    const long = defaultSearchName(`q=${'a'.repeat(200)}`, 'en');
    expect([...long]).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('drops the page cursor from the saved query', () => {
    expect(savedSearchQuery('?q=solar&cursor=r20&country=KE')).toBe('q=solar&country=KE');
    expect(savedSearchQuery('')).toBe('');
  });
});

describe('field errors of a refusal', () => {
  const refusal = (problem: Record<string, unknown>) => new ApiError('http', 422, 'refused', problem);
  it('reads errors[].field and a top-level field, keyed by the top-level body field', () => {
    expect(
      fieldErrors(refusal({ detail: 'bad', errors: [{ field: 'countries[1]', detail: 'not ISO' }, { field: '/value_min_minor', message: 'negative' }] })),
    ).toEqual({ countries: 'not ISO', value_min_minor: 'negative' });
    expect(fieldErrors(refusal({ detail: 'frequency must be one of instant, daily, weekly, off', field: 'frequency' }))).toEqual({
      frequency: 'frequency must be one of instant, daily, weekly, off',
    });
    expect(fieldErrors(refusal({ detail: 'no field' }))).toEqual({});
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
