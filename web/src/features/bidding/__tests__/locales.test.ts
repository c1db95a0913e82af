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

// The bidding screens' own strings (locales/bidding/*.json): every language has every key,
// none empty, none left in English, with the same {{placeholders}}; and every key the
// bidding source asks for exists.

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
const english = flatten(en as Tree);
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

  for (const [code, tree] of Object.entries({ fr, es, zh, ar, ru })) {
    describe(code, () => {
      const translated = flatten(tree as Tree);
      it('has every English key, none empty, and no other', () => {
        expect([...english.keys()].filter((key) => !translated.get(key)?.trim())).toEqual([]);
        expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
      });
      it('keeps the same placeholders', () => {
        const wrong = [...english].filter(([key, value]) => placeholders(value).join() !== placeholders(translated.get(key) ?? '').join());
        expect(wrong.map(([key]) => key)).toEqual([]);
      });
      it('is translated', () => {
        const same = [...english]
          .filter(([key, value]) => translated.get(key) === value)
          .map(([key]) => key)
          .filter((key) => !SAME_AS_ENGLISH[code]!.includes(key));
        expect(same).toEqual([]);
      });
    });
  }

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
    const tree = en as unknown as Tree;
    const lookup = (path: string) => path.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
    const missing = [...used].filter((key) => {
      const dynamic = key.indexOf('${');
      if (dynamic < 0) return typeof lookup(key) !== 'string';
      return typeof lookup(key.slice(0, dynamic).replace(/\.$/, '')) !== 'object';
    });
    expect(missing).toEqual([]);
  });
});
