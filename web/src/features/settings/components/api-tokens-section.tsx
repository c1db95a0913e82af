import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { fieldErrorOf } from '@/lib/api-client';
import { formatDateTime, parseInstant } from '@/lib/format';
import { type CreatedToken, TOKEN_SCOPES, useApiTokens, useCreateApiToken, useRevokeApiToken } from '../api';

// Personal API tokens for scripts (`Authorization: Bearer tbk_…`). The server
// keeps only a hash, so a new token is shown once, here, and never again.
export function ApiTokensSection() {
  const { t, i18n } = useTranslation();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([TOKEN_SCOPES[0]]);
  const [created, setCreated] = useState<(CreatedToken & { name: string }) | undefined>();
  const [copied, setCopied] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), scopes },
      {
        onSuccess: (token) => {
          setCreated({ ...token, name: name.trim() });
          setCopied(false);
          setName('');
        },
      },
    );
  };

  const date = (value: string | undefined) => {
    const parsed = parseInstant(value);
    return parsed ? formatDateTime(parsed, i18n.language) : t('settings.tokens.never');
  };
  const createError = fieldErrorOf(create.error);

  return (
    <section className="panel stack" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="panel__title">
        {t('settings.tokens.title')}
      </h2>
      <p className="muted">{t('settings.tokens.lead')}</p>

      {created ? (
        <div className="alert alert--success" role="status">
          <p className="alert__title">{t('settings.tokens.createdTitle', { name: created.name })}</p>
          <p>{t('settings.tokens.createdOnce')}</p>
          <p className="mono secret" dir="ltr" data-testid="new-token">
            {created.token}
          </p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(created.token).then(() => setCopied(true));
              }}
            >
              {copied ? t('settings.tokens.copied') : t('settings.tokens.copy')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setCreated(undefined)}>
              {t('settings.tokens.done')}
            </button>
          </div>
        </div>
      ) : null}

      {tokens.isPending ? <Loading /> : null}
      {tokens.isError ? <ErrorMessage error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {tokens.data && tokens.data.length === 0 ? <p>{t('settings.tokens.none')}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('settings.tokens.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.tokens.name')}</th>
                <th scope="col">{t('settings.tokens.scopes')}</th>
                <th scope="col">{t('settings.tokens.created')}</th>
                <th scope="col">{t('settings.tokens.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('settings.tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id}>
                  <td dir="auto">
                    {token.name}
                    {token.prefix ? (
                      <span className="mono muted" dir="ltr">
                        {' '}
                        {token.prefix}…
                      </span>
                    ) : null}
                  </td>
                  <td className="mono">{token.scopes.join(', ')}</td>
                  <td>{date(token.created_at)}</td>
                  <td>{date(token.last_used_at)}</td>
                  <td>
                    {token.revoked_at ? (
                      <span className="badge badge--danger">{t('settings.tokens.revoked')}</span>
                    ) : (
                    <button
                      type="button"
                      className="button button--secondary button--danger"
                      disabled={revoke.isPending}
                      aria-label={t('settings.tokens.revokeNamed', { name: token.name })}
                      onClick={() => {
                        if (window.confirm(t('settings.tokens.revokeConfirm', { name: token.name }))) {
                          revoke.mutate(token.id);
                        }
                      }}
                    >
                      {t('settings.tokens.revoke')}
                    </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {revoke.isError ? <ErrorMessage error={revoke.error} /> : null}

      <form className="form form--inline-group" onSubmit={submit} noValidate>
        <h3 className="form__subtitle">{t('settings.tokens.new')}</h3>
        <TextField
          label={t('settings.tokens.name')}
          hint={t('settings.tokens.nameHint')}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={createError?.field === 'name' ? createError.message : undefined}
        />
        <fieldset className="form__group">
          <legend className="form__legend">{t('settings.tokens.scopes')}</legend>
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
                }
              />
              <span>
                {t(`settings.tokens.scopeNames.${scope.replace(':', '_')}`)} <span className="mono muted">{scope}</span>
              </span>
            </label>
          ))}
          {createError?.field.startsWith('scopes') ? <p className="field__error">{createError.message}</p> : null}
        </fieldset>
        {create.isError && !createError ? <ErrorMessage error={create.error} /> : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={create.isPending || name.trim() === '' || scopes.length === 0}>
            {t('settings.tokens.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
