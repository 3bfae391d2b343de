/**
 * The page's Monte Carlo worker pool, the browser twin of the CLI's (src/cli/pool.ts): K workers
 * each hold the scenario and seed and run chunks of trial indices handed out on demand (a worker
 * that returns a chunk gets the next one), so fast and slow trials balance. Each worker has two
 * chunks in flight, so it starts the next as soon as it posts one and never waits for the page.
 * Outcomes are stored by trial index in a TrialTable; what is computed from it reads it in index
 * order, so the result is the same whatever K and whatever order the chunks come back in.
 *
 * Cancel terminates the workers at once (a chunk in progress is not waited for); the run then
 * resolves with what was done, and the statistics cover the contiguous prefix 0..prefix-1, as
 * the CLI's Ctrl+C does (a prefix, so the partial result equals a full run of that many trials).
 *
 * After a run the workers stay up, holding the scenario, for the spaghetti trajectories and the
 * worst-trial scenario; after a cancel, those requests start fresh workers.
 *
 * Workers are reached through `WorkerPort` (./browserWorkers.ts wraps a Web Worker; tests use a
 * port that calls ./serve.ts in-process, or a scripted fake).
 */

import {
  packedTrialLength,
  TrialTable,
  unpackOutcome,
  type TrialRunResult,
} from '../../montecarlo/trial.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { McRequest, McResponse, PathBundle, TrialScenarioResponse } from './protocol.ts';
import { concatPaths } from './protocol.ts';

/** A worker as the pool sees it. */
export interface WorkerPort {
  post(req: McRequest): void;
  /** Sets the receivers of the worker's messages and of its failure (it cannot go on). */
  listen(onMessage: (res: McResponse) => void, onFailure: (message: string) => void): void;
  terminate(): void;
}

/** Starts a worker. */
export type PortFactory = () => WorkerPort;

/** Largest number of trials one browser run accepts. */
export const MAX_BROWSER_TRIALS = 100_000;
/** Largest number of workers the page starts. */
export const MAX_BROWSER_WORKERS = 4;
/** Chunks a worker has in flight. */
export const CHUNKS_IN_FLIGHT = 2;

/** Workers for this machine: one per logical core, 1 to MAX_BROWSER_WORKERS. */
export function browserWorkerCount(hardwareConcurrency: number | undefined): number {
  const n = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency!) : 2;
  return Math.max(1, Math.min(MAX_BROWSER_WORKERS, n));
}

/**
 * Trials per chunk: about 20 requests per worker for balance, at most 50 trials (tens of ms for
 * typical plans), so progress moves smoothly and a cancel loses little.
 */
export function defaultChunkSize(trials: number, workers: number): number {
  return Math.max(1, Math.min(50, Math.ceil(trials / (Math.max(1, workers) * 20))));
}

/** Options of `MonteCarloPool.run`. */
export interface PoolRunOptions {
  /** The validated scenario (structured-cloned to every worker). */
  scenario: Scenario;
  /** Integer in [0, MAX_SEED]. */
  seed: number;
  trials: number;
  /** Workers wanted (at most one per chunk is used). */
  workers: number;
  chunkSize?: number;
  /** Chunks in flight per worker (default CHUNKS_IN_FLIGHT). */
  inFlight?: number;
  /** Called after every chunk with the trials done so far and the table being filled. */
  onProgress?: (done: number, total: number, table: TrialTable) => void;
}

/** A trial written as a scenario. */
export interface TrialScenarioText {
  text: string;
  notes: string[];
}

interface Lane {
  port: WorkerPort;
  /** Chunks sent and not answered. */
  inFlight: number;
}

interface ActiveRun {
  table: TrialTable;
  trials: number;
  chunk: number;
  inFlight: number;
  stride: number;
  crafts: number;
  next: number;
  done: number;
  workers: number;
  t0: number;
  onProgress: PoolRunOptions['onProgress'];
  resolve: (r: TrialRunResult) => void;
  reject: (e: Error) => void;
}

interface Pending {
  resolve: (res: McResponse) => void;
  reject: (e: Error) => void;
}

