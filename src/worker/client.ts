/**
 * The page's side of the simulation workers: two workers (trajectories, scores), each with one
 * request in flight and at most one waiting, the latest. Edits arrive faster than runs finish
 * (typing, dragging at 60 Hz): a waiting request that a newer one replaces is never sent (its
 * promise resolves null), so the workers always compute the newest text next and never fall
 * behind. A response is always delivered (it is the newest finished run); the store drops it only
 * if it already shows a newer one.
 *
 * A trajectory with a preview is a two-stage request (./protocol.ts): the preview is handed out
 * as soon as it arrives, then the exact run of the same text is asked for, unless a newer request
 * is already waiting (then the exact run of this text is skipped: it resolves null).
 *
 * Tests use the same client over in-process ports (./inProcess.ts), so that the behaviour is the
 * same; the page's bundle does not include that path.
 */

import { firstSceneDrawn, markFirstTrajectoryShown } from '../state/firstScene.ts';
import type { TrajectoryPayload } from '../view/model/mission.ts';
import simWorkerUrl from './sim.worker.ts?worker&url';
import {
  isSimResponse,
  trajectoryBuffers,
  type RecycleMessage,
  type SimKind,
  type SimRequest,
  type SimResponse,
  type FailureResponse,
} from './protocol.ts';

/** Something that computes requests: a worker, or the in-process fallback. */
export interface SimPort {
  post(req: SimRequest): void;
  /** Hands buffers of a trajectory no longer shown back to the computing side (transferred). */
  recycle(buffers: ArrayBuffer[]): void;
  /** Sets the function that receives every response. */
  listen(onResponse: (res: SimResponse) => void): void;
  /**
   * Stops the request in flight, however long it would run: it fails at once with
   * {@link CANCELLED_MESSAGE} and the port stays usable (a worker is replaced by a fresh one).
   */
  cancel(): void;
  terminate(): void;
}

/** The failure of a request stopped by `cancel`. */
export const CANCELLED_MESSAGE = 'the run was cancelled';

/**
 * What index.html's head started (production builds, vite.config.ts), before the page's own
 * scripts have run: the first worker, which fetches and runs the simulation worker's script
 * itself, and that script as a blob: URL for the other workers.
 */
export interface EarlyWorker {
  /** The worker's script, fetched once, as a blob: URL. */
  script: Promise<string>;
  /** The first worker (it answers requests once it has loaded the script). */
  worker: Promise<Worker>;
  /** The first error the worker reported before the page took it over, if any. */
  error?: string;
}

/** The worker index.html's head started, if it did. */
function earlyWorker(): EarlyWorker | undefined {
  return (globalThis as { __rpoSimWorker?: EarlyWorker }).__rpoSimWorker;
}

/**
 * Where the workers load src/worker/sim.worker.ts from. In a production build the worker is
 * one self-contained script (Vite bundles it), so the page fetches it once and starts every
 * worker from the same blob: URL; two `new Worker(url)` would fetch it twice, both at start-up,
 * before either response could be cached. index.html's head starts that fetch (see
 * {@link EarlyWorker}); without it, the page fetches the script itself. The development server
 * serves the worker as modules that import others by path, which a blob cannot resolve: there
 * each worker loads the URL itself.
 */
export function simWorkerScript(): Promise<string> {
  if (!import.meta.env.PROD) return Promise.resolve(simWorkerUrl);
  const early = earlyWorker();
  if (early) return early.script;
  return fetch(simWorkerUrl).then((r) => {
    if (!r.ok) throw new Error(`${simWorkerUrl}: HTTP ${r.status}`);
    return r.blob().then((b) => URL.createObjectURL(b));
  });
}

/**
 * A port over a dedicated worker running src/worker/sim.worker.ts, started once `script` (its
 * URL) is known; what is posted before waits for it.
 * @param early a worker already started from `script` (index.html's, {@link EarlyWorker}): the
 *   port takes it instead of starting one
 */
