import { type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { StepUpForm } from '@/components/forms/step-up-form';
import { problemCode } from '@/lib/api-client';

export interface ConfirmActionProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  // Sends the action; the caller closes the dialog when it succeeds.
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  testId: string;
}

// A modal confirmation for a membership change. When the server asks for a step-up
// (403 reauthentication_required, AS-12) the password form replaces the buttons and the
// action is sent again once it is accepted. Escape and "Cancel" close it; focus starts on
// "Cancel" (the safe choice) and returns to the button that opened it. It renders into
// document.body, so that focusing it never scrolls the table it was opened from.
export function ConfirmAction({ title, children, confirmLabel, onConfirm, onClose, pending, error, testId }: ConfirmActionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const code = problemCode(error);
  const needsStepUp = code === 'reauthentication_required';

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus({ preventScroll: true });
    return () => opener?.focus({ preventScroll: true });
  }, []);

  return createPortal(
    <div className="members-dialog__backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="members-dialog panel stack"
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={titleId} className="panel__title">
          {title}
        </h2>
        <div id={bodyId}>{children}</div>
        {error && !needsStepUp ? <ActionError error={error} /> : null}
        {needsStepUp ? (
          <StepUpForm
            title={t('members.stepUp.title')}
            intro={t('members.stepUp.leadAction')}
            submitLabel={t('members.stepUp.submitAction')}
            failedMessage={t('members.stepUp.failed')}
            cancelLabel={t('members.cancel')}
            onCancel={onClose}
            onConfirmed={onConfirm}
            testId={`${testId}-step-up`}
          />
        ) : (
          <div className="form__actions">
            <button type="button" className="button button--danger-solid" disabled={pending} onClick={onConfirm}>
              {confirmLabel}
            </button>
            <button ref={cancelRef} type="button" className="button button--secondary" onClick={onClose}>
              {t('members.cancel')}
            </button>
          </div>
        )}
      </div>
    </div>,
    document.body,
  );
}

// The refusals a user can act on, in their language; anything else as the server said it.
function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const code = problemCode(error);
  const known: Record<string, string> = {
    last_owner: t('members.errors.lastOwner'),
    forbidden: t('members.errors.forbidden'),
    not_found: t('members.errors.gone'),
  };
  const message = code ? known[code] : undefined;
  if (!message) return <ErrorMessage error={error} />;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{message}</p>
    </div>
  );
}
