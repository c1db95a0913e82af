import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { useNotices } from '../api/get-notices';
import { filtersFromSearch, useNoticeFilters } from '../hooks/use-notice-filters';
import { EMPTY_FILTERS, NOTICE_STATUSES, NOTICE_TYPES, type NoticeFilters } from '../types/notice';

// The filter form. Its state is the URL: choices in selects and the checkbox
// apply at once, typed text applies on submit (Enter or the button).
export function NoticeFiltersForm() {
  const { t } = useTranslation();
  const { filters, cursor, setFilters } = useNoticeFilters();
  // Same query as the list (shared cache, no second request): a problem+json
  // `field` marks the control the server refused.
  const { error } = useNotices(filters, cursor);
  const invalid = error instanceof ApiError ? error.problem?.field : undefined;
  const invalidProps = (field: string) =>
    invalid === field ? { 'aria-invalid': true as const, className: 'input input--invalid' } : {};
  const [draft, setDraft] = useState(() => textFields(filters));
  const id = useId();

  // A link or "Clear" changes the URL under the form.
  useEffect(() => setDraft(textFields(filters)), [filters]);
  // Back/forward too. The router applies URL changes in a transition, so a
  // quick back after a change can land on the URL the router last rendered,
  // and `filters` never changes; the browser's own event always arrives.
  useEffect(() => {
    const onPopState = () =>
      setDraft(textFields(filtersFromSearch(new URLSearchParams(window.location.search))));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  // Selects and the checkbox show the new choice at once (the URL update is a
  // transition, so a control bound to the URL alone would flick back first).
  const apply = (changes: Partial<Omit<NoticeFilters, 'buyer'>>) => {
    setDraft({ ...draft, ...changes });
    setFilters({ ...filters, ...draftToFilters(draft), ...changes });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply({});
  };

  return (
    <form className="filters" role="search" aria-label={t('filters.title')} onSubmit={onSubmit}>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor={`${id}-buyer`}>{t('filters.buyer')}</label>
          <input
            id={`${id}-buyer`}
            className="input"
            type="text"
            value={draft.buyer}
            placeholder={t('filters.buyerPlaceholder')}
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, buyer: e.target.value })}
            {...invalidProps('buyer')}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('filters.type')}</label>
          <select
            id={`${id}-type`}
            className="select"
            value={draft.type}
            onChange={(e) => apply({ type: e.target.value })}
          >
            <option value="">{t('filters.anyType')}</option>
            {NOTICE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`notice.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-country`}>{t('filters.country')}</label>
          <input
            id={`${id}-country`}
            className="input input--short"
            type="text"
            value={draft.country}
            maxLength={2}
            pattern="[A-Za-z]{2}"
            autoComplete="off"
            aria-describedby={`${id}-country-hint`}
            onChange={(e) => setDraft({ ...draft, country: e.target.value })}
            {...invalidProps('country')}
          />
          <span id={`${id}-country-hint`} className="field__hint">
            {t('filters.countryHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unspsc`}>{t('filters.unspsc')}</label>
          <input
            id={`${id}-unspsc`}
            className="input"
            type="text"
            inputMode="numeric"
            value={draft.unspsc}
            maxLength={8}
            pattern="([0-9]{2}){1,4}"
            autoComplete="off"
            aria-describedby={`${id}-unspsc-hint`}
            onChange={(e) => setDraft({ ...draft, unspsc: e.target.value })}
            {...invalidProps('unspsc')}
          />
          <span id={`${id}-unspsc-hint`} className="field__hint">
            {t('filters.unspscHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
          <select
            id={`${id}-status`}
            className="select"
            value={draft.status}
            onChange={(e) => apply({ status: e.target.value })}
          >
            <option value="">{t('filters.anyStatus')}</option>
            {NOTICE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`notice.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-order`}>{t('filters.order')}</label>
          <select
            id={`${id}-order`}
            className="select"
            value={draft.order}
            onChange={(e) => apply({ order: e.target.value === 'deadline' ? 'deadline' : 'newest' })}
          >
            <option value="newest">{t('filters.orderNewest')}</option>
            <option value="deadline">{t('filters.orderDeadline')}</option>
          </select>
        </div>
      </div>
      <div className="filters__actions">
        <label className="checkbox">
          <input type="checkbox" checked={draft.open} onChange={(e) => apply({ open: e.target.checked })} />
          <span>{t('filters.openOnly')}</span>
        </label>
        <span className="filters__buttons">
          <button type="submit" className="button">
            {t('filters.apply')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setFilters(EMPTY_FILTERS)}
          >
            {t('filters.clear')}
          </button>
        </span>
      </div>
    </form>
  );
}

// The form's own copy of the filters: text as typed, choices as chosen.
type TextFields = Omit<NoticeFilters, 'buyer'> & { buyer: string };

function textFields(filters: NoticeFilters): TextFields {
  return { ...filters, buyer: filters.buyer.join(', ') };
}

// Several buyers may be typed separated by commas; each becomes its own parameter.
function draftToFilters(draft: TextFields): Partial<NoticeFilters> {
  return {
    buyer: draft.buyer
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    country: draft.country.trim().toUpperCase(),
    unspsc: draft.unspsc.replace(/\D/g, ''),
  };
}
