import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr, mockApi, on, session, SESSION_TOKEN, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { DocumentsPage } from '../documents-page';
import { ReadinessPage } from '../readiness-page';

const NOW = new Date('2025-06-01T12:00:00Z');

function Pages() {
  return (
    <Routes>
      <Route path="/suppliers/:id/readiness" element={<ReadinessPage supplierId="42" />} />
      <Route path="/suppliers/:id/documents" element={<DocumentsPage supplierId="42" now={NOW} />} />
    </Routes>
  );
}

const READINESS = {
  level: 0,
  status: 'draft',
  can_submit: true,
  levels: [
    {
      level: 1,
      name: 'basic',
      items: [
        { key: 'readiness.items.legal_name', done: true, field: 'legal_name' },
        { key: 'readiness.items.contacts', done: false, field: 'contacts' },
        { key: 'readiness.items.registration_certificate', done: false, document_kind: 'registration_certificate' },
        { key: 'readiness.items.new_rule', done: false, message: 'Do the new thing.' },
      ],
    },
    { level: 2, name: 'level_1', items: [{ key: 'readiness.items.financial_statement', done: false }] },
  ],
};

describe('readiness page', { timeout: 20_000 }, () => {
  it('shows progress per level and, for each missing item, what to do and where', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: READINESS })));
    renderWithApp(<Pages />, { route: '/suppliers/42/readiness' });

    const basic = await screen.findByRole('region', { name: 'Basic' });
    expect(within(basic).getByRole('progressbar', { name: 'Progress towards Basic' })).toHaveAttribute('value', '25');
    expect(within(basic).getByText('1 of 4 (25%)')).toBeInTheDocument();
    const contacts = within(basic).getByText('Add at least one contact person.').closest('li')!;
    expect(within(contacts).getByRole('link', { name: 'Complete it' })).toHaveAttribute(
      'href',
      '/suppliers/42/profile?step=contacts',
    );
    const certificate = within(basic).getByText('Upload your certificate of registration.').closest('li')!;
    expect(within(certificate).getByRole('link', { name: 'Upload it' })).toHaveAttribute(
      'href',
      '/suppliers/42/documents?kind=registration_certificate',
    );
    // A key this UI does not know yet falls back to the server's message.
    expect(within(basic).getByText('Do the new thing.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Level 1' })).toBeInTheDocument();
  });

  it('submits the profile for review with the CSRF token', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: READINESS })),
      on('POST', '/api/v1/suppliers/42/review', () => ({ body: { status: 'submitted' } })),
      on('GET', '/api/v1/suppliers/42/profile', () => ({ body: {} })),
    );
    const user = userEvent.setup();
    renderWithApp(<Pages />, { route: '/suppliers/42/readiness' });
    await user.click(await screen.findByRole('button', { name: 'Submit for review' }));
    expect(await screen.findByText('Your profile has been submitted for review.')).toBeInTheDocument();
    const post = api.writes()[0];
    expect(post?.body).toEqual({ action: 'submit' });
    expect(post?.headers.get('X-CSRF-Token')).toBe(SESSION_TOKEN);
  });
});

describe('documents page', { timeout: 20_000 }, () => {
  beforeEach(() => FakeXhr.install());

  const listed = [
    { id: 1, kind: 'tax_certificate', filename: 'tax.pdf', size: 245760, valid_until: '2025-05-01', uploaded_at: '2025-01-10T09:00:00Z' },
    { id: 2, kind: 'registration_certificate', filename: 'rc.pdf', size: 1000, valid_until: '2025-06-20', uploaded_at: '2025-01-10T09:00:00Z' },
    { id: 3, kind: 'financial_statement', filename: 'fs-2024.xlsx', size: 52000, valid_until: null, uploaded_at: '2025-02-10T09:00:00Z' },
  ];

  it('lists documents with expiry warnings and download links', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/documents', () => ({ body: { items: listed } })));
    renderWithApp(<Pages />, { route: '/suppliers/42/documents' });
    const rows = await screen.findAllByTestId('document-row');
    expect(within(rows[0]!).getByText('Expired')).toBeInTheDocument();
    expect(within(rows[0]!).getByRole('link', { name: 'tax.pdf' })).toHaveAttribute('href', '/api/v1/documents/1/content');
    expect(within(rows[0]!).getByText(/240 kB/)).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Expires soon')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Does not expire')).toBeInTheDocument();
    expect(within(rows[2]!).queryByText(/Expire/)).not.toBeInTheDocument();
  });

  it('uploads each file with its own progress bar, and shows 413 and 415 refusals in words', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/documents', () => ({ body: { items: [] } })));
    // `accept` only filters the picker; a user can still choose "all files".
    const user = userEvent.setup({ applyAccept: false });
    renderWithApp(<Pages />, { route: '/suppliers/42/documents?kind=tax_certificate' });

    expect(await screen.findByLabelText('Type of document')).toHaveValue('tax_certificate');
    await user.type(screen.getByLabelText('Valid until'), '2026-12-31');
    const files = [
      new File(['%PDF-1.7 tax'], 'tax-2025.pdf', { type: 'application/pdf' }),
      new File(['x'.repeat(10)], 'huge-scan.pdf', { type: 'application/pdf' }),
      new File(['MZ'], 'tool.exe', { type: 'application/octet-stream' }),
    ];
    await user.upload(screen.getByLabelText('Files'), files);
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    await waitFor(() => expect(FakeXhr.instances).toHaveLength(3));
    const [tax, huge, exe] = FakeXhr.instances as [FakeXhr, FakeXhr, FakeXhr];
    expect(tax.method).toBe('POST');
    expect(tax.url).toBe('/api/v1/suppliers/42/documents');
    expect(tax.headers['X-CSRF-Token']).toBe(SESSION_TOKEN);
    expect(tax.body?.get('kind')).toBe('tax_certificate');
    expect(tax.body?.get('valid_until')).toBe('2026-12-31');
    expect((tax.body?.get('file') as File).name).toBe('tax-2025.pdf');

    act(() => tax.progress(40, 100));
    const bar = screen.getByRole('progressbar', { name: 'Upload of tax-2025.pdf' });
    expect(bar).toHaveAttribute('value', '40');
    expect(screen.getByText('40%')).toBeInTheDocument();

    act(() => tax.respond(201, { id: 9, kind: 'tax_certificate', filename: 'tax-2025.pdf' }));
    act(() => huge.respond(413, { status: 413, code: 'resource_exhausted', detail: 'file is larger than 20 MiB' }));
    act(() => exe.respond(415, { status: 415, code: 'unsupported_media_type', detail: 'not an allowed type' }));

    expect(await screen.findByText(/This file is too large/)).toBeInTheDocument();
    expect(screen.getByText(/This type of file is not accepted/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Upload of tax-2025.pdf' })).toHaveAttribute('value', '100'));
  });

  it('asks for the type before uploading', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/documents', () => ({ body: [] })));
    const user = userEvent.setup();
    renderWithApp(<Pages />, { route: '/suppliers/42/documents' });
    await user.click(await screen.findByRole('button', { name: 'Upload' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the type of document.');
    expect(FakeXhr.instances).toHaveLength(0);
  });
});
