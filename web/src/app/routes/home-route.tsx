import { Navigate } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { hasRole, useSession } from '@/lib/auth';

// The home page: a supplier's is its "For you" feed (issue #5: notices ranked for the
// company); everyone else starts at the notices search.
export function HomeRoute() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  const supplier = session.data?.user != null && hasRole(session.data, ['supplier_user']);
  return <Navigate to={supplier ? '/for-you' : '/notices'} replace />;
}
