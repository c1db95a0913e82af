import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { DocumentUploads } from '../components/documents/document-uploads';

// The officer's uploads panel against a stand-in server: the multipart form it sends, the
// progress bar, the server's 413 and 415 refusals shown in words with the limit, the list
// with size and SHA-256, removal.

const OCID = 'ocds-tbrdg1-000042';
const HASH = 'a'.repeat(64);

class FakeXhr {
  static sent: FakeXhr[] = [];
  url = '';
  headers: Record<string, string> = {};
  body: FormData | undefined;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function uploaded(id: string, title: string, size: number) {
  const file = { version: 1, filename: `${title}.pdf`, format: 'application/pdf', size, sha256: HASH, uploaded_at: '2027-01-04T06:00:00Z', url: `/api/v1/tenders/${OCID}/documents/${id}/versions/1/content` };
  return { id, title, kind: 'terms_of_reference', document_type: 'technicalSpecifications', language: null, uploaded: true, url: file.url, current: file, files: [file] };
}

function setUp(items: unknown[] = [], published = false) {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const list = { items, state: published ? 'published' : 'draft', limits: { max_file_bytes: 25 * 1024 * 1024, max_documents: 100, formats: ['application/pdf'] } };
  const api = mockFetch(
    path(`/api/v1/tenders/${OCID}/documents`, () => ({ body: list })),
    path(`/api/v1/tenders/${OCID}/documents/doc-2`, () => ({ status: 200, body: null })),
    path('/api/v1/auth/csrf', () => ({ body: { csrf_token: 't' } })),
  );
  const onChanged = vi.fn();
  renderWithApp(<DocumentUploads ocid={OCID} readOnly={false} published={published} onChanged={onChanged} />);
  return { list, onChanged, api };
}

const pdf = (name: string, size = 2048) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });

describe('DocumentUploads', () => {
  it('sends the kind, title and file as multipart, shows progress and reports the change', async () => {
    const user = userEvent.setup();
    const { list, onChanged } = setUp();
    expect(await screen.findByText('No files uploaded yet.')).toBeInTheDocument();
    expect(screen.getByTestId('tender-uploads')).toHaveTextContent(/at most 26.2\sMB each/);
    await user.selectOptions(screen.getByLabelText(/Kind of document/), 'terms_of_reference');
    await user.type(screen.getByLabelText(/^Title/), 'Terms of reference');
    await user.upload(screen.getByLabelText('File'), pdf('tor.pdf'));
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.url).toBe(`/api/v1/tenders/${OCID}/documents`);
    expect(xhr.body?.get('kind')).toBe('terms_of_reference');
    expect(xhr.body?.get('title')).toBe('Terms of reference');
    expect((xhr.body?.get('file') as File).name).toBe('tor.pdf');
    act(() => xhr.upload.onprogress?.({ lengthComputable: true, loaded: 40, total: 100 }));
    expect(screen.getByRole('progressbar', { name: 'Uploading tor.pdf' })).toHaveAttribute('value', '40');

    list.items.push(uploaded('doc-1', 'Terms of reference', 2048));
    act(() => xhr.respond(201, { ...uploaded('doc-1', 'Terms of reference', 2048), tender_version: 3 }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    const item = await screen.findByTestId('uploaded-doc-1');
    expect(within(item).getByText(HASH)).toBeInTheDocument();
    expect(within(item).getByText(/2 kB/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('says what is wrong when the server refuses the size or the type, and keeps the list as it was', async () => {
    const user = userEvent.setup();
    const { onChanged } = setUp();
    await screen.findByText('No files uploaded yet.');
    await user.selectOptions(screen.getByLabelText(/Kind of document/), 'form');
    await user.upload(screen.getByLabelText('File'), pdf('big.pdf'));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    act(() => FakeXhr.sent[0]!.respond(413, { status: 413, title: 'Content Too Large', code: 'file_too_large', detail: 'too big', field: 'file' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This file is too large: files may be at most 26.2 MB.');

    await user.upload(screen.getByLabelText('File'), pdf('form.pdf'));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    act(() => FakeXhr.sent[1]!.respond(415, { status: 415, title: 'Unsupported Media Type', code: 'unsupported_media_type', detail: 'files of type text/plain are not accepted', field: 'file' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This file type is not accepted (checked from its content)');
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.getByText('No files uploaded yet.')).toBeInTheDocument();
  });

  it('refuses a file above the limit before sending it, and asks for the kind first', async () => {
    const user = userEvent.setup();
    setUp();
    await screen.findByText('No files uploaded yet.');
    await user.upload(screen.getByLabelText('File'), pdf('a.pdf'));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the kind of document.');
    await user.selectOptions(screen.getByLabelText(/Kind of document/), 'other');
    await user.upload(screen.getByLabelText('File'), pdf('huge.pdf', 25 * 1024 * 1024 + 1));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('files may be at most 26.2 MB');
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('after publication asks for the rationale and sends a new version of the chosen document', async () => {
    const user = userEvent.setup();
    setUp([uploaded('doc-1', 'Terms of reference', 2048)], true);
    const item = await screen.findByTestId('uploaded-doc-1');
    expect(within(item).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('New version of'), 'doc-1');
    await user.upload(screen.getByLabelText('File'), pdf('tor-v2.pdf'));
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Give the rationale of the amendment.');
    expect(FakeXhr.sent).toHaveLength(0);
    await user.type(screen.getByLabelText(/Rationale of the amendment/), 'Site map added');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    expect(FakeXhr.sent[0]!.body?.get('document_id')).toBe('doc-1');
    expect(FakeXhr.sent[0]!.body?.get('rationale')).toBe('Site map added');
    expect(FakeXhr.sent[0]!.body?.get('kind')).toBeNull();
  });

  it('removes a draft document through the API', async () => {
    const user = userEvent.setup();
    const { onChanged, api } = setUp([uploaded('doc-2', 'Bid form', 1_500_000)]);
    const item = await screen.findByTestId('uploaded-doc-2');
    expect(within(item).getByText(/1.5 MB/)).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: 'Remove Bid form' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    const calls = api.fn.mock.calls as unknown as [RequestInfo | URL, RequestInit | undefined][];
    const deletes = calls.filter(([, init]) => init?.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(String(deletes[0]![0])).toContain(`/tenders/${OCID}/documents/doc-2`);
  });
});

// Every language has every string of the uploads panel, each translated (not left empty).
describe('tenderDocuments strings', () => {
  const files = import.meta.glob<Record<string, unknown>>('../../../locales/tenderDocuments/*.json', { eager: true, import: 'default' });
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
      : [`${prefix.slice(0, -1)}=${typeof value === 'string' && value.trim() !== '' ? 'text' : 'empty'}`];
  it('has the same non-empty keys in all six languages', () => {
    const byLanguage = Object.fromEntries(Object.entries(files).map(([file, strings]) => [file.slice(-7, -5), keys(strings).sort()]));
    expect(Object.keys(byLanguage).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    for (const language of Object.keys(byLanguage)) expect(byLanguage[language]).toEqual(byLanguage.en);
    expect(byLanguage.en!.every((k) => k.endsWith('=text'))).toBe(true);
  });
});
