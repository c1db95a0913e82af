import { describe, expect, it } from 'vitest';
import ar from '@/locales/tenders/ar.json';
import en from '@/locales/tenders/en.json';
import es from '@/locales/tenders/es.json';
import fr from '@/locales/tenders/fr.json';
import ru from '@/locales/tenders/ru.json';
import zh from '@/locales/tenders/zh.json';
import { resources } from '@/lib/i18n';
import { describeTranslations, flattenLocale, type LocaleTree } from '@/testing/locale-checks';

// The tenders feature keeps its strings in locales/tenders/ (merged by lib/i18n.ts): the same
// checks as lib/__tests__/locales.test.ts, for these files.




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

const english = flattenLocale(en as LocaleTree);

describe('tenders locale files', () => {
  it('are merged into the bundle the app uses, in every language', () => {
    for (const code of ['en', 'fr', 'es', 'zh', 'ar', 'ru'] as const) {
      const bundle = resources[code] as unknown as { tenders?: { nav?: string }; app?: { name?: string } };
      expect(bundle.tenders?.nav, code).toBeTruthy();
      expect(bundle.app?.name, code).toBe('TenderBridge');
    }
    expect(english.size).toBeGreaterThan(400);
  });

  describeTranslations(en, { fr, es, zh, ar, ru }, SAME_AS_ENGLISH);


  it('Chinese is simplified, not traditional', () => {
    expect([...flattenLocale(zh as LocaleTree).values()].join('')).not.toMatch(/[語載時間錯誤類選擇戶檔聯網標開關價]/);
  });

  it('Arabic strings are in Arabic script', () => {
    const notArabic = [...flattenLocale(ar as LocaleTree)].filter(([, value]) => !/[\u0600-\u06FF]/.test(value)).map(([key]) => key);
    expect(notArabic).toEqual([]);
  });
});
