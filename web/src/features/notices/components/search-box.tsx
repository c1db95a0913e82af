import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSuggestions } from '../api/suggest';
import { useDebounced } from '../hooks/use-debounced';
import { searchStateFromParams, useSearchState } from '../hooks/use-search-state';
import type { Suggestion } from '../types/search';

const DEBOUNCE_MS = 200;

// "43211500" -> "432115": a code filter is a prefix, so a class or family
// code filters everything under it.
export function codePrefix(code: string): string {
  let prefix = code.replace(/\D/g, '');
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

// The search box, an ARIA 1.2 combobox with a type-ahead list of notice
// titles and UNSPSC titles. Arrow keys move through the list, Enter picks
// the highlighted suggestion (or searches when none is), Escape closes it.
// A notice suggestion opens that notice; a UNSPSC one adds a code filter.
export function SearchBox() {
  const { t, i18n } = useTranslation();
  const { state, update } = useSearchState();
  const navigate = useNavigate();
  const { search } = useLocation();
  const id = useId();
  const [text, setText] = useState(state.q);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const debounced = useDebounced(text, DEBOUNCE_MS);
  const suggestions = useSuggestions(open ? debounced : '', i18n.language);
  const items = open && debounced === text ? (suggestions.data ?? []) : [];
  const expanded = items.length > 0;
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;

  // The URL changed under the box (a link, a chip, back/forward).
  useEffect(() => setText(state.q), [state.q]);
  // The router applies URL changes in a transition; the browser's own event
  // always arrives, so back/forward also resets the text from it.
  useEffect(() => {
    const onPopState = () => setText(searchStateFromParams(new URLSearchParams(window.location.search)).q);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  useEffect(() => setActive(-1), [debounced]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const pick = (suggestion: Suggestion) => {
    close();
    if (suggestion.kind === 'unspsc' && suggestion.code) {
      const prefix = codePrefix(suggestion.code);
      setText(state.q);
      if (!state.unspsc.includes(prefix)) update({ ...state, unspsc: [...state.unspsc, prefix], cursor: '' });
    } else if (suggestion.id !== undefined) {
      // The search travels along so the notice page can link back to it.
      void navigate(`/notices/${suggestion.id}`, { state: { listSearch: search } });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    close();
    // New words: first page, and codes removed from the old expansion no longer apply.
    update({ ...state, q: text.trim(), cursor: '', removeCode: [] });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        if (items.length > 0) setActive((active + 1) % items.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (items.length > 0) setActive(active <= 0 ? items.length - 1 : active - 1);
        break;
      case 'Enter': {
        const chosen = expanded && active >= 0 ? items[active] : undefined;
        if (chosen) {
          event.preventDefault();
          pick(chosen);
        }
        break; // otherwise the form submits
      }
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  };

  return (
    <form className="search-box" role="search" aria-label={t('search.label')} onSubmit={onSubmit}>
      <label htmlFor={`${id}-input`} className="search-box__label">
        {t('search.label')}
      </label>
      <div className="search-box__row">
        <div className="search-box__field">
          <input
            id={`${id}-input`}
            className="input search-box__input"
            type="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listboxId}
            aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={1024}
            value={text}
            placeholder={t('search.placeholder')}
            onChange={(event) => {
              setText(event.target.value);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onBlur={close}
          />
          <ul
            id={listboxId}
            role="listbox"
            aria-label={t('search.suggestions')}
            className="suggestions"
            hidden={!expanded}
          >
            {items.map((item, index) => (
              <li
                key={`${item.kind}-${item.id ?? item.code ?? item.text}`}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'suggestions__item suggestions__item--active' : 'suggestions__item'}
                // Keep focus in the input; the click picks.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(item)}
              >
                <span className="suggestions__text" dir="auto">
                  {item.text}
                </span>
                <span className="suggestions__kind">
                  {item.kind === 'unspsc'
                    ? t('search.suggestionCode', { code: item.code ?? '' })
                    : t('search.suggestionNotice')}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="button search-box__submit">
          {t('search.submit')}
        </button>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {t('search.hint')}
      </p>
    </form>
  );
}
