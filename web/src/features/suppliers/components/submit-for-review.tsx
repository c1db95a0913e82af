import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { type Readiness, useSubmitForReview } from '../api';

// The supplier asks the centre to review its profile. The server decides if
// it may (409 while something is missing or a review is open); the button is
// only a convenience.
export function SubmitForReview({ supplierId, readiness }: { supplierId: string; readiness: Readiness }) {
  const { t } = useTranslation();
  const submit = useSubmitForReview(supplierId);
  const inReview = readiness.state === 'submitted' || readiness.state === 'in_review';
  if (inReview && !submit.isSuccess) {
    return (
      <section className="panel">
        <p role="status">{t('review.alreadySubmitted')}</p>
      </section>
    );
  }
  return (
    <section className="panel stack" aria-labelledby="review-title">
      <h2 id="review-title" className="panel__title">
        {t('review.title')}
      </h2>
      <p>{t('review.lead')}</p>
      {submit.isSuccess ? (
        <p role="status" className="status status--ok">
          {t('review.submitted')}
        </p>
      ) : (
        <div>
          <button
            type="button"
            className="button"
            disabled={submit.isPending || readiness.can_submit === false}
            onClick={() => submit.mutate()}
          >
            {t('review.submit')}
          </button>
          {readiness.can_submit === false ? <p className="field__hint">{t('review.notYet')}</p> : null}
        </div>
      )}
      {submit.isError ? (
        <p role="alert" className="field__error">
          {submit.error instanceof ApiError && submit.error.status === 409
            ? t('review.conflict', { detail: submit.error.detail ?? '' })
            : t('review.failed')}
        </p>
      ) : null}
    </section>
  );
}
