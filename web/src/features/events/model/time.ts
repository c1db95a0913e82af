import { isValidTimeZone } from '@/lib/format';

// Event times are wall-clock times of the venue ("2026-05-14T14:00" in Asia/Shanghai). They
// are shown in the event's zone whatever the viewer's, through Intl with `timeZone`: from the
// UTC instant when the server sends one, else from the local text (read as if it were UTC
// and formatted in UTC, which keeps its wall-clock value).

function zoneOrUtc(zone: string): string {
  return isValidTimeZone(zone) ? zone : 'UTC';
}

function localAsUtc(local: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0'] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
}

function instant(local: string, utc: string | null | undefined, zone: string): { date: Date; zone: string } | undefined {
  if (utc) {
    const date = new Date(utc);
    if (!Number.isNaN(date.getTime())) return { date, zone: zoneOrUtc(zone) };
  }
  const date = localAsUtc(local);
  return date ? { date, zone: 'UTC' } : undefined;
}

// "14:00" (or "2:00 PM") in the conventions of `language`.
export function formatTime(language: string, zone: string, local: string, utc?: string | null): string {
  const at = instant(local, utc, zone);
  if (!at) return local;
  return new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: at.zone }).format(at.date);
}

// "Thursday 14 May 2026" for a date "2026-05-14" of the event.
export function formatDay(language: string, date: string): string {
  const at = localAsUtc(date);
  if (!at) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(at);
}

// "14 May 2026 – 15 May 2026" for the first and last day.
export function formatDateRange(language: string, dates: readonly string[]): string {
  const sorted = [...dates].sort();
  const first = localAsUtc(sorted[0] ?? '');
  const last = localAsUtc(sorted[sorted.length - 1] ?? '');
  if (!first || !last) return '';
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  return first.getTime() === last.getTime() ? format.format(first) : format.formatRange(first, last);
}

// The short name of the zone at the event's first day ("GMT+8"), for headings.
export function zoneLabel(language: string, zone: string, date?: string): string {
  const at = (date && localAsUtc(date)) || new Date();
  try {
    const parts = new Intl.DateTimeFormat(language, { timeZone: zoneOrUtc(zone), timeZoneName: 'shortOffset' }).formatToParts(at);
    const name = parts.find((part) => part.type === 'timeZoneName')?.value;
    return name ? `${zone} (${name})` : zone;
  } catch {
    return zone;
  }
}

// The date part of a local ISO time.
export function dateOf(local: string): string {
  return local.slice(0, 10);
}

// Minutes since midnight of "HH:MM"; NaN when malformed.
export function clockMinutes(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

// The slots of the event as the server derives them (docs/events.md): every session cut into
// slot_minutes pieces from its start; a piece ending after the session or overlapping a break
// is dropped. Used by the builder's preview only; the server's list is authoritative.
export function previewSlotCount(event: {
  slot_minutes: number;
  days: { date: string; sessions: { start: string; end: string }[] }[];
  breaks: { date: string; start: string; end: string }[];
}): number {
  let count = 0;
  const step = event.slot_minutes;
  if (!(step >= 5)) return 0;
  for (const day of event.days) {
    const breaks = event.breaks.filter((b) => b.date === day.date).map((b) => [clockMinutes(b.start), clockMinutes(b.end)]);
    for (const session of day.sessions) {
      const start = clockMinutes(session.start);
      const end = clockMinutes(session.end);
      for (let at = start; at + step <= end; at += step) {
        if (!breaks.some(([from, to]) => at < (to ?? 0) && at + step > (from ?? 0))) count += 1;
      }
    }
  }
  return count;
}
