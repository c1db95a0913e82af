import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { usePageTitle } from '@/lib/use-page-title';
import { useVerifyEmail } from '../api';
import { useFragmentToken } from '../hooks/use-fragment-token';

// Opened from the e-mailed link `/verify-email#token=…`: posts the token once.
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle('auth.verify.title');
  const token = useFragmentToken();
  const verify = useVerifyEmail();
  // The token is single use; React may run effects twice in development.
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  let body;
  if (!token) {
    body = <p role="alert">{t('auth.verify.noToken')}</p>;
  } else if (verify.isSuccess) {
    body = (
      <>
        <p role="status">{t('auth.verify.done')}</p>
        <p>
          <Link className="button" to="/login">
            {t('auth.login.submit')}
          </Link>
        </p>
      </>
    );
  } else if (verify.isError) {
    body = (
      <>
        <p role="alert">{t('auth.verify.failed')}</p>
        <p>
          <Link to="/signup">{t('auth.verify.again')}</Link>
        </p>
      </>
    );
  } else {
    body = <Loading label={t('auth.verify.checking')} />;
  }
  return (
    <div className="page page--narrow">
      <h1 className="page__title">{t('auth.verify.title')}</h1>
      <div className="panel stack">{body}</div>
    </div>
  );
}
