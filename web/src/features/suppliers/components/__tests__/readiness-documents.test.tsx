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

// As GET /suppliers/{id}/readiness answers (src/suppliers/readiness.cc ReadinessToJson).
const READINESS = {
  reached: 'none',
  state: 'draft',
  can_submit: false,
  language: 'en',
  levels: [
    {
      level: 'basic',
      score: 33,
      complete: false,
      items: [
        {
          id: 'general_information',
          done: false,
          next: { key: 'readiness.general_information', params: { missing: 'year_established, party_scale' } },
          message: 'Complete the general information: year_established, party_scale.',
        },
        { id: 'address', done: true },
        { id: 'contacts', done: false, next: { key: 'readiness.contacts', params: {} }, message: 'Add a contact person.' },
        { id: 'new_rule', done: false, next: { key: 'readiness.new_rule', params: {} }, message: 'Do the new thing.' },
        { id: 'code_of_conduct', done: true },
        { id: 'codes', done: false, next: { key: 'readiness.codes', params: {} } },
      ],
    },
    {
      level: 'level_1',
      score: 0,
      complete: false,
      items: [
        {
          id: 'incorporation_certificate',
          done: false,
          next: { key: 'readiness.incorporation_expired', params: { date: '2024-12-31' } },
          message: 'Your certificate of incorporation expired on 2024-12-31; upload a current one.',
        },
        { id: 'references', done: false, next: { key: 'readiness.references', params: { missing: '2' } } },
      ],
    },
    { level: 'level_2', score: 100, complete: true, items: [] },
  ],
};

