/**
 * How long an edit takes to show: from the edit (a keystroke, a drag step) to the first frame
 * drawn with its new trajectory, with the worker's compute time and the arrival of its response
 * apart; once for the preview and once for the exact run that follows it. The store stamps
 * requests and arrivals; the scene says when a frame with the new trajectory has been drawn.
 * Benchmarks and tests read the samples (`window.__rpoEditTiming`).
 */

import type { TrajectoryStage } from '../worker/protocol.ts';

/** One trajectory's timings, ms. */
export interface EditTimingSample {
  /** Trajectory request id. */
  id: number;
  /** The preview (coarse step) or the exact run. */
  stage: TrajectoryStage;
  /** Time in the worker: validation, run, simplification. */
  computeMs: number;
  /** From the edit to the response arriving in the page. */
  responseMs: number;
  /** From the edit to the end of the first frame that drew the new trajectory. */
  drawnMs: number;
}

/** Most samples kept. */
const MAX_SAMPLES = 200;

/** Timestamps of edits on their way to the screen. */
export class EditTiming {
  readonly samples: EditTimingSample[] = [];
  /** The trajectory the store shows but the scene has not drawn yet (null: none). */
  awaitingDraw: { id: number; stage: TrajectoryStage } | null = null;
  private readonly started = new Map<number, number>();
  private arrived: { id: number; stage: TrajectoryStage; atMs: number; computeMs: number } | null =
    null;

  /** @param now clock, ms */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A trajectory request for an edit was made. */
  begin(id: number): void {
    this.started.set(id, this.now());
    if (this.started.size > MAX_SAMPLES) {
      const oldest = this.started.keys().next().value;
      if (oldest !== undefined) this.started.delete(oldest);
    }
  }

  /** Its response arrived and the store shows it. */
  shown(id: number, stage: TrajectoryStage, computeMs: number): void {
    if (!this.started.has(id)) return;
    this.arrived = { id, stage, atMs: this.now(), computeMs };
    this.awaitingDraw = { id, stage };
  }

  /** A frame that draws the trajectory shown last has been rendered. */
  drawn(): void {
    const a = this.arrived;
    this.awaitingDraw = null;
    if (a === null) return;
    this.arrived = null;
    const t0 = this.started.get(a.id);
    if (t0 === undefined) return;
    // The exact run of this edit may follow; older edits (replaced before they ran) never will.
    if (a.stage === 'exact') this.started.delete(a.id);
    for (const k of this.started.keys()) if (k < a.id) this.started.delete(k);
    this.samples.push({
      id: a.id,
      stage: a.stage,
      computeMs: a.computeMs,
      responseMs: a.atMs - t0,
      drawnMs: this.now() - t0,
    });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
  }
}

/** The page's edit timings. */
export const editTiming = new EditTiming();
