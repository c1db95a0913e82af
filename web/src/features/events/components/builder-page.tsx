import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField, TextField } from '@/components/forms/field';
import { Loading } from '@/components/ui/loading';
import { fieldErrorOf } from '@/lib/api-client';
import { useCreateEvent, useEvent, useEventStatus, usePatchEvent } from '../api/events';
import { DEFAULT_RULES, type EventRules, type TbEvent } from '../api/schemas';
import { previewSlotCount } from '../model/time';
import { EventStatusBadge } from './common';
import { AgendaEditor, BreaksEditor, DaysEditor, RoomsEditor } from './builder-lists';

export interface EventDraft {
  name: string;
  description: string;
  venue: string;
  city: string;
  time_zone: string;
  slot_minutes: number;
  meeting_minutes: number;
  table_mode: 'dedicated' | 'pooled';
  pooled_tables: number;
  days: TbEvent['days'];
  breaks: TbEvent['breaks'];
  rooms: TbEvent['rooms'];
  agenda: TbEvent['agenda'];
  rules: EventRules;
}

const EMPTY: EventDraft = {
  name: '',
  description: '',
  venue: '',
  city: '',
  time_zone: 'UTC',
  slot_minutes: 20,
  meeting_minutes: 15,
  table_mode: 'dedicated',
  pooled_tables: 0,
  days: [],
  breaks: [],
  rooms: [],
  agenda: [],
  rules: DEFAULT_RULES,
};

function draftOf(event: TbEvent): EventDraft {
  const { name, description, venue, city, time_zone, slot_minutes, meeting_minutes, days, breaks, rooms, agenda, rules } = event;
  return {
    name, description, venue, city, time_zone, slot_minutes, meeting_minutes, days, breaks, rooms, agenda, rules,
    table_mode: event.table_mode === 'pooled' ? 'pooled' : 'dedicated',
    pooled_tables: event.pooled_tables,
  };
}

// The body the server takes: pooled_tables only in pooled mode.
export function bodyOf(draft: EventDraft): Record<string, unknown> {
  const { pooled_tables, ...rest } = draft;
  return draft.table_mode === 'pooled' ? { ...rest, pooled_tables } : rest;
}

const ZONES = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Asia/Shanghai', 'Europe/Geneva', 'America/New_York', 'Africa/Nairobi'];
  }
})();

const RULE_KEYS = Object.keys(DEFAULT_RULES) as (keyof EventRules)[];
const INLINE_FIELDS = ['name', 'venue', 'time_zone', 'slot_minutes', 'meeting_minutes', 'pooled_tables', 'days', 'breaks', 'rooms', 'agenda', 'rules'];

// /manage/events/new and /manage/events/:id/edit: the whole event as one form.
export function EventBuilderPage({ id }: { id?: string }) {
  const event = useEvent(id ?? '', !!id);
  if (!id) return <BuilderForm initial={EMPTY} />;
  if (event.isPending) return <Loading />;
  if (event.isError) return <ErrorMessage error={event.error} onRetry={() => void event.refetch()} />;
  return <BuilderForm key={`${event.data.id}:${event.data.version ?? ''}`} initial={draftOf(event.data)} event={event.data} />;
}

