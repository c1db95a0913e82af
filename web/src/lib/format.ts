// Locale-aware formatting on top of Intl. Everything takes the UI language
// explicitly so a language switch re-renders with the new conventions.

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function parseInstant(value: string | undefined | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// "20 Mar 2024, 17:00 GMT-4" in `timeZone` (the viewer's when omitted).
export function formatDateTime(date: Date, language: string, timeZone?: string): string {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(date) + ` ${zoneName(date, language, zone)}`;
}

export function formatDate(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

function zoneName(date: Date, language: string, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat(language, {
    timeZone,
    timeZoneName: 'short',
  }).formatToParts(date);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

export { isValidTimeZone };

// Money arrives as a decimal string ("12345.50") so no precision is lost on
// the wire; Intl formats it with the currency's own minor units.
export function formatMoney(amount: string, currency: string, language: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(value);
  } catch {
    return `${new Intl.NumberFormat(language).format(value)} ${currency}`;
  }
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// "Ethiopia and Yemen" / "إثيوبيا واليمن": the list conventions of the language.
export function formatCountries(codes: readonly string[], language: string): string {
  const names = codes.map((code) => countryName(code, language));
  try {
    return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const RELATIVE_UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// "in 3 days", "dans 3 jours", "3天后": the largest unit that fits.
export function formatRelative(target: Date, now: Date, language: string): string {
  const seconds = Math.round((target.getTime() - now.getTime()) / 1000);
  const magnitude = Math.abs(seconds);
  const [unit, size] =
    RELATIVE_UNITS.find(([, unitSeconds]) => magnitude >= unitSeconds) ?? ['second', 1];
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  return rtf.format(Math.trunc(seconds / size), unit);
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function remainingUntil(target: Date, now: Date): Remaining | undefined {
  let left = Math.floor((target.getTime() - now.getTime()) / 1000);
  if (left <= 0) return undefined;
  const days = Math.floor(left / 86400);
  left -= days * 86400;
  const hours = Math.floor(left / 3600);
  left -= hours * 3600;
  const minutes = Math.floor(left / 60);
  return { days, hours, minutes, seconds: left - minutes * 60 };
}

// "2 days, 4 hr, 12 min, 5 sec" with Intl unit names, so no per-language
// plural rules are needed in the locale files.
export function formatRemaining(remaining: Remaining, language: string): string {
  const parts: string[] = [];
  const add = (value: number, unit: string) => {
    parts.push(
      new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value),
    );
  };
  if (remaining.days > 0) add(remaining.days, 'day');
  if (remaining.days > 0 || remaining.hours > 0) add(remaining.hours, 'hour');
  add(remaining.minutes, 'minute');
  if (remaining.days === 0) add(remaining.seconds, 'second');
  try {
    return new Intl.ListFormat(language, { style: 'narrow', type: 'unit' }).format(parts);
  } catch {
    return parts.join(' ');
  }
}

// 🇰🇪 from "KE": the two regional-indicator symbols of an ISO 3166-1 alpha-2
// code. Anything else (a region code, a typo) has no flag.
export function flagEmoji(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return '';
  const base = 0x1f1e6;
  return String.fromCodePoint(
    ...[...code.toUpperCase()].map((letter) => base + letter.charCodeAt(0) - 65),
  );
}

// Elapsed search time: "0.85 ms", "120 ms", "1.2 s", in the UI language.
export function formatElapsed(micros: number, language: string): string {
  const ms = micros / 1000;
  if (ms >= 1000) {
    return new Intl.NumberFormat(language, { style: 'unit', unit: 'second', maximumFractionDigits: 1 }).format(ms / 1000);
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'millisecond',
    maximumFractionDigits: ms < 10 ? 2 : 0,
  }).format(ms);
}
