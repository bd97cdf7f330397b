import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LeximinProgress } from '../sortition/leximin';
import { SortitionError, type SortitionErrorKind } from '../sortition/quotas';
import type { PoolEntry, Quota } from '../sortition/types';
import type { DrawWorkerInput, DrawWorkerMessage } from './draw-worker.contract';

/** How a worker ended: its outcome, a refusal of the core, or a failure (crash, termination). */
export type DrawWorkerEnd = Extract<
  DrawWorkerMessage,
  { type: 'done' | 'feasible' | 'refused' | 'unverified' | 'failed' }
>;

export interface RunningDraw {
  /** Settles once, with the worker's last word; never rejects. */
  readonly ended: Promise<DrawWorkerEnd>;
  /** Stops the computation at once (the thread is terminated). */
  terminate(): Promise<void>;
}

/**
 * Under ts-jest-like runners the engine runs from its TypeScript sources: the worker then starts with a
 * tiny loader that compiles `.ts` files with @swc/core (a dev dependency) as they are required. The built
 * server (`engine/dist`) starts the compiled `draw-worker.js` directly and never loads @swc/core.
 */
const TS_LOADER = `
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const { transformSync } = require(workerData.swc);
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

function spawn(input: DrawWorkerInput): Worker {
  const compiled = join(__dirname, 'draw-worker.js');
  if (existsSync(compiled)) {
    return new Worker(compiled, { workerData: input });
  }
  const entry = join(__dirname, 'draw-worker.ts');
  // the loader reads where it starts from workerData; the draw's input rides along
  const swc = require.resolve('@swc/core');
  return new Worker(TS_LOADER, { eval: true, workerData: { ...input, entry, swc } });
}

/**
 * Starts the pure draw in a worker thread. `onProgress` is called on the main thread for each progress
 * message (the caller throttles what it stores and pushes).
 */
export function startDrawWorker(
  input: DrawWorkerInput,
  onProgress: (progress: LeximinProgress) => void,
): RunningDraw {
  const worker = spawn(input);
  let settle: (end: DrawWorkerEnd) => void = () => undefined;
  const ended = new Promise<DrawWorkerEnd>((resolve) => (settle = resolve));
  let done = false;
  const finish = (end: DrawWorkerEnd) => {
    if (!done) {
      done = true;
      settle(end);
      void worker.terminate();
    }
  };
  worker.on('message', (message: DrawWorkerMessage) => {
    if (message.type === 'progress') {
      onProgress(message.progress);
    } else {
      finish(message);
    }
  });
  worker.on('error', (error) => finish({ type: 'failed', message: error.message }));
  worker.on('exit', (code) => finish({ type: 'failed', message: `draw worker exited (${code})` }));
  return {
    ended,
    terminate: async () => {
      finish({ type: 'failed', message: 'terminated' });
      await worker.terminate();
    },
  };
}

/**
 * The freeze's check that the quotas can be met together (`checkQuotasFeasible`: a relaxation, and MIPs when
 * they conflict), in a worker thread: on a large pool it takes a second or more of HiGHS, which would hold
 * every other request of the server meanwhile. Rejects with the core's `SortitionError` as the call would.
 */
export async function checkQuotasInWorker(
  pool: readonly PoolEntry[],
  quotas: readonly Quota[],
  seats: number,
): Promise<void> {
  const input = { pool, quotas, seats, substituteCount: 0, finalSeed: '', checkOnly: true };
  const end = await startDrawWorker(input, () => undefined).ended;
  if (end.type === 'refused') {
    throw new SortitionError(end.kind as SortitionErrorKind, end.params);
  }
  if (end.type !== 'feasible') {
    throw new Error(`quota check: ${end.type === 'failed' ? end.message : 'no answer'}`);
  }
}
