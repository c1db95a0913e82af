import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '@/locales/codeSuggestions/ar.json';
import en from '@/locales/codeSuggestions/en.json';
import es from '@/locales/codeSuggestions/es.json';
import fr from '@/locales/codeSuggestions/fr.json';
import ru from '@/locales/codeSuggestions/ru.json';
import zh from '@/locales/codeSuggestions/zh.json';
import { resources } from '@/lib/i18n';

// The code-suggestion panel's strings: every language has every key, translated, with the
// same {{placeholders}}, and every key the panel asks for exists.

const strings = (tree: { codeSuggestions: Record<string, string> }) => tree.codeSuggestions;
const english = strings(en);
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join();

describe('code suggestion locale files', () => {
  it('sit under one top-level key and are merged into the bundle', () => {
    for (const tree of [en, fr, es, zh, ar, ru]) expect(Object.keys(tree)).toEqual(['codeSuggestions']);
    expect((resources.ar as unknown as Record<string, unknown>).codeSuggestions).toBeDefined();
  });

  for (const [code, tree] of Object.entries({ fr, es, zh, ar, ru })) {
    it(`${code} has every key, translated, with the same placeholders`, () => {
      const translated = strings(tree);
      expect(Object.keys(translated)).toEqual(Object.keys(english));
      const wrong = Object.entries(english).filter(
        ([key, value]) => !translated[key]?.trim() || translated[key] === value || placeholders(translated[key]!) !== placeholders(value),
      );
      expect(wrong.map(([key]) => key)).toEqual([]);
    });
  }

  it('has every key the panel asks for', () => {
    const source = readFileSync(resolve(__dirname, '../code-suggestions.tsx'), 'utf8');
    const asked = [...source.matchAll(/t\('codeSuggestions\.(\w+)'/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(10);
    expect(asked.filter((key) => !(key in english))).toEqual([]);
  });
});