/** Runs trials on workers; one run at a time. */
export class MonteCarloPool {
  private lanes: Lane[] = [];
  private runId = 0;
  private active: ActiveRun | null = null;
  /** What the live workers hold (and what fresh helpers are given). */
  private loaded: { runId: number; scenario: Scenario; seed: number } | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;

  /** @param factory starts a worker */
  constructor(
    private readonly factory: PortFactory,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether a run is in progress. */
  get running(): boolean {
    return this.active !== null;
  }

  /** Live workers. */
  get workerCount(): number {
    return this.lanes.length;
  }

  /**
   * Runs trials 0..trials-1. A run in progress is cancelled first (it resolves interrupted).
   * @returns the table; rejects when a worker fails (a bug or a worker that cannot start)
   */
  run(opts: PoolRunOptions): Promise<TrialRunResult> {
    this.cancel();
    this.failPending(new Error('a new run started'));
    const runId = ++this.runId;
    const crafts = opts.scenario.spacecraft.length;
    const trials = Math.max(0, Math.floor(opts.trials));
    const chunk = Math.max(1, Math.floor(opts.chunkSize ?? defaultChunkSize(trials, opts.workers)));
    const count = Math.max(1, Math.min(Math.floor(opts.workers), Math.ceil(trials / chunk)));
    const table = new TrialTable(trials, crafts);
    return new Promise<TrialRunResult>((resolve, reject) => {
      const run: ActiveRun = {
        table,
        trials,
        chunk,
        inFlight: Math.max(1, Math.floor(opts.inFlight ?? CHUNKS_IN_FLIGHT)),
        stride: packedTrialLength(crafts),
        crafts,
        next: 0,
        done: 0,
        workers: 0,
        t0: this.now(),
        onProgress: opts.onProgress,
        resolve,
        reject,
      };
      if (trials === 0) {
        resolve(this.result(run, false));
        return;
      }
      this.active = run;
      try {
        this.resize(count);
      } catch (err) {
        this.fail(`could not start a Monte Carlo worker: ${String(err)}`);
        return;
      }
      run.workers = this.lanes.length;
      this.loaded = { runId, scenario: opts.scenario, seed: opts.seed };
      for (const lane of this.lanes) {
        lane.inFlight = 0;
        lane.port.post({ type: 'init', runId, scenario: opts.scenario, seed: opts.seed });
      }
      for (const lane of this.lanes) this.dispatch(lane);
    });
  }

  /** Stops the run in progress: the workers are terminated and the run resolves interrupted. */
  cancel(): void {
    const run = this.active;
    if (!run) return;
    this.active = null;
    this.terminate();
    run.resolve(this.result(run, true));
  }

  /**
   * Flies trials again with their ephemeris, decimated, spread over up to `workers` workers.
   * @returns the paths in the order of `trials` (failed trials left out)
   */
  async paths(trials: readonly number[], maxPoints: number, workers: number): Promise<PathBundle> {
    if (this.active) throw new Error('the run is still going');
    if (trials.length === 0) return concatPaths([]);
    const lanes = this.helpers(Math.max(1, Math.min(workers, trials.length)));
    const n = trials.length;
    const parts = await Promise.all(
      lanes.map(async (lane, j) => {
        const mine = trials.slice(
          Math.floor((j * n) / lanes.length),
          Math.floor(((j + 1) * n) / lanes.length),
        );
        if (mine.length === 0) return concatPaths([]);
        const res = await this.request(lane, (requestId, runId) => ({
          type: 'paths',
          runId,
          requestId,
          trials: [...mine],
          maxPoints,
        }));
        if (res.type !== 'paths') throw new Error(`unexpected answer ${res.type}`);
        return res.paths;
      }),
    );
    return concatPaths(parts);
  }

  /** Writes trial `trialIndex` of the last run as a scenario (on a worker). */
  async trialScenario(trialIndex: number): Promise<TrialScenarioText> {
    if (this.active) throw new Error('the run is still going');
    const [lane] = this.helpers(1);
    const res = await this.request(lane!, (requestId, runId) => ({
      type: 'trial-scenario',
      runId,
      requestId,
      trialIndex,
    }));
    if (res.type !== 'trial-scenario') throw new Error(`unexpected answer ${res.type}`);
    const r: TrialScenarioResponse = res;
    if (r.text === null) throw new Error(r.message ?? 'the trial could not be written');
    return { text: r.text, notes: r.notes };
  }

  /** Stops everything (the pool can be used again). */
  dispose(): void {
    this.cancel();
    this.failPending(new Error('the Monte Carlo workers were stopped'));
    this.terminate();
    this.loaded = null;
  }

  // ---------------------------------------------------------------------------------------------

  private result(run: ActiveRun, interrupted: boolean): TrialRunResult {
    return {
      table: run.table,
      prefix: run.table.donePrefix(),
      done: run.done,
      interrupted,
      elapsedS: (this.now() - run.t0) / 1000,
      workers: run.workers,
    };
  }

  /** Keeps exactly `count` live workers (starting or terminating some). */
  private resize(count: number): void {
    while (this.lanes.length > count) this.lanes.pop()!.port.terminate();
    while (this.lanes.length < count) this.lanes.push(this.startLane());
  }

  private startLane(): Lane {
    const port = this.factory();
    const lane: Lane = { port, inFlight: 0 };
    port.listen(
      (res) => this.receive(lane, res),
      (message) => {
        if (this.lanes.includes(lane)) this.fail(`a Monte Carlo worker failed: ${message}`);
      },
    );
    return lane;
  }

  /** Live workers holding the last run's scenario (fresh ones are started and given it). */
  private helpers(count: number): Lane[] {
    const loaded = this.loaded;
    if (!loaded) throw new Error('no Monte Carlo run to take trials from');
    if (this.lanes.length === 0) {
      this.resize(count);
      for (const lane of this.lanes) {
        lane.port.post({
          type: 'init',
          runId: loaded.runId,
          scenario: loaded.scenario,
          seed: loaded.seed,
        });
      }
    }
    return this.lanes.slice(0, count);
  }

  private request(
    lane: Lane,
    make: (requestId: number, runId: number) => McRequest,
  ): Promise<McResponse> {
    const requestId = this.nextRequestId++;
    return new Promise<McResponse>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      lane.port.post(make(requestId, this.runId));
    });
  }

  private dispatch(lane: Lane): void {
    const run = this.active;
    if (!run) return;
    while (lane.inFlight < run.inFlight && run.next < run.trials) {
      const start = run.next;
      const end = Math.min(run.trials, start + run.chunk);
      run.next = end;
      lane.inFlight++;
      lane.port.post({ type: 'chunk', runId: this.runId, start, end });
    }
  }

  private receive(lane: Lane, res: McResponse): void {
    if (res.runId !== this.runId || !this.lanes.includes(lane)) return;
    switch (res.type) {
      case 'ready':
        return;
      case 'chunk': {
        const run = this.active;
        if (!run) return;
        lane.inFlight--;
        const errors = new Map(res.errors);
        for (let t = res.start; t < res.end; t++) {
          const offset = (t - res.start) * run.stride;
          run.table.set(unpackOutcome(res.data, run.crafts, offset, errors.get(t) ?? null));
        }
        run.done += res.end - res.start;
        run.onProgress?.(run.done, run.trials, run.table);
        if (run.done >= run.trials) {
          this.active = null;
          run.resolve(this.result(run, false));
        } else this.dispatch(lane);
        return;
      }
      case 'paths':
      case 'trial-scenario': {
        const p = this.pending.get(res.requestId);
        this.pending.delete(res.requestId);
        p?.resolve(res);
        return;
      }
      case 'error':
        this.fail(res.message);
        return;
    }
  }

  /** A worker failed: the run and the requests waiting reject, and the workers stop. */
  private fail(message: string): void {
    const run = this.active;
    this.active = null;
    this.terminate();
    const err = new Error(message);
    this.failPending(err);
    run?.reject(err);
  }

  private failPending(err: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(err);
  }

  private terminate(): void {
    for (const lane of this.lanes) lane.port.terminate();
    this.lanes = [];
  }
}
