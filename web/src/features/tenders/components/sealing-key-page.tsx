import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/ui/loading';
import { TextField } from '@/components/forms/field';
import {
  createMemberKey,
  exportMemberKeyFile,
  fingerprintOf,
  fromBase64Url,
  importMemberKeyFile,
  loadSodium,
  toBase64Url,
} from '@/features/tendering/sealing';
import { ApiError } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { usePageTitle } from '@/lib/use-page-title';
import { useMySealingKey, useRegisterSealingKey } from '../api/committee';
import { groupFingerprint } from '../model/key-ceremony';

export const MIN_PASSPHRASE_LENGTH = 12;

// A committee member's personal X25519 key (SECURITY.md §5.2, docs/sealed-bids.md §4): made in
// this browser, protected by a passphrase, saved as a file only the member keeps; only the
// public half is registered. Opening shares are sealed to it at each key ceremony.
export function SealingKeyPage() {
  const { t } = useTranslation();
  usePageTitle('tenders.sealingKey.title');
  const registered = useMySealingKey();
  const session = useSession();
  // Whether a key was registered before this visit: only then does a new one replace it.
  const [hadKey, setHadKey] = useState<boolean>();
  useEffect(() => {
    if (hadKey === undefined && registered.data) setHadKey(!!registered.data.publicKey);
  }, [hadKey, registered.data]);
  const [mode, setMode] = useState<'create' | 'import' | 'check'>('create');
  return (
    <div className="page page--narrow tb-page">
      <header className="page__header">
        <h1 className="page__title">{t('tenders.sealingKey.title')}</h1>
        <p className="page__lead">{t('tenders.sealingKey.lead')}</p>
      </header>
      <section className="panel" aria-labelledby="registered-key">
        <h2 id="registered-key" className="panel__title">
          {t('tenders.sealingKey.registered')}
        </h2>
        {registered.isPending ? (
          <Loading />
        ) : registered.data?.known === false ? (
          <p className="muted" data-testid="sealing-key-unknown">
            {t('tenders.sealingKey.unknown')}
          </p>
        ) : (
          <RegisteredKey publicKey={registered.data?.publicKey} fingerprint={registered.data?.fingerprint} />
        )}
        {session.data?.user ? (
          <p className="field__hint" data-testid="my-user-number">
            {t('tenders.sealingKey.userNumber', { id: session.data.user.id })}
          </p>
        ) : null}
      </section>
      <nav className="tabs" aria-label={t('tenders.sealingKey.actions')}>
        {(['create', 'import', 'check'] as const).map((id) => (
          <button key={id} type="button" className="tabs__link" aria-current={mode === id ? 'page' : undefined} onClick={() => setMode(id)} data-testid={`sealing-key-${id}`}>
            {t(`tenders.sealingKey.modes.${id}`)}
          </button>
        ))}
      </nav>
      {hadKey && mode !== 'check' ? <p className="alert alert--warning">{t('tenders.sealingKey.replaceWarning')}</p> : null}
      {mode === 'create' ? <CreateKey /> : null}
      {mode === 'import' ? <ImportKey /> : null}
      {mode === 'check' ? <CheckKey registered={registered.data?.publicKey} /> : null}
    </div>
  );
}

