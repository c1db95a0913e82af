// Links in notices come from outside sources: only http(s) and mailto/tel
// targets become links, so a `javascript:` URL in imported data cannot run.
export function safeExternalUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
