import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { USAGE_ERROR } from './exit-status';

const HELP = `usage: liquide dev [--port N] [--web-port N]

The contributor's loop, from the repository's root (npm run dev):
  - swc recompiles engine/, plugins/* and apps/server/ on every save (watch mode);
  - the server runs with node --watch and restarts when its compiled code changes; with DATABASE_URL unset it
    starts the embedded PostgreSQL under .liquide/ exactly as npm start does (data kept across restarts);
  - Vite serves the web client with hot module replacement on --web-port (default 5173) and proxies /api,
    /.well-known and /socket.io to the server on --port (default: PORT, else 3000).
Ctrl-C stops everything.
`;

/** The workspaces compiled by swc, each watched by its own `swc --watch`. */
const COMPILED = ['engine', 'apps/server', 'plugins/petitions', 'plugins/co-drafting', 'plugins/amendments'];

interface Options {
  readonly port: number;
  readonly webPort: number;
}

function parseOptions(args: string[]): Options | string {
  let port = Number(process.env.PORT ?? 3000);
  let webPort = 5173;
  for (let i = 0; i < args.length; i += 2) {
    const value = Number(args[i + 1]);
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      return `liquide dev: ${args[i]} needs a port number from 1 to 65535`;
    }
    if (args[i] === '--port') {
      port = value;
    } else if (args[i] === '--web-port') {
      webPort = value;
    } else {
      return `liquide dev: unknown option ${args[i]}`;
    }
  }
  return { port, webPort };
}

/** Children run in their own process group, so that stopping one stops what it started (npm → swc). */
function start(
  name: string,
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
    }
  }
  child.on('exit', (code, signal) => process.stdout.write(`[${name}] exited (${signal ?? code})\n`));
  return child;
}

function stopGroup(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Resolves once no file under `dirs` has changed for `quietMs` (swc's first full compile is over), at most `maxMs`. */
function settled(dirs: string[], quietMs: number, maxMs: number): Promise<void> {
  return new Promise((done) => {
    const watchers: FSWatcher[] = [];
    let timer: NodeJS.Timeout;
    const finish = (): void => {
      clearTimeout(timer);
      clearTimeout(limit);
      watchers.forEach((w) => w.close());
      done();
    };
    const limit = setTimeout(finish, maxMs);
    const rearm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    };
    for (const dir of dirs.filter((d) => existsSync(d))) {
      watchers.push(watch(dir, { recursive: true }, rearm));
    }
    rearm();
  });
}

/** `liquide dev`: swc watchers, the server under node --watch, and Vite's dev server. */
export async function devCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const options = parseOptions(args);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const root = resolve(__dirname, '../../../..');
  const children: ChildProcess[] = [];
  const env = { ...process.env, FORCE_COLOR: '1' };
  for (const workspace of COMPILED) {
    children.push(
      start(
        `swc ${workspace}`,
        'npm',
        ['run', 'build', `--workspace=${workspace}`, '--', '--watch'],
        root,
        env,
      ),
    );
  }
  await settled(
    COMPILED.map((w) => join(root, w, 'dist')),
    1500,
    60_000,
  );
  children.push(
    start(
      'server',
      process.execPath,
      ['--watch', '--watch-preserve-output', 'apps/server/dist/main.js'],
      root,
      { ...env, PORT: String(options.port) },
    ),
  );
  children.push(
    start(
      'web',
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), '--port', String(options.webPort), '--strictPort'],
      join(root, 'apps/web'),
      { ...env, LIQUIDE_DEV_API: `http://localhost:${options.port}` },
    ),
  );
  process.stdout.write(
    `liquide dev: web client with hot reload on http://localhost:${options.webPort}, API on http://localhost:${options.port}\n`,
  );
  return new Promise((done) => {
    const stop = (): void => {
      children.forEach(stopGroup);
      setTimeout(() => done(0), 1500);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
