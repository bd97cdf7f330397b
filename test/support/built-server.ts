import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const SERVER_MAIN = resolve(ROOT, 'apps/server/dist/main.js');

let built = false;

/** Builds the server and what it loads at run time (engine, plugins) once per test process; not the web client. */
export function buildServer(): void {
  if (built) {
    return;
  }
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
  built = true;
}
