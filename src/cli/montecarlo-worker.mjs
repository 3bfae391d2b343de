// Worker thread of `rpo-sim montecarlo` run from the TypeScript sources (the built package has
// its own dist/node/montecarlo-worker.mjs). A worker does not inherit loader hooks registered
// with tsx's register() in the parent thread, so it registers tsx itself, then imports the
// typed worker body.
import { register } from 'tsx/esm/api';

register();
await import('./montecarloWorker.ts');
