import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_ENV } from './test-env';

export const ROOT = resolve(__dirname, '../..');
export const SERVER_MAIN = resolve(ROOT, 'apps/server/dist/main.js');

let built = false;

/** A build lock older than this was left by a test process that died while building: it is taken over. */
const STALE_LOCK_MS = 10 * 60_000;

/** Where a test run marks its build done, and locks it while it runs (one per `npm test`). */
export function buildMarker(): string {
  return join(tmpdir(), `liquide-built-${process.env[TEST_ENV.run] ?? process.pid}`);
}

/**
 * Builds the server and what it loads at run time (engine, plugins) once per test run, not the web client.
 * Once per run, not per jest worker: a second worker rebuilding `dist` while the first one's spawned server
 * loads it gave that server half-written files (it exited at start, "Cannot read properties of undefined").
 * The first worker builds under an exclusive lock file; the others wait for its marker.
 */
export function buildServer(): void {
  if (built) {
    return;
  }
  const done = buildMarker();
  const lock = `${done}.lock`;
  for (;;) {
    if (existsSync(done)) {
      built = true;
      return;
    }
    let fd: number | null = null;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > STALE_LOCK_MS) {
        rmSync(lock, { force: true });
      }
    }
    if (fd !== null) {
      try {
        build();
        writeFileSync(done, '');
        built = true;
        return;
      } finally {
        closeSync(fd);
        rmSync(lock, { force: true });
      }
    }
    // another worker is building: wait for it without spinning
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}

function build(): void {
  const workspaces = [
    'engine',
    'apps/server',
    'plugins/petitions',
    'plugins/co-drafting',
    'plugins/amendments',
  ];
  execFileSync('npm', ['run', 'build', '--silent', ...workspaces.flatMap((w) => ['-w', w])], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}
