import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { supplierMemberships, useSession } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { draftOf, patchProfile, type Profile, type ProfileDraft, useProfile } from '../api';
import { type SaveState, useAutosave } from '../hooks/use-autosave';
import { isStepId, type StepId, STEPS, stepOfField, type StepProps } from '../steps';
import { AddressStep, GeneralStep, SizeStep } from './profile-steps-company';
import {
  CertificatesStep,
  CodesStep,
  ConductStep,
  ContactsStep,
  ReferencesStep,
  SustainabilityStep,
} from './profile-steps-more';
import { SupplierTabs } from './supplier-tabs';

export const AUTOSAVE_DELAY_MS = 800;

// The supplier profile, one step at a time, saved as the user types. The
// step is in the URL (?step=contacts) so a readiness item can link to it.
// Officers and staff see the same pages read-only.
export function ProfileWizardPage({ supplierId, autosaveDelayMs = AUTOSAVE_DELAY_MS }: { supplierId: string; autosaveDelayMs?: number }) {
  const { t } = useTranslation();
  usePageTitle('supplier.profileTitle');
  const profile = useProfile(supplierId);
  const session = useSession();
  if (profile.isPending || session.isPending) return <Loading />;
  if (profile.isError) return <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />;
  const canEdit = supplierMemberships(session.data).some((m) => m.organisation === supplierId);
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title" dir="auto">
          {profile.data.legal_name || t('supplier.profileTitle')}
        </h1>
        <SupplierTabs supplierId={supplierId} />
      </header>
      <Wizard supplierId={supplierId} profile={profile.data} readOnly={!canEdit} delayMs={autosaveDelayMs} />
    </div>
  );
}

function Wizard({ supplierId, profile, readOnly, delayMs }: { supplierId: string; profile: Profile; readOnly: boolean; delayMs: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const requested = params.get('step');
  const step: StepId = isStepId(requested) ? requested : 'general';
  const index = STEPS.findIndex((s) => s.id === step);
  const save = useCallback(
    async (patch: Partial<ProfileDraft>) => {
      const saved = await patchProfile(supplierId, patch);
      queryClient.setQueryData(['suppliers', supplierId, 'profile'], saved);
      void queryClient.invalidateQueries({ queryKey: ['suppliers', supplierId, 'readiness'] });
    },
    [queryClient, supplierId],
  );
  const { draft, update, state, error, flush } = useAutosave(draftOf(profile), save, delayMs);
  const refused = fieldErrorOf(error);
  const errorFor = (path: string) => (refused?.field === path ? refused.message : undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const go = (target: StepId) => {
    void flush();
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('step', target);
        return next;
      },
      { replace: false },
    );
  };

  const props: StepProps = { draft, update, errorFor, readOnly };
  const refusedStep = refused ? stepOfField(refused.field) : undefined;
  return (
    <div className="wizard">
      <nav className="wizard__steps" aria-label={t('supplier.stepsLabel')}>
        <ol>
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className="wizard__step"
                aria-current={s.id === step ? 'step' : undefined}
                onClick={() => go(s.id)}
              >
                <span className="wizard__number" aria-hidden="true">
                  {i + 1}
                </span>
                {t(`supplier.steps.${s.id}`)}
                {refusedStep === s.id ? <span className="wizard__flag">{t('supplier.stepHasError')}</span> : null}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="wizard__body panel">
        <div className="wizard__header">
          <h2 className="panel__title" ref={headingRef} tabIndex={-1}>
            {t('supplier.stepOf', { n: index + 1, total: STEPS.length })} · {t(`supplier.steps.${step}`)}
          </h2>
          {readOnly ? <p className="badge badge--status">{t('supplier.readOnly')}</p> : <SaveStatus state={state} error={error} />}
        </div>
        <form className="form" onSubmit={(e) => e.preventDefault()} noValidate>
          <fieldset disabled={readOnly} className="form__plain">
            <legend className="visually-hidden">{t(`supplier.steps.${step}`)}</legend>
            <StepBody step={step} props={props} supplierId={supplierId} />
          </fieldset>
        </form>
        <div className="wizard__nav">
          {index > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => go(STEPS[index - 1]!.id)}>
              {t('supplier.previous')}
            </button>
          ) : (
            <span />
          )}
          {index < STEPS.length - 1 ? (
            <button type="button" className="button" onClick={() => go(STEPS[index + 1]!.id)}>
              {t('supplier.next')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function StepBody({ step, props, supplierId }: { step: StepId; props: StepProps; supplierId: string }) {
  switch (step) {
    case 'general':
      return <GeneralStep {...props} />;
    case 'address':
      return <AddressStep {...props} />;
    case 'contacts':
      return <ContactsStep {...props} />;
    case 'codes':
      return <CodesStep {...props} />;
    case 'size':
      return <SizeStep {...props} />;
    case 'certificates':
      return <CertificatesStep {...props} />;
    case 'sustainability':
      return <SustainabilityStep {...props} />;
    case 'references':
      return <ReferencesStep {...props} />;
    case 'conduct':
      return <ConductStep {...props} supplierId={supplierId} />;
  }
}

function SaveStatus({ state, error }: { state: SaveState; error: unknown }) {
  const { t } = useTranslation();
  let text = '';
  let tone = '';
  if (state === 'saving') text = t('supplier.save.saving');
  else if (state === 'pending') text = t('supplier.save.pending');
  else if (state === 'saved') {
    text = t('supplier.save.saved');
    tone = 'ok';
  } else if (state === 'error') {
    tone = 'error';
    const refused = fieldErrorOf(error);
    if (refused) text = t('supplier.save.refused', { step: t(`supplier.steps.${stepOfField(refused.field) ?? 'general'}`) });
    else if (error instanceof ApiError && error.status === 401) text = t('supplier.save.signedOut');
    else if (error instanceof ApiError && error.kind === 'network') text = t('supplier.save.offline');
    else text = t('supplier.save.failed');
  }
  return (
    <p className={`status${tone ? ` status--${tone}` : ''}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}
