import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '@/locales/alerts/ar.json';
import en from '@/locales/alerts/en.json';
import es from '@/locales/alerts/es.json';
import fr from '@/locales/alerts/fr.json';
import ru from '@/locales/alerts/ru.json';
import zh from '@/locales/alerts/zh.json';
import { resources } from '@/lib/i18n';

// The alerts screens' strings: every language has every key, none empty, none left in
// English (bar words spelled the same), with the same {{placeholders}}; every key the source
// asks for exists.

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
// Read and checked: the same word in French.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = { fr: ['alerts.reason.invitation', 'alerts.inbox.version'] };

describe('alerts locale files', () => {
  it('sit under one top-level key and are merged into the bundle', () => {
    for (const tree of [en, fr, es, zh, ar, ru]) expect(Object.keys(tree)).toEqual(['alerts']);
    expect(english.size).toBeGreaterThan(130);
    expect((resources.ar as unknown as Tree).alerts).toBeDefined();
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
        const same = [...english].filter(([key, value]) => translated.get(key) === value).map(([key]) => key);
        expect(same).toEqual(SAME_AS_ENGLISH[code] ?? []);
      });
    });
  }

  it('has every key the alerts source asks for', () => {
    const dir = resolve(__dirname, '../components');
    const missing: string[] = [];
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(/t\('(alerts\.[\w.]+)'/g)) {
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
