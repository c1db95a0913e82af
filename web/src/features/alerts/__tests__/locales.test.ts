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
import { describeTranslations, flattenLocale, type LocaleTree } from '@/testing/locale-checks';

// The alerts screens' strings: every language has every key, none empty, none left in
// English (bar words spelled the same), with the same {{placeholders}}; every key the source
// asks for exists.



const english = flattenLocale(en as LocaleTree);
// Read and checked: the same word in French.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = { fr: ['alerts.reason.invitation', 'alerts.inbox.version'] };

describe('alerts locale files', () => {
  it('sit under one top-level key and are merged into the bundle', () => {
    for (const tree of [en, fr, es, zh, ar, ru]) expect(Object.keys(tree)).toEqual(['alerts']);
    expect(english.size).toBeGreaterThan(130);
    expect((resources.ar as unknown as LocaleTree).alerts).toBeDefined();
  });

  describeTranslations(en, { fr, es, zh, ar, ru }, SAME_AS_ENGLISH);


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
