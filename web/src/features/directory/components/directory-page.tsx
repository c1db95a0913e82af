import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField, TextField } from '@/components/forms/field';
import { Loading } from '@/components/ui/loading';
import { UnspscPicker } from '@/components/unspsc-picker';
import { sortedCountries } from '@/lib/countries';
import { countryName, flagEmoji, formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import {
  DIRECTORY_LEVELS,
  DIRECTORY_PARAMS,
  type DirectoryEntry,
  type DirectoryFacet,
  type DirectoryFilters,
  type FacetValue,
  useDirectory,
} from '../api';

const SIZES = ['micro', 'small', 'medium', 'large'];

// Certificate types as the profile stores them: "iso_9001" reads "ISO 9001".
function certificateLabel(type: string, otherLabel: string): string {
  const iso = /^iso_(\d+)$/.exec(type);
  return iso ? `ISO ${iso[1]}` : type === 'other' ? otherLabel : type;
}

function filtersFrom(params: URLSearchParams): DirectoryFilters {
  return Object.fromEntries(DIRECTORY_PARAMS.map((name) => [name, params.get(name) ?? ''])) as unknown as DirectoryFilters;
}

// The supplier directory for officers and staff: words, a UNSPSC code and
// filters with the number of suppliers behind each value. The search lives
// in the URL, so it can be shared and the back button works.
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  usePageTitle('directory.title');
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const result = useDirectory(filters);
  const [text, setText] = useState(filters.q);
  const facets = result.data?.facets ?? {};

  const set = (changes: Partial<DirectoryFilters>) => {
    const next = { ...filters, cursor: '', ...changes };
    const search = new URLSearchParams();
    for (const name of DIRECTORY_PARAMS) if (next[name]) search.set(name, next[name]);
    setParams(search);
  };

  const countOf = (facet: DirectoryFacet, value: string): number | undefined =>
    facets[facet]?.find((f: FacetValue) => f.value === value)?.count;
  const withCount = (label: string, facet: DirectoryFacet, value: string) => {
    const count = countOf(facet, value);
    // The count in brackets after the name, as on the notices' facet lists.
    return count === undefined ? label : `${label} (${formatNumber(count, i18n.language)})`;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ q: text });
  };

  // Countries with suppliers first (by count), so the list is short to scan.
  const countryOptions = (() => {
    const counted = (facets.country ?? []).map((f) => f.value);
    const all = sortedCountries(i18n.language);
    return counted.length > 0 ? all.filter((c) => counted.includes(c.code) || c.code === filters.country) : all;
  })();

  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('directory.title')}</h1>
        <p className="page__lead">{t('directory.lead')}</p>
      </header>
      <form className="filters" role="search" onSubmit={submit}>
        <div className="form__inline">
          <TextField label={t('directory.q')} type="search" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button">
            {t('directory.search')}
          </button>
        </div>
        <div className="filters__grid">
          <UnspscPicker
            label={t('directory.code')}
            selected={filters.code ? [filters.code] : []}
            onAdd={(code) => set({ code })}
            onRemove={() => set({ code: '' })}
          />
          <SelectField label={t('directory.country')} value={filters.country} onChange={(e) => set({ country: e.target.value })}>
            <option value="">{t('directory.any')}</option>
            {countryOptions.map(({ code, name }) => (
              <option key={code} value={code}>
                {withCount(name, 'country', code)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('directory.size')} value={filters.size} onChange={(e) => set({ size: e.target.value })}>
            <option value="">{t('directory.any')}</option>
            {SIZES.map((size) => (
              <option key={size} value={size}>
                {withCount(t(`supplier.sizes.${size}`), 'size', size)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('directory.womenOwned')}
            value={filters.women_owned}
            onChange={(e) => set({ women_owned: e.target.value })}
          >
            <option value="">{t('directory.any')}</option>
            <option value="true">{withCount(t('directory.yes'), 'women_owned', 'true')}</option>
            <option value="false">{withCount(t('directory.no'), 'women_owned', 'false')}</option>
          </SelectField>
          <SelectField
            label={t('directory.certificate')}
            value={filters.certificate}
            onChange={(e) => set({ certificate: e.target.value })}
          >
            <option value="">{t('directory.any')}</option>
            {(facets.certificate ?? []).map((f) => (
              <option key={f.value} value={f.value}>
                {withCount(certificateLabel(f.value, t('supplier.certificate.types.other')), 'certificate', f.value)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('directory.level')} value={filters.level} onChange={(e) => set({ level: e.target.value })}>
            <option value="">{t('directory.any')}</option>
            {DIRECTORY_LEVELS.map((level) => (
              <option key={level} value={level}>
                {withCount(t(`directory.levels.${level}`), 'level', level)}
              </option>
            ))}
          </SelectField>
        </div>
      </form>
      <section
        className="results"
        aria-busy={result.isFetching}
        aria-labelledby="directory-results"
        // Set while the previous search's suppliers stay on screen during a new one.
        data-stale={result.isPlaceholderData || undefined}
      >
        <h2 id="directory-results" className="results__summary">
          {result.data
            ? t('directory.total', { formatted: formatNumber(result.data.total ?? result.data.items.length, i18n.language) })
            : t('directory.results')}
        </h2>
        {result.isPending ? <Loading /> : null}
        {result.isError ? <ErrorMessage error={result.error} onRetry={() => void result.refetch()} /> : null}
        {result.data && result.data.items.length === 0 ? (
          <div className="empty">
            <p className="empty__title">{t('directory.empty')}</p>
          </div>
        ) : null}
        {result.data && result.data.items.length > 0 ? (
          <ul className="notice-list">
            {result.data.items.map((entry) => (
              <DirectoryCard key={entry.id} entry={entry} />
            ))}
          </ul>
        ) : null}
        {result.data?.next_cursor ? (
          <nav className="pager" aria-label={t('notices.pagination')}>
            <button type="button" className="button button--secondary" onClick={() => set({ cursor: result.data?.next_cursor ?? '' })}>
              {t('notices.nextPage')}
            </button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}

function DirectoryCard({ entry }: { entry: DirectoryEntry }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <article className="notice-card" data-testid="supplier-card">
        <h3 className="notice-card__title">
          <Link to={`/suppliers/${encodeURIComponent(entry.id)}/profile`} dir="auto">
            {entry.legal_name}
          </Link>
        </h3>
        {entry.legal_name_latin && entry.legal_name_latin !== entry.legal_name ? (
          <p className="muted" dir="ltr">
            {entry.legal_name_latin}
          </p>
        ) : null}
        <div className="badges">
          {entry.country ? (
            <span className="badge badge--status">
              <span aria-hidden="true">{flagEmoji(entry.country)} </span>
              {countryName(entry.country, i18n.language)}
            </span>
          ) : null}
          {entry.size ? <span className="badge badge--status">{t(`supplier.sizes.${entry.size}`, { defaultValue: entry.size })}</span> : null}
          {entry.women_owned ? <span className="badge">{t('directory.womenOwnedBadge')}</span> : null}
          {entry.readiness_level ? (
            <span className="badge">{t(`directory.levels.${entry.readiness_level}`, { defaultValue: entry.readiness_level })}</span>
          ) : null}
          {entry.state ? (
            <span className="badge badge--status">{t(`readiness.states.${entry.state}`, { defaultValue: entry.state })}</span>
          ) : null}
        </div>
      </article>
    </li>
  );
}
