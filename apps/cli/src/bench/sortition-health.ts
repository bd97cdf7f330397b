import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDrawWorker } from '@liquide/engine/deputies/jobs/draw-worker-host';
import type { DrawInput } from '@liquide/engine/deputies/sortition/draw';

export interface HealthDuringDraw {
  readonly drawSeconds: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The draw as the server runs it — in a worker thread — while this process's event loop answers `GET /health`
 * on a small HTTP server (the server's own /health answers from memory too). A client on the same loop asks
 * every 10 ms, one request at a time, and times each answer until the draw ends.
 */
export async function healthDuringDraw(input: DrawInput): Promise<HealthDuringDraw> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  // warm-up: Node loads its fetch (undici) on first use, which is not the server's answer time
  await (await fetch(url)).text();
  const latencies: number[] = [];
  let drawing = true;
  const started = performance.now();
  const draw = startDrawWorker(input, () => undefined);
  const probe = (async () => {
    while (drawing) {
      const at = performance.now();
      const response = await fetch(url);
      await response.text();
      latencies.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const end = await draw.ended;
  const drawSeconds = (performance.now() - started) / 1000;
  drawing = false;
  await probe;
  server.close();
  if (end.type !== 'done') {
    throw new Error(`the draw did not finish: ${end.type}`);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Number(ms.toFixed(1));
  return {
    drawSeconds: Number(drawSeconds.toFixed(2)),
    requests: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}
