import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvailabilityWindow, TbEvent } from '../api/schemas';

// Local windows in which a person can meet; none means every slot of the event.
export function AvailabilityEditor({
  event,
  value,
  onChange,
}: {
  event: TbEvent;
  value: AvailabilityWindow[];
  onChange: (windows: AvailabilityWindow[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const put = (i: number, patch: Partial<AvailabilityWindow>) => onChange(value.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  const first = event.days[0];
  return (
    <fieldset className="form__group" aria-describedby={`${id}-hint`}>
      <legend className="form__legend">{t('events.register.availability')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {t('events.register.availabilityHint', { zone: event.time_zone })}
      </p>
      {value.map((w, i) => (
        <div key={i} className="ev-row">
          <div className="field ev-mini">
            <label htmlFor={`${id}-d${i}`}>{t('events.register.windowDate', { n: i + 1 })}</label>
            <select id={`${id}-d${i}`} className="select" value={w.date} onChange={(e) => put(i, { date: e.target.value })}>
              {event.days.map((day) => (
                <option key={day.date} value={day.date}>
                  {day.date}
                </option>
              ))}
            </select>
          </div>
          <div className="field ev-mini">
            <label htmlFor={`${id}-s${i}`}>{t('events.register.windowStart', { n: i + 1 })}</label>
            <input id={`${id}-s${i}`} className="input" type="time" value={w.start} onChange={(e) => put(i, { start: e.target.value })} />
          </div>
          <div className="field ev-mini">
            <label htmlFor={`${id}-e${i}`}>{t('events.register.windowEnd', { n: i + 1 })}</label>
            <input id={`${id}-e${i}`} className="input" type="time" value={w.end} onChange={(e) => put(i, { end: e.target.value })} />
          </div>
          <button
            type="button"
            className="button button--secondary button--small ev-remove"
            aria-label={t('events.register.removeWindow', { n: i + 1 })}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={!first}
        onClick={() =>
          onChange([...value, { date: first?.date ?? '', start: first?.sessions[0]?.start ?? '09:00', end: first?.sessions[first.sessions.length - 1]?.end ?? '17:00' }])
        }
      >
        {t('events.register.addWindow')}
      </button>
    </fieldset>
  );
}
