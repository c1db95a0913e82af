import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { viewerTimeZone } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import type { Tender } from '../../api/schemas';
import { patchTender, tenderKeys, useTender } from '../../api/tenders';
import { draftOf, type TenderDraft } from '../../model/draft';
import { BUILDER_STEPS, type BuilderStepId, isBuilderStep, stepOfField } from '../../model/steps';
import { type SaveState, useAutosave } from '@/lib/use-autosave';
import { StateBadge } from '../form-bits';
import { BasicsStep } from './step-basics';
import { CommitteeStep } from './step-committee';
import { DocumentUploads } from '../documents/document-uploads';
import { DeadlineStep, DocumentsStep } from './step-documents-deadline';
import { EligibilityStep } from './step-eligibility';
import { EvaluationStep } from './step-evaluation';
import { ItemsStep } from './step-items';
import type { StepProps } from './step-props';
import { ReviewStep } from './step-review';
import { isolate } from '../../model/bidi';

export const AUTOSAVE_DELAY_MS = 800;

// The tender builder (issue #6 item 7): one step at a time, the step in the URL
// (?step=deadline), every edit saved as a merge patch once typing pauses.
export function TenderBuilderPage({ ocid, autosaveDelayMs = AUTOSAVE_DELAY_MS }: { ocid: string; autosaveDelayMs?: number }) {
  const { t } = useTranslation();
  usePageTitle('tenders.builder.title');
  const queryClient = useQueryClient();
  const tender = useTender(ocid);
  const session = useSession();
  const [generation, setGeneration] = useState(0);
  if (tender.isPending || session.isPending) return <Loading />;
  if (tender.isError) return <ErrorMessage error={tender.error} onRetry={() => void tender.refetch()} />;
  if (tender.data.state !== 'draft') return <Navigate to={`/manage/tenders/${encodeURIComponent(ocid)}`} replace />;
  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: tenderKeys.one(ocid) });
    setGeneration((n) => n + 1);
  };
  return (
    <div className="page tb-page">
      <header className="page__header">
        <p className="tb-breadcrumb">
          <Link to="/manage/tenders">{t('tenders.list.title')}</Link>
        </p>
        <h1 className="page__title" dir="auto">
          {tender.data.title || t('tenders.builder.untitled')}
        </h1>
        <p className="tb-subtitle">
          <span className="mono" dir="ltr">
            {tender.data.ocid}
          </span>{' '}
          <StateBadge state={tender.data.state} />
        </p>
      </header>
      <Builder
        key={generation}
        tender={tender.data}
        me={session.data?.user?.id}
        readOnly={!tender.data.can_edit}
        delayMs={autosaveDelayMs}
        onReload={() => void reload()}
      />
    </div>
  );
}

interface BuilderProps {
  tender: Tender;
  me: string | undefined;
  readOnly: boolean;
  delayMs: number;
  onReload: () => void;
}

