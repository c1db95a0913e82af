import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { mockApi, on, session, SUPPLIER_USER } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { EVENT, EVENT_ID, eventBody } from './fixtures';

describe('public event page', () => {
  it('shows the programme by day in the venue time zone, with rooms, speakers and agencies', async () => {
    mockApi(session(), on('GET', EVENT, () => ({ body: eventBody() })));
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}` });

    expect(await screen.findByRole('heading', { level: 1, name: 'UN Procurement Seminar Ningbo' })).toBeInTheDocument();
    expect(screen.getByTestId('event-zone')).toHaveTextContent('Asia/Shanghai (GMT+8)');
    const day = screen.getByTestId('agenda-day');
    expect(within(day).getByRole('heading', { name: 'Thursday, May 14, 2026' })).toBeInTheDocument();
    const lines = within(day).getAllByRole('listitem').filter((li) => li.classList.contains('ev-line'));
    // Briefing, morning session, lunch, afternoon session, in time order.
    expect(lines.map((li) => li.querySelector('.ev-line__time')?.textContent)).toEqual([
      '9:00 AM–10:00 AM',
      '10:00 AM–12:00 PM',
      '12:00 PM–2:00 PM',
      '2:00 PM–4:00 PM',
    ]);
    expect(lines[0]).toHaveTextContent('Agency briefing How UNDP buys');
    expect(lines[0]).toHaveTextContent('Room: Hall A');
    expect(within(lines[0]!).getByRole('list', { name: 'Speakers' })).toHaveTextContent('Maria Lopez, UNDP');
    expect(lines[2]).toHaveTextContent('Lunch');
    expect(lines[3]).toHaveTextContent('One-on-one meetings');
    const agency = screen.getByTestId('agency-card');
    expect(agency).toHaveTextContent('UNDP');
    expect(agency).toHaveTextContent('Solar power and IT for country offices.');
    expect(within(agency).getByRole('list', { name: 'UNSPSC codes' })).toHaveTextContent('43211503');
    expect(screen.getByRole('link', { name: 'Log in to register' })).toHaveAttribute(
      'href',
      `/login?next=${encodeURIComponent(`/events/${EVENT_ID}/participate`)}`,
    );
  });

  it('offers a signed-in supplier the registration, and its agenda once registered', async () => {
    mockApi(session(SUPPLIER_USER), on('GET', EVENT, () => ({ body: eventBody() })), on('GET', `${EVENT}/me`, () => ({ body: { items: [] } })));
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}` });
    expect(await screen.findByTestId('register-link')).toHaveAttribute('href', `/events/${EVENT_ID}/participate`);
  });

  it('renders right to left in Arabic with Arabic times', async () => {
    mockApi(session(), on('GET', EVENT, () => ({ body: eventBody() })));
    renderWithApp(<AppRoutes />, { route: `/events/${EVENT_ID}`, language: 'ar' });
    expect(await screen.findByRole('heading', { name: 'البرنامج' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'الوكالات المشاركة' })).toBeInTheDocument();
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getByText('إحاطة وكالة')).toBeInTheDocument();
    expect(screen.getByTestId('event-zone')).toHaveTextContent('جميع الأوقات بالتوقيت المحلي لمكان الانعقاد');
  });

  it('lists events with their state and dates', async () => {
    mockApi(session(), on('GET', '/api/v1/events', () => ({ body: { items: [eventBody()] } })));
    renderWithApp(<AppRoutes />, { route: '/events' });
    const card = await screen.findByTestId('event-card');
    expect(card).toHaveTextContent('UN Procurement Seminar Ningbo');
    expect(card).toHaveTextContent('Open for registration');
    expect(card).toHaveTextContent('May 14, 2026');
  });
});