function useFingerprint(publicKey: string | undefined, given: string | undefined): string | undefined {
  const [computed, setComputed] = useState<string>();
  useEffect(() => {
    let live = true;
    if (!publicKey || given) return;
    void loadSodium()
      .then((sodium) => fingerprintOf(fromBase64Url(sodium, publicKey, 'public_key', 32)))
      .then((value) => live && setComputed(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [publicKey, given]);
  return given || computed;
}

function RegisteredKey({ publicKey, fingerprint }: { publicKey: string | undefined; fingerprint: string | undefined }) {
  const { t } = useTranslation();
  const shown = useFingerprint(publicKey, fingerprint);
  if (!publicKey) return <p className="muted" data-testid="no-sealing-key">{t('tenders.sealingKey.none')}</p>;
  return (
    <p data-testid="registered-fingerprint">
      {t('tenders.sealingKey.fingerprint')}{' '}
      <span className="mono" dir="ltr">
        {shown ? groupFingerprint(shown) : '…'}
      </span>
    </p>
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function errorText(t: (key: string) => string, error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.message;
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'wrong_passphrase') return t('tenders.opening.errors.wrong_passphrase');
  if (code === 'unsupported') return t('tenders.opening.errors.unsupported');
  if (code === 'invalid_argument' || code === 'malformed') return t('tenders.opening.errors.not_key_file');
  return error instanceof Error ? error.message : String(error);
}

function CreateKey() {
  const { t } = useTranslation();
  const register = useRegisterSealingKey();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [made, setMade] = useState<{ file: string; publicKey: string; fingerprint: string }>();
  const [saved, setSaved] = useState(false);
  const tooShort = [...passphrase].length < MIN_PASSPHRASE_LENGTH;
  const mismatch = again !== '' && again !== passphrase;

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const sodium = await loadSodium();
      const key = await createMemberKey();
      try {
        const file = await exportMemberKeyFile(key, passphrase);
        const text = JSON.stringify(file, null, 2);
        const fingerprint = await fingerprintOf(key.publicKey);
        setMade({ file: text, publicKey: toBase64Url(sodium, key.publicKey), fingerprint });
        download(`tenderbridge-sealing-key-${fingerprint.slice(0, 8)}.json`, text);
      } finally {
        key.secretKey.fill(0);
      }
      setPassphrase('');
      setAgain('');
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  if (made) {
    return (
      <section className="panel tb-created" data-testid="sealing-key-created">
        <h2 className="panel__title">{t('tenders.sealingKey.createdTitle')}</h2>
        <p>
          {t('tenders.sealingKey.fingerprint')}{' '}
          <span className="mono" dir="ltr">
            {groupFingerprint(made.fingerprint)}
          </span>
        </p>
        <p>{t('tenders.sealingKey.savedHint')}</p>
        <p>
          <button type="button" className="button button--secondary" onClick={() => download(`tenderbridge-sealing-key-${made.fingerprint.slice(0, 8)}.json`, made.file)}>
            {t('tenders.sealingKey.downloadAgain')}
          </button>
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid="sealing-key-saved" />
          <span>{t('tenders.sealingKey.confirmSaved')}</span>
        </label>
        {register.error ? (
          <p className="field__error" role="alert">
            {errorText(t, register.error)}
          </p>
        ) : null}
        {register.isSuccess ? (
          <p className="status status--ok" role="status" data-testid="sealing-key-registered">
            {t('tenders.sealingKey.registeredNow')}
          </p>
        ) : (
          <button type="button" className="button" disabled={!saved || register.isPending} onClick={() => register.mutate(made.publicKey)} data-testid="register-sealing-key">
            {t('tenders.sealingKey.register')}
          </button>
        )}
      </section>
    );
  }
  return (
    <form
      className="form panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h2 className="panel__title">{t('tenders.sealingKey.modes.create')}</h2>
      <p className="field__hint">{t('tenders.sealingKey.createHint')}</p>
      <TextField
        label={t('tenders.sealingKey.passphrase')}
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        hint={t('tenders.sealingKey.passphraseHint', { n: MIN_PASSPHRASE_LENGTH })}
        error={passphrase && tooShort ? t('tenders.sealingKey.tooShort', { n: MIN_PASSPHRASE_LENGTH }) : undefined}
        data-testid="new-key-passphrase"
      />
      <TextField
        label={t('tenders.sealingKey.passphraseAgain')}
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.target.value)}
        error={mismatch ? t('tenders.sealingKey.mismatch') : undefined}
        data-testid="new-key-passphrase-again"
      />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy || tooShort || again !== passphrase} data-testid="create-sealing-key">
        {busy ? t('tenders.sealingKey.creating') : t('tenders.sealingKey.create')}
      </button>
    </form>
  );
}

// Opens a key file with its passphrase in this browser (nothing leaves it but the public key).
function useKeyFileForm() {
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState('');
  const open = async () => {
    if (!file) throw Object.assign(new Error('no file'), { code: 'invalid_argument' });
    const key = await importMemberKeyFile(await file.text(), passphrase);
    key.secretKey.fill(0);
    return key.publicKey;
  };
  return { file, setFile, passphrase, setPassphrase, open };
}

function KeyFileFields({ form, idPrefix }: { form: ReturnType<typeof useKeyFileForm>; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-file`}>{t('tenders.opening.keyFile')}</label>
        <input id={`${idPrefix}-file`} type="file" accept=".json,application/json" className="input" onChange={(e) => form.setFile(e.target.files?.[0])} data-testid={`${idPrefix}-file`} />
      </div>
      <TextField
        label={t('tenders.opening.passphrase')}
        type="password"
        autoComplete="off"
        value={form.passphrase}
        onChange={(e) => form.setPassphrase(e.target.value)}
        data-testid={`${idPrefix}-passphrase`}
      />
    </>
  );
}

function ImportKey() {
  const { t } = useTranslation();
  const form = useKeyFileForm();
  const register = useRegisterSealingKey();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="form panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        void (async () => {
          try {
            const publicKey = await form.open();
            const sodium = await loadSodium();
            await register.mutateAsync(toBase64Url(sodium, publicKey));
          } catch (failure) {
            setError(errorText(t, failure));
          } finally {
            setBusy(false);
          }
        })();
      }}
    >
      <h2 className="panel__title">{t('tenders.sealingKey.modes.import')}</h2>
      <p className="field__hint">{t('tenders.sealingKey.importHint')}</p>
      <KeyFileFields form={form} idPrefix="import-key" />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {register.isSuccess ? (
        <p className="status status--ok" role="status">
          {t('tenders.sealingKey.registeredNow')}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy || !form.file || !form.passphrase} data-testid="import-sealing-key">
        {t('tenders.sealingKey.register')}
      </button>
    </form>
  );
}

function CheckKey({ registered }: { registered: string | undefined }) {
  const { t } = useTranslation();
  const form = useKeyFileForm();
  const [verdict, setVerdict] = useState<'match' | 'other' | undefined>();
  const [opened, setOpened] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <form
      className="form panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        setVerdict(undefined);
        setOpened(undefined);
        void (async () => {
          try {
            const publicKey = await form.open();
            const sodium = await loadSodium();
            setOpened(await fingerprintOf(publicKey));
            if (registered) setVerdict(toBase64Url(sodium, publicKey) === registered ? 'match' : 'other');
          } catch (failure) {
            setError(errorText(t, failure));
          }
        })();
      }}
    >
      <h2 className="panel__title">{t('tenders.sealingKey.modes.check')}</h2>
      <p className="field__hint">{t('tenders.sealingKey.checkHint')}</p>
      <KeyFileFields form={form} idPrefix="check-key" />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {opened ? (
        <p className="status status--ok" data-testid="key-file-opens">
          {t('tenders.sealingKey.opens')}{' '}
          <span className="mono" dir="ltr">
            {groupFingerprint(opened)}
          </span>
        </p>
      ) : null}
      {verdict === 'match' ? <p className="status status--ok">{t('tenders.sealingKey.matches')}</p> : null}
      {verdict === 'other' ? <p className="status status--error">{t('tenders.sealingKey.differs')}</p> : null}
      <button type="submit" className="button" disabled={!form.file || !form.passphrase}>
        {t('tenders.sealingKey.check')}
      </button>
    </form>
  );
}
