/**
 * The simulation computed in this thread, one macrotask after each request, behind the same
 * ports as the workers: for node (tests, tools) where there is no `Worker`. Not used by the page.
 */

import { CANCELLED_MESSAGE, failure, SimulationClient, type SimPort } from './client.ts';
import { computeResponse, recycle } from './compute.ts';
import type { SimRequest, SimResponse } from './protocol.ts';

/** A port that computes requests here. */
export function inProcessPort(): SimPort {
  let listener: (res: SimResponse) => void = () => {};
  let alive = true;
  let pending: SimRequest | null = null;
  return {
    post(req) {
      pending = req;
      setTimeout(() => {
        if (!alive || pending !== req) return;
        pending = null;
        listener(computeResponse(req));
      }, 0);
    },
    cancel() {
      // this thread cannot be interrupted: a request not yet computed is never computed
      if (!pending) return;
      const req = pending;
      pending = null;
      listener(failure(req, CANCELLED_MESSAGE));
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
  return new SimulationClient(inProcessPort(), inProcessPort(), inProcessPort);
}
