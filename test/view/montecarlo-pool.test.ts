// The browser Monte Carlo pool (src/view/montecarlo/pool.ts) and its worker handler (serve.ts),
// without Web Workers: ports that structured-clone every message and answer one macrotask later,
// as a worker does.
// - Against the serial reference (runTrial by index), the table and its summary are bit-identical
//   whatever the number of workers, the chunk size and the order chunks come back in.
// - Chunks are handed out on demand: never more than `inFlight` per worker, each index once.
// - Cancel terminates every worker, resolves with the contiguous prefix, and late answers are
//   dropped; a worker failure rejects the run.
// - The spaghetti trajectories and the worst-trial scenario come from the same trials.
// - The expression parser is loaded by a worker only for scenarios with `when` triggers.

import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { summarize } from '../../src/montecarlo/stats.ts';
import { runTrial, TrialTable } from '../../src/montecarlo/trial.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import {
  browserWorkerCount,
  defaultChunkSize,
  MonteCarloPool,
  type WorkerPort,
} from '../../src/view/montecarlo/pool.ts';
import type { McRequest, McResponse } from '../../src/view/montecarlo/protocol.ts';
import { pathCount } from '../../src/view/montecarlo/protocol.ts';
import { createTrialServer } from '../../src/view/montecarlo/serve.ts';
import { makeScenario, valid } from '../helpers.ts';

function load(name: string): Scenario {
  const r = loadScenario(readFileSync(`scenarios/${name}`, 'utf8'));
  if (!r.ok) throw new Error(`${name} invalid`);
  return r.scenario;
}

const dispersed = load('dispersed-vbar-approach.json');

/** Ports running serve.ts in this thread; `delay` may reorder answers between workers. */
function inProcessPorts(delay: (workerIndex: number) => number = () => 0) {
  const ports: { terminated: boolean; posted: McRequest[] }[] = [];
  const factory = (): WorkerPort => {
    const index = ports.length;
    const record = { terminated: false, posted: [] as McRequest[] };
    ports.push(record);
    let onMessage: (res: McResponse) => void = () => {};
    const serve = createTrialServer((res) => {
      const copy = structuredClone(res);
      setTimeout(() => {
        if (!record.terminated) onMessage(copy);
      }, delay(index));
    });
    return {
      post(req) {
        record.posted.push(req);
        const copy = structuredClone(req);
        setTimeout(() => {
          if (!record.terminated) void serve(copy);
        }, 0);
      },
      listen(m) {
        onMessage = m;
      },
      terminate() {
        record.terminated = true;
      },
    };
  };
  return { factory, ports };
}

/** The serial reference: trials 0..n-1 in order on this thread. */
function serialTable(s: Scenario, seed: number, n: number): TrialTable {
  const t = new TrialTable(n, s.spacecraft.length);
  for (let i = 0; i < n; i++) t.set(runTrial(s, seed, i));
  return t;
}

describe('the pool gives the serial result whatever the scheduling', () => {
  const reference = serialTable(dispersed, 7, 60);
  it.each([
    [1, 60, 1],
    [2, 7, 2],
    [3, 1, 2],
    [4, 13, 3],
  ])('%i workers, chunks of %i, %i in flight', async (workers, chunkSize, inFlight) => {
    // Later workers answer sooner: chunks come back out of index order.
    const { factory } = inProcessPorts((k) => (workers - k) * 2);
    const pool = new MonteCarloPool(factory);
    const progress: number[] = [];
    const r = await pool.run({
      scenario: dispersed,
      seed: 7,
      trials: 60,
      workers,
      chunkSize,
      inFlight,
      onProgress: (done) => progress.push(done),
    });
    expect(r.interrupted).toBe(false);
    expect(r.prefix).toBe(60);
    expect(r.done).toBe(60);
    expect(r.workers).toBe(Math.min(workers, Math.ceil(60 / chunkSize)));
    expect(r.table.status).toEqual(reference.status);
    expect(r.table.violationMask).toEqual(reference.violationMask);
    expect(r.table.minRangeM).toEqual(reference.minRangeM);
    expect(r.table.totalDvMps).toEqual(reference.totalDvMps);
    expect(summarize(dispersed, r.table, 7)).toEqual(summarize(dispersed, reference, 7));
    expect(progress.at(-1)).toBe(60);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    pool.dispose();
  });

  it('zero trials resolve at once, without workers', async () => {
    const { factory, ports } = inProcessPorts();
    const r = await new MonteCarloPool(factory).run({
      scenario: dispersed,
      seed: 1,
      trials: 0,
      workers: 2,
    });
    expect(r.done).toBe(0);
    expect(ports).toHaveLength(0);
  });
});

