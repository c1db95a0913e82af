import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../types/notice';
import { filtersFromSearch, searchFromFilters } from './use-notice-filters';

describe('notice filters in the URL', () => {
  it('round-trips every filter', () => {
    const filters = {
      ...EMPTY_FILTERS,
      buyer: ['UNDP', 'FAO'],
      type: 'rfq',
      country: 'KE',
      unspsc: '43',
      status: 'active',
      open: true,
      order: 'deadline' as const,
      deadlineFrom: '2024-01-01T00:00:00Z',
    };
    const search = searchFromFilters(filters, 'CURSOR');
    expect(search.toString()).toBe(
      'buyer=UNDP&buyer=FAO&type=rfq&country=KE&unspsc=43&status=active&order=deadline&deadline_from=2024-01-01T00%3A00%3A00Z&open=true&cursor=CURSOR',
    );
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it('leaves defaults out of the URL', () => {
    expect(searchFromFilters(EMPTY_FILTERS).toString()).toBe('');
  });

  it('reads untidy input safely', () => {
    const filters = filtersFromSearch(new URLSearchParams('country=ke&order=bogus&open=yes&buyer=%20'));
    expect(filters.country).toBe('KE');
    expect(filters.order).toBe('newest');
    expect(filters.open).toBe(false);
    expect(filters.buyer).toEqual([]);
  });
});
