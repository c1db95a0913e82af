import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/i18n';

// Every key the source asks for exists in English (and so, by
// locales.test.ts, in all six languages). Keys built at run time
// (`supplier.steps.${id}`) are checked down to their fixed prefix.

type Tree = { [key: string]: string | Tree };

function lookup(path: string): string | Tree | undefined {
  // The merged bundle: the shared file and every feature's own (locales/<feature>/en.json).
  let node: string | Tree | undefined = resources.en as unknown as Tree;
  for (const part of path.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

const sources = import.meta.glob('/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

const KEY_CALL = /\bt\(\s*(['`])([A-Za-z0-9_.${}: ]+?)\1/g;

describe('translation keys used in the source', () => {
  const used: { file: string; key: string }[] = [];
  for (const [file, text] of Object.entries(sources)) {
    if (file.includes('__tests__') || file.endsWith('.test.ts') || file.endsWith('.test.tsx')) continue;
    for (const match of text.matchAll(KEY_CALL)) used.push({ file, key: match[2]! });
  }

  it('finds the keys of every feature', () => {
    const files = new Set(used.map((u) => u.file.split('/')[3]));
    expect([...files]).toEqual(expect.arrayContaining(['auth', 'settings', 'suppliers', 'directory', 'sanctions', 'notices']));
  });

  it('exist in en.json', () => {
    const missing = used
      .filter(({ key }) => {
        const dynamic = key.indexOf('${');
        if (dynamic < 0) return typeof lookup(key) !== 'string';
        const prefix = key.slice(0, dynamic).replace(/\.$/, '');
        return typeof lookup(prefix) !== 'object';
      })
      .map(({ file, key }) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });
});

// The next-step keys the server sends in GET /suppliers/{id}/readiness, read
// from the server's own table (src/suppliers/readiness_messages.cc). The UI
// translates them itself, so each needs a text here (and so, by
// locales.test.ts, in all six languages); this fails when the server gains a key.
describe('readiness next-step keys from the server', () => {
  const source = readFileSync(resolve(process.cwd(), '../src/suppliers/readiness_messages.cc'), 'utf8');
  const serverKeys = [...source.matchAll(/\{"(readiness\.[a-z_]+)",/g)].map((m) => m[1]!);

  it('are found in the server source', () => {
    expect(serverKeys.length).toBeGreaterThanOrEqual(15);
    expect(serverKeys).toContain('readiness.general_information');
  });

  it('all have an English text with the same parameters', () => {
    const missing = serverKeys.filter((key) => typeof lookup(key) !== 'string');
    expect(missing).toEqual([]);
    for (const key of serverKeys) {
      const block = source.slice(source.indexOf(`{"${key}",`));
      const english = /\{\s*"((?:[^"\\]|\\.)*)"/.exec(block.slice(key.length + 4))?.[1] ?? '';
      const serverParams = [...english.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const uiParams = [...String(lookup(key)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect({ key, params: uiParams }).toEqual({ key, params: serverParams });
    }
  });
});
