import { useState } from 'react';
import { type Membership, supplierMemberships, useSession } from '@/lib/auth';

// The company a supplier user acts for on the bidding pages. Most users work for one; a user
// of several picks one, and only then is it named in requests (the server takes the only
// one otherwise).
export function useCompany() {
  const session = useSession();
  const companies: Membership[] = supplierMemberships(session.data);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const company = companies.find((c) => c.organisation === chosen) ?? companies[0];
  return {
    session,
    signedIn: !!session.data?.user,
    companies,
    company,
    // The "supplier" parameter of bid requests: only when the user acts for several.
    supplierParam: companies.length > 1 ? company?.organisation : undefined,
    choose: setChosen,
  };
}
