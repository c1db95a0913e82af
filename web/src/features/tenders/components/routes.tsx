import { useParams } from 'react-router';
import { TenderBuilderPage } from './builder/tender-builder-page';
import { TenderPage } from './tender-page';

// The route elements read the tender's public id from the path (/manage/tenders/:ocid).
export function TenderPageRoute() {
  const { ocid = '' } = useParams();
  return <TenderPage key={ocid} ocid={ocid} />;
}

export function TenderBuilderRoute() {
  const { ocid = '' } = useParams();
  return <TenderBuilderPage key={ocid} ocid={ocid} />;
}
