// Deadlines are entered as the agency's wall-clock time in its IANA zone (SECURITY.md ET-13;
// src/tenders/tender.h DeadlineFromLocal). A local time that a daylight-saving change skips
// (a gap) or repeats (an overlap) names no single instant, and the server refuses it; the
// form checks the same thing first so the officer sees why before saving.

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type LocalResolution =
  | { kind: 'ok'; instant: Date }
  | { kind: 'gap' }
  | { kind: 'overlap'; earlier: Date; later: Date }
  | { kind: 'invalid' }
  | { kind: 'unknown_zone' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isKnownZone(zone: string): boolean {
  return zone !== '' && formatterFor(zone) !== undefined;
}

// The wall-clock fields of `instant` in `zone`, as milliseconds of a UTC date with the same
// fields (so the difference to `instant` is the zone's offset then).
function wallMillis(instant: number, zone: string): number | undefined {
  const formatter = formatterFor(zone);
  if (!formatter) return undefined;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// "2026-12-01T17:00" (seconds only when not zero), the form the server's editing form uses.
export function wallTimeIn(instant: Date, zone: string): string | undefined {
  const wall = wallMillis(instant.getTime(), zone);
  if (wall === undefined) return undefined;
  const d = new Date(wall);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.getUTCSeconds() === 0 ? base : `${base}:${pad(d.getUTCSeconds())}`;
}

// Which instants have the wall-clock time `local` in `zone`: one, none (a gap) or two (an
// overlap). Offsets are taken a day either side, which covers every real transition.
export function resolveLocal(local: string, zone: string): LocalResolution {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return { kind: 'invalid' };
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const seconds = Number.isNaN(s) ? 0 : s;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, seconds);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || seconds > 59) {
    return { kind: 'invalid' };
  }
  if (!isKnownZone(zone)) return { kind: 'unknown_zone' };
  const day = 24 * 3600 * 1000;
  const candidates = new Set<number>();
  for (const probe of [asUtc - day, asUtc, asUtc + day]) {
    const offset = wallMillis(probe, zone)! - probe;
    const instant = asUtc - offset;
    if (wallMillis(instant, zone) === asUtc) candidates.add(instant);
  }
  const found = [...candidates].sort((a, b) => a - b);
  if (found.length === 0) return { kind: 'gap' };
  if (found.length > 1) return { kind: 'overlap', earlier: new Date(found[0]!), later: new Date(found[found.length - 1]!) };
  return { kind: 'ok', instant: new Date(found[0]!) };
}

// Every IANA zone the browser knows, for the zone picker; the current one first if missing.
export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  if (!zones.includes('UTC')) zones = ['UTC', ...zones];
  if (current && !zones.includes(current)) zones = [current, ...zones];
  return zones;
}
