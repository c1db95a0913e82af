import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

// Profile, readiness and documents of one supplier.
export function SupplierTabs({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const base = `/suppliers/${encodeURIComponent(supplierId)}`;
  return (
    <nav className="tabs" aria-label={t('supplier.tabs.label')}>
      <NavLink to={`${base}/profile`} className="tabs__link">
        {t('supplier.tabs.profile')}
      </NavLink>
      <NavLink to={`${base}/readiness`} className="tabs__link">
        {t('supplier.tabs.readiness')}
      </NavLink>
      <NavLink to={`${base}/documents`} className="tabs__link">
        {t('supplier.tabs.documents')}
      </NavLink>
    </nav>
  );
}
