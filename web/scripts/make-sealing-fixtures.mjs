#!/usr/bin/env node
// Writes the browser implementation's cross-implementation fixtures (SECURITY.md CR-05) to
// tests/data/sealing/js/: for each case NAME, NAME.env (envelope bytes sealed by
// web/src/features/tendering/sealing) and NAME.json (the test-only key pair, the binding, the
// files and the price), which the C++ engine must open (src/crypto/cross_implementation_test.cc).
//
//   cd web && node scripts/make-sealing-fixtures.mjs [output-dir]
//
// Runs with plain node: Vite (already a dev dependency) compiles the TypeScript on the fly.
// Keys, nonces and file keys are fresh on every run, so the bytes change each time; the file
// contents are deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? resolve(webDir, '../tests/data/sealing/js'));

// xorshift32: reproducible "binary" content without shipping it twice.
function patternBytes(length, seed) {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}

const text = (value) => new Uint8Array(new TextEncoder().encode(value));
const tender = 'ocds-tbrdg1-000001';
const usd = (amount_minor) => ({ amount_minor, currency: 'USD' });

const cases = [
  { name: 'empty-file', kind: 'single', files: [['empty.txt', new Uint8Array(0)]], price: null },
  { name: 'small-text', kind: 'technical', files: [['offer.txt', text('Technical offer: 40 units, delivery in 6 weeks.\n')]], price: null },
  { name: 'exact-chunk', kind: 'single', files: [['chunk.bin', patternBytes(65536, 11)]], price: null },
  { name: 'chunk-plus-one', kind: 'single', files: [['chunk1.bin', patternBytes(65537, 12)]], price: null },
  {
    name: 'three-files',
    kind: 'technical',
    files: [
      ['method-statement.txt', text('Method statement\n'.repeat(50))],
      ['drawings.bin', patternBytes(100000, 13)],
      ['one-byte.bin', new Uint8Array([0x2a])],
    ],
    price: null,
  },
  { name: 'binary-300k', kind: 'single', files: [['scan.pdf', patternBytes(300000, 14)]], price: null },
  { name: 'with-price', kind: 'single', files: [['offer.pdf', patternBytes(4000, 15)]], price: usd(12345678) },
  { name: 'financial', kind: 'financial', files: [['price-schedule.csv', text('item,qty,unit_price\nvaccine cold box,40,1250.00\n')]], price: usd(5000000) },
  { name: 'price-only', kind: 'financial', files: [], price: usd(99) },
  { name: 'non-ascii-name', kind: 'technical', files: [['Offre technique – été 2026 报价 عرض.pdf', text('Offre conforme.\n')]], price: null },
];

const server = await createServer({
  root: webDir,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const sealing = await server.ssrLoadModule('/src/features/tendering/sealing/index.ts');
  const sodium = await sealing.loadSodium();
  const b64 = (bytes) => sealing.toBase64Url(sodium, bytes);
  mkdirSync(outDir, { recursive: true });
  for (const testCase of cases) {
    const pair = sodium.crypto_box_keypair();
    const binding = { tender, kind: testCase.kind, bid: `js-${testCase.name}` };
    const sealed = await sealing.sealEnvelope({
      binding,
      recipient: pair.publicKey,
      files: testCase.files.map(([name, bytes]) => ({ name, data: new Blob([bytes]) })),
      price: testCase.price,
    });
    const envelope = new Uint8Array(await sealed.blob.arrayBuffer());
    // Refuse to write a fixture this implementation cannot open itself.
    const opened = await sealing.openEnvelope({ envelope, expected: binding, secretKey: pair.privateKey });
    if (opened.files.length !== testCase.files.length) throw new Error(`${testCase.name}: self-check failed`);
    writeFileSync(resolve(outDir, `${testCase.name}.env`), envelope);
    const description = {
      secret_key: b64(pair.privateKey),
      public_key: b64(pair.publicKey),
      binding,
      files: testCase.files.map(([name, bytes]) => ({ name, content_b64: b64(bytes) })),
      price: testCase.price,
    };
    writeFileSync(resolve(outDir, `${testCase.name}.json`), `${JSON.stringify(description, null, 2)}\n`);
    console.log(`${testCase.name}: ${envelope.length} bytes, sha256 ${sealed.sha256}`);
  }
  console.log(`wrote ${cases.length} cases to ${outDir}`);
} finally {
  await server.close();
}
