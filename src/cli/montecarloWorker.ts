/**
 * A worker thread of `rpo-sim montecarlo` (protocol and pool in pool.ts). scripts/build.mjs
 * bundles it into dist/node/montecarlo-worker.mjs, beside the built pool; from the sources,
 * montecarlo-worker.mjs registers tsx and imports it. Either way pool.ts starts
 * `./montecarlo-worker.mjs` next to itself.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { serveTrials, workerNeedsExpressions, type WorkerInit } from './pool.ts';

const init = workerData as WorkerInit;
// The trigger-expression parser (mathjs) is loaded only for scenarios that have triggers.
if (workerNeedsExpressions(init)) await import('../events/expression.ts');
serveTrials(parentPort, init);
