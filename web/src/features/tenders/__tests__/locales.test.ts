import { describe, expect, it } from 'vitest';
import ar from '@/locales/tenders/ar.json';
import en from '@/locales/tenders/en.json';
import es from '@/locales/tenders/es.json';
import fr from '@/locales/tenders/fr.json';
import ru from '@/locales/tenders/ru.json';
import zh from '@/locales/tenders/zh.json';
import { resources } from '@/lib/i18n';

// The tenders feature keeps its strings in locales/tenders/ (merged by lib/i18n.ts): the same
// checks as lib/__tests__/locales.test.ts, for these files.

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

// Rightly the same as English (checked, not copied): abbreviations, and words spelled alike.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  fr: [
    'tenders.methods.rfq.short',
    'tenders.methods.itb.short',
    'tenders.methods.rfp.short',
    'tenders.categories.services',
    'tenders.fields.description',
    'tenders.items.lotsTitle',
    'tenders.items.lot',
    'tenders.items.lotN',
    'tenders.steps.documents',
    'tenders.deadline.utc',
    'tenders.record.files',
    'tenders.page.tabs.clarifications',
    'tenders.clarifications.questionN',
    'tenders.documents.documentN',
    'tenders.amendments.fields.description',
    'tenders.amendments.fields.lots',
    'tenders.amendments.fields.documents',
    'tenders.page.actions',
    'tenders.award.justification',
  ],
  es: ['tenders.methods.rfq.short', 'tenders.methods.itb.short', 'tenders.methods.rfp.short', 'tenders.evaluation.no'],
  zh: [],
  ar: [],
  ru: [],
};

const english = flatten(en as Tree);
const locales = { fr, es, zh, ar, ru } as const;

describe('tenders locale files', () => {
  it('are merged into the bundle the app uses, in every language', () => {
    for (const code of ['en', 'fr', 'es', 'zh', 'ar', 'ru'] as const) {
      const bundle = resources[code] as unknown as { tenders?: { nav?: string }; app?: { name?: string } };
      expect(bundle.tenders?.nav, code).toBeTruthy();
      expect(bundle.app?.name, code).toBe('TenderBridge');
    }
    expect(english.size).toBeGreaterThan(400);
  });

  for (const [code, tree] of Object.entries(locales)) {
    describe(code, () => {
      const translated = flatten(tree as Tree);

      it('has every English key, none empty, and no others', () => {
        expect([...english.keys()].filter((key) => !translated.get(key)?.trim())).toEqual([]);
        expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
      });

      it('keeps the same {{placeholders}} as English', () => {
        const wrong = [...english].filter(([key, value]) => placeholders(value).join() !== placeholders(translated.get(key) ?? '').join());
        expect(wrong.map(([key]) => key)).toEqual([]);
      });

      it('is translated, not copied from English', () => {
        const allowed = new Set(SAME_AS_ENGLISH[code]);
        const copies = [...english].filter(([key, value]) => translated.get(key) === value && !allowed.has(key)).map(([key]) => key);
        expect(copies).toEqual([]);
      });
    });
  }

  it('Chinese is simplified, not traditional', () => {
    expect([...flatten(zh as Tree).values()].join('')).not.toMatch(/[語載時間錯誤類選擇戶檔聯網標開關價]/);
  });

  it('Arabic strings are in Arabic script', () => {
    const notArabic = [...flatten(ar as Tree)].filter(([, value]) => !/[\u0600-\u06FF]/.test(value)).map(([key]) => key);
    expect(notArabic).toEqual([]);
  });
});
