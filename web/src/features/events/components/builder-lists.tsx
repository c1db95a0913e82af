import type { ComponentProps } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TbEvent } from '../api/schemas';

// The list parts of the event builder: days with sessions, breaks, rooms, agenda items with
// speakers. Each row's inputs are labelled with the row number so a screen reader (and a
// test) can tell "Day 2 date" from "Day 1 date".

type Days = TbEvent['days'];
type Rooms = TbEvent['rooms'];

function Mini({ label, ...input }: ComponentProps<'input'> & { label: string }) {
  const id = useId();
  return (
    <div className="field ev-mini">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" {...input} />
    </div>
  );
}

function MiniSelect({ label, children, ...select }: ComponentProps<'select'> & { label: string }) {
  const id = useId();
  return (
    <div className="field ev-mini">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" {...select}>
        {children}
      </select>
    </div>
  );
}

function replace<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

function without<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

function Remove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="button button--secondary button--small ev-remove" aria-label={label} onClick={onClick}>
      ×
    </button>
  );
}

function ErrorLine({ error }: { error?: string }) {
  return error ? <p className="field__error">{error}</p> : null;
}

function nextDate(days: Days): string {
  const last = days[days.length - 1]?.date;
  if (!last) return new Date().toISOString().slice(0, 10);
  const next = new Date(`${last}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export function DaysEditor({ days, error, onChange }: { days: Days; error?: string; onChange: (days: Days) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form__group" data-testid="days-editor">
      <legend className="form__legend">{t('events.builder.days')}</legend>
      <ErrorLine error={error} />
      {days.map((day, d) => (
        <div key={d} className="ev-row-block">
          <div className="ev-row">
            <Mini label={t('events.builder.dayDate', { n: d + 1 })} type="date" value={day.date} required onChange={(e) => onChange(replace(days, d, { ...day, date: e.target.value }))} />
            <Remove label={t('events.builder.removeDay', { n: d + 1 })} onClick={() => onChange(without(days, d))} />
          </div>
          {day.sessions.map((session, s) => {
            const put = (patch: Partial<typeof session>) =>
              onChange(replace(days, d, { ...day, sessions: replace(day.sessions, s, { ...session, ...patch }) }));
            const n = { day: d + 1, n: s + 1 };
            return (
              <div key={s} className="ev-row ev-row--indent">
                <Mini label={t('events.builder.sessionName', n)} value={session.name} dir="auto" onChange={(e) => put({ name: e.target.value })} />
                <Mini label={t('events.builder.sessionStart', n)} type="time" value={session.start} required onChange={(e) => put({ start: e.target.value })} />
                <Mini label={t('events.builder.sessionEnd', n)} type="time" value={session.end} required onChange={(e) => put({ end: e.target.value })} />
                <Remove label={t('events.builder.removeSession', n)} onClick={() => onChange(replace(days, d, { ...day, sessions: without(day.sessions, s) }))} />
              </div>
            );
          })}
          <button
            type="button"
            className="button button--secondary button--small ev-row--indent"
            onClick={() => onChange(replace(days, d, { ...day, sessions: [...day.sessions, { name: '', start: '09:00', end: '12:00' }] }))}
          >
            {t('events.builder.addSession', { n: d + 1 })}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...days, { date: nextDate(days), sessions: [{ name: '', start: '09:00', end: '12:00' }] }])}>
        {t('events.builder.addDay')}
      </button>
    </fieldset>
  );
}

export function BreaksEditor({
  breaks,
  days,
  error,
  onChange,
}: {
  breaks: TbEvent['breaks'];
  days: Days;
  error?: string;
  onChange: (breaks: TbEvent['breaks']) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="form__group">
      <legend className="form__legend">{t('events.builder.breaks')}</legend>
      <p className="field__hint">{t('events.builder.breaksHint')}</p>
      <ErrorLine error={error} />
      {breaks.map((item, i) => {
        const put = (patch: Partial<typeof item>) => onChange(replace(breaks, i, { ...item, ...patch }));
        return (
          <div key={i} className="ev-row">
            <MiniSelect label={t('events.builder.breakDate', { n: i + 1 })} value={item.date} onChange={(e) => put({ date: e.target.value })}>
              {days.map((day) => (
                <option key={day.date} value={day.date}>
                  {day.date}
                </option>
              ))}
            </MiniSelect>
            <Mini label={t('events.builder.breakStart', { n: i + 1 })} type="time" value={item.start} onChange={(e) => put({ start: e.target.value })} />
            <Mini label={t('events.builder.breakEnd', { n: i + 1 })} type="time" value={item.end} onChange={(e) => put({ end: e.target.value })} />
            <Mini label={t('events.builder.breakLabel', { n: i + 1 })} value={item.label} dir="auto" onChange={(e) => put({ label: e.target.value })} />
            <Remove label={t('events.builder.removeBreak', { n: i + 1 })} onClick={() => onChange(without(breaks, i))} />
          </div>
        );
      })}
      <button
        type="button"
        className="button button--secondary"
        disabled={days.length === 0}
        onClick={() => onChange([...breaks, { date: days[0]?.date ?? '', start: '10:30', end: '11:00', label: '' }])}
      >
        {t('events.builder.addBreak')}
      </button>
    </fieldset>
  );
}

export function RoomsEditor({ rooms, error, onChange }: { rooms: Rooms; error?: string; onChange: (rooms: Rooms) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="form__group">
      <legend className="form__legend">{t('events.builder.rooms')}</legend>
      <ErrorLine error={error} />
      {rooms.map((room, i) => {
        const put = (patch: Partial<typeof room>) => onChange(replace(rooms, i, { ...room, ...patch }));
        return (
          <div key={i} className="ev-row">
            <Mini label={t('events.builder.roomId', { n: i + 1 })} value={room.id} dir="ltr" onChange={(e) => put({ id: e.target.value })} />
            <Mini label={t('events.builder.roomName', { n: i + 1 })} value={room.name} dir="auto" onChange={(e) => put({ name: e.target.value })} />
            <Mini label={t('events.builder.roomCapacity', { n: i + 1 })} type="number" min={0} value={room.capacity} onChange={(e) => put({ capacity: Number(e.target.value) })} />
            <Remove label={t('events.builder.removeRoom', { n: i + 1 })} onClick={() => onChange(without(rooms, i))} />
          </div>
        );
      })}
      <button type="button" className="button button--secondary" onClick={() => onChange([...rooms, { id: `R${rooms.length + 1}`, name: '', capacity: 100 }])}>
        {t('events.builder.addRoom')}
      </button>
    </fieldset>
  );
}

const ITEM_KINDS = ['briefing', 'panel', 'training', 'plenary', 'networking'];

export function AgendaEditor({
  agenda,
  rooms,
  days,
  error,
  onChange,
}: {
  agenda: TbEvent['agenda'];
  rooms: Rooms;
  days: Days;
  error?: string;
  onChange: (agenda: TbEvent['agenda']) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="form__group">
      <legend className="form__legend">{t('events.builder.agenda')}</legend>
      <ErrorLine error={error} />
      {agenda.map((item, i) => {
        const put = (patch: Partial<typeof item>) => onChange(replace(agenda, i, { ...item, ...patch }));
        const n = { n: i + 1 };
        return (
          <div key={i} className="ev-row-block">
            <div className="ev-row">
              <MiniSelect label={t('events.builder.itemKind', n)} value={item.kind} onChange={(e) => put({ kind: e.target.value })}>
                {ITEM_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`events.itemKinds.${kind}`)}
                  </option>
                ))}
              </MiniSelect>
              <Mini label={t('events.builder.itemTitle', n)} value={item.title} dir="auto" onChange={(e) => put({ title: e.target.value })} />
              <Remove label={t('events.builder.removeItem', n)} onClick={() => onChange(without(agenda, i))} />
            </div>
            <div className="ev-row">
              <MiniSelect label={t('events.builder.itemDate', n)} value={item.date} onChange={(e) => put({ date: e.target.value })}>
                {days.map((day) => (
                  <option key={day.date} value={day.date}>
                    {day.date}
                  </option>
                ))}
              </MiniSelect>
              <Mini label={t('events.builder.itemStart', n)} type="time" value={item.start} onChange={(e) => put({ start: e.target.value })} />
              <Mini label={t('events.builder.itemEnd', n)} type="time" value={item.end} onChange={(e) => put({ end: e.target.value })} />
              <MiniSelect label={t('events.builder.itemRoom', n)} value={item.room} onChange={(e) => put({ room: e.target.value })}>
                <option value="">{t('events.builder.noRoom')}</option>
                {rooms.map((room) => (
                  <option key={room.id} value={room.id}>
                    {room.name || room.id}
                  </option>
                ))}
              </MiniSelect>
            </div>
            {item.speakers.map((speaker, s) => {
              const sn = { item: i + 1, n: s + 1 };
              const putSpeaker = (patch: Partial<typeof speaker>) => put({ speakers: replace(item.speakers, s, { ...speaker, ...patch }) });
              return (
                <div key={s} className="ev-row ev-row--indent">
                  <Mini label={t('events.builder.speakerName', sn)} value={speaker.name} dir="auto" onChange={(e) => putSpeaker({ name: e.target.value })} />
                  <Mini label={t('events.builder.speakerAffiliation', sn)} value={speaker.affiliation} dir="auto" onChange={(e) => putSpeaker({ affiliation: e.target.value })} />
                  <Remove label={t('events.builder.removeSpeaker', sn)} onClick={() => put({ speakers: without(item.speakers, s) })} />
                </div>
              );
            })}
            <button type="button" className="button button--secondary button--small ev-row--indent" onClick={() => put({ speakers: [...item.speakers, { name: '', affiliation: '' }] })}>
              {t('events.builder.addSpeaker', n)}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--secondary"
        disabled={days.length === 0}
        onClick={() =>
          onChange([
            ...agenda,
            { id: `A${agenda.length + 1}`, kind: 'briefing', title: '', date: days[0]?.date ?? '', start: '09:00', end: '10:00', room: rooms[0]?.id ?? '', speakers: [] },
          ])
        }
      >
        {t('events.builder.addItem')}
      </button>
    </fieldset>
  );
}
