import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';

/** The hostile client's address as the server sees it (documentation range, RFC 5737). */
const HOSTILE_ADDRESS = '198.51.100.66';

/** What one hostile socket.io client did, and what the server made of it. */
export interface HostileReport {
  eventsSent: number;
  refusals: number;
  disconnects: number;
  connectRefusals: number;
}

/**
 * One hostile client for `liquide bench live --hostile`: floods the server with `ballot:watch`
 * (a valid id, no pause) mixed with malformed and unknown events, and reconnects each time the
 * server disconnects it, until stopped.
 */
export function startHostileClient(baseUrl: string, ballotId: string): { stop(): Promise<HostileReport> } {
  const report: HostileReport = { eventsSent: 0, refusals: 0, disconnects: 0, connectRefusals: 0 };
  let running = true;
  let socket: Socket | undefined;
  const loop = (async () => {
    while (running) {
      socket = io(baseUrl, {
        path: '/socket.io',
        transports: ['websocket'],
        // from an address of its own, as an attacker's would be: the server trusts X-Forwarded-For from
        // loopback (a local proxy), so its per-address limits and its cooldown fall on this client alone
        extraHeaders: { 'x-forwarded-for': HOSTILE_ADDRESS },
        reconnection: false,
        forceNew: true,
      });
      const current = socket;
      current.on('live:refused', () => void report.refusals++);
      const connected = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000);
        current.once('connect', () => (clearTimeout(timer), resolve(true)));
        current.once('connect_error', () => (clearTimeout(timer), resolve(false)));
      });
      if (!connected) {
        report.connectRefusals += 1;
        current.close();
        await pause(200);
        continue;
      }
      while (running && current.connected) {
        for (let i = 0; i < 100; i += 1) {
          current.emit('ballot:watch', { ballotId }, () => undefined);
          current.emit('ballot:watch', { ballotId: i });
          current.emit('no:such:event', 'x'.repeat(100));
          report.eventsSent += 3;
        }
        await pause(5);
      }
      if (!current.connected) {
        report.disconnects += 1;
      }
      current.close();
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      socket?.close();
      return report;
    },
  };
}

/** The probe's own program: it runs in a process of its own, so the bench's clients never delay its timings. */
const PROBE = `
const [url, every] = [process.argv[1], Number(process.argv[2])];
const latencies = [];
const loop = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let running = true;
process.on('message', () => { running = false; });
(async () => {
  while (running) {
    const [at, started] = [Date.now(), performance.now()];
    loop.reset();
    await fetch(url, { signal: AbortSignal.timeout(30000) }).then((r) => r.text()).catch(() => undefined);
    latencies.push([at, performance.now() - started, Math.round(loop.max / 1e6)]);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  process.send(latencies, () => process.exit(0));
})();
`;

/**
 * One /health probe: when it was sent (epoch ms), how long its answer took (ms), and the longest delay
 * of the probe's own event loop meanwhile (ms: the probe process waiting for a core, not the server).
 */
export type Probe = [sentAt: number, latencyMs: number, probeLoopDelayMs: number];

/**
 * GET /health every `everyMs` until stopped, from a separate process (the bench process itself runs
 * thousands of clients, whose event-loop delay would otherwise be counted as the server's); the latency
 * of each answer, a failed one counting as its wait.
 */
export function startHealthProbe(baseUrl: string, everyMs = 50): { stop(): Promise<Probe[]> } {
  const probe = spawn(process.execPath, ['-e', PROBE, `${baseUrl}/health`, String(everyMs)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const result = new Promise<Probe[]>((resolve) => {
    probe.once('message', (latencies) => resolve(latencies as Probe[]));
    probe.once('exit', () => resolve([]));
  });
  return {
    stop: async () => {
      probe.send('stop');
      return result;
    },
  };
}

/**
 * The server's event loop during the slowest probes: for each of the `count` slowest, the longest
 * loop delay the server saw while it was in flight (windows of 100 ms, from the loop monitor).
 */
export function slowProbesAgainstLoop(
  probes: readonly Probe[],
  loop: readonly [number, number][],
  count = 3,
): { latencyMs: number; loopDelayMs: number }[] {
  return [...probes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([sentAt, latencyMs]) => {
      // a window ending after the answer covers its end too (a held loop ends its window late)
      const after = loop.find(([at]) => at > sentAt + latencyMs);
      const during = loop.filter(([at]) => at >= sentAt && at <= sentAt + latencyMs);
      return {
        latencyMs: Math.round(latencyMs),
        loopDelayMs: Math.max(0, ...[...during, ...(after ? [after] : [])].map(([, delay]) => delay)),
      };
    });
}

/** Resident memory of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** The machine's load average over 1, 5 and 15 minutes. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
