import { describe, expect, it } from 'vitest';

// The checks every feature's locale files get (locales/<feature>/*.json): each translation
// has every English key, none empty and no other, keeps the same {{placeholders}}, and is
// translated rather than copied (bar the keys a reader checked to be spelled the same).

export type LocaleTree = { [key: string]: string | LocaleTree };

export function flattenLocale(tree: LocaleTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flattenLocale(value, path)) out.set(k, v);
  }
  return out;
}

export const placeholdersOf = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

export function describeTranslations(
  english: unknown,
  translations: Record<string, unknown>,
  sameAsEnglish: Record<string, readonly string[]> = {},
) {
  const source = flattenLocale(english as LocaleTree);
  for (const [code, tree] of Object.entries(translations)) {
    describe(code, () => {
      const translated = flattenLocale(tree as LocaleTree);
      it('has every English key, none empty, and no other', () => {
        expect([...source.keys()].filter((key) => !translated.get(key)?.trim())).toEqual([]);
        expect([...translated.keys()].filter((key) => !source.has(key))).toEqual([]);
      });
      it('keeps the same {{placeholders}} as English', () => {
        const wrong = [...source].filter(([key, value]) => placeholdersOf(value).join() !== placeholdersOf(translated.get(key) ?? '').join());
        expect(wrong.map(([key]) => key)).toEqual([]);
      });
      it('is translated, not copied from English', () => {
        const allowed = new Set(sameAsEnglish[code] ?? []);
        const copies = [...source].filter(([key, value]) => translated.get(key) === value && !allowed.has(key)).map(([key]) => key);
        expect(copies).toEqual([]);
      });
    });
  }
}
