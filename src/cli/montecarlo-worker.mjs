// Worker thread of `rpo-sim montecarlo` (protocol and pool in pool.ts).
//
// A worker does not inherit loader hooks registered with tsx's register() in the parent thread,
// so it registers tsx itself, then imports the typed handler.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveTrials, workerNeedsExpressions } = await import('./pool.ts');
// The trigger-expression parser (mathjs) is loaded only for scenarios that have triggers.
if (workerNeedsExpressions(workerData)) await import('../events/expression.ts');
serveTrials(parentPort, workerData);
