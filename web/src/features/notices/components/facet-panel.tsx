import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, flagEmoji, formatNumber, languageName } from '@/lib/format';
import { unspscTitle, useUnspscCodes } from '../api/get-unspsc-codes';
import { hasFilters, toggleValue, useSearchState, withoutFilters } from '../hooks/use-search-state';
import { FACET_OF_FILTER, type FacetValue, type Facets, LIST_FILTERS, type ListFilter } from '../types/search';

const COLLAPSED_VALUES = 8;

// "43" -> "43000000", "432115" -> "43211500": the catalogue look-up takes full codes.
const fullCode = (segment: string) => segment.padEnd(8, '0');

interface Props {
  facets: Facets | undefined;
}

// Facet counts for the current search, one group per filter. Ticking a value
// adds it to the URL (values of one group are OR'ed, groups AND'ed). On
// phones the panel is closed behind a "Filters" button so the results start
// on the first screen.
export function FacetPanel({ facets }: Props) {
  const { t, i18n } = useTranslation();
  const { state, update } = useSearchState();
  const [open, setOpen] = useState(false);
  const id = useId();
  const segments = facets?.segment.map((f) => f.value) ?? [];
  const codes = useUnspscCodes([...new Set([...segments, ...state.unspsc])].map(fullCode));
  const active = LIST_FILTERS.reduce((sum, name) => sum + state[name].length, 0) + (state.sustainable ? 1 : 0);

  const label = (name: ListFilter, value: string): string => {
    switch (name) {
      case 'country':
        return countryName(value, i18n.language);
      case 'type':
        return t(`notice.types.${value}`, { defaultValue: value });
      case 'region':
        return t(`search.regions.${value}`, { defaultValue: value });
      case 'status':
        return t(`search.statuses.${value}`, { defaultValue: value });
      case 'language':
        // "und" (undetermined, ISO 639-2) is the index's value for titles whose language
        // could not be told; Intl names it "root" in some languages.
        return value === 'und' ? t('search.unknownLanguage') : languageName(value, i18n.language);
      case 'unspsc': {
        const title = unspscTitle(codes.data?.get(fullCode(value)), i18n.language);
        return title ? `${value} · ${title}` : value;
      }
      default:
        return value;
    }
  };

  return (
    <aside className="facets" aria-labelledby={`${id}-title`}>
      <button
        type="button"
        id={`${id}-toggle`}
        className="button button--secondary facets__toggle"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen(!open)}
      >
        {active > 0 ? t('search.filtersCount', { formatted: formatNumber(active, i18n.language) }) : t('search.filters')}
      </button>
      <div id={`${id}-body`} className="facets__body" data-open={open}>
        <h2 id={`${id}-title`} className="facets__title">
          {t('search.filtersTitle')}
        </h2>
        {hasFilters(state) ? (
          <button type="button" className="button button--link" onClick={() => update(withoutFilters(state))}>
            {t('search.clearFilters')}
          </button>
        ) : null}
        {LIST_FILTERS.map((name) => (
          <FacetGroup
            key={name}
            name={name}
            values={withSelected(facets?.[FACET_OF_FILTER[name]] ?? [], state[name])}
            selected={state[name]}
            label={(value) => label(name, value)}
            onToggle={(value) => update(toggleValue(state, name, value))}
          />
        ))}
        <fieldset className="facet">
          <legend className="facet__legend">{t('search.sustainability')}</legend>
          <label className="facet__option">
            <input
              type="checkbox"
              checked={state.sustainable === 'true'}
              onChange={(e) => update({ ...state, sustainable: e.target.checked ? 'true' : '', cursor: '' })}
            />
            <span className="facet__label">{t('search.sustainable')}</span>
          </label>
          <p className="field__hint">{t('search.sustainableHint')}</p>
        </fieldset>
        {/* Phones: back to the results without scrolling up to the toggle. */}
        <button
          type="button"
          className="button facets__done"
          onClick={() => {
            setOpen(false);
            document.getElementById(`${id}-toggle`)?.scrollIntoView({ block: 'start' });
          }}
        >
          {t('search.showResults')}
        </button>
      </div>
    </aside>
  );
}

// Chosen values stay listed (with their count, or 0) so they can be unticked
// even when the other filters leave no notice with them.
function withSelected(values: readonly FacetValue[], selected: readonly string[]): FacetValue[] {
  const missing = selected.filter((value) => !values.some((f) => f.value === value));
  return [...values, ...missing.map((value) => ({ value, count: 0 }))];
}

interface GroupProps {
  name: ListFilter;
  values: FacetValue[];
  selected: readonly string[];
  label: (value: string) => string;
  onToggle: (value: string) => void;
}

function FacetGroup({ name, values, selected, label, onToggle }: GroupProps) {
  const { t, i18n } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  if (values.length === 0) return null;
  const shown = showAll ? values : values.slice(0, COLLAPSED_VALUES);
  return (
    <fieldset className="facet">
      <legend className="facet__legend">{t(`search.facets.${name}`)}</legend>
      <ul className="facet__list">
        {shown.map(({ value, count }) => (
          <li key={value}>
            <label className="facet__option">
              <input type="checkbox" checked={selected.includes(value)} onChange={() => onToggle(value)} />
              {name === 'country' && flagEmoji(value) ? (
                <span className="flag" aria-hidden="true">
                  {flagEmoji(value)}
                </span>
              ) : null}
              <span className="facet__label" dir="auto" title={label(value)}>
                {label(value)}
              </span>
              <span className="facet__count">{formatNumber(count, i18n.language)}</span>
            </label>
          </li>
        ))}
      </ul>
      {values.length > COLLAPSED_VALUES ? (
        <button type="button" className="button button--link" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? t('search.showFewer') : t('search.showMore', { formatted: formatNumber(values.length, i18n.language) })}
        </button>
      ) : null}
    </fieldset>
  );
}
