import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { ProgressBar } from '@/components/ui/progress-bar';
import { fingerprintOf, fromBase64Url, loadSodium, SealingError, sealEnvelope } from '@/features/tendering/sealing';
import { ApiError } from '@/lib/api-client';
import { formatNumber } from '@/lib/format';
import { uploadBid } from '../api/bids';
import type { PublicTender } from '../api/tender';
import {
  checkBidForm,
  type EnvelopeDraft,
  type EnvelopeError,
  type EnvelopeKind,
  envelopesFor,
  needsFiles,
  newBidId,
  newIdempotencyKey,
  priceEnvelope,
} from '../lib/bid-form';
import { formatMinor, parsePrice } from '../lib/price';
import { canRetryUpload, IDLE, isBusy, isRetryableUploadError, phaseFraction, type PreparedSubmission, type SealedForUpload, submitReducer } from '../lib/progress';
import { ReceiptPanel } from './receipt-panel';

interface Props {
  tender: PublicTender;
  supplier: string | undefined; // the "supplier" parameter when the user acts for several companies
  replacing?: string; // the id of the bid this submission replaces
  onDone?: () => void;
}

// The envelope forms of a tender, sealed in this browser to the tender's envelope keys and
// uploaded with an idempotency key. Nothing readable leaves the browser: the files and the
// price go into the sealed envelopes only (SECURITY.md CR-01, ET-03).
export function BidForm({ tender, supplier, replacing, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const lang = i18n.language;
  const spec = tender.submission;
  const kinds = envelopesFor(tender.envelope_mode);
  const priceKind = priceEnvelope(tender.envelope_mode);
  const [drafts, setDrafts] = useState<Record<EnvelopeKind, EnvelopeDraft>>(() => ({
    single: { files: [], price: '' },
    technical: { files: [], price: '' },
    financial: { files: [], price: '' },
  }));
  const [shownErrors, setShownErrors] = useState(false);
  const [state, dispatch] = useReducer(submitReducer, IDLE);
  const abort = useRef<AbortController | undefined>(undefined);

  const limits = {
    maxEnvelopeBytes: spec?.max_envelope_bytes ?? 64 * 1024 * 1024,
    maxFilesPerEnvelope: spec?.max_files_per_envelope ?? 100,
    acceptedFormats: spec?.accepted_formats ?? [],
  };
  const check = checkBidForm(tender.envelope_mode, drafts, limits, tender.currency, lang);
  const keyOf = (kind: EnvelopeKind) => spec?.envelopes.find((e) => e.envelope === kind);
  const missingKeys = kinds.filter((k) => !keyOf(k));

  const upload = async (prepared: PreparedSubmission) => {
    dispatch({ type: 'upload-start', prepared });
    try {
      const answer = await uploadBid(tender.ocid, prepared.bidId, prepared.idempotencyKey, prepared.envelopes, supplier, {
        onProgress: (fraction) => dispatch({ type: 'upload-progress', fraction }),
        signal: abort.current?.signal,
      });
      dispatch({ type: 'received', receipt: answer.json });
      await queryClient.invalidateQueries({ queryKey: ['bidding', 'own-bids', tender.ocid] });
      onDone?.();
    } catch (error) {
      dispatch({ type: 'failed', error });
    }
  };

  const sealAndUpload = async () => {
    abort.current = new AbortController();
    const bidId = replacing ?? newBidId();
    const grandTotal = kinds.reduce((n, k) => n + drafts[k].files.reduce((m, f) => m + f.size, 0), 0);
    const sealed: SealedForUpload[] = [];
    let sealedBefore = 0;
    try {
      const sodium = await loadSodium();
      for (const kind of kinds) {
        const key = keyOf(kind)!;
        const recipient = fromBase64Url(sodium, key.public_key, `${kind} envelope key`, 32);
        dispatch({ type: 'seal-start', kind, sealedBefore, grandTotal });
        const envelope = await sealEnvelope({
          binding: { tender: tender.ocid, kind, bid: bidId },
          recipient,
          files: drafts[kind].files.map((file) => ({ name: file.name, data: file })),
          price: kind === priceKind && check.price ? { amount_minor: check.price.amountMinor, currency: tender.currency } : null,
          onProgress: (bytesDone, bytesTotal) => dispatch({ type: 'seal-progress', bytesDone, bytesTotal }),
          signal: abort.current.signal,
        });
        sealed.push({ kind, blob: envelope.blob, size: envelope.size, sha256: envelope.sha256 });
        sealedBefore += drafts[kind].files.reduce((m, f) => m + f.size, 0);
      }
    } catch (error) {
      dispatch({ type: 'failed', error });
      return;
    }
    await upload({ bidId, idempotencyKey: newIdempotencyKey(), envelopes: sealed });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShownErrors(true);
    if (!check.ok || missingKeys.length > 0 || isBusy(state)) return;
    void sealAndUpload();
  };

  const setFiles = (kind: EnvelopeKind, files: File[]) => setDrafts((d) => ({ ...d, [kind]: { ...d[kind], files } }));
  const setPrice = (kind: EnvelopeKind, price: string) => setDrafts((d) => ({ ...d, [kind]: { ...d[kind], price } }));

  if (state.phase === 'received') {
    const sealedHere = Object.fromEntries(state.prepared.envelopes.map((e) => [e.kind, e.sha256]));
    return (
      <div className="stack" data-testid="bid-received">
        <p className="alert alert--success" role="status">
          {replacing ? t('bidding.form.replaced') : t('bidding.form.received')}
        </p>
        <ReceiptPanel receipt={state.receipt} sealedHere={sealedHere} />
      </div>
    );
  }

  const busy = isBusy(state);
  const fraction = phaseFraction(state);
  return (
    <form className="form stack" onSubmit={submit} noValidate aria-busy={busy} data-testid="bid-form">
      {missingKeys.length > 0 ? (
        <p className="alert alert--error" role="alert">
          {t('bidding.form.noKey')}
        </p>
      ) : null}
      {kinds.map((kind) => (
        <EnvelopeFieldset
          key={kind}
          kind={kind}
          draft={drafts[kind]}
          withPrice={kind === priceKind}
          currency={tender.currency}
          publicKey={keyOf(kind)?.public_key}
          publishedFingerprint={keyOf(kind)?.fingerprint}
          errors={shownErrors ? (check.errors[kind] ?? []) : []}
          disabled={busy}
          maxFiles={limits.maxFilesPerEnvelope}
          accept={limits.acceptedFormats.map((f) => `.${f.replace(/^\./, '')}`).join(',')}
          onFiles={(files) => setFiles(kind, files)}
          onPrice={(price) => setPrice(kind, price)}
        />
      ))}
      {check.price ? (
        <p className="bidding-price-preview" data-testid="price-preview">
          {t('bidding.form.pricePreview', { price: formatMinor(check.price.amountMinor, tender.currency, lang) })}
        </p>
      ) : null}
      {fraction !== undefined ? (
        <div className="stack" data-testid="submit-progress" data-phase={state.phase}>
          <p>{state.phase === 'sealing' ? t('bidding.form.sealing', { envelope: t(`bidding.envelopes.${state.kind}`) }) : t('bidding.form.uploading')}</p>
          <ProgressBar
            label={state.phase === 'sealing' ? t('bidding.form.sealingLabel') : t('bidding.form.uploadingLabel')}
            value={fraction}
            percentText={`${formatNumber(Math.round(fraction * 100), lang)} %`}
          />
          <button type="button" className="button button--secondary button--small" onClick={() => abort.current?.abort()}>
            {t('bidding.form.cancel')}
          </button>
        </div>
      ) : null}
      {state.phase === 'failed' ? <SubmitFailure error={state.error} /> : null}
      <div className="form__actions">
        {canRetryUpload(state) ? (
          <button type="button" className="button" onClick={() => void upload(state.prepared)}>
            {t('bidding.form.retryUpload')}
          </button>
        ) : (
          <button type="submit" className="button" disabled={busy || missingKeys.length > 0}>
            {replacing ? t('bidding.form.submitReplacement') : t('bidding.form.submit')}
          </button>
        )}
      </div>
      <p className="field__hint">{t('bidding.form.sealedHint')}</p>
    </form>
  );
}

function SubmitFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof SealingError) {
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__title">{t(`bidding.form.sealErrors.${error.code}`, { defaultValue: t('bidding.form.sealErrors.other') })}</p>
        <p className="alert__detail">{error.message}</p>
      </div>
    );
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return (
      <p className="alert alert--warning" role="alert">
        {t('bidding.form.cancelled')}
      </p>
    );
  }
  // A refusal after the upload arrived: the server's own words say why (late, not eligible).
  if (error instanceof ApiError && error.kind === 'http' && error.status >= 400 && error.status < 500 && !isRetryableUploadError(error)) {
    return (
      <div className="alert alert--error" role="alert" data-testid="submit-error">
        <p className="alert__title">{t('bidding.form.refused')}</p>
        <p className="alert__detail">{error.detail ?? error.message}</p>
      </div>
    );
  }
  return (
    <div data-testid="submit-error">
      <ErrorMessage error={error} />
    </div>
  );
}

