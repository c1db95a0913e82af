import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { MyBidsPage } from './my-bids-page';
import { PrepareBidPage } from './prepare-bid-page';
import { TenderPage } from './tender-page';

function usePageTitle(key: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(key)} · ${t('app.name')}`;
  }, [t, key]);
}

// /tenders/:ocid, public: the page a tender's notice links to (src/tenders/tender_notice.cc).
export function TenderRoute() {
  const { ocid = '' } = useParams();
  usePageTitle('bidding.tender.summary');
  return <TenderPage key={ocid} ocid={ocid} />;
}

// /tenders/:ocid/bid, supplier users.
export function PrepareBidRoute() {
  const { ocid = '' } = useParams();
  usePageTitle('bidding.prepare.title');
  return (
    <RequireAuth roles={['supplier_user']}>
      <PrepareBidPage key={ocid} ocid={ocid} />
    </RequireAuth>
  );
}

// /bids, supplier users.
export function MyBidsRoute() {
  usePageTitle('bidding.myBids.title');
  return (
    <RequireAuth roles={['supplier_user']}>
      <MyBidsPage />
    </RequireAuth>
  );
}
