/**
 * A Monte Carlo worker of the browser (the page starts up to four, src/view/montecarlo/pool.ts):
 * runs chunks of trials off the main thread, so the page stays responsive through a 100,000-trial
 * run. The handler is src/view/montecarlo/serve.ts; the protocol is src/view/montecarlo/protocol.ts.
 */

import type { McRequest } from '../view/montecarlo/protocol.ts';
import { createTrialServer } from '../view/montecarlo/serve.ts';

/** The worker's global scope, as far as this file needs it. */
interface WorkerScope {
  onmessage: ((e: MessageEvent<McRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const serve = createTrialServer((res, transfer) => scope.postMessage(res, transfer));

scope.onmessage = (e) => {
  void serve(e.data);
};
