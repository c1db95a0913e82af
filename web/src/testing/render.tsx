import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { AppProviders } from '@/app/providers';
import { createI18n, type LanguageCode } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

// Shows the current URL so tests can assert on it as a user would see it in
// the address bar.
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

export function renderWithApp(
  ui: ReactElement,
  { route = '/', language = 'en' }: { route?: string; language?: LanguageCode } = {},
) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  const i18n = createI18n(language);
  const result = render(
    <AppProviders queryClient={queryClient} i18n={i18n}>
      <MemoryRouter initialEntries={[route]}>
        {ui}
        <LocationProbe />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, i18n, queryClient };
}