/** A scripted worker: records requests, answers only when the test says. */
class FakeWorker implements WorkerPort {
  posted: McRequest[] = [];
  terminated = false;
  onMessage: (res: McResponse) => void = () => {};
  onFailure: (message: string) => void = () => {};
  post(req: McRequest) {
    this.posted.push(req);
  }
  listen(m: (res: McResponse) => void, f: (message: string) => void) {
    this.onMessage = m;
    this.onFailure = f;
  }
  terminate() {
    this.terminated = true;
  }
  /** Chunks asked for and not yet answered. */
  open: { start: number; end: number; runId: number }[] = [];
  chunks(): { start: number; end: number; runId: number }[] {
    return this.posted.flatMap((r) => (r.type === 'chunk' ? [r] : []));
  }
  /** Answers the oldest open chunk (every trial flown, min range = 1000 + index). */
  answer(): void {
    const asked = this.chunks();
    const answered = this.answered;
    const req = asked[answered];
    if (!req) throw new Error('nothing to answer');
    this.answered++;
    const n = req.end - req.start;
    const stride = 2 + 4; // one spacecraft
    const data = new Float64Array(n * stride);
    for (let k = 0; k < n; k++) {
      const t = req.start + k;
      data.set([t, 1, 0, 1000 + t, 0.1, Number.NaN], k * stride);
    }
    this.onMessage({
      type: 'chunk',
      runId: req.runId,
      start: req.start,
      end: req.end,
      data,
      errors: [],
    });
  }
  answered = 0;
}

