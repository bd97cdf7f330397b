import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';

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
let running = true;
process.on('message', () => { running = false; });
(async () => {
  while (running) {
    const started = performance.now();
    await fetch(url, { signal: AbortSignal.timeout(30000) }).then((r) => r.text()).catch(() => undefined);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
  process.send(latencies, () => process.exit(0));
})();
`;

/**
 * GET /health every `everyMs` until stopped, from a separate process (the bench process itself runs
 * thousands of clients, whose event-loop delay would otherwise be counted as the server's); the latency
 * of each answer, a failed one counting as its wait.
 */
export function startHealthProbe(baseUrl: string, everyMs = 50): { stop(): Promise<number[]> } {
  const probe = spawn(process.execPath, ['-e', PROBE, `${baseUrl}/health`, String(everyMs)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const result = new Promise<number[]>((resolve) => {
    probe.once('message', (latencies) => resolve(latencies as number[]));
    probe.once('exit', () => resolve([]));
  });
  return {
    stop: async () => {
      probe.send('stop');
      return result;
    },
  };
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
