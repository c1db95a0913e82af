// A bid price as the supplier types it, in the UI language's conventions, turned into ISO 4217
// minor units for the sealed manifest (docs/sealed-bids.md: price.amount_minor). A price is
// the one number a bid cannot get wrong, so anything ambiguous is refused rather than guessed:
// "1.234" in Spanish is one thousand two hundred and thirty-four, "1234.56" in Spanish is not
// a number (the "." groups thousands there), and the page always shows the amount back.

// ISO 4217 exponents other than 2, as the server's table (src/core/money.cc) lists them.
const EXPONENTS: Readonly<Record<string, number>> = {
  BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0,
  KRW: 0, KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0, XDR: 0, XAU: 0, XAG: 0, XXX: 0,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export type PriceError = 'empty' | 'invalid' | 'negative' | 'too_many_decimals' | 'too_large';

export type ParsedPrice =
  | { ok: true; amountMinor: number; decimal: string }
  | { ok: false; error: PriceError };

const SPACES = /[\u0020\u00a0\u2007\u202f]/g;
const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

function separators(language: string): { decimal: string; group: string } {
  try {
    const parts = new Intl.NumberFormat(language, { numberingSystem: 'latn', useGrouping: true }).formatToParts(12345.6);
    return {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
  } catch {
    return { decimal: '.', group: ',' };
  }
}

// Arabic-Indic and Persian digits, and the Arabic decimal and thousands signs, as typed on an
// Arabic keyboard.
function toAsciiDigits(text: string, decimal: string, group: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, decimal)
    .replace(/\u066c/g, group);
}

// Digits with optional thousands groups: "1234567" or "1,234,567" (groups of exactly three).
function integerDigits(text: string, group: string): string | undefined {
  if (/^\d+$/.test(text)) return text;
  const groups = text.split(group);
  if (groups.length < 2) return undefined;
  if (!/^\d{1,3}$/.test(groups[0]!)) return undefined;
  if (!groups.slice(1).every((g) => /^\d{3}$/.test(g))) return undefined;
  return groups.join('');
}

export function parsePrice(input: string, currency: string, language: string): ParsedPrice {
  const exponent = currencyExponent(currency);
  const { decimal, group } = separators(language);
  const spaceGroup = group.replace(SPACES, ' ') === ' ';
  const groupChar = spaceGroup ? ' ' : group;
  let text = toAsciiDigits(input.trim(), decimal, groupChar);
  if (text === '') return { ok: false, error: 'empty' };
  if (/^[-\u2212]/.test(text)) return { ok: false, error: 'negative' };
  if (text.startsWith('+')) text = text.slice(1);
  if (spaceGroup) text = text.replace(SPACES, ' ');
  // Where the thousands sign is a space (French, Russian), "." cannot group and is read as the
  // decimal point too, since many keyboards type it on the number pad.
  const decimals = groupChar !== '.' && decimal !== '.' ? [decimal, '.'] : [decimal];
  let integerText = text;
  let fraction = '';
  for (const sign of decimals) {
    const at = text.indexOf(sign);
    if (at >= 0) {
      if (text.indexOf(sign, at + 1) >= 0) return { ok: false, error: 'invalid' };
      integerText = text.slice(0, at);
      fraction = text.slice(at + 1);
      break;
    }
  }
  if (integerText === '' && fraction === '') return { ok: false, error: 'invalid' };
  const integer = integerText === '' ? '0' : integerDigits(integerText, groupChar);
  if (integer === undefined || !/^\d*$/.test(fraction)) return { ok: false, error: 'invalid' };
  if (text.length > integerText.length && fraction === '') return { ok: false, error: 'invalid' };
  if (fraction.length > exponent) return { ok: false, error: 'too_many_decimals' };
  const minor = BigInt(integer + fraction.padEnd(exponent, '0'));
  if (minor > MAX_MINOR) return { ok: false, error: 'too_large' };
  return { ok: true, amountMinor: Number(minor), decimal: minorToDecimal(Number(minor), currency) };
}

// 123456 USD -> "1234.56"; 1500 JPY -> "1500": the server's decimal form of Money.
export function minorToDecimal(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(amountMinor).padStart(exponent + 1, '0');
  if (exponent === 0) return digits;
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

// "US$1,234.56" / "1 234,56 $US" with the currency's own minor units, exact for every amount
// (Intl formats a decimal string without going through a binary float).
export function formatMinor(amountMinor: number, currency: string, language: string): string {
  const exponent = currencyExponent(currency);
  const decimal = minorToDecimal(amountMinor, currency);
  try {
    const format = new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    return (format.format as (value: string) => string)(decimal);
  } catch {
    return `${decimal} ${currency}`;
  }
}
