/**
 * `rpo-sim worker`: serves Monte Carlo shard jobs from a BullMQ queue in Redis (queue.ts) until
 * stopped.
 *
 *   rpo-sim worker --queue redis://HOST:PORT [--lock-duration-ms MS]
 *
 * SIGINT/SIGTERM: take no new job and finish the current one, then exit 0; a second signal
 * releases the current job to the queue for another worker and exits 0.
 *
 * Exit codes: 0 stopped; 2 usage or Redis not reachable.
 */

import type { CliIo } from './main.ts';
import { inputProblemExit, UsageError } from './files.ts';
import { DEFAULT_LOCK_DURATION_MS, checkRedis, serveQueue } from './queue.ts';

const USAGE = `Usage:
  rpo-sim worker --queue redis://HOST:PORT [--lock-duration-ms MS]
      Serve the shards of Monte Carlo runs submitted with rpo-sim montecarlo ... --queue URL,
      one at a time on this process's thread (start one worker per core), until SIGINT or
      SIGTERM: the current shard is finished first (a second signal hands it back to the queue).
      A worker that dies stops renewing its job's lock; after MS (default
      ${DEFAULT_LOCK_DURATION_MS}) another worker flies that shard again.`;

/** `rpo-sim worker ...`; returns the exit code when the worker has stopped. */
export async function cmdWorker(args: readonly string[], io: CliIo): Promise<number> {
  let url: string;
  let lockDurationMs = DEFAULT_LOCK_DURATION_MS;
  try {
    const flags = new Map<string, string>();
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (!a.startsWith('--') || !['queue', 'lock-duration-ms'].includes(name))
        throw new UsageError(a.startsWith('--') ? `unknown option ${a}` : 'worker takes no file');
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
      flags.set(name, v);
    }
    const queue = flags.get('queue');
    if (queue === undefined) throw new UsageError('worker needs --queue redis://HOST:PORT');
    url = queue;
    const lock = flags.get('lock-duration-ms');
    if (lock !== undefined) {
      lockDurationMs = /^\d+$/.test(lock) ? Number(lock) : Number.NaN;
      if (!(lockDurationMs >= 100 && lockDurationMs <= 3_600_000))
        throw new UsageError(
          `--lock-duration-ms must be an integer from 100 to 3600000 (got "${lock}")`,
        );
    }
    await checkRedis(url);
  } catch (err) {
    const code = inputProblemExit(err, io.stderr, USAGE);
    if (code !== null) return code;
    throw err;
  }
  const worker = serveQueue({ url, lockDurationMs, log: (t) => io.stderr(`rpo-sim worker: ${t}`) });
  const onSignal = (signal: string) => {
    io.stderr(`rpo-sim worker: ${signal}: finishing the current shard (again: hand it back)\n`);
    worker.stop();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  io.stderr(`rpo-sim worker: serving ${url} (SIGINT/SIGTERM to stop)\n`);
  try {
    await worker.closed;
  } finally {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
  }
  io.stderr('rpo-sim worker: stopped\n');
  return 0;
}