export function workerPort(script: Promise<string>, early?: EarlyWorker): SimPort {
  let worker: Worker | null = null;
  const queued: (() => void)[] = [];
  const whenStarted = (f: (w: Worker) => void) => {
    if (worker) f(worker);
    else queued.push(() => f(worker!));
  };
  let listener: (res: SimResponse) => void = () => {};
  let pending: SimRequest | null = null;
  /** Why no worker could be started (then every request fails with it), or null. */
  let broken: string | null = null;
  const fail = (message: string) => {
    if (!pending) return;
    const req = pending;
    pending = null;
    listener(failure(req, message));
  };
  const wire = (w: Worker): Worker => {
    w.onmessage = (e: MessageEvent<unknown>) => {
      if (!isSimResponse(e.data)) return;
      pending = null;
      listener(e.data);
    };
    // A worker that fails to load or crashes: the request in flight fails with the reason, so
    // the page shows it instead of waiting for ever.
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      fail(`the simulation worker failed: ${e.message || 'unknown error'}`);
    };
    return w;
  };
  const start = (url: string): Worker => wire(new Worker(url, { type: 'module' }));
  let terminated = false;
  /** The script's URL once known (a fresh worker after `cancel` starts from it). */
  let scriptUrl: string | null = null;
  script.then(
    async (url) => {
      try {
        const w = early ? wire(await early.worker) : start(url);
        if (terminated) {
          w.terminate();
          return;
        }
        worker = w;
      } catch (err) {
        broken = `this browser cannot start the simulation (module web workers): ${String(err)}`;
        fail(broken);
        return;
      }
      scriptUrl = url;
      if (early?.error !== undefined) {
        broken = `the simulation worker failed: ${early.error}`;
        fail(broken);
        return;
      }
      for (const f of queued.splice(0)) f();
    },
    (err: unknown) => {
      broken = `the simulation worker's script did not load: ${String(err)}`;
      fail(broken);
    },
  );
  return {
    cancel() {
      if (!pending) return;
      const req = pending;
      pending = null;
      // a run cannot be interrupted from outside its thread: the worker goes, a fresh one comes;
      // before the worker has started, the request has not been sent yet: it is dropped
      if (worker && scriptUrl !== null) {
        worker.terminate();
        worker = start(scriptUrl);
      } else queued.length = 0;
      listener(failure(req, CANCELLED_MESSAGE));
    },
    post(req) {
      pending = req;
      if (broken !== null) {
        const reason = broken;
        setTimeout(() => fail(reason), 0);
      } else whenStarted((w) => w.postMessage(req));
    },
    recycle(buffers) {
      whenStarted((w) => {
        // A detached buffer cannot be transferred again (postMessage would throw).
        const live = buffers.filter((b) => b.byteLength > 0);
        const message: RecycleMessage = { kind: 'recycle', buffers: live };
        w.postMessage(message, live);
      });
    },
    listen(fn) {
      listener = fn;
    },
    terminate: () => {
      terminated = true;
      worker?.terminate();
    },
  };
}

/** A failed request (the worker could not run it), with the reason as a whole-text issue. */
export function failure(req: SimRequest, message: string): FailureResponse {
  return {
    id: req.id,
    kind: req.kind,
    ok: false,
    issues: [{ path: '', message, from: 0, to: 0 }],
    computeMs: 0,
  };
}

interface Waiter {
  req: SimRequest;
  resolve: (res: SimResponse | null) => void;
  /** Receives a preview before the final response. */
  onPreview?: (res: SimResponse) => void;
}

/** One request in flight, the latest one waiting. */
class Channel {
  private inFlight: Waiter | null = null;
  private waiting: Waiter | null = null;

  constructor(private readonly port: SimPort) {
    port.listen((res) => this.receive(res));
  }

  request(req: SimRequest, onPreview?: (res: SimResponse) => void): Promise<SimResponse | null> {
    return new Promise((resolve) => {
      const w: Waiter = { req, resolve, ...(onPreview ? { onPreview } : {}) };
      if (this.inFlight === null) this.send(w);
      else {
        this.waiting?.resolve(null);
        this.waiting = w;
      }
    });
  }

  /** Drops the waiting request and stops the one in flight (it resolves as cancelled). */
  cancel(): void {
    this.waiting?.resolve(null);
    this.waiting = null;
    if (this.inFlight !== null) this.port.cancel();
  }

  /** Whether nothing is in flight or waiting. */
  get idle(): boolean {
    return this.inFlight === null && this.waiting === null;
  }

  private send(w: Waiter): void {
    this.inFlight = w;
    this.port.post(w.req);
  }

  private receive(res: SimResponse): void {
    const w = this.inFlight;
    if (!w || w.req.id !== res.id) return;
    if (res.kind === 'trajectory' && res.ok && res.stage === 'preview') {
      w.onPreview?.(res);
      if (this.waiting === null) {
        // Nothing newer: the exact run of the same text, same id, still in flight.
        w.req = { ...w.req, kind: 'trajectory' };
        this.port.post(w.req);
        return;
      }
      // A newer edit waits: it goes first, and this text's exact run is skipped.
      this.inFlight = null;
      const next = this.waiting;
      this.waiting = null;
      this.send(next);
      w.resolve(null);
      return;
    }
    this.inFlight = null;
    const next = this.waiting;
    this.waiting = null;
    // Send the next text before handing this response out: the worker starts at once.
    if (next) this.send(next);
    w.resolve(res);
  }
}

