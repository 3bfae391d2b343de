/**
 * Monte Carlo on a BullMQ job queue in Redis [1]: `rpo-sim montecarlo ... --queue redis://HOST:PORT`
 * submits the run's shards (shards.ts) as jobs and waits; `rpo-sim worker --queue URL` on each
 * machine serves jobs until stopped. A job's data is the validated scenario, the seed, the trial
 * count and its shard; its return value is the shard's `rpo-montecarlo-part` text. The submitter
 * merges the parts exactly as `rpo-sim merge` does, so the report is the single run's.
 *
 * - A worker flies its shard's trials in its own thread, a chunk at a time, yielding to the event
 *   loop between chunks, so BullMQ renews the job's lock while it works. Run one worker process
 *   per core.
 * - A worker that dies (killed, machine lost) stops renewing its lock; after `lockDurationMs` the
 *   stalled-job check of any other worker puts the job back in the queue [2], and another worker
 *   flies the shard again (a trial depends only on scenario, seed and index: the same figures).
 * - SIGINT/SIGTERM: the worker takes no new job and finishes the current one; a second signal
 *   releases the current job back to the queue at once (moveToWait) and exits.
 * - Progress: a worker reports the trials its shard has done (job progress); the submitter sums
 *   them over its jobs from the queue's events.
 *
 * References:
 * [1] BullMQ, https://docs.bullmq.io (Queue, Worker, QueueEvents, Job.waitUntilFinished).
 * [2] BullMQ guide, "Stalled jobs" (lockDuration, stalledInterval, maxStalledCount).
 */

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ConnectionOptions, Job } from 'bullmq';
import { Queue, QueueEvents, WaitingError, Worker } from 'bullmq';
import { hasTriggers } from '../events/conditions.ts';
import type { TrialRunResult } from '../montecarlo/trial.ts';
import { runTrial, TrialTable } from '../montecarlo/trial.ts';
import type { Scenario } from '../scenario/schema.ts';
import { InputError, UsageError } from './files.ts';
import type { MonteCarloPart, Shard } from './shards.ts';
import {
  checkPart,
  makePart,
  mergeParts,
  partText,
  putPart,
  scenarioSha256,
  shardRange,
} from './shards.ts';

/** Name of the BullMQ queue of Monte Carlo shards. */
export const QUEUE_NAME = 'rpo-sim-montecarlo';
/** Default lock of a job, ms (BullMQ's default): a lost worker's shard is retried after it. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;
/** Times a job may be found stalled (its worker lost) and put back before it fails. */
export const MAX_STALLED_COUNT = 5;
/** Trials a worker flies between two turns of the event loop. */
const CHUNK_TRIALS = 16;
/** Finished jobs left behind (a submitter that died) are removed after this, s. */
const KEEP_FINISHED_S = 24 * 3600;

/** What a job carries. */
export interface ShardJobData {
  scenario: Scenario;
  seed: number;
  trials: number;
  shard: Shard;
}

/**
 * The connection of a `redis://[user:password@]host:port[/db]` URL.
 * @throws UsageError for another scheme or a malformed URL
 */
