import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField } from '@/components/forms/field';
import { Loading } from '@/components/ui/loading';
import { type TbEvent, useMeetings, usePins, useSetPin, useTablePlan } from '../api/events';
import type { PlanCell, TablePlanData } from '../api/schemas';
import { formatDay, formatTime } from '../model/time';

// "T2" < "T10": tables in natural order.
const byTable = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

// The hall's grid of one day from GET /table-plan: a row per slot, a column per table.
export function planGrid(plan: TablePlanData, date: string) {
  const slots = plan.slots.filter((slot) => slot.start.slice(0, 10) === date);
  const tables = [...new Set(slots.flatMap((slot) => slot.tables.map((cell) => cell.table || '—')))].sort(byTable);
  const cells = new Map<string, PlanCell>();
  const officerAt = new Map<string, string>();
  for (const slot of slots) {
    for (const cell of slot.tables) {
      cells.set(`${slot.index}/${cell.table || '—'}`, cell);
      if (!officerAt.has(cell.table)) officerAt.set(cell.table, [cell.officer, cell.agency].filter(Boolean).join(', '));
    }
  }
  return { slots, tables, at: (slot: number, table: string) => cells.get(`${slot}/${table}`), officerAt: (table: string) => officerAt.get(table) };
}

// Staff and officers: the published schedule as the hall sees it; printable. Staff can pin a
// meeting from its cell before a re-run.
export function TablePlan({ event, canPin = true }: { event: TbEvent; canPin?: boolean }) {
  const { t, i18n } = useTranslation();
  const plan = useTablePlan(event.id);
  const meetings = useMeetings(event.id, undefined, canPin);
  const pins = usePins(event.id, canPin);
  const setPin = useSetPin(event.id);
  const dates = [...new Set(event.slots.map((s) => s.start.slice(0, 10)))];
  const [date, setDate] = useState(dates[0] ?? '');
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorMessage error={plan.error} onRetry={() => void plan.refetch()} />;
  const byMeeting = new Map((meetings.data ?? []).map((m) => [m.id, m]));
  const pinned = new Set((pins.data ?? []).map((p) => p.request));
  const grid = planGrid(plan.data, date);
  return (
    <section className="stack ev-table-plan" aria-labelledby="ev-plan-title" data-testid="table-plan">
      <div className="ev-header-row">
        <h2 id="ev-plan-title">
          {t('events.tables.title')} · {formatDay(i18n.language, date)}
        </h2>
        <div className="ev-actions no-print">
          {dates.length > 1 ? (
            <SelectField label={t('events.tables.day')} value={date} onChange={(e) => setDate(e.target.value)}>
              {dates.map((d) => (
                <option key={d} value={d}>
                  {formatDay(i18n.language, d)}
                </option>
              ))}
            </SelectField>
          ) : null}
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('events.tables.print')}
          </button>
        </div>
      </div>
      {setPin.isError ? <ErrorMessage error={setPin.error} /> : null}
      {grid.tables.length === 0 ? (
        <p className="muted">{t('events.tables.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table ev-grid">
            <thead>
              <tr>
                <th scope="col">{t('events.tables.time')}</th>
                {grid.tables.map((table) => (
                  <th key={table} scope="col">
                    <span className="mono">{table}</span>
                    <div className="ev-grid__officer" dir="auto">
                      {grid.officerAt(table)}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.slots.map((slot) => (
                <tr key={slot.index}>
                  <th scope="row" className="ev-grid__time">
                    {formatTime(i18n.language, event.time_zone, slot.start)}
                  </th>
                  {grid.tables.map((table) => {
                    const cell = grid.at(slot.index, table);
                    const meeting = cell ? byMeeting.get(cell.meeting) : undefined;
                    const isPinned = !!cell && (cell.pinned || (!!meeting?.request && pinned.has(meeting.request)));
                    return (
                      <td key={table} className={cell ? 'ev-grid__cell ev-grid__cell--busy' : 'ev-grid__cell'} data-testid={cell ? 'plan-meeting' : undefined}>
                        {cell ? (
                          <>
                            <span dir="auto" className="ev-grid__supplier">
                              {cell.supplier}
                            </span>
                            {isPinned ? (
                              <span className="badge badge--status">{t('events.pins.pinned')}</span>
                            ) : canPin && meeting?.request ? (
                              <button
                                type="button"
                                className="link-button no-print ev-grid__pin"
                                aria-label={t('events.pins.pinMeeting', { supplier: cell.supplier, slot: slot.id })}
                                onClick={() =>
                                  setPin.mutate(
                                    { request: meeting.request ?? '', officer: meeting.officer, slot: meeting.slot },
                                    { onSuccess: () => void pins.refetch() },
                                  )
                                }
                              >
                                {t('events.pins.pin')}
                              </button>
                            ) : null}
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
