// Value limits travel in minor units of their currency (docs/alerts.md); the form shows major
// units. The number of minor digits comes from Intl (JPY 0, USD 2, KWD 3).

export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function toMinor(major: string, currency: string): number | null | 'invalid' {
  const trimmed = major.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0) return 'invalid';
  return Math.round(value * 10 ** minorDigits(currency));
}

export function fromMinor(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits).replace(/\.0+$/, '');
}

// Currencies UN agencies publish values in most often; the stored one is added when missing.
export const COMMON_CURRENCIES = ['USD', 'EUR', 'CHF', 'GBP', 'JPY', 'CNY', 'KES', 'ZAR', 'INR', 'BRL', 'COP', 'AUD', 'CAD', 'DKK', 'SEK', 'NOK'];