export function redisConnection(url: string): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--queue must be a redis://HOST:PORT URL (got "${url}")`);
  }
  if (u.protocol !== 'redis:' || u.hostname === '')
    throw new UsageError(`--queue must be a redis://HOST:PORT URL (got "${url}")`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new UsageError(`--queue: the database number must be an integer (got "${u.pathname}")`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port === '' ? 6379 : Number(u.port),
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

/** Time allowed to reach Redis before the command gives up, ms. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Checks that Redis answers at `url` (BullMQ itself would retry for ever).
 * @throws InputError saying why it cannot be reached
 */
export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis({
    ...(redisConnection(url) as object),
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new InputError(`cannot reach Redis at ${url} (${(err as Error).message})`);
  } finally {
    redis.disconnect();
  }
}

/** Options of `runOnQueue`. */
export interface QueueRunOptions {
  url: string;
  scenario: Scenario;
  seed: number;
  trials: number;
  /** Jobs to split the run into. */
  shards: number;
  onProgress?: (done: number, total: number) => void;
  /** Aborting removes the jobs not started and returns what was done. */
  signal?: AbortSignal;
}

/**
 * Submits the shards of a run as jobs, waits for them and merges their parts into one table, as
 * a local run fills it. When aborted, the table holds the shards finished by then.
 * @throws Error when a job fails (its reason), or a part does not belong to the run
 */
export async function runOnQueue(opts: QueueRunOptions): Promise<TrialRunResult> {
  const connection = redisConnection(opts.url);
  await checkRedis(opts.url);
  const t0 = performance.now();
  const queue = new Queue<ShardJobData, string>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const names = Array.from({ length: opts.shards }, (_, i) => `shard ${i}/${opts.shards}`);
  const done = new Map<string, number>();
  const parts: (MonteCarloPart | null)[] = names.map(() => null);
  const hash = scenarioSha256(opts.scenario);
  try {
    await events.waitUntilReady();
    const runId = randomUUID();
    const jobs = await queue.addBulk(
      names.map((_, index) => ({
        name: 'shard',
        data: {
          scenario: opts.scenario,
          seed: opts.seed,
          trials: opts.trials,
          shard: { index, count: opts.shards },
        },
        opts: {
          jobId: `${runId}-${index}`,
          removeOnComplete: { age: KEEP_FINISHED_S },
          removeOnFail: { age: KEEP_FINISHED_S },
        },
      })),
    );
    const ids = new Set(jobs.map((j) => j.id));
    const report = () => {
      let sum = 0;
      for (const v of done.values()) sum += v;
      opts.onProgress?.(sum, opts.trials);
    };
    events.on('progress', ({ jobId, data }) => {
      if (ids.has(jobId) && typeof data === 'number') {
        done.set(jobId, data);
        report();
      }
    });
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (opts.signal?.aborted) onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const finished = Promise.all(
      jobs.map(async (job, i) => {
        let text: string;
        try {
          text = await job.waitUntilFinished(events);
        } catch (err) {
          throw new Error(`${names[i]} failed on a worker: ${(err as Error).message}`);
        }
        const part = checkPart(JSON.parse(text), names[i]!);
        if (part.scenarioSha256 !== hash || part.seed !== opts.seed || part.trials !== opts.trials)
          throw new Error(`${names[i]} came back from the queue for another run`);
        parts[i] = part;
        done.set(job.id!, part.endTrial - part.firstTrial);
        report();
      }),
    );
    let outcome: 'aborted' | void[];
    try {
      outcome = await Promise.race([finished, aborted]);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      void finished.catch(() => undefined);
      // done, failed or interrupted: the run's jobs leave the queue (one running when the run is
      // interrupted cannot be removed: it finishes and expires unread)
      await Promise.all(jobs.map((j) => j.remove().catch(() => undefined)));
    }
    const got = parts.filter((p): p is MonteCarloPart => p !== null);
    let table: TrialTable;
    if (outcome === 'aborted') {
      // the shards finished by then; the statistics cover the prefix without a gap
      table = new TrialTable(opts.trials, opts.scenario.spacecraft.length);
      for (const p of got) putPart(table, p);
    } else {
      table = mergeParts(got, names).table;
    }
    const prefix = table.donePrefix();
    return {
      table,
      prefix,
      done: got.reduce((n, p) => n + p.endTrial - p.firstTrial, 0),
      interrupted: outcome === 'aborted',
      elapsedS: (performance.now() - t0) / 1000,
      workers: opts.shards,
    };
  } finally {
    await events.close();
    await queue.close();
  }
}

/** Options of `serveQueue`. */
export interface QueueWorkerOptions {
  url: string;
  /** Job lock, ms: a lost worker's job is retried this long after it stopped renewing it. */
  lockDurationMs?: number;
  /** Told when a job starts and ends. */
  log: (text: string) => void;
}

/** A running queue worker. */
export interface QueueWorker {
  /** First call: finish the current job, then stop; second: release it to the queue now. */
  stop: () => void;
  /** Settles when the worker has stopped. */
  closed: Promise<void>;
}

/** Flies the trials of one shard job, yielding between chunks; the shard's part text. */
async function flyShard(
  job: Job<ShardJobData, string>,
  signal: AbortSignal,
): Promise<string | null> {
  const { scenario, seed, trials, shard } = job.data;
  if (hasTriggers(scenario)) await import('../events/expression.ts');
  const { first, end } = shardRange(trials, shard);
  const table = new TrialTable(end, scenario.spacecraft.length);
  for (let t = first; t < end;) {
    if (signal.aborted) return null;
    const stop = Math.min(end, t + CHUNK_TRIALS);
    for (; t < stop; t++) table.set(runTrial(scenario, seed, t));
    await job.updateProgress(t - first);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return partText(makePart(scenario, seed, trials, shard, table));
}

/** Serves Monte Carlo shard jobs until `stop` is called. */
export function serveQueue(opts: QueueWorkerOptions): QueueWorker {
  const connection = redisConnection(opts.url);
  const lockDuration = opts.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  const release = new AbortController();
  const worker = new Worker<ShardJobData, string>(
    QUEUE_NAME,
    async (job, token) => {
      const { shard, trials } = job.data;
      opts.log(`shard ${shard.index}/${shard.count} of ${trials} trials: started\n`);
      const text = await flyShard(job, release.signal);
      if (text === null) {
        await job.moveToWait(token);
        opts.log(`shard ${shard.index}/${shard.count}: released to the queue\n`);
        throw new WaitingError();
      }
      opts.log(`shard ${shard.index}/${shard.count}: done\n`);
      return text;
    },
    {
      connection,
      concurrency: 1,
      lockDuration,
      stalledInterval: lockDuration,
      maxStalledCount: MAX_STALLED_COUNT,
    },
  );
  let stopping = false;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  worker.on('error', (err) => opts.log(`queue error: ${err.message}\n`));
  return {
    stop() {
      if (stopping) {
        release.abort();
        return;
      }
      stopping = true;
      void worker.close().then(resolveClosed, resolveClosed);
    },
    closed,
  };
}
