// The BullMQ job queue with a real redis-server on a loopback port: a run submitted with --queue
// and served by two `rpo-sim worker` processes prints the local run's --json byte for byte; a
// worker killed (SIGKILL) in the middle of a shard loses nothing: its job is found stalled after
// the lock expires, another worker flies the shard again, and the answer is still exact; a worker
// stopped with SIGTERM finishes its shard; a sweep on the queue equals the local sweep; an
// interrupted submission withdraws its jobs; an unreachable Redis exits 2.
//
// Timeouts are generous (4 min): these tests start a server and Node processes (tsx) and wait
// for a lock to expire, on a shared 2-core machine.

import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { main } from '../../src/cli/main.ts';
import { QUEUE_NAME, redisConnection, runOnQueue } from '../../src/cli/queue.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import type { RedisServer } from './redisServer.ts';
import { hasRedisServer, startRedis } from './redisServer.ts';

const EXAMPLE = 'scenarios/dispersed-vbar-approach.json';
const SLOW = 240_000;
// CI installs redis-server (.ci/run); a developer machine without it skips these tests
const available = hasRedisServer() || process.env.CI === 'true';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  /** Resolves when the log matches. */
  waitFor: (re: RegExp) => Promise<void>;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];

function startWorker(url: string, ...extra: string[]): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['src/cli/rpo-sim.mjs', 'worker', '--queue', url, ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  started.push(child);
  let log = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stderr!.on('data', (b: Buffer) => {
    log += b.toString();
    for (const w of waiters) if (w.re.test(log)) w.resolve();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    log: () => log,
    waitFor: (re) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(log)) resolve();
        else waiters.push({ re, resolve });
        void exited.then(() => reject(new Error(`worker exited before ${re}: ${log}`)));
      }),
    exited,
  };
}

