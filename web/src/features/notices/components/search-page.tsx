import { useTranslation } from 'react-i18next';
import { useSearchNotices } from '../api/search-notices';
import { useSearchState } from '../hooks/use-search-state';
import { FacetPanel } from './facet-panel';
import { SearchBox } from './search-box';
import { SearchResults } from './search-results';

// The opportunities search: search box on top, facets beside (or, on
// phones, behind a button above) the results. One request feeds both.
export function SearchPage() {
  const { i18n } = useTranslation();
  const { state } = useSearchState();
  const query = useSearchNotices(state, i18n.language);
  return (
    <div className="search">
      <SearchBox />
      <div className="search__layout">
        <FacetPanel facets={query.data?.facets} />
        <div className="search__results">
          <SearchResults query={query} searched={state} />
        </div>
      </div>
    </div>
  );
}
