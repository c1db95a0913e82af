import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '@/locales/bidding/ar.json';
import en from '@/locales/bidding/en.json';
import es from '@/locales/bidding/es.json';
import fr from '@/locales/bidding/fr.json';
import ru from '@/locales/bidding/ru.json';
import zh from '@/locales/bidding/zh.json';
import { resources } from '@/lib/i18n';
import { describeTranslations, flattenLocale, type LocaleTree } from '@/testing/locale-checks';

// The bidding screens' own strings (locales/bidding/*.json): every language has every key,
// none empty, none left in English, with the same {{placeholders}}; and every key the
// bidding source asks for exists.



const english = flattenLocale(en as LocaleTree);
// Spelled the same in that language (checked by reading them, not copied): the filter below
// lets pure placeholders and words through only when listed here.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  fr: ['bidding.tender.lot', 'bidding.clarifications.question', 'bidding.form.files', 'bidding.receipt.version'],
  es: ['bidding.receipt.bytes'],
  zh: [],
  ar: [],
  ru: [],
};

describe('bidding locale files', () => {
  it('sit under one top-level key named for the feature', () => {
    for (const tree of [en, fr, es, zh, ar, ru]) expect(Object.keys(tree)).toEqual(['bidding']);
    expect(english.size).toBeGreaterThan(200);
  });

  describeTranslations(en, { fr, es, zh, ar, ru }, SAME_AS_ENGLISH);


  it('are merged into the bundle of every language', () => {
    for (const code of ['en', 'fr', 'es', 'zh', 'ar', 'ru'] as const) {
      expect((resources[code] as unknown as { bidding?: unknown }).bidding).toBeDefined();
    }
  });
});

describe('keys used by the bidding screens', () => {
  const sources = import.meta.glob('/src/features/bidding/**/*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  const layout = readFileSync(resolve(process.cwd(), 'src/components/layouts/app-layout.tsx'), 'utf8');
  const used = new Set<string>();
  for (const text of [...Object.values(sources), layout]) {
    for (const match of text.matchAll(/\bt\(\s*(['`])(bidding\.[A-Za-z0-9_.${}]+?)\1/g)) used.add(match[2]!);
  }

  it('finds them', () => {
    expect(used.size).toBeGreaterThan(150);
  });

  it('exist in English (dynamic ones as a group)', () => {
    const tree = en as unknown as LocaleTree;
    const lookup = (path: string) => path.split('.').reduce<string | LocaleTree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
    const missing = [...used].filter((key) => {
      const dynamic = key.indexOf('${');
      if (dynamic < 0) return typeof lookup(key) !== 'string';
      return typeof lookup(key.slice(0, dynamic).replace(/\.$/, '')) !== 'object';
    });
    expect(missing).toEqual([]);
  });
});
