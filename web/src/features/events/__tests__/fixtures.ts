import type { SessionOptions } from '@/testing/mock-api';

// An event as GET /api/v1/events/{id} sends it (src/http/event_routes.cc ViewJson): a day in
// Ningbo (UTC+8) with two meeting sessions around lunch, a briefing with a speaker, and one
// participating agency.
export const EVENT_ID = 4;
export const EVENT = `/api/v1/events/${EVENT_ID}`;

const slot = (index: number, hhmm: string, end: string, utcHour: number, utcMinute: number) => ({
  index,
  id: `D1-${hhmm.replace(':', '')}`,
  day: 1,
  date: '2026-05-14',
  session: 'D1-S1',
  start: `2026-05-14T${hhmm}`,
  end: `2026-05-14T${end}`,
  start_utc: `2026-05-14T${String(utcHour).padStart(2, '0')}:${String(utcMinute).padStart(2, '0')}:00Z`,
  end_utc: `2026-05-14T${String(utcHour).padStart(2, '0')}:${String(utcMinute + 20).padStart(2, '0')}:00Z`,
});

export function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    id: EVENT_ID,
    version: 3,
    organiser: 1,
    name: 'UN Procurement Seminar Ningbo',
    description: 'Two days with 16 agencies.',
    venue: 'Ningbo International Conference Center',
    city: 'Ningbo',
    time_zone: 'Asia/Shanghai',
    status: 'open',
    slot_minutes: 20,
    meeting_minutes: 15,
    days: [{ date: '2026-05-14', sessions: [{ name: 'Morning meetings', start: '10:00', end: '12:00' }, { name: '', start: '14:00', end: '16:00' }] }],
    breaks: [{ date: '2026-05-14', start: '12:00', end: '14:00', label: 'Lunch' }],
    table_mode: 'dedicated',
    pooled_tables: 0,
    rooms: [{ id: 'R1', name: 'Hall A', capacity: 300 }],
    agenda: [
      {
        id: 'A1',
        kind: 'briefing',
        title: 'How UNDP buys',
        date: '2026-05-14',
        start: '09:00',
        end: '10:00',
        room: 'R1',
        speakers: [{ name: 'Maria Lopez', affiliation: 'UNDP' }],
      },
    ],
    rules: {
      request_quota: 2,
      fairness_k: 3,
      supplier_max_meetings_per_day: 10,
      officer_max_meetings_per_day: 24,
      supplier_max_consecutive: 4,
      officer_max_consecutive: 6,
      interpreter_max_parallel: 2,
    },
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    slots: [slot(0, '10:00', '10:20', 2, 0), slot(1, '10:20', '10:40', 2, 20), slot(2, '14:00', '14:20', 6, 0)],
    agencies: [{ organisation: 30, name: 'UNDP', officers: 1, codes: ['43211503'], focus: ['Solar power and IT for country offices.'] }],
    manage: false,
    ...overrides,
  };
}

export function participant(overrides: Record<string, unknown> = {}) {
  return {
    id: 11,
    event: EVENT_ID,
    kind: 'supplier',
    name: 'Sahel Energy',
    email: 'amina@example.com',
    organisation: 42,
    organisation_name: 'Sahel Energy',
    job_title: '',
    user: 7,
    delegates: 1,
    delegation: [],
    interpreter_group: '',
    languages: [],
    availability: [],
    max_meetings_per_day: 0,
    pitch: 'Solar pumps for remote clinics',
    codes: ['40151500'],
    focus: '',
    table: '',
    auto_accept: 'none',
    status: 'registered',
    checked_in_at: null,
    external_id: '',
    created_at: '2026-01-03T00:00:00Z',
    ...overrides,
  };
}

export const OFFICER_PARTICIPANT = participant({
  id: 21,
  kind: 'officer',
  name: 'Lena Officer',
  email: 'lena@undp.example',
  organisation: 30,
  organisation_name: 'UNDP',
  user: 8,
  pitch: '',
  codes: ['43211503'],
  focus: 'Solar power and IT.',
  table: 'T1',
});

export function requestBody(overrides: Record<string, unknown> = {}) {
  return {
    id: 101,
    event: EVENT_ID,
    supplier: 11,
    target: { type: 'agency', id: 30 },
    priority: 1,
    reason: 'Our pumps fit your WASH programme.',
    status: 'pending',
    decided_by: null,
    decided_at: null,
    created_at: '2026-05-01T03:00:00Z',
    external_id: '',
    ...overrides,
  };
}

export function runBody(overrides: Record<string, unknown> = {}) {
  return {
    id: 5,
    event: EVENT_ID,
    mode: 'full',
    status: 'done',
    time_limit_seconds: 5,
    seed: 1,
    started_at: '2026-05-10T00:00:00Z',
    finished_at: '2026-05-10T00:00:05Z',
    progress: 1,
    bounds: { count: 40, weight: 100, fairness: 30 },
    greedy: { meetings: 35, weight: 80, fairness: 27, breaks: 12, moved: 0 },
    result: { meetings: 40, weight: 99, fairness: 30, breaks: 4, moved: 0 },
    pct_of_bound: { count: 100, weight: 99, fairness: 100 },
    check: { feasible: true, errors: [] },
    published: false,
    error: '',
    ...overrides,
  };
}

export const OFFICER_USER: SessionOptions = {
  user: { id: 8, email: 'lena@undp.example', display_name: 'Lena Officer' },
  memberships: [{ organisation_id: 30, organisation_name: 'UNDP', kind: 'agency', owner: false, roles: ['agency_officer'] }],
  mfa: { enrolled: true, verified: true },
};
