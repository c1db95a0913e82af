import { act, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeNoticeDetail, UNSPSC } from '@/testing/fixtures';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';
import { NoticeDetailPage } from '../notice-detail';

function Page() {
  return (
    <Routes>
      <Route path="/notices/:id" element={<NoticeDetailPage id="ungm-273637" />} />
    </Routes>
  );
}

function serve(detail = makeNoticeDetail()) {
  return mockFetch(
    path('/api/v1/notices/ungm-273637', () => ({ body: detail })),
    path('/api/v1/unspsc', (url) => ({
      body: {
        items: (url.searchParams.get('codes') ?? '').split(',').flatMap((c) => (UNSPSC[c] ? [UNSPSC[c]] : [])),
      },
    })),
  );
}

describe('NoticeDetailPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2024-03-18T18:54:55Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shows the UNSPSC codes with titles in the UI language, in one batch request', async () => {
    const { calls } = serve();
    renderWithApp(<Page />, { route: '/notices/ungm-273637', language: 'fr' });
    const codes = await screen.findByRole('region', { name: 'Biens et services (UNSPSC)' });
    expect(await within(codes).findByText('Ordinateurs portables')).toBeInTheDocument();
    expect(within(codes).getByText('Pompes')).toBeInTheDocument();
    expect(within(codes).getByText('Produit')).toBeInTheDocument(); // level "commodity"
    const lookups = calls.filter((url) => url.pathname === '/api/v1/unspsc');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.searchParams.get('codes')).toBe('40151500,43211503');
  });

  it('shows every part of the notice', async () => {
    serve();
    renderWithApp(<Page />, { route: '/notices/ungm-273637' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Supply of solar water pumps' })).toHaveAttribute('lang', 'en');
    expect(screen.getByText('RFQ/2024/50941')).toBeInTheDocument();
    expect(screen.getByText('$12,345.50')).toBeInTheDocument();
    expect(screen.getByText('Ethiopia and Yemen')).toBeInTheDocument();
    expect(screen.getByText(/Supply and installation of 40 solar-powered/)).toBeInTheDocument();
    expect(screen.getByText('Deadline extended')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Lots' })).toHaveTextContent('$1,500.00');

    const source = screen.getByRole('link', { name: 'View on UNGM' });
    expect(source).toHaveAttribute('href', 'https://www.ungm.org/Public/Notice/273637');
    expect(source).toHaveAttribute('rel', 'noopener noreferrer');

    const documents = screen.getByRole('region', { name: 'Documents' });
    const link = within(documents).getByRole('link', { name: 'Solicitation document' });
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(within(documents).getByText(/Tender notice/)).toBeInTheDocument();
    // A javascript: URL from imported data is shown as text, never as a link.
    expect(within(documents).queryByRole('link', { name: 'Bad link' })).not.toBeInTheDocument();
    expect(within(documents).getByText('Bad link')).toBeInTheDocument();

    const versions = screen.getByRole('table');
    expect(within(versions).getAllByRole('row')).toHaveLength(3);
    expect(within(versions).getByText('deadline')).toBeInTheDocument();
    expect(within(versions).getByText('First version')).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'procurement@example.org' })).toHaveAttribute('href', 'mailto:procurement@example.org');
  });

  it('shows the deadline in the viewer zone and the agency zone, with a live countdown', async () => {
    serve();
    renderWithApp(<Page />, { route: '/notices/ungm-273637' });
    const panel = await screen.findByRole('region', { name: 'Deadline' });
    // Tests run with TZ=UTC; the agency is in New York (EDT on 20 March 2024).
    expect(within(panel).getByText('Your time (UTC)')).toBeInTheDocument();
    expect(within(panel).getByText(/Mar 20, 2024, 9:00\s?PM UTC/)).toBeInTheDocument();
    expect(within(panel).getByText('Agency time (America/New_York)')).toBeInTheDocument();
    expect(within(panel).getByText(/Mar 20, 2024, 5:00\s?PM EDT/)).toBeInTheDocument();
    expect(within(panel).getByText(/^Time left: 2 days,? 2 hr,? 5 min$/)).toBeInTheDocument();

    // A day and a bit later the countdown shows seconds, and they tick.
    act(() => vi.setSystemTime(new Date('2024-03-20T20:58:00Z')));
    act(() => vi.advanceTimersByTime(1000));
    expect(within(panel).getByText(/^Time left: 1 min,? 59 sec$/)).toBeInTheDocument();

    act(() => vi.setSystemTime(new Date('2024-03-20T21:00:30Z')));
    act(() => vi.advanceTimersByTime(1000));
    expect(within(panel).getByText(/^Closed/)).toBeInTheDocument();
  });

  it('shows the server detail when the notice does not exist', async () => {
    mockFetch(
      path('/api/v1/notices/ungm-273637', () => ({
        status: 404,
        body: { title: 'Not Found', status: 404, detail: 'no notice with id ungm-273637', code: 'not_found' },
      })),
    );
    renderWithApp(<Page />, { route: '/notices/ungm-273637' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not found');
    expect(alert).toHaveTextContent('no notice with id ungm-273637');
  });
});

describe('UNSPSC batch look-up', () => {
  it('leaves out codes the server would refuse, and still shows them', async () => {
    const detail = makeNoticeDetail({ unspsc: ['43211503', 'N/A', '4321150'] });
    const { calls } = serve(detail);
    renderWithApp(<Page />, { route: '/notices/ungm-273637' });
    const codes = await screen.findByRole('region', { name: 'Goods and services (UNSPSC)' });
    expect(await within(codes).findByText('Notebook computers')).toBeInTheDocument();
    expect(within(codes).getByText('N/A')).toBeInTheDocument();
    const lookup = calls.find((url) => url.pathname === '/api/v1/unspsc')!;
    expect(lookup.searchParams.get('codes')).toBe('43211503');
  });
});