function Builder({ tender, me, readOnly, delayMs, onReload }: BuilderProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const version = useRef(tender.version);
  const discarded = useRef(false);
  const [params, setParams] = useSearchParams();
  const requested = params.get('step');
  const step: BuilderStepId = isBuilderStep(requested) ? requested : 'basics';
  const index = BUILDER_STEPS.findIndex((s) => s.id === step);
  const save = useCallback(
    async (patch: Partial<TenderDraft>, draft: TenderDraft) => {
      if (discarded.current || readOnly) return;
      const saved = await patchTender(tender.ocid, patch, draft, version.current);
      version.current = saved.version;
      queryClient.setQueryData(tenderKeys.one(tender.ocid), saved);
    },
    [queryClient, tender.ocid, readOnly],
  );
  const { draft, update, state, error, flush } = useAutosave(draftOf(tender, viewerTimeZone()), save, delayMs);
  const stale = isStale(error);
  const refused = stale ? undefined : fieldErrorOf(error);
  const errorFor = (path: string) => (refused?.field === path ? isolate(refused.message) : undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const go = (target: BuilderStepId) => {
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
    <div className="wizard" data-testid="tender-builder">
      <nav className="wizard__steps" aria-label={t('tenders.builder.stepsLabel')}>
        <ol>
          {BUILDER_STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className="wizard__step"
                aria-current={s.id === step ? 'step' : undefined}
                onClick={() => go(s.id)}
                data-testid={`builder-step-${s.id}`}
              >
                <span className="wizard__number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="wizard__label">{t(`tenders.steps.${s.id}`)}</span>
                {refusedStep === s.id ? <span className="wizard__flag">{t('tenders.builder.stepHasError')}</span> : null}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="wizard__body panel">
        <div className="wizard__header">
          <h2 className="panel__title" ref={headingRef} tabIndex={-1}>
            {t('tenders.builder.stepOf', { n: index + 1, total: BUILDER_STEPS.length })} · {t(`tenders.steps.${step}`)}
          </h2>
          {readOnly ? <p className="badge badge--status">{t('tenders.builder.readOnly')}</p> : <SaveStatus state={state} error={error} />}
        </div>
        {stale ? (
          <div className="alert alert--error" role="alert">
            <p className="alert__title">{t('tenders.builder.stale')}</p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                discarded.current = true;
                onReload();
              }}
            >
              {t('tenders.builder.reload')}
            </button>
          </div>
        ) : null}
        {refused && refusedStep !== step ? (
          <p className="alert alert--error" role="alert">
            {t('tenders.builder.refusedElsewhere', { step: t(`tenders.steps.${refusedStep ?? 'review'}`) })}{' '}
            <span dir="auto">{refused.message}</span>{' '}
            {refusedStep ? (
              <button type="button" className="link-button" onClick={() => go(refusedStep)}>
                {t('tenders.builder.goThere')}
              </button>
            ) : null}
          </p>
        ) : null}
        <form className="form" onSubmit={(e) => e.preventDefault()} noValidate>
          <fieldset disabled={readOnly} className="form__plain">
            <legend className="visually-hidden">{t(`tenders.steps.${step}`)}</legend>
            {step === 'basics' ? <BasicsStep {...props} /> : null}
            {step === 'items' ? <ItemsStep {...props} /> : null}
            {step === 'documents' ? (
              <>
                <DocumentUploads ocid={tender.ocid} readOnly={readOnly} beforeChange={flush} onChanged={onReload} />
                <DocumentsStep {...props} />
              </>
            ) : null}
            {step === 'deadline' ? <DeadlineStep {...props} /> : null}
            {step === 'evaluation' ? <EvaluationStep {...props} /> : null}
            {step === 'eligibility' ? <EligibilityStep {...props} /> : null}
          </fieldset>
        </form>
        {step === 'committee' ? <CommitteeStep tender={tender} me={me} readOnly={readOnly} /> : null}
        {step === 'review' ? <ReviewStep tender={tender} draft={draft} go={go} flush={flush} readOnly={readOnly} /> : null}
        <div className="wizard__nav">
          {index > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => go(BUILDER_STEPS[index - 1]!.id)} data-testid="builder-previous">
              {t('tenders.builder.previous')}
            </button>
          ) : (
            <span />
          )}
          {index < BUILDER_STEPS.length - 1 ? (
            <button type="button" className="button" onClick={() => go(BUILDER_STEPS[index + 1]!.id)} data-testid="builder-next">
              {t('tenders.builder.next')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

// 409 naming the version: someone saved the draft since this page loaded it.
function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && ['version', 'If-Match', 'if-match'].includes(error.problem?.field ?? '');
}

function SaveStatus({ state, error }: { state: SaveState; error: unknown }) {
  const { t } = useTranslation();
  let text = '';
  let tone = '';
  if (state === 'saving') text = t('tenders.save.saving');
  else if (state === 'pending') text = t('tenders.save.pending');
  else if (state === 'saved') {
    text = t('tenders.save.saved');
    tone = 'ok';
  } else if (state === 'error') {
    tone = 'error';
    const refused = fieldErrorOf(error);
    if (isStale(error)) text = t('tenders.save.stale');
    else if (refused) text = t('tenders.save.refused', { step: t(`tenders.steps.${stepOfField(refused.field) ?? 'review'}`) });
    else if (error instanceof ApiError && error.status === 401) text = t('tenders.save.signedOut');
    else if (error instanceof ApiError && error.kind === 'network') text = t('tenders.save.offline');
    else text = t('tenders.save.failed');
  }
  return (
    <p className={`status${tone ? ` status--${tone}` : ''}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}
