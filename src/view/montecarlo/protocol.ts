/**
 * Messages between the page and the Monte Carlo web workers (src/worker/montecarlo.worker.ts),
 * mirroring the CLI's worker pool (src/cli/pool.ts): a worker is given the validated scenario and
 * the seed once (`init`), then chunks of trial indices [start, end) on demand; it answers each
 * chunk with the outcomes packed in a Float64Array (src/montecarlo/trial.ts, packOutcome) that
 * the page stores by trial index. A trial depends only on (scenario, seed, index), so the result
 * does not depend on how many workers ran or in which order chunks came back.
 *
 * After a run the same workers re-fly a few trials with their ephemeris for the "spaghetti" plot
 * (`paths`: decimated positions, transferred) and write the worst trial as a scenario (`worst`).
 *
 * Every request but `init` carries the run it belongs to (`runId`); a worker echoes it, and the
 * page drops answers of a run it no longer waits for.
 */

import type { Scenario } from '../../scenario/schema.ts';

/** Page to worker: the scenario and seed of the next requests. */
export interface InitRequest {
  type: 'init';
  runId: number;
  scenario: Scenario;
  /** Integer in [0, MAX_SEED]. */
  seed: number;
}

/** Page to worker: run and score trials start..end-1. */
export interface ChunkRequest {
  type: 'chunk';
  runId: number;
  start: number;
  end: number;
}

/** Page to worker: fly trials again with their ephemeris, decimated (the spaghetti plot). */
export interface PathsRequest {
  type: 'paths';
  runId: number;
  requestId: number;
  trials: number[];
  /** Largest number of points kept per trajectory. */
  maxPoints: number;
}

/** Page to worker: write a trial as a scenario of its own (src/montecarlo/worst.ts). */
export interface TrialScenarioRequest {
  type: 'trial-scenario';
  runId: number;
  requestId: number;
  trialIndex: number;
}

/** Page to worker. */
export type McRequest = InitRequest | ChunkRequest | PathsRequest | TrialScenarioRequest;

/** Worker to page: the worker holds the scenario (and loaded what its triggers need). */
export interface ReadyResponse {
  type: 'ready';
  runId: number;
}

/** Worker to page: the packed outcomes of trials start..end-1 and the reasons of failed ones. */
export interface ChunkResponse {
  type: 'chunk';
  runId: number;
  start: number;
  end: number;
  /** `packedTrialLength(craftCount)` numbers per trial, in index order. */
  data: Float64Array;
  errors: [number, string][];
}

/**
 * Decimated trajectories, one per (trial, spacecraft) flown, concatenated: path k has the points
 * `offsets[k] .. offsets[k + 1] - 1`, point j at `ricM[3 j .. 3 j + 2]` = (R, I, C), m.
 */
export interface PathBundle {
  trialIndex: Int32Array;
  craftIndex: Int32Array;
  /** Length paths + 1. */
  offsets: Uint32Array;
  /** RIC positions, m (float32: ~1e-7 relative, far below a pixel). */
  ricM: Float32Array;
}

/** Worker to page: the trajectories asked for (trials that could not be flown are left out). */
export interface PathsResponse {
  type: 'paths';
  runId: number;
  requestId: number;
  paths: PathBundle;
}

/** Worker to page: a trial as scenario text. */
export interface TrialScenarioResponse {
  type: 'trial-scenario';
  runId: number;
  requestId: number;
  /** The scenario JSON text, or null when it could not be written (`message`). */
  text: string | null;
  message: string | null;
  /** Missed burns and maneuvers not flown. */
  notes: string[];
}

/** Worker to page: a request failed in a way that is a bug, not a dispersed plan (stops the run). */
export interface ErrorResponse {
  type: 'error';
  runId: number;
  message: string;
}

/** Worker to page. */
export type McResponse =
  ReadyResponse | ChunkResponse | PathsResponse | TrialScenarioResponse | ErrorResponse;

/** The buffers a response hands over without copying. */
export function responseTransfer(res: McResponse): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView) => {
    if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  if (res.type === 'chunk') add(res.data);
  else if (res.type === 'paths') {
    const p = res.paths;
    for (const a of [p.trialIndex, p.craftIndex, p.offsets, p.ricM]) add(a);
  }
  return out;
}

/** Whether a message from a worker looks like a response. */
export function isMcResponse(v: unknown): v is McResponse {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<McResponse>;
  return (
    typeof r.runId === 'number' &&
    (r.type === 'ready' ||
      r.type === 'chunk' ||
      r.type === 'paths' ||
      r.type === 'trial-scenario' ||
      r.type === 'error')
  );
}

/** Number of paths in a bundle. */
export function pathCount(p: PathBundle): number {
  return p.trialIndex.length;
}

/** An empty bundle. */
export function emptyPaths(): PathBundle {
  return {
    trialIndex: new Int32Array(0),
    craftIndex: new Int32Array(0),
    offsets: Uint32Array.of(0),
    ricM: new Float32Array(0),
  };
}

/** Bundles concatenated in the order given. */
export function concatPaths(parts: readonly PathBundle[]): PathBundle {
  let paths = 0;
  let floats = 0;
  for (const p of parts) {
    paths += pathCount(p);
    floats += p.ricM.length;
  }
  const out: PathBundle = {
    trialIndex: new Int32Array(paths),
    craftIndex: new Int32Array(paths),
    offsets: new Uint32Array(paths + 1),
    ricM: new Float32Array(floats),
  };
  let k = 0;
  let f = 0;
  for (const p of parts) {
    const n = pathCount(p);
    out.trialIndex.set(p.trialIndex, k);
    out.craftIndex.set(p.craftIndex, k);
    for (let j = 0; j < n; j++) out.offsets[k + j + 1] = f / 3 + p.offsets[j + 1]!;
    out.ricM.set(p.ricM, f);
    k += n;
    f += p.ricM.length;
  }
  return out;
}
