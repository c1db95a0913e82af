import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

// "<page> · TenderBridge" in the UI language, updated on a language switch.
export function usePageTitle(key: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(key)} · ${t('app.name')}`;
  }, [t, key]);
}
