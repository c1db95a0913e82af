import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField } from '@/components/forms/field';
import { type TbEvent, useDeletePin, useMeetings, useParticipants, usePins, useRequests, useSetPin } from '../api/events';
import { formatTime } from '../model/time';
import { nameIndex } from './names';

// "Thu 14:00 · D1-1400" for a slot index.
export function useSlotLabel(event: TbEvent) {
  const { i18n } = useTranslation();
  const byIndex = new Map(event.slots.map((slot) => [slot.index, slot]));
  return (index: number) => {
    const slot = byIndex.get(index);
    if (!slot) return String(index);
    const day = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${slot.start.slice(0, 10)}T00:00:00Z`));
    return `${day} ${formatTime(i18n.language, event.time_zone, slot.start, slot.start_utc)} · ${slot.id}`;
  };
}

// Staff fix meetings before the next run: an accepted request with an officer at a slot, from
// the form or from a published meeting (which keeps its slot and officer).
export function PinsPanel({ event }: { event: TbEvent }) {
  const { t } = useTranslation();
  const pins = usePins(event.id);
  const requests = useRequests(event.id, 'accepted');
  const participants = useParticipants(event.id, '');
  const meetings = useMeetings(event.id);
  const setPin = useSetPin(event.id);
  const deletePin = useDeletePin(event.id);
  const slotLabel = useSlotLabel(event);
  const names = nameIndex(event, participants.data ?? []);
  const officers = (participants.data ?? []).filter((p) => p.kind === 'officer' && p.status !== 'cancelled');
  const [request, setRequest] = useState('');
  const [officer, setOfficer] = useState('');
  const [slot, setSlot] = useState('');
  const chosen = requests.data?.find((r) => r.id === request);
  const candidates = chosen
    ? officers.filter((o) => (chosen.target.type === 'officer' ? o.id === chosen.target.id : o.organisation === chosen.target.id))
    : officers;
  const refresh = () => {
    void pins.refetch();
    void meetings.refetch();
  };
  const pinned = new Set((pins.data ?? []).map((p) => p.request));
  const published = (meetings.data ?? []).filter((m) => m.status !== 'cancelled');
  return (
    <section className="stack" aria-labelledby="ev-pins-title" data-testid="pins-panel">
      <h2 id="ev-pins-title">{t('events.pins.title')}</h2>
      <p className="muted">{t('events.pins.lead')}</p>
      {pins.data && pins.data.length > 0 ? (
        <ul className="ev-list" aria-label={t('events.pins.current')}>
          {pins.data.map((pin) => {
            const r = requests.data?.find((x) => x.id === pin.request);
            return (
              <li key={pin.request} data-testid="pin">
                <span dir="auto">
                  {r ? names.label(r.supplier) : `#${pin.request}`} ↔ {names.label(pin.officer)}
                </span>{' '}
                · {slotLabel(pin.slot)}{' '}
                <button type="button" className="link-button" onClick={() => deletePin.mutate(pin.request, { onSuccess: refresh })}>
                  {t('events.pins.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('events.pins.none')}</p>
      )}
      <form
        className="form ev-box"
        onSubmit={(e) => {
          e.preventDefault();
          if (request && officer && slot !== '') setPin.mutate({ request, officer, slot: Number(slot) }, { onSuccess: refresh });
        }}
      >
        <div className="form__row">
          <SelectField label={t('events.pins.request')} value={request} required onChange={(e) => setRequest(e.target.value)}>
            <option value="">—</option>
            {(requests.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {names.label(r.supplier)} → {names.target(r)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('events.pins.officer')} value={officer} required onChange={(e) => setOfficer(e.target.value)}>
            <option value="">—</option>
            {candidates.map((o) => (
              <option key={o.id} value={o.id}>
                {names.label(o.id)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('events.pins.slot')} value={slot} required onChange={(e) => setSlot(e.target.value)}>
            <option value="">—</option>
            {event.slots.map((s) => (
              <option key={s.index} value={s.index}>
                {slotLabel(s.index)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={setPin.isPending}>
            {t('events.pins.add')}
          </button>
        </div>
      </form>
      {setPin.isError ? <ErrorMessage error={setPin.error} /> : null}
      {deletePin.isError ? <ErrorMessage error={deletePin.error} /> : null}
      {published.length > 0 ? (
        <div className="table-scroll">
          <table className="table" data-testid="meeting-list">
            <caption>{t('events.pins.meetings')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('events.pins.slot')}</th>
                <th scope="col">{t('events.tables.table')}</th>
                <th scope="col">{t('events.kinds.supplier')}</th>
                <th scope="col">{t('events.kinds.officer')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {published.map((m) => (
                <tr key={m.id}>
                  <td>{slotLabel(m.slot)}</td>
                  <td className="mono">{m.table}</td>
                  <td dir="auto" className="ev-wrap">
                    {names.label(m.supplier)}
                  </td>
                  <td dir="auto" className="ev-wrap">
                    {names.label(m.officer)}
                  </td>
                  <td className="ev-action-cell">
                    {m.request && !pinned.has(m.request) ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={t('events.pins.pinMeeting', { supplier: names.label(m.supplier), slot: slotLabel(m.slot) })}
                        onClick={() => setPin.mutate({ request: m.request ?? '', officer: m.officer, slot: m.slot }, { onSuccess: refresh })}
                      >
                        {t('events.pins.pin')}
                      </button>
                    ) : m.pinned || (m.request && pinned.has(m.request)) ? (
                      <span className="badge badge--status">{t('events.pins.pinned')}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
