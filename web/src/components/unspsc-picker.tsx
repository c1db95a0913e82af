import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { unspscTitle, useUnspscEntries, useUnspscSearch } from '@/lib/unspsc';

interface Props {
  label: string;
  hint?: string;
  error?: string;
  selected: readonly string[];
  onAdd: (code: string) => void;
  onRemove: (code: string) => void;
  disabled?: boolean;
}

// Finds UNSPSC codes by a word of their title (in the UI language) or by the
// code itself, and lists the chosen ones as removable chips. An ARIA
// combobox: arrows move through the matches, Enter takes one, Escape closes.
export function UnspscPicker({ label, hint, error, selected, onAdd, onRemove, disabled = false }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const debounced = useDebouncedValue(text, 250);
  const search = useUnspscSearch(debounced, i18n.language);
  const titles = useUnspscEntries(selected);
  const options = (search.data ?? []).filter((entry) => !selected.includes(entry.code));
  const expanded = open && options.length > 0;

  const choose = (code: string) => {
    onAdd(code);
    setText('');
    setActive(-1);
    setOpen(false);
  };

  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field unspsc-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="unspsc-picker__box">
        <input
          id={`${id}-input`}
          className={`input${error ? ' input--invalid' : ''}`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
          aria-describedby={describedBy}
          aria-invalid={!!error || undefined}
          autoComplete="off"
          value={text}
          disabled={disabled}
          placeholder={t('unspscPicker.placeholder')}
          onChange={(event) => {
            setText(event.target.value);
            setActive(-1);
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && options.length > 0) {
              event.preventDefault();
              setOpen(true);
              setActive((active + 1) % options.length);
            } else if (event.key === 'ArrowUp' && options.length > 0) {
              event.preventDefault();
              setActive(active <= 0 ? options.length - 1 : active - 1);
            } else if (event.key === 'Enter') {
              const option = options[active];
              if (expanded && option) {
                event.preventDefault();
                choose(option.code);
              }
            } else if (event.key === 'Escape') {
              setOpen(false);
            }
          }}
        />
        <ul id={`${id}-list`} role="listbox" aria-label={t('unspscPicker.matches')} className="suggestions" hidden={!expanded}>
          {options.map((entry, index) => (
            <li
              key={entry.code}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className={`suggestions__item${index === active ? ' suggestions__item--active' : ''}`}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(entry.code);
              }}
            >
              <span className="mono">{entry.code}</span> <span dir="auto">{unspscTitle(entry, i18n.language)}</span>
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {open && search.isSuccess && [...debounced.trim()].length >= 2
          ? t('unspscPicker.found', { formatted: formatNumber(options.length, i18n.language) })
          : ''}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {selected.length > 0 ? (
        <ul className="chips" aria-label={t('unspscPicker.chosen')}>
          {selected.map((code) => {
            const title = unspscTitle(titles.data?.get(code), i18n.language);
            return (
              <li key={code} className="chip">
                <span className="chip__code mono">{code}</span>
                {title ? <span dir="auto">{title}</span> : null}
                {disabled ? null : (
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('unspscPicker.remove', { code, title: title ?? code })}
                    onClick={() => onRemove(code)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
