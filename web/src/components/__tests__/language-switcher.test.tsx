import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { detectLanguage, LANGUAGE_STORAGE_KEY } from '@/lib/i18n';
import { mockFetch, path } from '@/testing/mock-fetch';
import { renderWithApp } from '@/testing/render';

function serveEmptyList() {
  mockFetch(path('/api/v1/notices', () => ({ body: { items: [], next_cursor: null, total: 0 } })));
}

describe('language switcher', () => {
  it('offers the six UN languages, each in its own script', () => {
    serveEmptyList();
    renderWithApp(<AppRoutes />, { route: '/notices' });
    const options = screen.getAllByRole('option', { name: /English|Français|Español|中文|العربية|Русский/ });
    expect(options.map((o) => o.textContent)).toEqual(['English', 'Français', 'Español', '中文', 'العربية', 'Русский']);
  });

  it('switching to Arabic turns the page right-to-left and remembers the choice', async () => {
    serveEmptyList();
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: '/notices' });
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');

    await user.selectOptions(screen.getByLabelText('Language'), 'ar');

    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(document.documentElement).toHaveAttribute('lang', 'ar');
    expect(screen.getByRole('heading', { level: 1, name: 'إشعارات الشراء' })).toBeInTheDocument();
    expect(screen.getByLabelText('اللغة')).toHaveValue('ar');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ar');

    await user.selectOptions(screen.getByLabelText('اللغة'), 'zh');
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');
    expect(screen.getByRole('link', { name: '公告' })).toBeInTheDocument();
  });

  it('has a skip link to the main content', () => {
    serveEmptyList();
    renderWithApp(<AppRoutes />, { route: '/notices' });
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });
});

describe('detectLanguage', () => {
  it('takes a stored choice first', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ru');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR']);
    expect(detectLanguage()).toBe('ru');
  });

  it('takes the first supported browser language on a first visit', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'es-MX', 'en']);
    expect(detectLanguage()).toBe('es');
  });

  it('falls back to English', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
    expect(detectLanguage()).toBe('en');
  });

  it('ignores a stored value that is not a supported language', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-TW']);
    expect(detectLanguage()).toBe('zh');
  });
});
