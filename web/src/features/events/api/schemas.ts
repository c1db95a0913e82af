import { z } from 'zod';
import { idSchema } from '@/lib/auth';

// The events API of docs/events.md, read leniently: optional fields may be missing or null,
// and unknown fields pass through, so a server that adds a field does not break the page.

const text = z.string().nullish().transform((value) => value ?? '');
const strings = z.array(z.string()).nullish().transform((value) => value ?? []);
const optionalId = idSchema.nullish().transform((value) => value ?? undefined);
const count = z.number().nullish().transform((value) => value ?? 0);

export const sessionSchema = z.object({ name: text, start: z.string(), end: z.string() });
export const daySchema = z.object({ date: z.string(), sessions: z.array(sessionSchema).nullish().transform((v) => v ?? []) });
export const breakSchema = z.object({ date: z.string(), start: z.string(), end: z.string(), label: text });
export const roomSchema = z.object({ id: z.string(), name: text, capacity: count });
export const speakerSchema = z.object({ name: z.string(), affiliation: text });
export const agendaItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  room: text,
  speakers: z.array(speakerSchema).nullish().transform((v) => v ?? []),
});

export const rulesSchema = z.object({
  request_quota: z.number().default(10),
  fairness_k: z.number().default(3),
  supplier_max_meetings_per_day: z.number().default(10),
  officer_max_meetings_per_day: z.number().default(24),
  supplier_max_consecutive: z.number().default(4),
  officer_max_consecutive: z.number().default(6),
  interpreter_max_parallel: z.number().default(2),
});
export type EventRules = z.infer<typeof rulesSchema>;
export const DEFAULT_RULES: EventRules = rulesSchema.parse({});

export const slotSchema = z
  .object({
    index: z.number(),
    id: z.string(),
    day: z.number().nullish(),
    date: text,
    session: text,
    start: z.string(),
    end: z.string(),
    start_utc: z.string().nullish(),
    end_utc: z.string().nullish(),
  })
  .passthrough();
export type EventSlot = z.infer<typeof slotSchema>;

export const agencySchema = z
  .object({
    organisation: idSchema,
    name: text,
    officers: count,
    codes: strings,
    // The contract says "focus" without a type: one sentence, or the officers' sentences.
    focus: z
      .union([z.string(), z.array(z.string())])
      .nullish()
      .transform((value) => (value == null ? [] : Array.isArray(value) ? value : [value]).filter((s) => s !== '')),
  })
  .passthrough();
export type Agency = z.infer<typeof agencySchema>;

export const EVENT_STATUSES = ['draft', 'open', 'closed', 'finished', 'cancelled'] as const;

export const eventSchema = z
  .object({
    id: idSchema,
    version: z.number().nullish(),
    name: z.string(),
    description: text,
    venue: text,
    city: text,
    organiser: optionalId,
    time_zone: z.string().nullish().transform((value) => value || 'UTC'),
    status: z.string(),
    slot_minutes: z.number().nullish().transform((v) => v ?? 20),
    meeting_minutes: z.number().nullish().transform((v) => v ?? 15),
    days: z.array(daySchema).nullish().transform((v) => v ?? []),
    breaks: z.array(breakSchema).nullish().transform((v) => v ?? []),
    table_mode: z.string().nullish().transform((v) => (v === 'pooled' ? 'pooled' : 'dedicated')),
    pooled_tables: count,
    rooms: z.array(roomSchema).nullish().transform((v) => v ?? []),
    agenda: z.array(agendaItemSchema).nullish().transform((v) => v ?? []),
    rules: rulesSchema.nullish().transform((v) => v ?? DEFAULT_RULES),
    slots: z.array(slotSchema).nullish().transform((v) => v ?? []),
    agencies: z.array(agencySchema).nullish().transform((v) => v ?? []),
    manage: z.boolean().nullish(),
  })
  .passthrough();
export type TbEvent = z.infer<typeof eventSchema>;

export const eventListSchema = z
  .union([z.array(eventSchema), z.object({ items: z.array(eventSchema) })])
  .transform((value) => (Array.isArray(value) ? value : value.items));

export const windowSchema = z.object({ date: z.string(), start: z.string(), end: z.string() });
export type AvailabilityWindow = z.infer<typeof windowSchema>;

export const participantSchema = z
  .object({
    id: idSchema,
    kind: z.string(),
    name: text,
    email: text,
    organisation: optionalId,
    organisation_name: text,
    job_title: text,
    user: optionalId,
    delegates: z.number().nullish().transform((v) => v ?? 1),
    delegation: strings,
    interpreter_group: text,
    languages: strings,
    availability: z.array(windowSchema).nullish().transform((v) => v ?? []),
    max_meetings_per_day: z.number().nullish(),
    pitch: text,
    codes: strings,
    focus: text,
    table: text,
    auto_accept: z.string().nullish().transform((v) => v ?? 'none'),
    status: z.string().nullish().transform((v) => v ?? 'registered'),
    checked_in_at: z.string().nullish(),
  })
  .passthrough();
