import { describe, expect, it } from 'vitest';
import ar from '@/locales/ar.json';
import en from '@/locales/en.json';
import es from '@/locales/es.json';
import fr from '@/locales/fr.json';
import ru from '@/locales/ru.json';
import zh from '@/locales/zh.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// Values that are rightly the same as English: the product name, and words
// that are spelled the same in that language (checked by a speaker, not
// copied). Anything else equal to English is an untranslated string.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  fr: [
    'app.name',
    'notice.document',
    'notice.lot',
    'notice.fields.source',
    'notice.versions.source',
    'notice.versions.version',
    'notice.sections.description',
    'notice.sections.documents',
    'notice.sections.lots',
    'notice.categories.services',
    'notice.changedFields.description',
    'notice.changedFields.documents',
    'notice.changedFields.lots',
    'unspsc.levels.segment',
    'search.regions.europe',
    'settings.tokens.actions',
    'sanctions.nameKinds.alias',
  ],
  es: ['app.name', 'search.regions.asia', 'directory.no', 'sanctions.nameKinds.alias'],
  zh: ['app.name'],
  ar: ['app.name'],
  ru: ['app.name'],
};

const english = flatten(en as Tree);
const locales = { fr, es, zh, ar, ru } as const;

describe('locale files', () => {
  it('English has the keys the UI relies on', () => {
    expect(english.size).toBeGreaterThan(100);
    expect(english.get('app.name')).toBe('TenderBridge');
  });

  for (const [code, tree] of Object.entries(locales)) {
    describe(code, () => {
      const translated = flatten(tree as Tree);

      it('has every English key, none empty', () => {
        const missing = [...english.keys()].filter((key) => !translated.get(key)?.trim());
        expect(missing).toEqual([]);
      });

      it('has no keys English lacks', () => {
        const extra = [...translated.keys()].filter((key) => !english.has(key));
        expect(extra).toEqual([]);
      });

      it('keeps the same {{placeholders}} as English', () => {
        const wrong = [...english].filter(
          ([key, value]) => placeholders(value).join() !== placeholders(translated.get(key) ?? '').join(),
        );
        expect(wrong.map(([key]) => key)).toEqual([]);
      });

      it('is translated, not copied from English', () => {
        const allowed = new Set(SAME_AS_ENGLISH[code]);
        const copies = [...english]
          .filter(([key, value]) => translated.get(key) === value && !allowed.has(key))
          .map(([key]) => key);
        expect(copies).toEqual([]);
      });
    });
  }

  it('Chinese is simplified, not traditional', () => {
    const text = [...flatten(zh as Tree).values()].join('');
    // Characters that exist only in traditional Chinese, common in UI text.
    expect(text).not.toMatch(/[語載時間錯誤類選擇戶檔聯網標開關價]/);
  });

  it('Arabic strings are in Arabic script', () => {
    const values = [...flatten(ar as Tree)].filter(([key]) => key !== 'app.name');
    const notArabic = values.filter(([, value]) => !/[\u0600-\u06FF]/.test(value)).map(([key]) => key);
    expect(notArabic).toEqual([]);
  });
});
