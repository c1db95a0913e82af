import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField, TextField } from '@/components/forms/field';
import { fieldErrorOf } from '@/lib/api-client';
import { TextAreaField } from '@/features/tenders/components/form-bits';
import { type TbEvent, useRegister, wireId } from '../api/events';
import type { AvailabilityWindow } from '../api/schemas';
import { AvailabilityEditor } from './availability-editor';
import { parseCodes, parseLines, useEventRoles } from './common';

export const AUTO_ACCEPT = ['none', 'all', 'priority_1', 'code_overlap'] as const;

function useFieldErrors(error: unknown) {
  const fieldError = fieldErrorOf(error);
  return {
    fieldError,
    errorFor: (field: string) => (fieldError && fieldError.field.startsWith(field) ? fieldError.message : undefined),
  };
}

// A supplier user registers its company: delegates, the delegation's names, pitch, codes,
// availability and interpreter group.
export function SupplierRegistration({ event, onDone }: { event: TbEvent; onDone: () => void }) {
  const { t } = useTranslation();
  const { companies } = useEventRoles();
  const register = useRegister(event.id);
  const [company, setCompany] = useState(companies[0]?.organisation ?? '');
  const [delegates, setDelegates] = useState('1');
  const [delegation, setDelegation] = useState('');
  const [pitch, setPitch] = useState('');
  const [codes, setCodes] = useState('');
  const [interpreter, setInterpreter] = useState('');
  const [windows, setWindows] = useState<AvailabilityWindow[]>([]);
  const { fieldError, errorFor } = useFieldErrors(register.error);
  return (
    <form
      className="form stack"
      aria-labelledby="ev-register-title"
      data-testid="supplier-registration"
      onSubmit={(e) => {
        e.preventDefault();
        register.mutate(
          {
            ...(companies.length > 1 ? { supplier: wireId(company) } : {}),
            delegates: Number(delegates) || 1,
            delegation: parseLines(delegation),
            pitch,
            // Without codes of its own the registration keeps the company profile's.
            ...(parseCodes(codes).length > 0 ? { codes: parseCodes(codes) } : {}),
            availability: windows,
            interpreter_group: interpreter,
          },
          { onSuccess: onDone },
        );
      }}
    >
      <h2 id="ev-register-title">{t('events.register.supplierTitle')}</h2>
      {companies.length > 1 ? (
        <SelectField label={t('events.register.company')} value={company} onChange={(e) => setCompany(e.target.value)}>
          {companies.map((c) => (
            <option key={c.organisation} value={c.organisation}>
              {c.name ?? c.organisation}
            </option>
          ))}
        </SelectField>
      ) : (
        <p>{t('events.register.asCompany', { company: companies[0]?.name ?? '' })}</p>
      )}
      <div className="form__row">
        <TextField label={t('events.register.delegates')} type="number" min={1} max={5} value={delegates} error={errorFor('delegates')} hint={t('events.register.delegatesHint')} onChange={(e) => setDelegates(e.target.value)} />
        <TextField label={t('events.register.interpreter')} value={interpreter} dir="auto" hint={t('events.register.interpreterHint')} onChange={(e) => setInterpreter(e.target.value)} />
      </div>
      <TextAreaField label={t('events.register.delegation')} rows={3} value={delegation} error={errorFor('delegation')} hint={t('events.register.delegationHint')} onChange={(e) => setDelegation(e.target.value)} />
      <TextField label={t('events.register.pitch')} value={pitch} maxLength={160} dir="auto" error={errorFor('pitch')} hint={t('events.register.pitchHint', { left: 160 - pitch.length })} onChange={(e) => setPitch(e.target.value)} />
      <TextField label={t('events.register.codes')} value={codes} dir="ltr" error={errorFor('codes')} hint={t('events.register.codesHint')} onChange={(e) => setCodes(e.target.value)} />
      <AvailabilityEditor event={event} value={windows} onChange={setWindows} />
      {register.isError && !fieldError ? <ErrorMessage error={register.error} /> : null}
      {fieldError && !['delegates', 'delegation', 'pitch', 'codes'].some((f) => fieldError.field.startsWith(f)) ? (
        <p className="alert alert--error" role="alert">
          {fieldError.field}: {fieldError.message}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={register.isPending}>
          {t('events.register.submit')}
        </button>
      </div>
    </form>
  );
}

// An agency officer registers itself with its focus, codes, availability and auto-accept rule.
export function OfficerRegistration({ event, onDone }: { event: TbEvent; onDone: () => void }) {
  const { t } = useTranslation();
  const register = useRegister(event.id);
  const { session } = useEventRoles();
  const [name, setName] = useState(session.data?.user?.display_name ?? '');
  const [jobTitle, setJobTitle] = useState('');
  const [focus, setFocus] = useState('');
  const [codes, setCodes] = useState('');
  const [autoAccept, setAutoAccept] = useState('none');
  const [windows, setWindows] = useState<AvailabilityWindow[]>([]);
  const { fieldError, errorFor } = useFieldErrors(register.error);
  return (
    <form
      className="form stack"
      aria-labelledby="ev-register-title"
      data-testid="officer-registration"
      onSubmit={(e) => {
        e.preventDefault();
        register.mutate(
          { name: name.trim(), job_title: jobTitle, focus, codes: parseCodes(codes), availability: windows, auto_accept: autoAccept },
          { onSuccess: onDone },
        );
      }}
    >
      <h2 id="ev-register-title">{t('events.register.officerTitle')}</h2>
      <div className="form__row">
        <TextField label={t('events.register.yourName')} value={name} required dir="auto" error={errorFor('name')} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('events.participants.jobTitle')} value={jobTitle} dir="auto" error={errorFor('job_title')} onChange={(e) => setJobTitle(e.target.value)} />
      </div>
      <OfficerFields focus={focus} codes={codes} autoAccept={autoAccept} errorFor={errorFor} onFocus={setFocus} onCodes={setCodes} onAutoAccept={setAutoAccept} />
      <AvailabilityEditor event={event} value={windows} onChange={setWindows} />
      {register.isError && !fieldError ? <ErrorMessage error={register.error} /> : null}
      {fieldError && !['focus', 'codes'].some((f) => fieldError.field.startsWith(f)) ? (
        <p className="alert alert--error" role="alert">
          {fieldError.field}: {fieldError.message}
        </p>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button" disabled={register.isPending}>
          {t('events.register.submit')}
        </button>
      </div>
    </form>
  );
}

export function OfficerFields(props: {
  focus: string;
  codes: string;
  autoAccept: string;
  errorFor: (field: string) => string | undefined;
  onFocus: (v: string) => void;
  onCodes: (v: string) => void;
  onAutoAccept: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextAreaField label={t('events.register.focus')} rows={2} value={props.focus} error={props.errorFor('focus')} hint={t('events.register.focusHint')} onChange={(e) => props.onFocus(e.target.value)} />
      <TextField label={t('events.register.codes')} value={props.codes} dir="ltr" error={props.errorFor('codes')} hint={t('events.register.codesHint')} onChange={(e) => props.onCodes(e.target.value)} />
      <SelectField label={t('events.register.autoAccept')} value={props.autoAccept} onChange={(e) => props.onAutoAccept(e.target.value)}>
        {AUTO_ACCEPT.map((rule) => (
          <option key={rule} value={rule}>
            {t(`events.autoAccept.${rule}`)}
          </option>
        ))}
      </SelectField>
    </>
  );
}
