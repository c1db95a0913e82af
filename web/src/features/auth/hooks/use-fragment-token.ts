import { useState } from 'react';

// The token of an e-mailed link, `/verify-email#token=…`. A fragment never
// leaves the browser, so the token reaches the server only in a POST body
// (AS-37). It is then taken out of the address bar, so it stays neither in
// the history nor in a screenshot or a copied link. `storageKey` keeps it
// for this tab across a detour (invitation: log in first, then accept).
export function readFragmentToken(storageKey?: string): string | undefined {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token') ?? undefined;
  if (token) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    if (storageKey) {
      try {
        window.sessionStorage.setItem(storageKey, token);
      } catch {
        // storage disabled: the token is still in memory for this page
      }
    }
    return token;
  }
  if (!storageKey) return undefined;
  try {
    return window.sessionStorage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

export function forgetStoredToken(storageKey: string): void {
  try {
    window.sessionStorage.removeItem(storageKey);
  } catch {
    // nothing stored
  }
}

export function useFragmentToken(storageKey?: string): string | undefined {
  // Read once per mount: the fragment is gone after the first read.
  const [token] = useState(() => readFragmentToken(storageKey));
  return token;
}
