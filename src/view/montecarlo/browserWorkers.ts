/**
 * Monte Carlo workers of the page: Vite module workers running src/worker/montecarlo.worker.ts,
 * wrapped as the pool's `WorkerPort`.
 */

import type { WorkerPort } from './pool.ts';
import { isMcResponse, type McRequest } from './protocol.ts';

/** Starts one Monte Carlo web worker. */
export function startMonteCarloWorker(): WorkerPort {
  const worker = new Worker(new URL('../../worker/montecarlo.worker.ts', import.meta.url), {
    type: 'module',
  });
  return {
    post(req: McRequest) {
      worker.postMessage(req);
    },
    listen(onMessage, onFailure) {
      worker.onmessage = (e: MessageEvent<unknown>) => {
        if (isMcResponse(e.data)) onMessage(e.data);
      };
      // A worker that fails to load or throws outside a request: the run stops with the reason.
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        onFailure(e.message || 'the worker stopped (it may not have loaded)');
      };
      worker.onmessageerror = () => onFailure('a message from the worker could not be read');
    },
    terminate() {
      worker.terminate();
    },
  };
}
