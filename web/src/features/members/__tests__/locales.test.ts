import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '@/locales/members/ar.json';
import en from '@/locales/members/en.json';
import es from '@/locales/members/es.json';
import fr from '@/locales/members/fr.json';
import ru from '@/locales/members/ru.json';
import zh from '@/locales/members/zh.json';
import { resources } from '@/lib/i18n';
import { describeTranslations, flattenLocale, type LocaleTree } from '@/testing/locale-checks';

// The members page's strings (including the membership changes: revoke, remove, make owner,
// leave): every language has every key, none empty, none left in English, with the same
// {{placeholders}}; every literal key the page's source asks for exists.

const english = flattenLocale(en as LocaleTree);
// Read and checked: the same word in French.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = { fr: ['members.list.actions'] };

describe('members locale files', () => {
  it('sit under one top-level key and are merged into the bundle', () => {
    for (const tree of [en, fr, es, zh, ar, ru]) expect(Object.keys(tree)).toEqual(['members']);
    expect((resources.ar as unknown as LocaleTree).members).toBeDefined();
  });

  describeTranslations(en, { fr, es, zh, ar, ru }, SAME_AS_ENGLISH);

  it('has every key the members source asks for', () => {
    const dir = resolve(__dirname, '../components');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.tsx'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(/t\('(members\.[\w.]+)'/g)) {
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
