import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { supplierMemberships, useSession } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { draftOf, patchProfile, wireValue, type Profile, type ProfileDraft, profileKey, readinessKey, useProfile } from '../api';
import { type SaveState, useAutosave } from '@/lib/use-autosave';
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
  const { t, i18n } = useTranslation();
  usePageTitle('supplier.profileTitle');
  const queryClient = useQueryClient();
  const profile = useProfile(supplierId, i18n.language);
  const session = useSession();
  // Bumped by "reload" after a conflict, so the wizard starts again from the server's copy.
  const [generation, setGeneration] = useState(0);
  if (profile.isPending || session.isPending) return <Loading />;
  if (profile.isError) return <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />;
  const canEdit = supplierMemberships(session.data).some((m) => m.organisation === supplierId);
  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: profileKey(supplierId) });
    setGeneration((n) => n + 1);
  };
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title" dir="auto">
          {profile.data.legal_name || t('supplier.profileTitle')}
        </h1>
        <SupplierTabs supplierId={supplierId} />
      </header>
      {profile.data.state === 'changes_requested' && profile.data.review_comment ? (
        <div className="alert alert--warning" role="status">
          <p className="alert__title">{t('supplier.changesRequested')}</p>
          <p dir="auto">{profile.data.review_comment}</p>
        </div>
      ) : null}
      <Wizard
        key={generation}
        supplierId={supplierId}
        profile={profile.data}
        readOnly={!canEdit}
        delayMs={autosaveDelayMs}
        onReload={() => void reload()}
      />
    </div>
  );
}

interface WizardProps {
  supplierId: string;
  profile: Profile;
  readOnly: boolean;
  delayMs: number;
  onReload: () => void;
}

function Wizard({ supplierId, profile, readOnly, delayMs, onReload }: WizardProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // The version the next PATCH expects (If-Match); each accepted save moves it on.
  const version = useRef(profile.version);
  // Set when the user reloads after a conflict: the edits here are given up,
  // so the save on the way out must not send them.
  const discarded = useRef(false);
  const [params, setParams] = useSearchParams();
  const requested = params.get('step');
  const step: StepId = isStepId(requested) ? requested : 'general';
  const index = STEPS.findIndex((s) => s.id === step);
  const save = useCallback(
    async (patch: Partial<ProfileDraft>) => {
      if (discarded.current) return;
      const saved = await patchProfile(supplierId, patch, version.current, i18n.language);
      version.current = saved.version;
      setAcceptedAt(saved.code_of_conduct_accepted_at);
      queryClient.setQueryData(profileKey(supplierId), saved);
      void queryClient.invalidateQueries({ queryKey: readinessKey(supplierId) });
    },
    [queryClient, supplierId, i18n.language],
  );
  const [acceptedAt, setAcceptedAt] = useState(profile.code_of_conduct_accepted_at);
  const { draft, update, state, error, flush } = useAutosave(draftOf(profile), save, delayMs, wireValue);
  const stale = isStale(error);
  const refused = stale ? undefined : fieldErrorOf(error);
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
                <span className="wizard__label">{t(`supplier.steps.${s.id}`)}</span>
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
        {stale ? (
          <div className="alert alert--error" role="alert">
            <p className="alert__title">{t('supplier.save.stale')}</p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                discarded.current = true;
                onReload();
              }}
            >
              {t('supplier.save.reload')}
            </button>
          </div>
        ) : null}
        <form className="form" onSubmit={(e) => e.preventDefault()} noValidate>
          <fieldset disabled={readOnly} className="form__plain">
            <legend className="visually-hidden">{t(`supplier.steps.${step}`)}</legend>
            <StepBody step={step} props={props} supplierId={supplierId} acceptedAt={acceptedAt} />
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

// 409 on field "version": someone saved the profile since this page loaded it.
function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.problem?.field === 'version';
}

function StepBody({
  step,
  props,
  supplierId,
  acceptedAt,
}: {
  step: StepId;
  props: StepProps;
  supplierId: string;
  acceptedAt: string | undefined;
}) {
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
      return <ConductStep {...props} supplierId={supplierId} acceptedAt={acceptedAt} />;
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
    if (isStale(error)) text = t('supplier.save.staleShort');
    else if (refused) text = t('supplier.save.refused', { step: t(`supplier.steps.${stepOfField(refused.field) ?? 'general'}`) });
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
