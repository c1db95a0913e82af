// Helpers of the tender journeys: the server's clock as the test moved it (`serve
// --test-clock`), TOTP codes at that clock, a JSON API client with cookie sessions and CSRF
// tokens, and the CLI.

import { spawnSync } from 'node:child_process';
import { totpCode } from './account-helpers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The server's clock runs at the real rate from wherever POST /api/v1/test/clock put it; the
// test keeps the offset so it can compute what the server will accept (TOTP steps, deadlines).
export class ServerClock {
  constructor() {
    this.offsetMs = 0;
  }
  now() {
    return Date.now() + this.offsetMs;
  }
  movedTo(serverNowMs) {
    this.offsetMs = serverNowMs - Date.now();
  }
}

// A TOTP code the server has not seen for this account in its current 30-second step (the
// server accepts each code once): waits for the next step when this one was used, or when
// fewer than 3 s of it are left.
export async function freshCodeAt(secret, used, clock) {
  const step = () => Math.floor(clock.now() / 30_000);
  while (used.has(step()) || clock.now() % 30_000 > 27_000) await sleep(250);
  const current = step();
  used.add(current);
  return totpCode(secret, current);
}

export function makeApi(baseOf) {
  // `session`: {cookie, csrf} from logIn; `token`: a bearer token (the admin token).
  return async function api(method, path, { body, session, token, headers = {}, form } = {}) {
    const base = baseOf();
    const all = { Accept: 'application/json, application/problem+json', Origin: base, ...headers };
    let payload;
    if (form) {
      payload = form;
    } else if (body !== undefined) {
      all['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    if (session) {
      all.Cookie = session.cookie;
      if (session.csrf && method !== 'GET') all['X-CSRF-Token'] = session.csrf;
    }
    if (token) all.Authorization = `Bearer ${token}`;
    const response = await fetch(`${base}/api/v1${path}`, { method, headers: all, body: payload });
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
}

// "METHOD path answered 409: <detail>" for failure messages.
export function describe(method, path, answer) {
  const detail = answer.json?.detail ?? answer.json?.title ?? answer.text?.slice(0, 300) ?? '';
  return `${method} ${path} answered ${answer.status}: ${detail}`;
}

export function runCli(tbBin, repo, args, { input, env } = {}) {
  const result = spawnSync(tbBin, args, {
    cwd: repo,
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    throw new Error(`tenderbridge ${args.slice(0, 3).join(' ')} failed (${result.status}): ${(result.stderr || result.stdout).slice(0, 800)}`);
  }
  return result.stdout;
}

// A spreadsheet-like attachment in an accepted format that is not a PDF, so a bid carries
// two kinds of file. The content is text: the sealing does not care.
export function priceSchedule(company, amount) {
  return Buffer.from(`Price schedule\n${company}\nTotal,${amount}\n`, 'utf8');
}
