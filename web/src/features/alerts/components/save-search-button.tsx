import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { useCreateSavedSearch } from '../api/alerts';
import { fieldErrors } from '../lib/problems';
import { defaultSearchName, savedSearchQuery } from '../lib/search-name';

const MAX_NAME = 120;

// "Save this search" on the search page (signed-in users): asks for a name, proposing one made
// from the search, and saves the page's query string; new matches then arrive as alerts.
export function SaveSearchButton() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { search } = useLocation();
  const create = useCreateSavedSearch();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [savedName, setSavedName] = useState<string>();
  const id = useId();
  if (!session.data?.user) return null;
  const query = savedSearchQuery(search);

  const start = () => {
    setName(defaultSearchName(query, i18n.language) || t('alerts.saveSearch.allNotices'));
    setSavedName(undefined);
    create.reset();
    setOpen(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate(
      { name: trimmed, query },
      {
        onSuccess: (saved) => {
          setSavedName(saved.name);
          setOpen(false);
        },
      },
    );
  };
  const error = create.error
    ? (fieldErrors(create.error).name ??
      (create.error instanceof ApiError ? (create.error.detail ?? t('errors.status', { status: create.error.status })) : t('errors.unexpected')))
    : undefined;

  return (
    <div className="save-search" data-testid="save-search">
      {open ? (
        <form className="save-search__form" onSubmit={submit} aria-label={t('alerts.saveSearch.button')}>
          <label htmlFor={id}>{t('alerts.saveSearch.name')}</label>
          <div className="alerts-inline">
            <input
              id={id}
              className={`input${error ? ' input--invalid' : ''}`}
              value={name}
              maxLength={MAX_NAME}
              required
              dir="auto"
              autoFocus
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="button button--small" disabled={create.isPending || !name.trim()}>
              {t('alerts.saveSearch.save')}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
              {t('alerts.saveSearch.cancel')}
            </button>
          </div>
          {error ? (
            <p id={`${id}-error`} className="field__error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : (
        <button type="button" className="button button--secondary" onClick={start}>
          <span aria-hidden="true" className="save-search__bell">
            🔔
          </span>
          {t('alerts.saveSearch.button')}
        </button>
      )}
      {savedName ? (
        <p className="status status--ok" role="status">
          <bdi>{t('alerts.saveSearch.done', { name: savedName })}</bdi> <Link to="/settings/alerts">{t('alerts.saveSearch.manage')}</Link>
        </p>
      ) : null}
    </div>
  );
}
