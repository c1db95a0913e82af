import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField, TextField } from '@/components/forms/field';
import { fieldErrorOf } from '@/lib/api-client';
import { type TbEvent, useDecide, useMeetings, usePatchParticipant, useRecordOutcome, useRequests } from '../api/events';
import type { AvailabilityWindow, Meeting, Participant } from '../api/schemas';
import { AvailabilityEditor } from './availability-editor';
import { CodeList, parseCodes } from './common';
import { useSlotLabel } from './pins-panel';
import { OfficerFields } from './register-forms';
import { TablePlan } from './table-plan';

export const OUTCOMES = ['follow_up', 'invited_to_bid', 'not_relevant'] as const;

// The officer's side once registered: profile (focus, codes, availability, auto-accept),
// incoming requests to accept or decline, meetings with their outcomes.
export function OfficerWorkspace({ event, me }: { event: TbEvent; me: Participant }) {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="officer-workspace">
      <p className="ev-actions">
        <Link className="button button--secondary" to={`/events/${encodeURIComponent(event.id)}/agenda?participant=${encodeURIComponent(me.id)}`}>
          {t('events.page.myAgenda')}
        </Link>
      </p>
      <IncomingRequests event={event} />
      <OfficerMeetings event={event} me={me} />
      <TablePlan event={event} canPin={false} />
      <OfficerProfile event={event} me={me} />
    </div>
  );
}

