import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from '@/app/app-routes';
import { AppProviders } from '@/app/providers';
import { createI18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';
import '@/styles/global.css';
import '@/styles/notices.css';
import '@/styles/search.css';
import '@/styles/accounts.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={createQueryClient()} i18n={createI18n()}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