export type Participant = z.infer<typeof participantSchema>;

export const listOf = <S extends z.ZodType>(item: S) =>
  z
    .union([z.array(item), z.object({ items: z.array(item) })])
    .transform((value) => (Array.isArray(value) ? value : value.items) as z.infer<S>[]);

export const targetSchema = z.object({ type: z.string(), id: idSchema });

export const requestSchema = z
  .object({
    id: idSchema,
    supplier: idSchema,
    target: targetSchema,
    priority: z.number(),
    reason: text,
    status: z.string(),
    decided_by: optionalId,
    decided_at: z.string().nullish(),
    created_at: z.string().nullish(),
    // Names the server may add for display.
    supplier_name: z.string().nullish(),
    target_name: z.string().nullish(),
  })
  .passthrough();
export type MeetingRequest = z.infer<typeof requestSchema>;

export const suggestionSchema = z.object({ organisation: idSchema, name: text, score: z.number(), shared_codes: strings });
export type Suggestion = z.infer<typeof suggestionSchema>;

const figures = z
  .object({
    meetings: z.number().nullish(),
    weight: z.number().nullish(),
    fairness: z.number().nullish(),
    breaks: z.number().nullish(),
    moved: z.number().nullish(),
    count: z.number().nullish(),
  })
  .passthrough()
  .nullish();

export const runSchema = z
  .object({
    id: idSchema,
    mode: z.string(),
    status: z.string(),
    time_limit_seconds: z.number().nullish(),
    seed: z.number().nullish(),
    started_at: z.string().nullish(),
    finished_at: z.string().nullish(),
    progress: z.number().nullish().transform((v) => v ?? 0),
    bounds: figures,
    greedy: figures,
    result: figures,
    pct_of_bound: figures,
    check: z
      .object({ feasible: z.boolean(), errors: strings })
      .nullish(),
    published: z.boolean().nullish().transform((v) => v ?? false),
    error: z.string().nullish(),
  })
  .passthrough();
export type ScheduleRun = z.infer<typeof runSchema>;

export const meetingSchema = z
  .object({
    id: idSchema,
    request: optionalId,
    supplier: idSchema,
    officer: idSchema,
    slot: z.number(),
    start: z.string().nullish(),
    end: z.string().nullish(),
    table: text,
    pinned: z.boolean().nullish().transform((v) => v ?? false),
    status: z.string().nullish().transform((v) => v ?? 'scheduled'),
    outcome: z.string().nullish(),
    outcome_note: z.string().nullish(),
    run: optionalId,
  })
  .passthrough();
export type Meeting = z.infer<typeof meetingSchema>;

export const pinSchema = z.object({ request: idSchema, officer: idSchema, slot: z.number() });
export type Pin = z.infer<typeof pinSchema>;

export const agendaEntrySchema = z
  .object({
    kind: z.string(),
    start: z.string(),
    end: z.string(),
    start_utc: z.string().nullish(),
    end_utc: z.string().nullish(),
    title: text,
    room: text,
    table: z.string().nullish(),
    meeting: optionalId,
    counterpart: text,
    counterpart_organisation: text,
    pitch: text,
    codes: strings,
    priority: z.number().nullish(),
    outcome: z.string().nullish(),
  })
  .passthrough();
export type AgendaEntry = z.infer<typeof agendaEntrySchema>;

export const agendaSchema = z
  .object({
    participant: participantSchema.nullish(),
    event_name: text,
    venue: text,
    time_zone: z.string().nullish().transform((v) => v || 'UTC'),
    entries: z.array(agendaEntrySchema).nullish(),
    items: z.array(agendaEntrySchema).nullish(),
  })
  .passthrough()
  .transform(({ entries, items, ...rest }) => ({ ...rest, entries: entries ?? items ?? [] }));
export type Agenda = z.infer<typeof agendaSchema>;

// GET /table-plan: per slot, the meetings at each table with the names the hall needs.
export const planCellSchema = z
  .object({
    table: text,
    meeting: idSchema,
    supplier: text,
    officer: text,
    agency: text,
    pinned: z.boolean().nullish().transform((v) => v ?? false),
  })
  .passthrough();
export type PlanCell = z.infer<typeof planCellSchema>;

export const tablePlanSchema = z.object({
  slots: z.array(
    z
      .object({
        index: z.number(),
        id: z.string(),
        start: z.string(),
        end: z.string(),
        tables: z.array(planCellSchema).nullish().transform((v) => v ?? []),
      })
      .passthrough(),
  ),
});
export type TablePlanData = z.infer<typeof tablePlanSchema>;
