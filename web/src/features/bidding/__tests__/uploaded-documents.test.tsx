import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { TenderRoute } from '../index';

// The supplier's tender page lists uploaded tender documents (docs/tendering.md, "Tender
// documents") as same-origin downloads with size, version and SHA-256; links from elsewhere
// in download_url are not followed.

const OCID = 'ocds-tbrdg1-000009';
const file = (version: number, size: number, sha: string) => ({
  version,
  filename: `tor-v${version}.pdf`,
  format: 'application/pdf',
  size,
  sha256: sha,
  uploaded_at: '2030-01-02T10:00:00Z',
  url: `/api/v1/tenders/${OCID}/documents/doc-1/versions/${version}/content`,
});

function render(downloadUrl: string) {
  mockFetch(
    path('/api/v1/auth/session', () => ({ body: { user: null, memberships: [], mfa: { enrolled: false, verified: false } } })),
    path(`/api/v1/tenders/${OCID}`, () => ({
      body: {
        ocid: OCID,
        state: 'published',
        title: 'Solar water pumps',
        method: 'rfq',
        buyer: { id: 3, name: 'UNDP' },
        currency: 'USD',
        deadline: '2030-03-01T14:00:00Z',
        time_zone: 'Africa/Nairobi',
        envelope_mode: 'single',
        documents: [
          {
            id: 'doc-1',
            title: 'Terms of reference',
            url: '',
            document_type: 'technicalSpecifications',
            language: '',
            kind: 'terms_of_reference',
            download_url: downloadUrl,
            files: [file(1, 1000, 'a'.repeat(64)), file(2, 2_400_000, 'b'.repeat(64))],
          },
        ],
      },
    })),
    path(`/api/v1/tenders/${OCID}/clarifications`, () => ({ body: { items: [] } })),
  );
  renderWithApp(
    <Routes>
      <Route path="/tenders/:ocid" element={<TenderRoute />} />
    </Routes>,
    { route: `/tenders/${OCID}` },
  );
}

describe('uploaded tender documents on the tender page', () => {
  it('links the current version for download with its kind, size, version and SHA-256', async () => {
    render(`/api/v1/tenders/${OCID}/documents/doc-1/versions/2/content`);
    const item = await screen.findByTestId('uploaded-document');
    const link = within(item).getByRole('link', { name: 'Terms of reference' });
    expect(link).toHaveAttribute('href', `/api/v1/tenders/${OCID}/documents/doc-1/versions/2/content`);
    expect(link).toHaveAttribute('download', 'tor-v2.pdf');
    expect(item).toHaveTextContent('Terms of reference · 2.4 MB · version 2');
    expect(within(item).getByText('b'.repeat(64))).toBeInTheDocument();
  });

  it('does not follow a download link that is not the server\'s own route', async () => {
    render('https://evil.example/tor.pdf');
    const item = await screen.findByTestId('uploaded-document');
    expect(within(item).queryByRole('link')).not.toBeInTheDocument();
    expect(within(item).getByText('Terms of reference')).toBeInTheDocument();
  });
});
