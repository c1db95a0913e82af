import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrorOf } from '@/lib/api-client';

// The message for a refused auth request that is not about one field (a
// field error is shown beside its field instead). Codes from
// docs/accounts.md get their own words; anything else the server's detail.
export function authErrorMessage(error: unknown, t: (key: string) => string): string | undefined {
  if (!error || fieldErrorOf(error)) return undefined;
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.kind === 'network') return t('errors.network');
  if (error.status === 429) return t('auth.errors.rateLimited');
  switch (error.problem?.code) {
    case 'email_unverified':
      return t('auth.errors.emailUnverified');
    case 'unauthenticated':
    case 'invalid_credentials':
      return t('auth.errors.invalidCredentials');
    case 'csrf':
      return t('auth.errors.csrf');
    default:
      break;
  }
  if (error.status === 401) return t('auth.errors.invalidCredentials');
  return error.detail ?? t('errors.unexpected');
}

export function FormProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = authErrorMessage(error, t);
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{message}</p>
    </div>
  );
}

// The server's message for `field`, when the last error was about it.
export function fieldMessage(error: unknown, field: string): string | undefined {
  const found = fieldErrorOf(error);
  return found?.field === field ? found.message : undefined;
}
