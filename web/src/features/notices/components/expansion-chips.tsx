import { useTranslation } from 'react-i18next';
import { useSearchState } from '../hooks/use-search-state';
import type { Expansion } from '../types/search';

// "Also searched: Ordinateurs 43211500 ×": the UNSPSC codes the query was
// expanded with (cross-language recall). Removing one adds remove_code to the
// URL; removed codes can be brought back all at once.
export function ExpansionChips({ expansions }: { expansions: readonly Expansion[] }) {
  const { t } = useTranslation();
  const { state, update } = useSearchState();
  if (expansions.length === 0 && state.removeCode.length === 0) return null;
  return (
    <div className="expansions">
      {expansions.length > 0 ? (
        <>
          <span className="expansions__label" id="expansions-label">
            {t('search.expansions')}
          </span>
          <ul className="chips" aria-labelledby="expansions-label">
            {expansions.map((expansion) => {
              const title = expansion.title || expansion.code;
              return (
                <li key={expansion.code} className="chip">
                  <span className="chip__title" dir="auto">
                    {title}
                  </span>
                  <span className="chip__code">{expansion.code}</span>
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('search.removeExpansion', { title, code: expansion.code })}
                    title={t('search.removeExpansion', { title, code: expansion.code })}
                    onClick={() =>
                      update({
                        ...state,
                        removeCode: [...new Set([...state.removeCode, expansion.code])],
                        cursor: '',
                      })
                    }
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {state.removeCode.length > 0 ? (
        <button
          type="button"
          className="button button--link"
          onClick={() => update({ ...state, removeCode: [], cursor: '' })}
        >
          {t('search.restoreExpansions')}
        </button>
      ) : null}
    </div>
  );
}
