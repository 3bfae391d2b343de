/**
 * The simulation computed in this thread, one macrotask after each request, behind the same
 * ports as the workers: for node (tests, tools) where there is no `Worker`. Not used by the page.
 */

import { SimulationClient, type SimPort } from './client.ts';
import { computeResponse, recycle } from './compute.ts';
import type { SimResponse } from './protocol.ts';

/** A port that computes requests here. */
export function inProcessPort(): SimPort {
  let listener: (res: SimResponse) => void = () => {};
  let alive = true;
  return {
    post(req) {
      setTimeout(() => {
        if (alive) listener(computeResponse(req));
      }, 0);
    },
    recycle(buffers) {
      recycle(buffers);
    },
    listen(fn) {
      listener = fn;
    },
    terminate() {
      alive = false;
    },
  };
}

/** A simulation client computing in this thread. */
export function createInProcessClient(): SimulationClient {
  return new SimulationClient(inProcessPort(), inProcessPort());
}
