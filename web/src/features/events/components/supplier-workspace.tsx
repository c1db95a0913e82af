import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField } from '@/components/forms/field';
import { fieldErrorOf, problemCode } from '@/lib/api-client';
import { TextAreaField } from '@/features/tenders/components/form-bits';
import { type TbEvent, useCancelRequest, useCreateRequest, useParticipants, useRequests, useSuggestions } from '../api/events';
import type { Participant } from '../api/schemas';
import { CodeList } from './common';
import { nameIndex } from './names';

type Target = { type: 'agency' | 'officer'; id: string };

// Requests that count against the quota: not cancelled, not declined.
export function activeRequests<T extends { status: string }>(requests: readonly T[]): T[] {
  return requests.filter((r) => r.status !== 'cancelled' && r.status !== 'declined');
}

// The supplier's side once registered: suggestions, agencies and officers, the request form
// with the quota, its requests, a link to its agenda.
export function SupplierWorkspace({ event, me }: { event: TbEvent; me: Participant }) {
  const { t } = useTranslation();
  const suggestions = useSuggestions(event.id, true);
  const officers = useParticipants(event.id, 'officer');
  const requests = useRequests(event.id);
  const create = useCreateRequest(event.id);
  const cancel = useCancelRequest(event.id);
  const [target, setTarget] = useState<Target | undefined>(undefined);
  const [priority, setPriority] = useState('1');
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  const names = nameIndex(event, officers.data ?? []);
  const mine = (requests.data ?? []).filter((r) => r.supplier === me.id);
  const used = activeRequests(mine).length;
  const quota = event.rules.request_quota;
  const requested = new Set(activeRequests(mine).map((r) => `${r.target.type}:${r.target.id}`));
  const fieldError = fieldErrorOf(create.error);
  const officersOf = (agency: string) => (officers.data ?? []).filter((o) => o.organisation === agency && o.status !== 'cancelled');
  const choose = (next: Target) => {
    setTarget(next);
    setSent(false);
    // jsdom has no scrollIntoView; browsers do.
    document.getElementById('ev-request-form')?.scrollIntoView?.({ block: 'start' });
  };
  const targetValue = target ? `${target.type}:${target.id}` : '';

  return (
    <div className="stack" data-testid="supplier-workspace">
      <p className="ev-actions">
        <Link className="button button--secondary" to={`/events/${encodeURIComponent(event.id)}/agenda?participant=${encodeURIComponent(me.id)}`}>
          {t('events.page.myAgenda')}
        </Link>
      </p>

      <section className="stack" aria-labelledby="ev-suggestions-title">
        <h2 id="ev-suggestions-title">{t('events.supplier.suggestions')}</h2>
        {suggestions.isError ? <ErrorMessage error={suggestions.error} /> : null}
        {suggestions.data && suggestions.data.length === 0 ? <p className="muted">{t('events.supplier.noSuggestions')}</p> : null}
        <ol className="ev-list" data-testid="suggestions">
          {(suggestions.data ?? []).map((s) => (
            <li key={s.organisation}>
              <strong dir="auto">{s.name}</strong>{' '}
              <span className="badge badge--status">{t('events.supplier.score', { score: Math.round(s.score * 100) })}</span>{' '}
              <CodeList codes={s.shared_codes} label={t('events.supplier.sharedCodes')} />
              <button type="button" className="link-button" onClick={() => choose({ type: 'agency', id: s.organisation })}>
                {t('events.supplier.requestAgency', { agency: s.name })}
              </button>
            </li>
          ))}
        </ol>
      </section>

      <section className="stack" aria-labelledby="ev-browse-title">
        <h2 id="ev-browse-title">{t('events.supplier.browse')}</h2>
        <ul className="ev-cards">
          {event.agencies.map((agency) => (
            <li key={agency.organisation} className="ev-card" data-testid="browse-agency">
              <h3 className="ev-card__title" dir="auto">
                {agency.name}
              </h3>
              {agency.focus.map((f, i) => (
                <p key={i} dir="auto">
                  {f}
                </p>
              ))}
              <CodeList codes={agency.codes} label={t('events.page.codes')} />
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={requested.has(`agency:${agency.organisation}`)}
                onClick={() => choose({ type: 'agency', id: agency.organisation })}
              >
                {t('events.supplier.requestAgency', { agency: agency.name })}
              </button>
              <ul className="ev-officers">
                {officersOf(agency.organisation).map((o) => (
                  <li key={o.id}>
                    <span dir="auto">
                      <strong>{o.name}</strong>
                      {o.job_title ? `, ${o.job_title}` : ''}
                    </span>
                    {o.focus ? (
                      <p className="muted" dir="auto">
                        {o.focus}
                      </p>
                    ) : null}
                    <CodeList codes={o.codes} label={t('events.page.codes')} />
                    <button
                      type="button"
                      className="link-button"
                      disabled={requested.has(`officer:${o.id}`)}
                      onClick={() => choose({ type: 'officer', id: o.id })}
                    >
                      {t('events.supplier.requestOfficer', { name: o.name })}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <form
        id="ev-request-form"
        className="form stack ev-box"
        aria-labelledby="ev-request-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!target) return;
          create.mutate(
            { supplier: me.id, target, priority: Number(priority), reason },
            {
              onSuccess: () => {
                setSent(true);
                setTarget(undefined);
                setReason('');
                void requests.refetch();
              },
            },
          );
        }}
      >
        <h2 id="ev-request-title">{t('events.supplier.requestTitle')}</h2>
        <p data-testid="quota">{t('events.supplier.quota', { used, quota })}</p>
        <SelectField
          label={t('events.supplier.target')}
          value={targetValue}
          required
          onChange={(e) => {
            const [type, ...rest] = e.target.value.split(':');
            setTarget(type ? { type: type === 'officer' ? 'officer' : 'agency', id: rest.join(':') } : undefined);
          }}
        >
          <option value="">—</option>
          {event.agencies.map((agency) => (
            <optgroup key={agency.organisation} label={agency.name}>
              <option value={`agency:${agency.organisation}`}>{t('events.supplier.anyOfficer', { agency: agency.name })}</option>
              {officersOf(agency.organisation).map((o) => (
                <option key={o.id} value={`officer:${o.id}`}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField label={t('events.supplier.priority')} value={priority} onChange={(e) => setPriority(e.target.value)}>
          {[1, 2, 3].map((p) => (
            <option key={p} value={p}>
              {t(`events.priority.${p}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t('events.supplier.reason')}
          rows={2}
          maxLength={280}
          value={reason}
          error={fieldError?.field === 'reason' ? fieldError.message : undefined}
          hint={t('events.register.pitchHint', { left: 280 - reason.length })}
          onChange={(e) => setReason(e.target.value)}
        />
        {create.isError ? (
          problemCode(create.error) === 'quota_exceeded' ? (
            <p className="alert alert--error" role="alert">
              {t('events.supplier.quotaExceeded', { quota })}
            </p>
          ) : fieldError?.field === 'reason' ? null : (
            <ErrorMessage error={create.error} />
          )
        ) : null}
        {sent ? (
          <p className="alert alert--success" role="status">
            {t('events.supplier.sent')}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={create.isPending || !target || used >= quota}>
            {t('events.supplier.send')}
          </button>
        </div>
      </form>

      <section className="stack" aria-labelledby="ev-my-requests-title">
        <h2 id="ev-my-requests-title">{t('events.supplier.myRequests')}</h2>
        {cancel.isError ? <ErrorMessage error={cancel.error} /> : null}
        {mine.length === 0 ? <p className="muted">{t('events.supplier.noRequests')}</p> : null}
        {mine.length > 0 ? (
          <div className="table-scroll">
            <table className="table" data-testid="my-requests">
              <thead>
                <tr>
                  <th scope="col">{t('events.supplier.target')}</th>
                  <th scope="col">{t('events.supplier.priority')}</th>
                  <th scope="col">{t('events.supplier.reason')}</th>
                  <th scope="col">{t('events.requests.status')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {mine.map((r) => (
                  <tr key={r.id} data-testid="my-request">
                    <td dir="auto" className="ev-wrap">
                      {names.target(r)}
                    </td>
                    <td>{t(`events.priority.${r.priority}`, { defaultValue: String(r.priority) })}</td>
                    <td dir="auto" className="ev-wrap">
                      {r.reason}
                    </td>
                    <td>
                      <span className={`badge ev-status--${r.status}`}>{t(`events.requestStatus.${r.status}`, { defaultValue: r.status })}</span>
                    </td>
                    <td className="ev-action-cell">
                      {r.status === 'pending' || r.status === 'accepted' ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={cancel.isPending}
                          onClick={() => cancel.mutate(r.id, { onSuccess: () => void requests.refetch() })}
                        >
                          {t('events.supplier.cancel')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