interface FieldsetProps {
  kind: EnvelopeKind;
  draft: EnvelopeDraft;
  withPrice: boolean;
  currency: string;
  publicKey?: string;
  publishedFingerprint?: string;
  errors: EnvelopeError[];
  disabled: boolean;
  maxFiles: number;
  accept: string;
  onFiles: (files: File[]) => void;
  onPrice: (price: string) => void;
}

// The fingerprint of the key this page will seal to, computed here from the key itself, so
// the supplier compares what is used with what the tender publishes (ET-12).
function useSealingFingerprint(publicKey: string | undefined) {
  return useQuery({
    queryKey: ['bidding', 'fingerprint', publicKey ?? ''],
    queryFn: async () => fingerprintOf(fromBase64Url(await loadSodium(), publicKey!, 'envelope key', 32)),
    enabled: !!publicKey,
    staleTime: Infinity,
    retry: false,
  });
}

function EnvelopeFieldset({ kind, draft, withPrice, currency, publicKey, publishedFingerprint, errors, disabled, maxFiles, accept, onFiles, onPrice }: FieldsetProps) {
  const { t, i18n } = useTranslation();
  const filesId = `bid-files-${kind}`;
  const priceId = `bid-price-${kind}`;
  const fileErrors = errors.filter((e) => e.field === 'files');
  const priceError = errors.find((e) => e.field === 'price');
  const add = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    onFiles([...draft.files, ...chosen.filter((f) => !draft.files.some((g) => g.name === f.name && g.size === f.size))]);
    event.target.value = '';
  };
  const parsed = withPrice && draft.price ? parsePrice(draft.price, currency, i18n.language) : undefined;
  const fingerprint = useSealingFingerprint(publicKey);
  return (
    <fieldset className="form__group bidding-envelope" data-testid={`envelope-${kind}`} disabled={disabled}>
      <legend className="form__legend">{t(`bidding.envelopes.${kind}`)}</legend>
      <p className="field__hint">{t(`bidding.form.envelopeHints.${kind}`)}</p>
      {fingerprint.data ? (
        <p className="bidding-fingerprint">
          {t('bidding.form.sealsTo')}{' '}
          <code className="hash" dir="ltr" data-testid={`seal-fingerprint-${kind}`}>
            {fingerprint.data}
          </code>
        </p>
      ) : null}
      {fingerprint.isError || (fingerprint.data && publishedFingerprint && fingerprint.data !== publishedFingerprint) ? (
        <p className="alert alert--error" role="alert">
          {t('bidding.form.fingerprintMismatch')}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={filesId}>{needsFiles(kind) ? t('bidding.form.files') : t('bidding.form.filesOptional')}</label>
        <input id={filesId} type="file" multiple accept={accept || undefined} onChange={add} aria-describedby={`${filesId}-hint`} />
        <p id={`${filesId}-hint`} className="field__hint">
          {t('bidding.form.filesHint', { count: maxFiles })}
        </p>
        {fileErrors.map((e) => (
          <p key={e.code} className="field__error">
            {t(`bidding.form.fileErrors.${e.code}`, { names: 'detail' in e ? (e.detail ?? '') : '' })}
          </p>
        ))}
      </div>
      {draft.files.length > 0 ? (
        <ul className="bidding-files" aria-label={t('bidding.form.chosen')}>
          {draft.files.map((file) => (
            <li key={file.name} className="bidding-files__item">
              <span className="bidding-files__name" dir="auto">
                {file.name}
              </span>
              <span className="muted">{t('bidding.receipt.bytes', { size: formatNumber(file.size, i18n.language) })}</span>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={t('bidding.form.remove', { name: file.name })}
                onClick={() => onFiles(draft.files.filter((f) => f !== file))}
              >
                {t('bidding.form.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {withPrice ? (
        <div className="field">
          <label htmlFor={priceId}>{t('bidding.form.price', { currency })}</label>
          <input
            id={priceId}
            className={`input${priceError ? ' input--invalid' : ''}`}
            inputMode="decimal"
            autoComplete="off"
            value={draft.price}
            aria-invalid={!!priceError || undefined}
            aria-describedby={`${priceId}-hint`}
            onChange={(e) => onPrice(e.target.value)}
          />
          {priceError ? <p className="field__error">{t(`bidding.form.priceErrors.${priceError.code}`)}</p> : null}
          <p id={`${priceId}-hint`} className="field__hint">
            {parsed?.ok ? t('bidding.form.priceRead', { price: formatMinor(parsed.amountMinor, currency, i18n.language) }) : t('bidding.form.priceHint')}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