describe('readiness page', { timeout: 20_000 }, () => {
  it("shows the server's score per level and, for each missing item, what to do (translated) and where", async () => {
    const api = mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: READINESS })));
    renderWithApp(<Pages />, { route: '/suppliers/42/readiness' });

    const basic = await screen.findByRole('region', { name: 'Basic' });
    expect(within(basic).getByRole('progressbar', { name: 'Progress towards Basic' })).toHaveAttribute('value', '33');
    expect(within(basic).getByText('2 of 6 (33%)')).toBeInTheDocument();
    // The key's parameters are field names; they are shown as words in the UI language.
    expect(within(basic).getByText('Complete the general information: year established and company size.')).toBeInTheDocument();
    const contacts = within(basic).getByText('Add a contact person with a name and an e-mail address.').closest('li')!;
    expect(within(contacts).getByRole('link', { name: 'Complete it' })).toHaveAttribute('href', '/suppliers/42/profile?step=contacts');
    expect(within(basic).getByText('Registered address')).toBeInTheDocument();
    // A key this UI does not know yet falls back to the server's message.
    expect(within(basic).getByText('Do the new thing.')).toBeInTheDocument();

    const level1 = screen.getByRole('region', { name: 'Level 1' });
    const certificate = within(level1).getByText(/Your certificate of incorporation expired on/).closest('li')!;
    expect(certificate).toHaveTextContent('expired on Dec 31, 2024;');
    expect(within(certificate).getByRole('link', { name: 'Upload it' })).toHaveAttribute(
      'href',
      '/suppliers/42/documents?kind=incorporation_certificate',
    );
    expect(within(level1).getByText('Add 2 more client references; UNGM asks for 3.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /^Level 2/ })).toHaveTextContent('Complete');
    expect(screen.getByTestId('readiness-reached')).toHaveTextContent('None yet');
    expect(api.requests.find((r) => r.url.pathname.endsWith('/readiness'))?.url.searchParams.get('lang')).toBe('en');
  });

  it('translates the next step into the UI language', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: READINESS })));
    renderWithApp(<Pages />, { route: '/suppliers/42/readiness', language: 'fr' });
    const level1 = await screen.findByRole('region', { name: 'Niveau 1' });
    expect(within(level1).getByText('Ajoutez 2 référence(s) client supplémentaire(s) ; UNGM en demande 3.')).toBeInTheDocument();
    expect(
      screen.getByText("Complétez les informations générales : année de création et taille de l'entreprise."),
    ).toBeInTheDocument();
  });

  it('submits the profile for review with the CSRF token', async () => {
    const api = mockApi(
      session(SUPPLIER_USER),
      on('GET', '/api/v1/suppliers/42/readiness', () => ({ body: { ...READINESS, can_submit: true } })),
      on('POST', '/api/v1/suppliers/42/review', () => ({ body: { state: 'submitted' } })),
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

  // As GET /suppliers/{id}/documents lists them (src/http/document_routes.cc DocumentJson).
  const doc = (fields: Record<string, unknown>) => ({
    supplier_id: 42,
    content_type: 'application/pdf',
    sha256: 'ab'.repeat(32),
    uploaded_at: '2025-01-10T09:00:00Z',
    uploaded_by: 7,
    valid_from: null,
    valid_until: null,
    expired: false,
    fiscal_year: null,
    audited: false,
    language: null,
    translation_of: null,
    ...fields,
  });
  const listed = [
    doc({ id: 1, kind: 'certificate', filename: 'iso9001.pdf', size: 245760, valid_until: '2025-05-01', expired: true }),
    doc({ id: 2, kind: 'incorporation_certificate', filename: 'rc.pdf', size: 1000, valid_until: '2025-06-20', language: 'fr' }),
    doc({ id: 3, kind: 'financial_statement', filename: 'fs-2024.xlsx', size: 52000, fiscal_year: 2024, audited: true }),
    doc({ id: 4, kind: 'translation', filename: 'rc-en.pdf', size: 900, language: 'en', translation_of: 2 }),
  ];

  it('lists documents with expiry warnings and download links', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/documents', () => ({ body: { items: listed } })));
    renderWithApp(<Pages />, { route: '/suppliers/42/documents' });
    const rows = await screen.findAllByTestId('document-row');
    expect(within(rows[0]!).getByText('Expired')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Quality or other certificate (ISO…)')).toBeInTheDocument();
    expect(within(rows[0]!).getByRole('link', { name: 'iso9001.pdf' })).toHaveAttribute('href', '/api/v1/documents/1/content');
    expect(within(rows[0]!).getByText(/240 kB/)).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Expires soon')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('French')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Does not expire')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('fiscal year 2024 · audited')).toBeInTheDocument();
    expect(within(rows[2]!).queryByText(/Expire/)).not.toBeInTheDocument();
    expect(within(rows[3]!).getByText('English · translation of rc.pdf')).toBeInTheDocument();
  });

  it('uploads each file with its own progress bar, and shows 413 and 415 refusals in words', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/documents', () => ({ body: { items: [] } })));
    // `accept` only filters the picker; a user can still choose "all files".
    const user = userEvent.setup({ applyAccept: false });
    renderWithApp(<Pages />, { route: '/suppliers/42/documents?kind=incorporation_certificate' });

    expect(await screen.findByLabelText('Type of document')).toHaveValue('incorporation_certificate');
    await user.type(screen.getByLabelText('Valid until'), '2026-12-31');
    await user.selectOptions(screen.getByLabelText('Language of the document'), 'en');
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
    expect(tax.body?.get('kind')).toBe('incorporation_certificate');
    expect(tax.body?.get('valid_until')).toBe('2026-12-31');
    expect(tax.body?.get('language')).toBe('en');
    expect(tax.body?.get('fiscal_year')).toBeNull();
    expect((tax.body?.get('file') as File).name).toBe('tax-2025.pdf');

    act(() => tax.progress(40, 100));
    const bar = screen.getByRole('progressbar', { name: 'Upload of tax-2025.pdf' });
    expect(bar).toHaveAttribute('value', '40');
    expect(screen.getByText('40%')).toBeInTheDocument();

    act(() => tax.respond(201, doc({ id: 9, kind: 'incorporation_certificate', filename: 'tax-2025.pdf', size: 12 })));
    act(() => huge.respond(413, { status: 413, code: 'resource_exhausted', detail: 'file is larger than 20 MiB' }));
    act(() => exe.respond(415, { status: 415, code: 'unsupported_media_type', detail: 'not an allowed type' }));

    expect(await screen.findByText(/This file is too large/)).toBeInTheDocument();
    expect(screen.getByText(/This type of file is not accepted/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Upload of tax-2025.pdf' })).toHaveAttribute('value', '100'));
  });

  it('sends the fiscal year and audit of a financial statement', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/documents', () => ({ body: { items: [] } })));
    const user = userEvent.setup();
    renderWithApp(<Pages />, { route: '/suppliers/42/documents' });
    await user.selectOptions(await screen.findByLabelText('Type of document'), 'financial_statement');
    await user.type(screen.getByLabelText('Fiscal year covered'), '2024');
    await user.click(screen.getByLabelText('Audited by an external auditor'));
    await user.upload(screen.getByLabelText('Files'), new File(['%PDF-1.7'], 'fs.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(1));
    const form = FakeXhr.instances[0]!.body!;
    expect([form.get('kind'), form.get('fiscal_year'), form.get('audited')]).toEqual(['financial_statement', '2024', 'true']);
  });

  it('asks for the type before uploading', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', '/api/v1/suppliers/42/documents', () => ({ body: { items: [] } })));
    const user = userEvent.setup();
    renderWithApp(<Pages />, { route: '/suppliers/42/documents' });
    await user.click(await screen.findByRole('button', { name: 'Upload' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the type of document.');
    expect(FakeXhr.instances).toHaveLength(0);
  });
});
