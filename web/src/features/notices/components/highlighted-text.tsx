import { isSafeHighlight } from '@/lib/highlight';

interface Props {
  // HTML from the search API: escaped text with <mark> around matched words.
  html: string | undefined;
  // The raw text, shown instead when `html` is missing or fails the check.
  text: string;
}

// Inserts the server's highlight HTML only when it holds nothing but <mark>
// tags; anything else is shown as plain text (React escapes it).
export function HighlightedText({ html, text }: Props) {
  if (html && isSafeHighlight(html)) {
    return <span className="highlighted" dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return <span className="highlighted">{text}</span>;
}
