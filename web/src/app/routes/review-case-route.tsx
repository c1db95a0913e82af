import { useParams } from 'react-router';
import { ReviewCasePage } from '@/features/sanctions';
import { RequireAuth, SCREENING_STAFF } from '@/lib/auth';

export function ReviewCaseRoute() {
  const { id = '' } = useParams();
  return (
    <RequireAuth roles={SCREENING_STAFF}>
      <ReviewCasePage key={id} reviewId={id} />
    </RequireAuth>
  );
}
