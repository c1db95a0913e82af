import { describe, expect, it } from 'vitest';
import { isSafeHighlight } from '../highlight';

describe('isSafeHighlight', () => {
  const cases: Array<[string, boolean]> = [
    ['Supply of <mark>computers</mark>', true],
    ['plain text', true],
    ['', true],
    ['<mark>a</mark> &amp; <mark>b</mark> &lt;script&gt; &#39; &#x2F;', true],
    ['<script>alert(1)</script>', false],
    ['<mark onclick="x">a</mark>', false],
    ['<MARK>a</MARK>', false],
    ['<mark>a</mark><b>b</b>', false],
    ['<img src=x onerror=alert(1)>', false],
    ['a < b', false],
    ['a > b', false],
    ['</mark', false],
    ['AT&T', false],
    ['&lt', false],
  ];
  it.each(cases)('%j -> %s', (html, safe) => {
    expect(isSafeHighlight(html)).toBe(safe);
  });
});
