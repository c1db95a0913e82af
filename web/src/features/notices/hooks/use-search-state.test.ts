import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH } from '../types/search';
import { hasFilters, paramsFromSearchState, searchStateFromParams, toggleValue } from './use-search-state';

describe('search state in the URL', () => {
  it('round-trips the words, every filter, sort, removed codes and cursor', () => {
    const state = {
      ...EMPTY_SEARCH,
      q: '"solar panels" OR 太阳能电池板',
      agency: ['UNDP', 'UNICEF'],
      type: ['rfq'],
      country: ['KE', 'ET'],
      region: ['africa'],
      unspsc: ['43', '2611'],
      language: ['fr'],
      status: ['open', 'closing'],
      closingWithinDays: '3',
      publishedFrom: '2024-01-01T00:00:00Z',
      publishedTo: '2024-12-31T23:59:59Z',
      deadlineFrom: '2024-02-01T00:00:00Z',
      deadlineTo: '2024-03-01T00:00:00Z',
      valueCurrency: 'USD',
      valueMin: '1000.00',
      valueMax: '50000',
      sustainable: 'true' as const,
      removeCode: ['25202001'],
      expand: false,
      sort: 'deadline' as const,
      cursor: 'abc123',
    };
    const params = paramsFromSearchState(state);
    expect(params.getAll('agency')).toEqual(['UNDP', 'UNICEF']);
    expect(params.get('remove_code')).toBe('25202001');
    expect(params.get('expand')).toBe('false');
    expect(searchStateFromParams(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(paramsFromSearchState(EMPTY_SEARCH).toString()).toBe('');
    expect(paramsFromSearchState({ ...EMPTY_SEARCH, q: '   ' }).toString()).toBe('');
  });

  it('reads untidy input safely', () => {
    const state = searchStateFromParams(
      new URLSearchParams('country=ke&country=KE&sort=bogus&sustainable=yes&agency=%20&unspsc=43-21&status=OPEN&expand=no'),
    );
    expect(state.country).toEqual(['KE']);
    expect(state.sort).toBe('');
    expect(state.sustainable).toBe('');
    expect(state.agency).toEqual([]);
    expect(state.unspsc).toEqual(['4321']);
    expect(state.status).toEqual(['open']);
    expect(state.expand).toBe(true);
    expect(searchStateFromParams(new URLSearchParams(`q=${'x'.repeat(5000)}`)).q).toHaveLength(1024);
  });

  it('toggles facet values and starts again at the first page', () => {
    const on = toggleValue({ ...EMPTY_SEARCH, cursor: 'c' }, 'agency', 'UNDP');
    expect(on.agency).toEqual(['UNDP']);
    expect(on.cursor).toBe('');
    expect(hasFilters(on)).toBe(true);
    const off = toggleValue(on, 'agency', 'UNDP');
    expect(off.agency).toEqual([]);
    expect(hasFilters(off)).toBe(false);
  });
});
