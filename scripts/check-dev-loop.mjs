#!/usr/bin/env node
/**
 * Checks the contributor's loop end to end (README, "Developing"): starts `npm run dev` on free ports with the
 * embedded PostgreSQL, opens the Vite page in Chromium, edits a Svelte component and sees the open page change
 * without a reload, edits a controller and sees the server restart with the change; then restores both files
 * and stops everything it started. Exit status 0 when every step held, 1 otherwise.
 *
 *   node scripts/check-dev-loop.mjs
 */
/* global fetch, setTimeout, window, document -- Node 20 globals; window and document inside page.evaluate */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMPONENT = join(ROOT, 'apps/web/src/components/AppHeader.svelte');
const CONTROLLER = join(ROOT, 'engine/src/health/health.controller.ts');
/** Flags Chromium needs on this machine (test/e2e/support/browser.ts). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Generous bounds: the machine may be busy; each step waits for a state, never for a fixed time. */
const START_LIMIT_MS = 300_000;
const CHANGE_LIMIT_MS = 180_000;

const started = Date.now();
const say = (line) =>
  process.stdout.write(`[check-dev-loop +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns a truthy value; throws naming `what` after `limitMs`. */
async function until(what, probe, limitMs) {
  const deadline = Date.now() + limitMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

/** Replaces `anchor` once in `file`; returns the original text, to put back. */
function edit(file, anchor, replacement) {
  const original = readFileSync(file, 'utf8');
  if (!original.includes(anchor)) {
    throw new Error(`${file} no longer holds the line this check edits: ${anchor}`);
  }
  writeFileSync(file, original.replace(anchor, replacement));
  return original;
}

async function main() {
  const port = await freePort();
  const webPort = await freePort();
  const token = randomBytes(6).toString('hex');
  const env = { ...process.env, PORT: String(port) };
  delete env.DATABASE_URL;
  say(`npm run dev -- --port ${port} --web-port ${webPort} (embedded PostgreSQL: DATABASE_URL unset)`);
  const dev = spawn('npm', ['run', 'dev', '--', '--port', String(port), '--web-port', String(webPort)], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const devLog = [];
  for (const stream of [dev.stdout, dev.stderr]) {
    stream.on('data', (chunk) => devLog.push(...chunk.toString().split('\n').filter(Boolean)));
  }
  const restore = [];
  let browser;
  try {
    const api = `http://127.0.0.1:${port}`;
    const web = `http://127.0.0.1:${webPort}`;
    const first = await until(
      'the server to answer GET /health',
      async () => {
        const response = await fetch(`${api}/health`);
        return response.ok ? response.json() : null;
      },
      START_LIMIT_MS,
    );
    say(`server up: /health ${JSON.stringify(first)}`);
    await until('Vite to serve the page', async () => (await fetch(web)).ok, START_LIMIT_MS);
    const proxied = await until(
      'Vite to proxy /health',
      async () => (await fetch(`${web}/health`)).ok,
      60_000,
    );
    say(`Vite up on ${web}, proxying /health: ${proxied}`);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(web);
    await page.locator('header.app-header a.brand').waitFor({ timeout: 60_000 });
    await page.evaluate((value) => {
      window.__devLoopMarker = value;
    }, token);
    const loadsBefore = loads;
    say('page open, window marker set; editing AppHeader.svelte');

    restore.push([
      COMPONENT,
      edit(
        COMPONENT,
        '<header class="app-header">',
        `<header class="app-header"><span data-dev-loop-check hidden>${token}</span>`,
      ),
    ]);
    await page.waitForFunction(
      (value) => document.querySelector('[data-dev-loop-check]')?.textContent === value,
      token,
      { timeout: CHANGE_LIMIT_MS, polling: 250 },
    );
    const marker = await page.evaluate(() => window.__devLoopMarker);
    if (marker !== token || loads !== loadsBefore) {
      throw new Error(
        `the page reloaded instead of hot-replacing the component (marker ${marker}, loads ${loads - loadsBefore})`,
      );
    }
    say('hot replacement: the edited component shows in the open page, window marker kept, no reload');

    const uptimeBefore = (await (await fetch(`${api}/health`)).json()).uptimeSeconds;
    say('editing engine/src/health/health.controller.ts');
    restore.push([
      CONTROLLER,
      edit(
        CONTROLLER,
        '    const database = await this.monitor.check();',
        `    response.setHeader('x-dev-loop-check', '${token}');\n    const database = await this.monitor.check();`,
      ),
    ]);
    const restarted = await until(
      'the server to restart with the edited controller',
      async () => {
        const response = await fetch(`${api}/health`);
        return response.headers.get('x-dev-loop-check') === token ? response.json() : null;
      },
      CHANGE_LIMIT_MS,
    );
    say(
      `server restarted: GET /health now carries the edit (uptime ${uptimeBefore}s before, ${restarted.uptimeSeconds}s after)`,
    );
    say('PASS: hot replacement in the page and server restart on a controller edit');
    return 0;
  } catch (error) {
    say(`FAIL: ${error.message}`);
    say(`last lines of npm run dev:\n${devLog.slice(-40).join('\n')}`);
    return 1;
  } finally {
    for (const [file, original] of restore.reverse()) {
      writeFileSync(file, original);
    }
    say(`restored ${restore.length} edited file(s)`);
    await browser?.close();
    try {
      process.kill(-dev.pid, 'SIGINT');
    } catch {
      // already gone
    }
    const stopped = await Promise.race([
      new Promise((resolve) => dev.once('exit', () => resolve(true))),
      new Promise((resolve) => setTimeout(() => resolve(false), 30_000)),
    ]);
    if (!stopped) {
      process.kill(-dev.pid, 'SIGKILL');
    }
    say(`npm run dev stopped${stopped ? '' : ' (killed after 30 s)'}`);
  }
}

process.exitCode = await main();
