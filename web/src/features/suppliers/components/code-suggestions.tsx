import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { type CodeSuggestion, useCodeSuggestions } from '../api';
import '../suppliers.css';

// The server refuses a profile with more codes than this (src/suppliers/profile.cc kMaxCodes).
export const MAX_PROFILE_CODES = 500;
// Families are broader than classes; a few are enough to keep the list short.
const FAMILIES_SHOWN = 3;
// Below this, the best class is a guess: the user is asked for more detail.
const CONFIDENT_PROBABILITY = 0.1;

interface Props {
  selected: readonly string[];
  onAdd: (code: string) => void;
}

// "Describe what you sell": the server's code predictor reads the description (in any
// language) and proposes UNSPSC classes and families; each is added to the profile the same
// way the picker adds one, so the wizard's autosave sends it.
export function CodeSuggestionsPanel({ selected, onAdd }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [description, setDescription] = useState('');
  const suggest = useCodeSuggestions();
  const { error } = suggest;
  const unavailable = error instanceof ApiError && error.status === 503;
  const textRefused = fieldErrorOf(error)?.field === 'text';
  const full = selected.length >= MAX_PROFILE_CODES;
  const run = () => suggest.mutate({ text: description, language: i18n.language });
  const describedBy = [textRefused ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ');

  return (
    <section className="code-suggestions" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="code-suggestions__title">
        {t('codeSuggestions.title')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('codeSuggestions.label')}</label>
        <textarea
          id={`${id}-text`}
          className={`input textarea${textRefused ? ' input--invalid' : ''}`}
          rows={3}
          dir="auto"
          value={description}
          aria-describedby={describedBy}
          aria-invalid={textRefused || undefined}
          onChange={(event) => setDescription(event.target.value)}
          onKeyDown={(event) => {
            // Ctrl/Cmd+Enter asks, as in a chat box; plain Enter keeps writing.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              run();
            }
          }}
        />
        {textRefused ? (
          <p id={`${id}-error`} className="field__error">
            {t('codeSuggestions.textRefused')}
          </p>
        ) : null}
        <p id={`${id}-hint`} className="field__hint">
          {t('codeSuggestions.hint')}
        </p>
      </div>
      <div className="code-suggestions__actions">
        <button type="button" className="button button--secondary" disabled={suggest.isPending} onClick={run}>
          {suggest.isPending ? t('codeSuggestions.suggesting') : t('codeSuggestions.suggest')}
        </button>
      </div>
      {unavailable ? (
        <div className="alert alert--warning" role="status">
          <p className="alert__title">{t('codeSuggestions.unavailable')}</p>
          <p>{t('codeSuggestions.unavailableHint')}</p>
        </div>
      ) : null}
      {error && !unavailable && !textRefused ? <ErrorMessage error={error} /> : null}
      {suggest.isSuccess ? (
        <div aria-live="polite" data-testid="code-suggestions">
          {suggest.data.classes.length === 0 && suggest.data.families.length === 0 && suggest.data.named.length === 0 ? (
            <p className="muted">{t('codeSuggestions.none')}</p>
          ) : (
            <>
              {suggest.data.named.length === 0 && (suggest.data.classes[0]?.probability ?? 0) < CONFIDENT_PROBABILITY ? (
                <p className="note" data-testid="suggestions-unsure">
                  {t('codeSuggestions.unsure')}
                </p>
              ) : null}
              {full ? <p className="field__hint">{t('codeSuggestions.full', { max: MAX_PROFILE_CODES })}</p> : null}
              <SuggestionList
                heading={t('codeSuggestions.named')}
                items={suggest.data.named}
                selected={selected}
                full={full}
                onAdd={onAdd}
              />
              <SuggestionList
                heading={t('codeSuggestions.classes')}
                items={suggest.data.classes}
                selected={selected}
                full={full}
                onAdd={onAdd}
              />
              <SuggestionList
                heading={t('codeSuggestions.families')}
                items={suggest.data.families.slice(0, FAMILIES_SHOWN)}
                selected={selected}
                full={full}
                onAdd={onAdd}
              />
              <p className="field__hint">{t('codeSuggestions.check')}</p>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

interface ListProps {
  heading: string;
  items: CodeSuggestion[];
  selected: readonly string[];
  full: boolean;
  onAdd: (code: string) => void;
}

function SuggestionList({ heading, items, selected, full, onAdd }: ListProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  if (items.length === 0) return null;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <>
      <h4 id={id} className="code-suggestions__heading">
        {heading}
      </h4>
      <ul className="code-suggestions__list" aria-labelledby={id}>
        {items.map((item) => {
          const title = item.title || item.code;
          const added = selected.includes(item.code);
          return (
            <li key={item.code} className="code-suggestion">
              <span className="code-suggestion__name">
                <span className="chip__code mono">{item.code}</span> <span dir="auto">{title}</span>
              </span>
              <span className="code-suggestion__bar">
                <ProgressBar
                  label={t('codeSuggestions.probability', { code: item.code })}
                  value={item.probability}
                  percentText={percent.format(item.probability)}
                />
              </span>
              {added ? (
                <span className="status status--ok code-suggestion__action">{t('codeSuggestions.added')}</span>
              ) : (
                <button
                  type="button"
                  className="button button--secondary button--small code-suggestion__action"
                  aria-label={t('codeSuggestions.addLabel', { code: item.code, title })}
                  disabled={full}
                  onClick={() => onAdd(item.code)}
                >
                  {t('codeSuggestions.add')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
