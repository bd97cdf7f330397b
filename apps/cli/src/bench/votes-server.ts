import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The built server, started as a child process for a benchmark. */
export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** SIGTERM (graceful: writes the CPU profile), then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

const SERVER_MAIN = join(__dirname, '..', '..', '..', 'server', 'dist', 'main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts `node apps/server/dist/main.js` on `databaseUrl` and a free port; resolves once /health says ok.
 * The server's standard output goes to ours, or line by line to `onStdoutLine` when given.
 */
export async function startServer(
  databaseUrl: string,
  profileDir: string | null,
  extraEnv: Record<string, string> = {},
  onStdoutLine?: (line: string) => void,
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'liquide-bench-data-'));
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  if (extraEnv.LIQUIDE_BENCH_LOOP_FILE) {
    flags.push('--require', join(__dirname, 'loop-monitor.js'));
  }
  const child: ChildProcess = spawn(process.execPath, [...flags, SERVER_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LIQUIDE_DATA_DIR: dataDir,
      JWT_ACCESS_TTL: '3600',
      // a benchmark registers thousands of accounts from one address and votes as fast as it can
      RATE_LIMIT_AUTH: '1000000',
      RATE_LIMIT_WRITES: '1000000',
      ...extraEnv,
    },
    stdio: ['ignore', onStdoutLine ? 'pipe' : 'inherit', 'inherit'],
  });
  if (onStdoutLine && child.stdout) {
    createInterface({ input: child.stdout }).on('line', onStdoutLine);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  const stop = async (): Promise<void> => {
    if (alive) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!alive) {
      await stop();
      throw new Error('the server exited during start (see its output above)');
    }
    const ok = await fetch(`${baseUrl}/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) {
      return { baseUrl, pid: child.pid ?? 0, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the server did not answer /health within 180 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** User + system CPU seconds consumed so far by these processes (Linux /proc; 0 elsewhere). */
/**
 * CPU time used by `pids` since this call, in seconds (Linux /proc; 0 elsewhere): the returned function
 * sums, over the processes still running, their user + system time since the start. A process that ended
 * meanwhile (a PostgreSQL backend closing) counts for nothing rather than for its whole past.
 */
export function cpuMeter(pids: readonly number[]): () => number {
  const before = cpuTicks(pids);
  return () => {
    let ticks = 0;
    for (const [pid, now] of cpuTicks(pids)) {
      ticks += now - (before.get(pid) ?? now);
    }
    return ticks / 100;
  };
}

function cpuTicks(pids: readonly number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone, or not Linux
    }
  }
  return ticks;
}

/** Every PostgreSQL backend on the machine (other users' included: the figure is an upper bound). */
export function postgresPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a sampled function lives: a package, the engine, Node's internals or a V8 pseudo-frame. */
function area(url: string, name: string): string {
  if (!url) {
    return name.startsWith('(') ? name : '(native)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    return pkg[1];
  }
  if (url.startsWith('node:')) {
    return 'node internals';
  }
  const own = /\/(engine|apps\/server|plugins\/[^/]+)\//.exec(url);
  return own ? own[1] : url;
}

/** Self time by area and by function, over every profile in the directory. */
export function summariseProfiles(dir: string): string {
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const micros = profile.timeDeltas[i] ?? 0;
      if (!node || node.callFrame.functionName === '(idle)') {
        return;
      }
      const { functionName, url, lineNumber } = node.callFrame;
      const where = area(url, functionName);
      total += micros;
      byArea.set(where, (byArea.get(where) ?? 0) + micros);
      const key = `${functionName || '(anonymous)'}  ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(engine|apps)\//, '$1/')}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    });
  }
  const top = (map: Map<string, number>, n: number): string =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([key, micros]) =>
          `  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1e6).toFixed(2).padStart(6)} s  ${key}`,
      )
      .join('\n');
  return `server CPU profile (self time, idle excluded, ${(total / 1e6).toFixed(1)} s busy over the whole run incl. setup):
by area:
${top(byArea, 15)}
by function:
${top(byFunction, 30)}
profile files: ${dir}`;
}