/** A request's id and its outcome (null: replaced by a newer request before it was sent). */
export interface SimTicket {
  id: number;
  result: Promise<SimResponse | null>;
}

/** Trajectories and scores of scenario texts, newest first. */
export class SimulationClient {
  private nextId = 1;
  private readonly channels: Record<Exclude<SimKind, 'ghost'>, Channel>;
  private readonly ports: SimPort[];
  private ghostChannel: Channel | null = null;

  /**
   * @param trajectoryPort computes trajectories
   * @param scorePort computes scores (a second worker, so a score never delays a trajectory)
   * @param ghostPort makes the port that computes ghosts (a third worker, started on the first
   *   ghost asked for); none: this client computes no ghosts
   */
  constructor(
    trajectoryPort: SimPort,
    scorePort: SimPort,
    private readonly ghostPort: (() => SimPort) | null = null,
  ) {
    this.ports = [trajectoryPort, scorePort];
    const trajectories = new Channel(trajectoryPort);
    this.channels = {
      preview: trajectories,
      trajectory: trajectories,
      score: new Channel(scorePort),
    };
  }

  /**
   * Asks for the trajectory of `text`. With `onPreview`, a preview (coarser step) comes first
   * for a large scenario; the final response is the exact run, or null when a newer request
   * replaced it.
   */
  trajectory(text: string, onPreview?: (res: SimResponse) => void): SimTicket {
    return this.request(onPreview ? 'preview' : 'trajectory', text, onPreview);
  }

  /** Asks for the score of `text`. */
  score(text: string): SimTicket {
    return this.request('score', text);
  }

  /**
   * Asks for the ghost of `text`: its trajectory in the other dynamics model and the difference
   * from its run (src/sim/ghost.ts). Fails when this client was made without a ghost port.
   */
  ghost(text: string): SimTicket {
    return this.request('ghost', text);
  }

  /**
   * Gives a trajectory the page no longer shows back to the trajectory worker, which reuses its
   * buffers for the next runs. Its arrays are unreadable afterwards (transferred away).
   */
  recycle(t: TrajectoryPayload): void {
    this.ports[0]!.recycle(trajectoryBuffers(t));
  }

  /** Whether no request of this kind is in flight or waiting. */
  idle(kind: SimKind): boolean {
    return kind === 'ghost' ? (this.ghostChannel?.idle ?? true) : this.channels[kind].idle;
  }

  /** Stops the trajectory run in flight (it fails with {@link CANCELLED_MESSAGE}). */
  cancelTrajectory(): void {
    this.channels.trajectory.cancel();
  }

  /** Stops the workers. */
  dispose(): void {
    for (const p of this.ports) p.terminate();
  }

  private request(kind: SimKind, text: string, onPreview?: (res: SimResponse) => void): SimTicket {
    const id = this.nextId++;
    const req: SimRequest = { id, kind, text };
    if (kind !== 'ghost') return { id, result: this.channels[kind].request(req, onPreview) };
    if (!this.ghostPort) {
      return { id, result: Promise.resolve(failure(req, 'this simulator computes no ghosts')) };
    }
    if (!this.ghostChannel) {
      const port = this.ghostPort();
      this.ports.push(port);
      this.ghostChannel = new Channel(port);
    }
    return { id, result: this.ghostChannel.request(req) };
  }
}

/**
 * The page's simulator: two module workers (trajectories, scores), and a third for ghosts once
 * one is asked for, from one fetch of the script.
 */
export function createWorkerClient(): SimulationClient {
  const script = simWorkerScript();
  const trajectories = workerPort(script, earlyWorker());
  // The score worker starts once the first trajectory is in and drawn: on a 2-core machine it
  // would otherwise share the cores with the run, then with the first scene's frame.
  let firstTrajectory = () => {};
  const trajectoryIn = new Promise<void>((resolve) => (firstTrajectory = resolve));
  const listen = trajectories.listen;
  trajectories.listen = (fn) =>
    listen((res) => {
      firstTrajectory();
      markFirstTrajectoryShown();
      fn(res);
    });
  const scores = workerPort(
    Promise.all([script, trajectoryIn.then(firstSceneDrawn)]).then(([url]) => url),
  );
  return new SimulationClient(trajectories, scores, () => workerPort(script));
}