function fakePool() {
  const workers: FakeWorker[] = [];
  const pool = new MonteCarloPool(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { pool, workers };
}

const oneCraft = valid(makeScenario());

describe('chunks on demand', () => {
  it('each worker is initialised first, then holds at most inFlight chunks; each index once', async () => {
    const { pool, workers } = fakePool();
    const run = pool.run({
      scenario: oneCraft,
      seed: 3,
      trials: 100,
      workers: 3,
      chunkSize: 10,
      inFlight: 2,
    });
    expect(workers).toHaveLength(3);
    for (const w of workers) {
      expect(w.posted[0]).toMatchObject({ type: 'init', seed: 3 });
      expect(w.chunks()).toHaveLength(2);
    }
    // Worker 1 is fast: it gets the next chunk each time it answers, the others wait.
    workers[1]!.answer();
    expect(workers[1]!.chunks()).toHaveLength(3);
    expect(workers[0]!.chunks()).toHaveLength(2);
    // Answer everything in a scrambled order until the run ends.
    let guard = 0;
    while (pool.running && guard++ < 100) {
      const w = workers[(guard * 7) % 3]!;
      if (w.answered < w.chunks().length) w.answer();
    }
    const r = await run;
    const starts = workers.flatMap((w) => w.chunks().map((c) => c.start)).sort((a, b) => a - b);
    expect(starts).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(r.prefix).toBe(100);
    expect(r.table.minRangeM[42]).toBe(1042);
    // The workers stay up for the spaghetti and the worst trial.
    expect(workers.every((w) => !w.terminated)).toBe(true);
  });

  it('cancel stops every worker and keeps the contiguous prefix; late answers are dropped', async () => {
    const { pool, workers } = fakePool();
    const run = pool.run({
      scenario: oneCraft,
      seed: 3,
      trials: 1000,
      workers: 2,
      chunkSize: 10,
      inFlight: 2,
    });
    // Worker 0 has 0-9 and 10-19, worker 1 has 20-29 and 30-39: answer 0-9 and 20-29 only.
    expect(workers[0]!.chunks().map((c) => c.start)).toEqual([0, 10]);
    workers[0]!.answer();
    workers[1]!.answer();
    pool.cancel();
    const r = await run;
    expect(r.interrupted).toBe(true);
    expect(r.done).toBe(20);
    expect(r.prefix).toBe(10);
    expect(workers.every((w) => w.terminated)).toBe(true);
    // A chunk that was on its way when the worker was stopped changes nothing.
    workers[1]!.answer();
    expect(r.table.donePrefix()).toBe(10);
    expect(pool.running).toBe(false);
  });

  it('a worker failure rejects the run and stops the others', async () => {
    const { pool, workers } = fakePool();
    const run = pool.run({ scenario: oneCraft, seed: 1, trials: 100, workers: 2, chunkSize: 10 });
    workers[1]!.onFailure('SyntaxError in worker');
    await expect(run).rejects.toThrow(/worker failed: SyntaxError/);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('an error answer (a bug in a trial) rejects the run', async () => {
    const { pool, workers } = fakePool();
    const run = pool.run({ scenario: oneCraft, seed: 1, trials: 100, workers: 1, chunkSize: 10 });
    workers[0]!.onMessage({ type: 'error', runId: 1, message: 'TypeError: x is undefined' });
    await expect(run).rejects.toThrow('TypeError: x is undefined');
  });

  it('a new run cancels the one in progress', async () => {
    const { pool, workers } = fakePool();
    const first = pool.run({ scenario: oneCraft, seed: 1, trials: 100, workers: 1, chunkSize: 10 });
    const second = pool.run({ scenario: oneCraft, seed: 2, trials: 10, workers: 1, chunkSize: 10 });
    expect((await first).interrupted).toBe(true);
    expect(workers[0]!.terminated).toBe(true);
    workers[1]!.answer();
    expect((await second).prefix).toBe(10);
  });
});

describe('worker count and chunk size', () => {
  it('one worker per core, 1 to 4', () => {
    expect(browserWorkerCount(undefined)).toBe(2);
    expect(browserWorkerCount(1)).toBe(1);
    expect(browserWorkerCount(2)).toBe(2);
    expect(browserWorkerCount(16)).toBe(4);
    expect(browserWorkerCount(0)).toBe(1);
  });
  it('about 20 chunks per worker, at most 50 trials', () => {
    expect(defaultChunkSize(200, 2)).toBe(5);
    expect(defaultChunkSize(100_000, 4)).toBe(50);
    expect(defaultChunkSize(3, 4)).toBe(1);
  });
});

describe('after a run', () => {
  it('re-flies trials for the spaghetti (decimated) and writes the worst trial as a scenario', async () => {
    const { factory } = inProcessPorts();
    const pool = new MonteCarloPool(factory);
    const r = await pool.run({ scenario: dispersed, seed: 11, trials: 40, workers: 2 });
    const summary = summarize(dispersed, r.table, 11);
    const worst = summary.worst!;
    const trials = [0, 13, worst.trialIndex, 39].filter((t, i, a) => a.indexOf(t) === i);
    const paths = await pool.paths(trials, 120, 2);
    expect(pathCount(paths)).toBe(trials.length);
    expect([...paths.trialIndex]).toEqual(trials);
    for (let k = 0; k < pathCount(paths); k++) {
      const n = paths.offsets[k + 1]! - paths.offsets[k]!;
      expect(n).toBeLessThanOrEqual(120);
      expect(n).toBeGreaterThan(50);
    }
    // The first point of each path is the dispersed initial state: near [0, -3000, 0].
    expect(paths.ricM[1]).toBeCloseTo(-3000, -2);

    const written = await pool.trialScenario(worst.trialIndex);
    const reloaded = loadScenario(written.text);
    expect(reloaded.ok).toBe(true);
    if (!reloaded.ok) return;
    expect(reloaded.scenario.dispersions).toBeUndefined();
    expect(reloaded.scenario.name).toContain(`trial ${worst.trialIndex}`);
    // The written scenario flies the trial again: same minimum range to the bit.
    expect(runTrial(reloaded.scenario, 0, 0).spacecraft[0]!.minRangeM).toBe(worst.minRangeM);
    pool.dispose();
  });

  it('after a cancel, helper workers are started again with the same scenario and seed', async () => {
    const { factory, ports } = inProcessPorts();
    const pool = new MonteCarloPool(factory);
    const run = pool.run({ scenario: dispersed, seed: 5, trials: 5000, workers: 2 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    pool.cancel();
    const r = await run;
    expect(r.interrupted).toBe(true);
    expect(ports.every((p) => p.terminated)).toBe(true);
    const paths = await pool.paths([0, 1], 50, 1);
    expect(ports).toHaveLength(3);
    expect(ports[2]!.posted[0]).toMatchObject({ type: 'init', seed: 5 });
    expect(pathCount(paths)).toBe(2);
    pool.dispose();
  });
});

describe('the worker handler', () => {
  it('loads the expression parser only for a scenario with triggers', async () => {
    const load = vi.fn(() => import('../../src/events/expression.ts'));
    const replies: McResponse[] = [];
    const serve = createTrialServer((res) => replies.push(res), load);
    await serve({ type: 'init', runId: 1, scenario: oneCraft, seed: 1 });
    expect(load).not.toHaveBeenCalled();
    const triggered = valid(
      makeScenario(
        {},
        {
          maneuvers: [{ type: 'impulse', when: 'tS > 100', frame: 'RIC', dvMps: [0, 0, 0.001] }],
        },
      ),
    );
    await serve({ type: 'init', runId: 2, scenario: triggered, seed: 1 });
    expect(load).toHaveBeenCalledTimes(1);
    await serve({ type: 'chunk', runId: 2, start: 0, end: 2 });
    expect(replies.map((r) => r.type)).toEqual(['ready', 'ready', 'chunk']);
  });

  it('answers requests in order, a chunk sent right behind init waits for it', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const replies: McResponse[] = [];
    const serve = createTrialServer(
      (res) => replies.push(res),
      () => gate,
    );
    const triggered = valid(
      makeScenario(
        {},
        {
          maneuvers: [{ type: 'impulse', when: 'tS > 100', frame: 'RIC', dvMps: [0, 0, 0.001] }],
        },
      ),
    );
    void serve({ type: 'init', runId: 1, scenario: triggered, seed: 1 });
    const chunk = serve({ type: 'chunk', runId: 1, start: 0, end: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(replies).toEqual([]);
    await import('../../src/events/expression.ts');
    release();
    await chunk;
    expect(replies.map((r) => r.type)).toEqual(['ready', 'chunk']);
  });

  it('a request of another run is an error, not a silent answer', async () => {
    const replies: McResponse[] = [];
    const serve = createTrialServer((res) => replies.push(res));
    await serve({ type: 'chunk', runId: 9, start: 0, end: 1 });
    expect(replies[0]).toMatchObject({ type: 'error', runId: 9 });
  });
});
