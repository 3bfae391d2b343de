/**
 * The simulation worker: validates, runs and scores scenario text off the page's main thread, so
 * the page never freezes while a 48-hour plan is recomputed. The page keeps two of these, one
 * for trajectories and one for scores (src/worker/client.ts); each answers one request at a time.
 */

import { computeResponse, recycle } from './compute.ts';
import { transferList, type WorkerMessage } from './protocol.ts';

/** The worker's global scope, as far as this file needs it. */
interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.kind === 'recycle') {
    recycle(msg.buffers);
    return;
  }
  const res = computeResponse(msg);
  scope.postMessage(res, transferList(res));
};
