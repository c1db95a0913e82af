import { useParams } from 'react-router';
import { ReviewCasePage } from '@/features/sanctions';
import { RequireAuth, STAFF } from '@/lib/auth';

export function ReviewCaseRoute() {
  const { id = '' } = useParams();
  return (
    <RequireAuth roles={STAFF}>
      <ReviewCasePage key={id} reviewId={id} />
    </RequireAuth>
  );
}
