// Search highlights arrive as HTML from the server: every character escaped,
// matched words in <mark>…</mark>. The UI inserts that HTML only after
// checking it holds no other markup, so a server bug (or a proxy rewriting
// the body) cannot inject elements or attributes: defence in depth.

const MARK_TAG = /<\/?mark>/g;

// True when `html` has no tag but <mark> and </mark>, no stray angle
// brackets, and only well-formed character references.
export function isSafeHighlight(html: string): boolean {
  const rest = html.replace(MARK_TAG, '');
  if (/[<>]/.test(rest)) return false;
  // Every & starts a named, decimal or hex reference.
  return !/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/.test(rest);
}
