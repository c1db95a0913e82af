import { useParams } from 'react-router';
import { DocumentsPage, ProfileWizardPage, ReadinessPage } from '@/features/suppliers';
import { OFFICER_OR_STAFF, RequireAuth } from '@/lib/auth';
import { NotFoundRoute } from './not-found-route';

// /suppliers/{id}/profile | readiness | documents: the company's own users,
// and officers and staff (read-only). The server decides object access.
export function SupplierRoute() {
  const { id = '', section } = useParams();
  let page;
  if (section === 'profile') page = <ProfileWizardPage key={id} supplierId={id} />;
  else if (section === 'readiness') page = <ReadinessPage key={id} supplierId={id} />;
  else if (section === 'documents') page = <DocumentsPage key={id} supplierId={id} />;
  else return <NotFoundRoute />;
  return <RequireAuth roles={['supplier_user', ...OFFICER_OR_STAFF]}>{page}</RequireAuth>;
}
