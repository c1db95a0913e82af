// Server messages are English text shown inside pages that may be right-to-left. Wrapped in
// a first-strong isolate (U+2068 … U+2069) they keep their own direction, so "(clocks jump
// forward over it)" does not come out with its brackets reversed in an Arabic page.
export function isolate(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? text : `\u2068${text}\u2069`;
}
