import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// A feed address to paste into a feed reader or calendar: shown whole (absolute, read-only)
// with a copy button. Where the clipboard is not available the text is selected instead.
export function CopyUrl({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const url = new URL(path, window.location.origin).toString();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      input.current?.select();
    }
  };
  return (
    <div className="field copy-url">
      <label htmlFor={id}>{label}</label>
      <div className="alerts-inline">
        <input id={id} ref={input} className="input mono copy-url__input" dir="ltr" readOnly value={url} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
          {t('alerts.copy')}
        </button>
      </div>
      <span className="muted copy-url__status" role="status">
        {copied ? t('alerts.copied') : ''}
      </span>
    </div>
  );
}
