/**
 * Messages between the page and the simulation workers.
 *
 * The page sends scenario text; a worker validates it, runs it and answers with plain data: a
 * trajectory (`runScenario` with the ephemeris) or a score (`evaluateScenario` + `buildReport`:
 * passive-safety drifts, objectives). Problems come back located in the text (character ranges
 * for the JSON editor's underlines). The ephemeris arrays are transferred, not copied
 * (`transferList`).
 *
 * An edit asks for a `preview`. A plan of up to `EXACT_WITHOUT_PREVIEW_NODES` integration nodes
 * (the 48 h default at 1 s: 172,800, about 15 ms) is answered with its exact trajectory
 * (`stage: 'exact'`). A heavier plan gets a preview first: the same scenario integrated at a
 * coarser step (at most `PREVIEW_NODES` nodes), a few milliseconds, so the new path is on screen
 * within a frame; the page then asks for the exact `trajectory` of the same text unless a newer
 * edit is already waiting.
 *
 * Every request carries an id that only grows; the page shows a response only if it is newer than
 * what it shows (src/worker/client.ts), so a slow old run never overwrites a newer edit.
 */

import type { LocatedIssue } from '../editing/document.ts';
import type { RunReport } from '../scoring/report.ts';
import type { GhostDifference } from '../sim/ghostDifference.ts';
import type { TrajectoryPayload } from '../view/model/mission.ts';

/**
 * What a request asks for. `ghost`: the same scenario flown in the other dynamics model and its
 * difference from the run (src/sim/ghost.ts), computed by a third worker started on first use.
 */
export type SimKind = 'preview' | 'trajectory' | 'score' | 'ghost';

/** Which run a trajectory comes from. */
export type TrajectoryStage = 'preview' | 'exact';

/** Page to worker. */
export interface SimRequest {
  /** Increasing request number (shared by both kinds). */
  id: number;
  kind: SimKind;
  /** The scenario JSON text. */
  text: string;
}

/** Common fields of every response. */
interface ResponseBase {
  id: number;
  /** Time the worker spent on the request (validation, run, simplification), ms. */
  computeMs: number;
}

/** The text could not be run: its problems, located in the text. */
export interface FailureResponse extends ResponseBase {
  kind: SimKind;
  ok: false;
  issues: LocatedIssue[];
}

/** A trajectory (no score yet). */
export interface TrajectoryResponse extends ResponseBase {
  kind: 'trajectory';
  ok: true;
  stage: TrajectoryStage;
  /** The integration step of a preview, s (the exact run uses the scenario's). */
  stepS: number;
  trajectory: TrajectoryPayload;
}

/** The score of a text. */
export interface ScoreResponse extends ResponseBase {
  kind: 'score';
  ok: true;
  report: RunReport;
  /** The title of each constraint kind violated in the report (src/view/model/payload.ts). */
  violationTitles: Record<string, string>;
}

/** The ghost of a text: its trajectory in the other model, and the difference from the run. */
export interface GhostResponse extends ResponseBase {
  kind: 'ghost';
  ok: true;
  /** The ghost's `dynamics` value, e.g. "nonlinear". */
  dynamics: string;
  /** The ghost model's name, e.g. "nonlinear two-body (circular target)". */
  title: string;
  /** The ghost's trajectory (the scenario with the ghost's `dynamics`). */
  trajectory: TrajectoryPayload;
  /** Per spacecraft (in scenario order): ghost minus run position at the run's sample times. */
  differences: GhostDifference[];
}

/** Worker to page. */
export type SimResponse = FailureResponse | TrajectoryResponse | ScoreResponse | GhostResponse;

/**
 * Page to worker: the buffers of a trajectory the page no longer shows, for the worker to reuse
 * (src/worker/bufferPool.ts). Transferred, so the page can no longer read them.
 */
export interface RecycleMessage {
  kind: 'recycle';
  buffers: ArrayBuffer[];
}

/** What the page sends a simulation worker. */
export type WorkerMessage = SimRequest | RecycleMessage;

/** The buffers under a trajectory's arrays (each once). */
export function trajectoryBuffers(t: TrajectoryPayload): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const c of t.crafts) {
    for (const a of [c.tS, c.stateRic, c.importance, c.candidates, c.rangeM]) {
      if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
    }
  }
  return [...out];
}

/** The buffers a response can hand over without copying (the trajectory's arrays). */
export function transferList(res: SimResponse): ArrayBuffer[] {
  if (!res.ok || res.kind === 'score') return [];
  const out = trajectoryBuffers(res.trajectory);
  if (res.kind === 'ghost') {
    for (const d of res.differences) {
      for (const a of [d.tS, d.dRicM, d.distanceM]) {
        if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
      }
    }
  }
  return out;
}

/** Whether a message from a worker looks like a response (a worker can only send these). */
export function isSimResponse(v: unknown): v is SimResponse {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<SimResponse>;
  return (
    typeof r.id === 'number' &&
    (r.kind === 'trajectory' || r.kind === 'score' || r.kind === 'preview' || r.kind === 'ghost')
  );
}