function BuilderForm({ initial, event }: { initial: EventDraft; event?: TbEvent }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<EventDraft>(initial);
  const [saved, setSaved] = useState(false);
  const create = useCreateEvent();
  const patch = usePatchEvent(event?.id ?? '');
  const status = useEventStatus(event?.id ?? '');
  const mutation = event ? patch : create;
  const fieldError = fieldErrorOf(mutation.error);
  // Inline beside its section; a field inside a list names its place ("days.0.sessions.1.end").
  const errorFor = (field: string) =>
    fieldError && fieldError.field.startsWith(field)
      ? fieldError.field === field || field.startsWith('rules')
        ? fieldError.message
        : `${fieldError.field}: ${fieldError.message}`
      : undefined;
  const shownInline = !!fieldError && INLINE_FIELDS.some((field) => fieldError.field.startsWith(field));
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const number = (value: string) => (value === '' ? 0 : Number(value));

  const save = () => {
    if (event) {
      patch.mutate({ body: bodyOf(draft), version: event.version }, { onSuccess: () => setSaved(true) });
    } else {
      create.mutate(bodyOf(draft), {
        onSuccess: (created) => void navigate(`/manage/events/${encodeURIComponent(created.id)}/edit`, { replace: true }),
      });
    }
  };

  return (
    <div className="page stack ev-page" data-testid="event-builder">
      <header className="page__header ev-header-row">
        <div>
          <h1 className="page__title">{event ? t('events.builder.editTitle') : t('events.builder.newTitle')}</h1>
          {event ? (
            <p className="page__lead">
              <EventStatusBadge status={event.status} />{' '}
              <Link to={`/events/${encodeURIComponent(event.id)}`}>{t('events.builder.publicPage')}</Link> ·{' '}
              <Link to={`/manage/events/${encodeURIComponent(event.id)}`}>{t('events.page.manage')}</Link>
            </p>
          ) : null}
        </div>
        {event ? (
          <div className="ev-actions">
            {event.status === 'draft' || event.status === 'closed' ? (
              <button type="button" className="button" disabled={status.isPending} onClick={() => status.mutate('open')}>
                {t('events.builder.open')}
              </button>
            ) : null}
            {event.status === 'open' ? (
              <button type="button" className="button button--secondary" disabled={status.isPending} onClick={() => status.mutate('closed')}>
                {t('events.builder.close')}
              </button>
            ) : null}
            {event.status === 'closed' ? (
              <button type="button" className="button button--secondary" disabled={status.isPending} onClick={() => status.mutate('finished')}>
                {t('events.builder.finish')}
              </button>
            ) : null}
            {['draft', 'open', 'closed'].includes(event.status) ? (
              <button
                type="button"
                className="button button--secondary button--danger"
                disabled={status.isPending}
                onClick={() => {
                  if (window.confirm(t('events.builder.cancelConfirm'))) status.mutate('cancelled');
                }}
              >
                {t('events.builder.cancel')}
              </button>
            ) : null}
          </div>
        ) : null}
      </header>
      {status.isError ? <ErrorMessage error={status.error} /> : null}

      <form
        className="form stack"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <fieldset className="form__group">
          <legend className="form__legend">{t('events.builder.basics')}</legend>
          <TextField label={t('events.builder.name')} value={draft.name} required maxLength={200} dir="auto" error={errorFor('name')} onChange={(e) => set('name', e.target.value)} />
          <TextField label={t('events.builder.description')} value={draft.description} dir="auto" onChange={(e) => set('description', e.target.value)} />
          <div className="form__row">
            <TextField label={t('events.builder.venue')} value={draft.venue} dir="auto" error={errorFor('venue')} onChange={(e) => set('venue', e.target.value)} />
            <TextField label={t('events.builder.city')} value={draft.city} dir="auto" onChange={(e) => set('city', e.target.value)} />
            <SelectField label={t('events.builder.timeZone')} value={draft.time_zone} error={errorFor('time_zone')} onChange={(e) => set('time_zone', e.target.value)}>
              {(ZONES.includes(draft.time_zone) ? ZONES : [draft.time_zone, ...ZONES]).map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </SelectField>
          </div>
        </fieldset>

        <fieldset className="form__group">
          <legend className="form__legend">{t('events.builder.meetings')}</legend>
          <div className="form__row">
            <TextField label={t('events.builder.slotMinutes')} type="number" min={5} max={120} value={draft.slot_minutes} error={errorFor('slot_minutes')} onChange={(e) => set('slot_minutes', number(e.target.value))} />
            <TextField label={t('events.builder.meetingMinutes')} type="number" min={5} max={120} value={draft.meeting_minutes} error={errorFor('meeting_minutes')} onChange={(e) => set('meeting_minutes', number(e.target.value))} />
            <SelectField label={t('events.builder.tableMode')} value={draft.table_mode} onChange={(e) => set('table_mode', e.target.value === 'pooled' ? 'pooled' : 'dedicated')}>
              <option value="dedicated">{t('events.builder.tableDedicated')}</option>
              <option value="pooled">{t('events.builder.tablePooled')}</option>
            </SelectField>
            {draft.table_mode === 'pooled' ? (
              <TextField label={t('events.builder.pooledTables')} type="number" min={1} max={2000} value={draft.pooled_tables} error={errorFor('pooled_tables')} onChange={(e) => set('pooled_tables', number(e.target.value))} />
            ) : null}
          </div>
          <p className="muted" data-testid="slot-preview">
            {t('events.builder.slotPreview', { count: previewSlotCount(draft) })}
          </p>
        </fieldset>

        <DaysEditor days={draft.days} error={errorFor('days')} onChange={(days) => set('days', days)} />
        <BreaksEditor breaks={draft.breaks} days={draft.days} error={errorFor('breaks')} onChange={(breaks) => set('breaks', breaks)} />
        <RoomsEditor rooms={draft.rooms} error={errorFor('rooms')} onChange={(rooms) => set('rooms', rooms)} />
        <AgendaEditor agenda={draft.agenda} rooms={draft.rooms} days={draft.days} error={errorFor('agenda')} onChange={(agenda) => set('agenda', agenda)} />

        <fieldset className="form__group">
          <legend className="form__legend">{t('events.builder.rules')}</legend>
          <div className="ev-grid-fields">
            {RULE_KEYS.map((key) => (
              <TextField
                key={key}
                label={t(`events.rules.${key}`)}
                type="number"
                min={0}
                value={draft.rules[key]}
                error={errorFor(`rules.${key}`)}
                onChange={(e) => set('rules', { ...draft.rules, [key]: number(e.target.value) })}
              />
            ))}
          </div>
        </fieldset>

        {mutation.isError && !fieldError ? <ErrorMessage error={mutation.error} /> : null}
        {fieldError && !shownInline ? (
          <p className="alert alert--error" role="alert">
            {fieldError.field}: {fieldError.message}
          </p>
        ) : null}
        {saved ? (
          <p className="alert alert--success" role="status">
            {t('events.builder.saved')}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {event ? t('events.builder.save') : t('events.builder.create')}
          </button>
        </div>
      </form>
    </div>
  );
}