describe.runIf(available)('rpo-sim montecarlo --queue and rpo-sim worker (redis-server)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  }, SLOW);
  afterAll(async () => {
    for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await redis?.stop();
  }, SLOW);

  it(
    'two worker processes give the local run byte for byte',
    async () => {
      const run = ['montecarlo', EXAMPLE, '--trials', '45', '--seed', '11', '--json'];
      const local = await cli(...run, '--workers', '1');
      expect(local.code).toBe(0);
      const workers = [startWorker(redis.url), startWorker(redis.url)];
      // their SIGTERM handler is set once they serve
      for (const w of workers) await w.waitFor(/serving/);
      const queued = await cli(...run, '--queue', redis.url, '--shards', '6');
      expect(queued.err).toMatch(/submitting 45 trials .* as 6 jobs/);
      expect(queued.code).toBe(0);
      expect(queued.out).toBe(local.out);
      // SIGTERM: each worker stops cleanly
      for (const w of workers) w.child.kill('SIGTERM');
      for (const w of workers) {
        expect(await w.exited).toBe(0);
        expect(w.log()).toMatch(/SIGTERM: finishing the current shard/);
        expect(w.log()).toMatch(/stopped/);
      }
      const served = workers.map((w) => (w.log().match(/: done/g) ?? []).length);
      expect(served[0]! + served[1]!).toBe(6);
    },
    SLOW,
  );

  it(
    'a sweep on the queue gives the local sweep byte for byte',
    async () => {
      const sweep = [
        'sweep',
        EXAMPLE,
        '--set',
        'spacecraft[0].maneuvers[0].tS=1200,2400,oops',
        '--trials',
        '10',
        '--seed',
        '2',
        '--json',
      ];
      const local = await cli(...sweep, '--workers', '1');
      expect(local.code).toBe(0);
      const w = startWorker(redis.url);
      const queued = await cli(...sweep, '--queue', redis.url, '--shards', '3');
      expect(queued.code).toBe(0);
      expect(queued.out).toBe(local.out);
      expect(JSON.parse(queued.out).variants[2].error).toMatch(/maneuvers\[0\]\.tS/);
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
    },
    SLOW,
  );

  it(
    'a worker killed mid-shard loses nothing: the shard is retried after its lock expires',
    async () => {
      const run = ['montecarlo', EXAMPLE, '--trials', '400', '--seed', '4', '--json'];
      const local = await cli(...run, '--workers', '2');
      expect(local.code).toBe(0);
      const lock = ['--lock-duration-ms', '1500'];
      const a = startWorker(redis.url, ...lock);
      await a.waitFor(/serving/);
      const queued = cli(...run, '--queue', redis.url, '--shards', '2');
      await a.waitFor(/shard 0\/2 of 400 trials: started/);
      a.child.kill('SIGKILL');
      expect(await a.exited).toBe(null);
      expect(a.log()).not.toMatch(/shard 0\/2: done/);
      const b = startWorker(redis.url, ...lock);
      const r = await queued;
      expect(r.code).toBe(0);
      expect(r.out).toBe(local.out);
      // b flew both shards, the killed worker's included
      expect(b.log()).toMatch(/shard 0\/2: done/);
      expect(b.log()).toMatch(/shard 1\/2: done/);
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    },
    SLOW,
  );

  it(
    'a second SIGTERM hands the current shard back to the queue; another worker finishes the run exactly',
    async () => {
      const run = ['montecarlo', EXAMPLE, '--trials', '300', '--seed', '8', '--json'];
      const local = await cli(...run, '--workers', '2');
      const a = startWorker(redis.url);
      await a.waitFor(/serving/);
      const queued = cli(...run, '--queue', redis.url, '--shards', '1');
      await a.waitFor(/shard 0\/1 of 300 trials: started/);
      a.child.kill('SIGTERM');
      await a.waitFor(/SIGTERM: finishing/);
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(a.log()).toMatch(/shard 0\/1: released to the queue/);
      expect(a.log()).not.toMatch(/shard 0\/1: done/);
      const b = startWorker(redis.url);
      const r = await queued;
      expect(r.code).toBe(0);
      expect(r.out).toBe(local.out);
      expect(b.log()).toMatch(/shard 0\/1: done/);
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    },
    SLOW,
  );

  it(
    'an interrupted submission withdraws its jobs and returns the trials done (none here)',
    async () => {
      const loaded = loadScenario(readFileSync(EXAMPLE, 'utf8'));
      if (!loaded.ok) throw new Error('example invalid');
      const controller = new AbortController();
      // no worker serves the queue now: the jobs wait until the run is interrupted
      const running = runOnQueue({
        url: redis.url,
        scenario: loaded.scenario,
        seed: 1,
        trials: 50,
        shards: 5,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 500);
      const r = await running;
      expect(r).toMatchObject({ interrupted: true, prefix: 0, done: 0 });
      const queue = new Queue(QUEUE_NAME, { connection: redisConnection(redis.url) });
      expect(await queue.getJobCounts('waiting', 'active', 'completed')).toEqual({
        waiting: 0,
        active: 0,
        completed: 0,
      });
      await queue.close();
    },
    SLOW,
  );

  it(
    'an unreachable Redis is an input problem (exit 2), not a hang',
    async () => {
      // the server's port once it is stopped is a loopback port nothing listens on
      const down = await startRedis();
      await down.stop();
      const r = await cli(
        'montecarlo',
        EXAMPLE,
        '--trials',
        '5',
        '--seed',
        '1',
        '--queue',
        down.url,
      );
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
      const w = await cli('worker', '--queue', down.url);
      expect(w.code).toBe(2);
      expect(w.err).toMatch(/cannot reach Redis/);
      for (const [args, re] of [
        [['worker'], /worker needs --queue/],
        [['worker', '--queue', 'http://x:1'], /--queue must be a redis:\/\/HOST:PORT URL/],
        [['worker', '--queue', redis.url, '--lock-duration-ms', '5'], /--lock-duration-ms must be/],
        [
          ['montecarlo', EXAMPLE, '--trials', '5', '--seed', '1', '--shards', '2'],
          /--shards K splits a run on the queue/,
        ],
      ] as [string[], RegExp][]) {
        const x = await cli(...args);
        expect(x.code, args.join(' ')).toBe(2);
        expect(x.err).toMatch(re);
      }
    },
    SLOW,
  );
});
