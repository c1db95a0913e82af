import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { UnspscPicker } from '@/components/unspsc-picker';
import { mockApi, on } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';

const ENTRY = { code: '43211503', level: 'commodity', titles: { en: 'Notebook computers', fr: 'Ordinateurs portables' }, parent: '43211500' };

function Harness() {
  const [codes, setCodes] = useState<string[]>([]);
  return (
    <UnspscPicker
      label="Codes"
      selected={codes}
      onAdd={(code) => setCodes([...codes, code])}
      onRemove={(code) => setCodes(codes.filter((c) => c !== code))}
    />
  );
}

describe('UnspscPicker', () => {
  it('finds codes by title prefix in the UI language and adds one with the keyboard', async () => {
    const api = mockApi(
      on('GET', '/api/v1/unspsc', (request) =>
        request.url.searchParams.has('prefix') || request.url.searchParams.has('codes') ? { body: { items: [ENTRY] } } : undefined,
      ),
    );
    const user = userEvent.setup();
    renderWithApp(<Harness />, { language: 'fr' });
    const box = screen.getByRole('combobox', { name: 'Codes' });
    await user.type(box, 'ordin');
    await screen.findByRole('option', { name: /Ordinateurs portables/ });
    const search = api.requests.find((r) => r.url.searchParams.has('prefix'))!;
    expect(search.url.searchParams.get('prefix')).toBe('ordin');
    expect(search.url.searchParams.get('lang')).toBe('fr');

    await user.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('button', { name: 'Retirer 43211503 Ordinateurs portables' })).toBeInTheDocument();
    expect(box).toHaveValue('');
  });

  it('searches English titles for a language the catalogue lacks', async () => {
    const api = mockApi(on('GET', '/api/v1/unspsc', () => ({ body: { items: [] } })));
    const user = userEvent.setup();
    renderWithApp(<Harness />, { language: 'ar' });
    await user.type(screen.getByRole('combobox'), 'comp');
    await waitFor(() => expect(api.requests.some((r) => r.url.searchParams.get('lang') === 'en')).toBe(true));
  });
});
