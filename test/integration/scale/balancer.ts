import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '@liquide/server/database/free-port';
import { SERVER_MAIN, ROOT } from '../../support/built-server';
import { waitFor } from '../../support/wait';

/** One built server (`apps/server/dist/main.js`) started as a child process. */
export interface Instance {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly process: ChildProcess;
}

/** Starts one built server on a free port and waits until its /health answers. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    // LIQUIDE_TEST_LOGS=1 shows the instances' warnings (a live tally reloaded by reconciliation)
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LIQUIDE_TEST_LOGS ? 'warn' : 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) {
      throw new Error(`instance ${name} exited during start (code ${child.exitCode})`);
    }
    return fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
  }, 60_000);
  return { name, port, url, process: child };
}

/** Stops a child process (SIGTERM, then SIGKILL after 10 s) and waits for its exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The path of the `haproxy` binary, or a failure saying how to install it. */
export function haproxyBinary(): string {
  try {
    const path = execFileSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).trim();
    if (path) {
      return path;
    }
  } catch {
    // reported below
  }
  throw new Error(
    'HAProxy is required for the load-balancer test and was not found on PATH. Install it from ' +
      "Debian's packages: apt-get update && apt-get install -y haproxy (.ci/run does this).",
  );
}

/**
 * The HAProxy configuration the test runs, and docs/scaling.md describes: round robin over the
 * instances for new clients; a cookie (`LIQUIDE_SERVER`) keeps a socket.io session on the instance
 * that holds it (long-polling sends several requests per session; the websocket upgrade carries the
 * cookie too); `/health` checks take a dead instance out within about a second; a request whose
 * connection is refused is sent to another instance (`option redispatch`, `retries`), which is safe
 * because nothing reached the dead one. `X-Forwarded-For` names the client for the per-address
 * limits (the server trusts it from a proxy on loopback).
 */
export function haproxyConfig(listenPort: number, statsPort: number, instances: readonly Instance[]): string {
  return [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    '  timeout http-keep-alive 10s',
    '  retries 3',
    '  option redispatch',
    '  option forwardfor',
    '',
    'frontend liquide',
    `  bind 127.0.0.1:${listenPort}`,
    '  default_backend instances',
    '',
    'backend instances',
    '  balance roundrobin',
    '  cookie LIQUIDE_SERVER insert indirect nocache httponly',
    '  option httpchk GET /health',
    '  http-check expect status 200',
    '  timeout check 5s',
    '  default-server inter 1s fall 3 rise 2',
    ...instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check cookie ${i.name}`),
    '',
    'frontend stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
}

export interface Balancer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Per instance: current sessions and whether HAProxy's checks see it up, from its CSV stats. */
  servers(): Promise<Record<string, { sessions: number; totalSessions: number; up: boolean }>>;
}

/** Writes the configuration into `dir`, starts HAProxy in the foreground and waits until it answers. */
export async function startBalancer(dir: string, instances: readonly Instance[]): Promise<Balancer> {
  const binary = haproxyBinary();
  const port = await findFreePort();
  const statsPort = await findFreePort();
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(port, statsPort, instances));
  execFileSync(binary, ['-c', '-q', '-f', file], { stdio: 'inherit' });
  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const servers: Balancer['servers'] = async () => {
    const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
    const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const columns = header.split(',');
    const at = (row: string[], name: string) => row[columns.indexOf(name)];
    const found: Awaited<ReturnType<Balancer['servers']>> = {};
    for (const row of rows.map((r) => r.split(','))) {
      if (at(row, 'pxname') === 'instances' && instances.some((i) => i.name === at(row, 'svname'))) {
        found[at(row, 'svname')] = {
          sessions: Number(at(row, 'scur')),
          totalSessions: Number(at(row, 'stot')),
          up: at(row, 'status').startsWith('UP'),
        };
      }
    }
    return found;
  };
  await waitFor(async () => {
    if (child.exitCode !== null) {
      throw new Error(`haproxy exited during start (code ${child.exitCode})`);
    }
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    return ok && Object.values(await servers()).filter((s) => s.up).length === instances.length;
  }, 30_000);
  return { url, process: child, servers };
}
