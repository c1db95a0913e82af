// A `tenderbridge serve` child of a journey that needs a server of its own
// (accounts, RFP): started on a free port (--port 0 --port-file), waited for
// until /api/v1/health answers, stopped with SIGTERM (SIGKILL after 5 s).

import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts `tbBin serve ...args --port 0 --port-file portFile` with stdout and
// stderr appended to `out` and `err`. Resolves { server, base } once healthy;
// rejects with the tail of `err` if it exits, or after `timeoutMs`.
export async function startServer(tbBin, args, { cwd, out, err, portFile, label, timeoutMs = 30_000 }) {
  const server = spawn(tbBin, ['serve', ...args, '--port', '0', '--port-file', portFile], {
    cwd,
    stdio: ['ignore', openSync(out, 'a'), openSync(err, 'a')],
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}): ${readFileSync(err, 'utf8').slice(-2000)}`);
    if (existsSync(portFile)) {
      const port = readFileSync(portFile, 'utf8').trim();
      if (port) {
        const base = `http://127.0.0.1:${port}`;
        try {
          if ((await fetch(`${base}/api/v1/health`)).ok) return { server, base };
        } catch {
          // not listening yet
        }
      }
    }
    await sleep(100);
  }
  server.kill('SIGKILL');
  throw new Error(`the ${label} server did not come up`);
}

export async function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
