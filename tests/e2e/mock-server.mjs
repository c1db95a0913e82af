#!/usr/bin/env node
// A throwaway stand-in for `tenderbridge serve`: serves web/dist and the few
// /api/v1 routes the web UI uses, from fixtures. For UI work while the C++
// server is not built (run.mjs with TB_E2E_MOCK=1). It sends the same CSP as
// the real server so a UI that breaks the policy fails here too.
//
//   node tests/e2e/mock-server.mjs --port 8080 --web web/dist

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeFixtures } from './fixtures/notices.mjs';
import { searchNotices, suggest } from './mock-search.mjs';

const { values: args } = parseArgs({
  options: { port: { type: 'string', default: '8080' }, web: { type: 'string', default: 'web/dist' } },
});
const webRoot = resolve(args.web);
const fixtures = makeFixtures();
const { notices, unspsc } = fixtures;

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function problem(res, status, code, detail, field) {
  send(res, status, { type: 'about:blank', title: code, status, detail, code, ...(field ? { field } : {}) }, 'application/problem+json');
}

function summary({ versions, ...notice }) {
  return notice;
}

function listNotices(url, res) {
  const q = url.searchParams;
  const limit = Number(q.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return problem(res, 422, 'invalid_argument', 'limit must be between 1 and 100', 'limit');
  }
  const country = q.get('country');
  if (country && !/^[A-Z]{2}$/.test(country)) {
    return problem(res, 422, 'invalid_argument', 'country must be an ISO 3166-1 alpha-2 code', 'country');
  }
  const buyers = q.getAll('buyer').map((b) => b.toLowerCase());
  const now = Date.now();
  let items = notices.filter(
    (n) =>
      (buyers.length === 0 || buyers.includes(n.buyer.toLowerCase())) &&
      (!q.get('type') || n.type === q.get('type')) &&
      (!q.get('status') || n.status === q.get('status')) &&
      (!country || n.countries.includes(country)) &&
      (!q.get('unspsc') || n.unspsc.some((c) => c.startsWith(q.get('unspsc')))) &&
      (q.get('open') !== 'true' || (n.deadline && Date.parse(n.deadline) > now)),
  );
  items =
    q.get('order') === 'deadline'
      ? items.sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline))
      : items.sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
  const start = Number(q.get('cursor') ?? 0);
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : null;
  send(res, 200, { items: page.map(summary), next_cursor: next, total: items.length });
}

function serveStatic(pathname, res) {
  let relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  if (relative.startsWith('..')) return problem(res, 400, 'invalid_argument', 'bad path');
  let file = join(webRoot, relative);
  // Client-side routes (no extension) get the app.
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(relative) !== '') return problem(res, 404, 'not_found', `no file ${pathname}`);
    file = join(webRoot, 'index.html');
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'method_not_allowed', 'GET only');
  if (path === '/api/v1/health') return send(res, 200, { status: 'ok', database: 'mock', notices: notices.length });
  if (path === '/api/v1/notices') return listNotices(url, res);
  if (path === '/api/v1/search/notices') {
    return searchNotices(url, fixtures, (body) => send(res, 200, body), (status, detail, field) =>
      problem(res, status, 'invalid_argument', detail, field),
    );
  }
  if (path === '/api/v1/search/suggest') return suggest(url, fixtures, (body) => send(res, 200, body));
  const detail = path.match(/^\/api\/v1\/notices\/([^/]+)$/);
  if (detail) {
    const id = decodeURIComponent(detail[1]);
    const notice = notices.find((n) => String(n.id) === id || n.public_id === id);
    return notice ? send(res, 200, notice) : problem(res, 404, 'not_found', `no notice with id ${id}`);
  }
  if (path === '/api/v1/unspsc') {
    const codes = (url.searchParams.get('codes') ?? '').split(',').filter(Boolean);
    return send(res, 200, { items: codes.flatMap((c) => (unspsc[c] ? [unspsc[c]] : [])) });
  }
  const code = path.match(/^\/api\/v1\/unspsc\/(\d+)$/);
  if (code) return unspsc[code[1]] ? send(res, 200, unspsc[code[1]]) : problem(res, 404, 'not_found', 'no such code');
  if (path.startsWith('/api/')) return problem(res, 404, 'not_found', `no route ${path}`);
  return serveStatic(path, res);
});

server.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`mock server on http://127.0.0.1:${args.port} serving ${webRoot}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
