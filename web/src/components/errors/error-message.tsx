import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';

interface Props {
  error: unknown;
  onRetry?: () => void;
}

// Shows a failed request: the server's problem+json detail when it sent one,
// otherwise a message for the kind of failure.
export function ErrorMessage({ error, onRetry }: Props) {
  const { t } = useTranslation();
  let title = t('errors.title');
  let detail: string | undefined;
  if (error instanceof ApiError) {
    if (error.status === 404) title = t('errors.notFound');
    if (error.kind === 'network') detail = t('errors.network');
    else if (error.kind === 'invalid_response') detail = t('errors.invalidResponse');
    else detail = error.detail ?? t('errors.status', { status: error.status });
  } else {
    detail = t('errors.unexpected');
  }
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      {detail ? <p className="alert__detail">{detail}</p> : null}
      {error instanceof ApiError && error.problem?.code ? (
        <p className="alert__code">{t('errors.code', { code: error.problem.code })}</p>
      ) : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
