import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField, TextField } from '@/components/forms/field';
import { Loading } from '@/components/ui/loading';
import { fieldErrorOf } from '@/lib/api-client';
import { formatDateTime, parseInstant } from '@/lib/format';
import { type TbEvent, useAddParticipant, useCheckIn, useParticipants } from '../api/events';
import { parseCodes } from './common';

// Staff: every participant, filtered by kind and name; check-in at the door; add a walk-in.
export function ParticipantsPanel({ event }: { event: TbEvent }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  const list = useParticipants(event.id, kind);
  const checkIn = useCheckIn(event.id);
  const needle = q.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (p) => !needle || `${p.name} ${p.organisation_name} ${p.email}`.toLowerCase().includes(needle),
  );
  return (
    <section className="stack" aria-labelledby="ev-participants-title" data-testid="participants-panel">
      <h2 id="ev-participants-title">{t('events.participants.title')}</h2>
      <div className="form__row">
        <SelectField label={t('events.participants.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t('events.participants.allKinds')}</option>
          <option value="officer">{t('events.kinds.officer')}</option>
          <option value="supplier">{t('events.kinds.supplier')}</option>
        </SelectField>
        <TextField label={t('events.participants.search')} type="search" value={q} dir="auto" onChange={(e) => setQ(e.target.value)} />
      </div>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {checkIn.isError ? <ErrorMessage error={checkIn.error} /> : null}
      {list.isSuccess ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('events.participants.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('events.participants.name')}</th>
                <th scope="col">{t('events.participants.kind')}</th>
                <th scope="col">{t('events.participants.organisation')}</th>
                <th scope="col">{t('events.participants.table')}</th>
                <th scope="col">{t('events.participants.checkIn')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    {t('events.participants.none')}
                  </td>
                </tr>
              ) : null}
              {rows.map((p) => {
                const checked = parseInstant(p.checked_in_at);
                return (
                  <tr key={p.id} data-testid="participant-row">
                    <td dir="auto" className="ev-wrap">
                      {p.name}
                      {p.status === 'cancelled' ? <span className="badge badge--danger">{t('events.requestStatus.cancelled')}</span> : null}
                      {p.delegation.length > 0 ? <div className="muted">{p.delegation.join(', ')}</div> : null}
                    </td>
                    <td>{t(`events.kinds.${p.kind}`, { defaultValue: p.kind })}</td>
                    <td dir="auto" className="ev-wrap">
                      {p.organisation_name}
                    </td>
                    <td className="mono">{p.table}</td>
                    <td className="ev-action-cell">
                      {checked ? (
                        <span className="badge badge--ok">{formatDateTime(checked, i18n.language, event.time_zone)}</span>
                      ) : (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={checkIn.isPending}
                          aria-label={t('events.participants.checkInOf', { name: p.name })}
                          onClick={() => checkIn.mutate(p.id, { onSuccess: () => void list.refetch() })}
                        >
                          {t('events.participants.checkIn')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <AddParticipantForm eventId={event.id} onAdded={() => void list.refetch()} />
    </section>
  );
}

function AddParticipantForm({ eventId, onAdded }: { eventId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const add = useAddParticipant(eventId);
  const empty = { kind: 'supplier', name: '', email: '', organisation: '', job_title: '', codes: '', text: '' };
  const [form, setForm] = useState(empty);
  const fieldError = fieldErrorOf(add.error);
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : undefined);
  const set = (key: keyof typeof empty, value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <form
      className="form stack ev-box"
      aria-labelledby="ev-add-participant"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          {
            kind: form.kind,
            name: form.name,
            email: form.email,
            ...(/^\d+$/.test(form.organisation) ? { organisation: Number(form.organisation) } : {}),
            job_title: form.job_title,
            codes: parseCodes(form.codes),
            ...(form.kind === 'officer' ? { focus: form.text } : { pitch: form.text }),
          },
          {
            onSuccess: () => {
              setForm(empty);
              onAdded();
            },
          },
        );
      }}
    >
      <h3 id="ev-add-participant">{t('events.participants.add')}</h3>
      <div className="form__row">
        <SelectField label={t('events.participants.kind')} value={form.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="supplier">{t('events.kinds.supplier')}</option>
          <option value="officer">{t('events.kinds.officer')}</option>
        </SelectField>
        <TextField label={t('events.participants.name')} value={form.name} required dir="auto" error={errorFor('name')} onChange={(e) => set('name', e.target.value)} />
        <TextField label={t('events.participants.email')} type="email" value={form.email} error={errorFor('email')} onChange={(e) => set('email', e.target.value)} />
      </div>
      <div className="form__row">
        <TextField label={t('events.participants.organisationId')} value={form.organisation} inputMode="numeric" pattern="[0-9]*" hint={t('events.participants.organisationHint')} onChange={(e) => set('organisation', e.target.value)} />
        <TextField label={t('events.participants.jobTitle')} value={form.job_title} dir="auto" onChange={(e) => set('job_title', e.target.value)} />
        <TextField label={t('events.register.codes')} value={form.codes} dir="ltr" error={errorFor('codes')} onChange={(e) => set('codes', e.target.value)} />
      </div>
      <TextField
        label={form.kind === 'officer' ? t('events.register.focus') : t('events.register.pitch')}
        value={form.text}
        maxLength={form.kind === 'officer' ? 500 : 160}
        dir="auto"
        onChange={(e) => set('text', e.target.value)}
      />
      {add.isError && !fieldError ? <ErrorMessage error={add.error} /> : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {t('events.participants.addButton')}
        </button>
      </div>
    </form>
  );
}
