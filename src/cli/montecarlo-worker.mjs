// Worker thread of `rpo-sim montecarlo` (protocol and pool in montecarlo.ts).
//
// A worker does not inherit loader hooks registered with tsx's register() in the parent thread,
// so it registers tsx itself, then imports the typed handler. Start-up costs about 0.8 s wall
// (1.2 s of CPU) on the dev machine, most of it loading mathjs (imported by the trigger
// expressions). Loading the big packages before register() does not help: measured slower
// (1.6 s of CPU), the TypeScript modules' imports then loading mathjs a second time.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveTrials } = await import('./montecarlo.ts');
serveTrials(parentPort, workerData);
