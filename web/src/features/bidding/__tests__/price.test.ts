import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMinor, minorToDecimal, parsePrice } from '../lib/price';

describe('parsePrice', () => {
  const cases: { input: string; currency: string; language: string; minor?: number; error?: string }[] = [
    { input: '1234.56', currency: 'USD', language: 'en', minor: 123456 },
    { input: '1,234.56', currency: 'USD', language: 'en', minor: 123456 },
    { input: ' 1,234,567 ', currency: 'USD', language: 'en', minor: 123456700 },
    { input: '0.5', currency: 'USD', language: 'en', minor: 50 },
    { input: '.5', currency: 'USD', language: 'en', minor: 50 },
    { input: '+7', currency: 'USD', language: 'en', minor: 700 },
    { input: '1500', currency: 'JPY', language: 'en', minor: 1500 },
    { input: '1.5', currency: 'JPY', language: 'en', error: 'too_many_decimals' },
    { input: '12.345', currency: 'KWD', language: 'en', minor: 12345 },
    { input: '12.345', currency: 'USD', language: 'en', error: 'too_many_decimals' },
    // Grouping must be in threes: a typo is refused, not read as another number.
    { input: '12,34', currency: 'USD', language: 'en', error: 'invalid' },
    { input: '1.2.3', currency: 'USD', language: 'en', error: 'invalid' },
    { input: '1.', currency: 'USD', language: 'en', error: 'invalid' },
    { input: '12a', currency: 'USD', language: 'en', error: 'invalid' },
    { input: '', currency: 'USD', language: 'en', error: 'empty' },
    { input: '   ', currency: 'USD', language: 'en', error: 'empty' },
    { input: '-5', currency: 'USD', language: 'en', error: 'negative' },
    { input: '\u22125', currency: 'USD', language: 'en', error: 'negative' },
    { input: '90071992547409.92', currency: 'USD', language: 'en', error: 'too_large' },
    { input: '90071992547409.91', currency: 'USD', language: 'en', minor: Number.MAX_SAFE_INTEGER },
    // French and Russian: comma decimal, space groups (any kind of space); "." also decimal.
    { input: '1 234,56', currency: 'EUR', language: 'fr', minor: 123456 },
    { input: '1\u202f234,56', currency: 'EUR', language: 'fr', minor: 123456 },
    { input: '1234.56', currency: 'EUR', language: 'fr', minor: 123456 },
    { input: '1.234,56', currency: 'EUR', language: 'fr', error: 'invalid' },
    { input: '1\u00a0234,5', currency: 'RUB', language: 'ru', minor: 123450 },
    // Spanish: "." groups thousands, so "1234.56" is not a number and "1.234" is 1234.
    { input: '1.234,56', currency: 'EUR', language: 'es', minor: 123456 },
    { input: '1.234', currency: 'EUR', language: 'es', minor: 123400 },
    { input: '1234.56', currency: 'EUR', language: 'es', error: 'invalid' },
    // Arabic-Indic digits and the Arabic decimal sign.
    { input: '\u0661\u0662\u0663\u066b\u0664\u0665', currency: 'USD', language: 'ar', minor: 12345 },
    { input: '1234.5', currency: 'USD', language: 'zh', minor: 123450 },
  ];
  for (const row of cases) {
    it(`${row.language} ${row.currency} "${row.input}"`, () => {
      const parsed = parsePrice(row.input, row.currency, row.language);
      if (row.error) expect(parsed).toEqual({ ok: false, error: row.error });
      else expect(parsed).toMatchObject({ ok: true, amountMinor: row.minor });
    });
  }
});

describe('minor units', () => {
  it('knows the exponents that are not 2', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('jpy')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
  });

  it('writes the decimal form exactly', () => {
    expect(minorToDecimal(123456, 'USD')).toBe('1234.56');
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
  });

  it('formats the amount back in the language, with every digit', () => {
    expect(formatMinor(123456, 'USD', 'en')).toBe('$1,234.56');
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'USD', 'en')).toBe('$90,071,992,547,409.91');
    expect(formatMinor(1500, 'JPY', 'en')).toBe('¥1,500');
  });
});
