/**
 * The Monte Carlo worker pool: K worker threads each load the scenario once and run chunks of
 * trial indices handed out on demand (a worker that finishes gets the next chunk), so fast and
 * slow trials balance. A worker answers with its chunk packed in a Float64Array (trial.ts,
 * packOutcome), stored by trial index in a TrialTable; the statistics read that table in index
 * order. A trial depends only on (scenario, seed, index), so the result is bit-identical whatever
 * K and whatever order the chunks come back in.
 *
 * Worker threads do not inherit loader hooks registered with tsx's `register()` in the parent,
 * so montecarlo-worker.mjs registers tsx itself before importing this module. This module does
 * not load the scenario validator or the expression parser (mathjs, ~0.5 s to load): a worker
 * loads the expression module only when its scenario has triggers.
 */

import type { MessagePort } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import { hasTriggers } from '../events/conditions.ts';
import {
  packedTrialLength,
  packOutcome,
  runTrial,
  TrialTable,
  unpackOutcome,
  type TrialRunResult,
} from '../montecarlo/trial.ts';
import type { Scenario } from '../scenario/schema.ts';

/** Whether a worker must load the expression module before running trials. */
export function workerNeedsExpressions(init: WorkerInit): boolean {
  return hasTriggers(init.scenario);
}

/** What a worker is started with. */
export interface WorkerInit {
  scenario: Scenario;
  seed: number;
}

/** A chunk of trials [start, end) asked of a worker. */
interface ChunkRequest {
  start: number;
  end: number;
}

/** A worker's answer: packed outcomes of [start, end) and the messages of failed trials. */
interface ChunkResult {
  start: number;
  end: number;
  data: Float64Array;
  errors: [number, string][];
}

/**
 * The worker side of the pool: runs each requested chunk and posts it back. Called by
 * montecarloWorker.ts inside the worker thread.
 */
export function serveTrials(port: MessagePort | null, init: WorkerInit): void {
  if (!port) throw new Error('serveTrials must run in a worker thread');
  const crafts = init.scenario.spacecraft.length;
  const stride = packedTrialLength(crafts);
  port.on('message', (req: ChunkRequest) => {
    const data = new Float64Array((req.end - req.start) * stride);
    const errors: [number, string][] = [];
    for (let t = req.start; t < req.end; t++) {
      const o = runTrial(init.scenario, init.seed, t);
      if (o.error !== null) errors.push([t, o.error]);
      packOutcome(o, crafts, data, (t - req.start) * stride);
    }
    const result: ChunkResult = { start: req.start, end: req.end, data, errors };
    port.postMessage(result, [data.buffer]);
  });
}

/** Options of `runTrialsInWorkers`. */
export interface PoolOptions {
  scenario: Scenario;
  seed: number;
  /** Trials of the run: indexes first..trials-1 are run. */
  trials: number;
  /** First trial index to run (default 0; a shard's start, shards.ts). */
  first?: number;
  /** Worker threads (at most one per chunk is started). */
  workers: number;
  /** Trials per request (default: about 20 requests per worker, at most 50 trials each). */
  chunkSize?: number;
  /** Called after every chunk with the number of trials done. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the workers; the result then holds what was done. */
  signal?: AbortSignal;
}

/** Default chunk: ~20 requests per worker for balance, <= 50 trials for a prompt Ctrl+C. */
export function defaultChunkSize(trials: number, workers: number): number {
  return Math.max(1, Math.min(50, Math.ceil(trials / (workers * 20))));
}

const LOADER_FLAGS = ['--import', '--require', '-r', '--loader', '--experimental-loader'];
const TSX_PATH = /(^|[/\\])tsx([/\\]|$)/;

/**
 * The parent's Node flags without those that load tsx (`npx tsx` and `node --import tsx` pass
 * them, and workers inherit execArgv): the worker entry registers tsx itself, and with the
 * inherited flags too every module load would go through two hook chains (measured: worker
 * start-up 0.07 s slower). Other flags (--cpu-prof, memory limits, vitest's conditions) are kept.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (LOADER_FLAGS.includes(flag)) {
      const value = eq > 0 ? a.slice(eq + 1) : execArgv[i + 1];
      if (value !== undefined && TSX_PATH.test(value)) {
        if (eq < 0) i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/**
 * Runs trials first..trials-1 (first defaults to 0) on worker threads and collects them by index.
 */
export function runTrialsInWorkers(opts: PoolOptions): Promise<TrialRunResult> {
  const { scenario, seed, trials } = opts;
  const first = opts.first ?? 0;
  const total = trials - first;
  const crafts = scenario.spacecraft.length;
  const stride = packedTrialLength(crafts);
  const table = new TrialTable(trials, crafts);
  const chunk = opts.chunkSize ?? defaultChunkSize(total, opts.workers);
  const count = Math.max(1, Math.min(opts.workers, Math.ceil(total / chunk)));
  const t0 = performance.now();
  const init: WorkerInit = { scenario, seed };
  let next = first;
  let done = 0;
  let settled = false;
  const pool: Worker[] = [];

  return new Promise<TrialRunResult>((resolve, reject) => {
    const finish = (err: Error | null, interrupted: boolean) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      const elapsedS = (performance.now() - t0) / 1000;
      void Promise.all(pool.map((w) => w.terminate())).then(() => {
        if (err) reject(err);
        else
          resolve({
            table,
            prefix: table.donePrefix(),
            done,
            interrupted,
            elapsedS,
            workers: pool.length,
          });
      });
    };
    const onAbort = () => finish(null, true);
    if (opts.signal?.aborted) {
      onAbort();
      return;
    }
    opts.signal?.addEventListener('abort', onAbort);

    const dispatch = (w: Worker) => {
      if (next >= trials) return;
      const req: ChunkRequest = { start: next, end: Math.min(trials, next + chunk) };
      next = req.end;
      w.postMessage(req);
    };
    for (let k = 0; k < count; k++) {
      const w = new Worker(new URL('./montecarlo-worker.mjs', import.meta.url), {
        workerData: init,
        execArgv: workerExecArgv(process.execArgv),
      });
      pool.push(w);
      w.on('message', (res: ChunkResult) => {
        if (settled) return;
        const errors = new Map(res.errors);
        for (let t = res.start; t < res.end; t++) {
          const offset = (t - res.start) * stride;
          table.set(unpackOutcome(res.data, crafts, offset, errors.get(t) ?? null));
        }
        done += res.end - res.start;
        opts.onProgress?.(done, total);
        if (done >= total) finish(null, false);
        else dispatch(w);
      });
      w.on('error', (err) => finish(err, false));
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`a Monte Carlo worker stopped (exit code ${code})`), false);
      });
      dispatch(w);
    }
  });
}