function IncomingRequests({ event }: { event: TbEvent }) {
  const { t, i18n } = useTranslation();
  const requests = useRequests(event.id);
  const decide = useDecide(event.id);
  const list = [...(requests.data ?? [])].sort((a, b) => Number(a.status !== 'pending') - Number(b.status !== 'pending') || a.priority - b.priority);
  return (
    <section className="stack" aria-labelledby="ev-incoming-title">
      <h2 id="ev-incoming-title">{t('events.officer.incoming')}</h2>
      {requests.isError ? <ErrorMessage error={requests.error} /> : null}
      {decide.isError ? <ErrorMessage error={decide.error} /> : null}
      {requests.isSuccess && list.length === 0 ? <p className="muted">{t('events.officer.noRequests')}</p> : null}
      <ul className="ev-cards" data-testid="incoming-requests">
        {list.map((r) => {
          // The request rows carry the supplier's participant id only; names, pitch and codes
          // are shown when the server adds them (supplier_name, supplier_pitch, supplier_codes).
          const supplier = r.supplier_name ?? t('events.officer.supplierNumber', { id: r.supplier });
          const pitch = typeof r.supplier_pitch === 'string' ? r.supplier_pitch : '';
          const codes = Array.isArray(r.supplier_codes) ? (r.supplier_codes as unknown[]).filter((c): c is string => typeof c === 'string') : [];
          return (
            <li key={r.id} className="ev-card" data-testid="incoming-request">
              <h3 className="ev-card__title" dir="auto">
                {supplier}
              </h3>
              <p>
                <span className="badge badge--status">{t(`events.priority.${r.priority}`, { defaultValue: String(r.priority) })}</span>{' '}
                <span className={`badge ev-status--${r.status}`}>{t(`events.requestStatus.${r.status}`, { defaultValue: r.status })}</span>{' '}
                {r.target.type === 'agency' ? <span className="muted">{t('events.officer.toAgency')}</span> : null}
              </p>
              {pitch ? (
                <p className="ev-pitch" dir="auto">
                  {pitch}
                </p>
              ) : null}
              <CodeList codes={codes} label={t('events.page.codes')} />
              {r.reason ? (
                <blockquote className="ev-reason" dir="auto">
                  {r.reason}
                </blockquote>
              ) : null}
              {r.created_at ? <p className="muted">{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: event.time_zone }).format(new Date(r.created_at))}</p> : null}
              {r.status === 'pending' ? (
                <div className="ev-actions">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={decide.isPending}
                    aria-label={t('events.officer.acceptFrom', { supplier })}
                    onClick={() => decide.mutate({ request: r.id, decision: 'accept' }, { onSuccess: () => void requests.refetch() })}
                  >
                    {t('events.officer.accept')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={decide.isPending}
                    aria-label={t('events.officer.declineFrom', { supplier })}
                    onClick={() => decide.mutate({ request: r.id, decision: 'decline' }, { onSuccess: () => void requests.refetch() })}
                  >
                    {t('events.officer.decline')}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function OutcomeForm({ event, meeting }: { event: TbEvent; meeting: Meeting }) {
  const { t } = useTranslation();
  const record = useRecordOutcome(event.id);
  const [outcome, setOutcome] = useState(meeting.outcome ?? '');
  const [note, setNote] = useState(meeting.outcome_note ?? '');
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="ev-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (outcome) record.mutate({ meeting: meeting.id, outcome, note }, { onSuccess: () => setSaved(true) });
      }}
    >
      <SelectField label={t('events.officer.outcome')} value={outcome} required onChange={(e) => { setOutcome(e.target.value); setSaved(false); }}>
        <option value="">—</option>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`events.outcomes.${o}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('events.officer.note')} value={note} dir="auto" onChange={(e) => { setNote(e.target.value); setSaved(false); }} />
      <button type="submit" className="button button--small" disabled={record.isPending || !outcome}>
        {t('events.officer.saveOutcome')}
      </button>
      {saved ? <span role="status" className="badge badge--ok">{t('events.officer.outcomeSaved')}</span> : null}
      {record.isError ? <ErrorMessage error={record.error} /> : null}
    </form>
  );
}

function OfficerMeetings({ event, me }: { event: TbEvent; me: Participant }) {
  const { t } = useTranslation();
  const meetings = useMeetings(event.id, me.id);
  const slotLabel = useSlotLabel(event);
  const mine = (meetings.data ?? []).filter((m) => m.status !== 'cancelled' && m.officer === me.id).sort((a, b) => a.slot - b.slot);
  return (
    <section className="stack" aria-labelledby="ev-officer-meetings">
      <h2 id="ev-officer-meetings">{t('events.officer.meetings')}</h2>
      {meetings.isError ? <ErrorMessage error={meetings.error} /> : null}
      {meetings.isSuccess && mine.length === 0 ? <p className="muted">{t('events.officer.noMeetings')}</p> : null}
      <ul className="ev-list" data-testid="officer-meetings">
        {mine.map((m) => (
          <li key={m.id} className="ev-box">
            <p>
              <strong>{slotLabel(m.slot)}</strong> · <span className="mono">{m.table}</span> ·{' '}
              <span dir="auto">{String((m as Record<string, unknown>).supplier_name ?? t('events.officer.supplierNumber', { id: m.supplier }))}</span>
            </p>
            <OutcomeForm event={event} meeting={m} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfficerProfile({ event, me }: { event: TbEvent; me: Participant }) {
  const { t } = useTranslation();
  const patch = usePatchParticipant(event.id);
  const [focus, setFocus] = useState(me.focus);
  const [codes, setCodes] = useState(me.codes.join(', '));
  const [autoAccept, setAutoAccept] = useState(me.auto_accept);
  const [windows, setWindows] = useState<AvailabilityWindow[]>(me.availability);
  const [saved, setSaved] = useState(false);
  const fieldError = fieldErrorOf(patch.error);
  const errorFor = (field: string) => (fieldError?.field.startsWith(field) ? fieldError.message : undefined);
  return (
    <form
      className="form stack ev-box"
      aria-labelledby="ev-officer-profile"
      onSubmit={(e) => {
        e.preventDefault();
        patch.mutate(
          { participant: me.id, body: { focus, codes: parseCodes(codes), auto_accept: autoAccept, availability: windows } },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <h2 id="ev-officer-profile">{t('events.officer.profile')}</h2>
      {me.table ? <p className="muted">{t('events.officer.yourTable', { table: me.table })}</p> : null}
      <OfficerFields focus={focus} codes={codes} autoAccept={autoAccept} errorFor={errorFor} onFocus={setFocus} onCodes={setCodes} onAutoAccept={setAutoAccept} />
      <AvailabilityEditor event={event} value={windows} onChange={setWindows} />
      {patch.isError && !fieldError ? <ErrorMessage error={patch.error} /> : null}
      {saved ? (
        <p className="alert alert--success" role="status">
          {t('events.officer.profileSaved')}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={patch.isPending}>
          {t('events.officer.saveProfile')}
        </button>
      </div>
    </form>
  );
}
