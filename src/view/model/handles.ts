/**
 * Direct manipulation of the plan: the points a planner can drag and what each drag edits.
 *
 * - Transfer targets (`toPositionM`), the points of multi-waypoint transfers (`positionM`) and RIC
 *   initial positions are read from the text being edited, not from the last run, so they stay
 *   where the text says even while the text does not run.
 * - A burn marker on the timeline moves its maneuver's start (`tS`, or the `after` delay), or,
 *   for a transfer's arrival burn, the transfer's `durationS`. Burns of a maneuver started by a
 *   condition (`when`) cannot be dragged: their time is the condition's.
 *
 * Pure functions (no DOM): unit-tested in node.
 */

import { valueAt, type PathArray } from '../../editing/jsonText.ts';
import { asManeuver, maneuverPath, timingOf } from '../../editing/maneuverJson.ts';
import type { BurnView } from './mission.ts';

/** A transfer's target point (or a spacecraft's initial position) in the plan. */
export interface TransferHandle {
  /** Stable key: `craft:maneuver` (`craft:initial` for an initial position). */
  key: string;
  craftIndex: number;
  /** The transfer's index in the spacecraft's maneuvers (-1: the initial position). */
  maneuverIndex: number;
  /** Path of the `toPositionM` (or `initial.positionM`) array. */
  path: PathArray;
  /** Target position, RIC, m. */
  positionRicM: [number, number, number];
  label: string;
}

const isVec3 = (v: unknown): v is [number, number, number] =>
  Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Calls `fn` with every maneuver object of the plan, its craft and its maneuver index. */
function forEachManeuver(
  doc: unknown,
  fn: (m: ReturnType<typeof asManeuver>, ci: number, mi: number) => void,
): void {
  const crafts = valueAt(doc, ['spacecraft']);
  if (!Array.isArray(crafts)) return;
  crafts.forEach((_, ci) => {
    const list = valueAt(doc, ['spacecraft', ci, 'maneuvers']);
    if (Array.isArray(list)) list.forEach((raw, mi) => fn(asManeuver(raw), ci, mi));
  });
}

/** The maneuver's label, or `fallback` when it has none. */
const labelOr = (m: ReturnType<typeof asManeuver>, fallback: string): string =>
  typeof m.label === 'string' && m.label !== '' ? m.label : fallback;

/**
 * Every transfer target of the plan.
 *
 * @param doc the scenario text parsed as JSON (null when it does not parse: no handles)
 */
export function transferHandles(doc: unknown): TransferHandle[] {
  const out: TransferHandle[] = [];
  forEachManeuver(doc, (m, ci, mi) => {
    if (m.type !== 'transfer' || !isVec3(m.toPositionM)) return;
    out.push({
      key: `${ci}:${mi}`,
      craftIndex: ci,
      maneuverIndex: mi,
      path: [...maneuverPath(ci, mi), 'toPositionM'],
      positionRicM: [m.toPositionM[0], m.toPositionM[1], m.toPositionM[2]],
      label: labelOr(m, `transfer ${mi + 1}`),
    });
  });
  return out;
}

/**
 * Every waypoint of the plan's multi-waypoint transfers (`waypoints` maneuvers), as handles with
 * the key `craft:maneuver:point` and the path of the point's `positionM`.
 *
 * @param doc the scenario text parsed as JSON (null when it does not parse: no handles)
 */
export function waypointHandles(doc: unknown): TransferHandle[] {
  const out: TransferHandle[] = [];
  forEachManeuver(doc, (m, ci, mi) => {
    if (m.type !== 'waypoints' || !Array.isArray(m.points)) return;
    m.points.forEach((point: unknown, k) => {
      const p = valueAt(point, ['positionM']);
      if (!isVec3(p)) return;
      out.push({
        key: `${ci}:${mi}:${k}`,
        craftIndex: ci,
        maneuverIndex: mi,
        path: [...maneuverPath(ci, mi), 'points', k, 'positionM'],
        positionRicM: [p[0], p[1], p[2]],
        label: `${labelOr(m, `waypoints ${mi + 1}`)}, point ${k + 1}`,
      });
    });
  });
  return out;
}

/**
 * The initial position of every spacecraft whose initial state is given in RIC, as a handle like
 * a transfer target's (`maneuverIndex` -1): dragging it moves `initial.positionM` (a what-if).
 *
 * @param doc the scenario text parsed as JSON (null when it does not parse: no handles)
 */
export function initialStateHandles(doc: unknown): TransferHandle[] {
  const crafts = valueAt(doc, ['spacecraft']);
  if (!Array.isArray(crafts)) return [];
  const out: TransferHandle[] = [];
  crafts.forEach((_, ci) => {
    const path = ['spacecraft', ci, 'initial', 'positionM'];
    const p = valueAt(doc, path);
    if (valueAt(doc, ['spacecraft', ci, 'initial', 'frame']) !== 'RIC' || !isVec3(p)) return;
    out.push({
      key: `${ci}:initial`,
      craftIndex: ci,
      maneuverIndex: -1,
      path,
      positionRicM: [p[0], p[1], p[2]],
      label: 'initial position',
    });
  });
  return out;
}

/**
 * A round step for a value dragged with the pointer: the power of ten at or below one pixel's
 * worth, so that a drag moves in steps a person can read (1 m, 10 m, 100 s ...), never finer
 * than `min`.
 *
 * @param unitsPerPx value units per CSS pixel
 * @param min smallest step
 */
export function dragStep(unitsPerPx: number, min = 1): number {
  if (!(unitsPerPx > 0) || !Number.isFinite(unitsPerPx)) return min;
  return Math.max(min, 10 ** Math.floor(Math.log10(unitsPerPx)));
}

/** Rounds `x` to a multiple of `step` (and drops float noise such as 0.30000000000000004). */
export function snap(x: number, step: number): number {
  const v = Math.round(x / step) * step;
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(v.toFixed(Math.min(digits, 12)));
}

/** What dragging a burn marker edits. */
export interface BurnDrag {
  /** Path of the number the drag changes. */
  path: PathArray;
  /** Its value when the drag starts, s. */
  startValueS: number;
  /** Smallest value it may take, s. */
  minS: number;
  /** What is being moved, for the tooltip. */
  what: 'start time (tS)' | 'delay (after)' | 'transfer time (durationS)';
}

/**
 * What a drag of `burn` on the timeline edits, or null when it cannot be dragged (triggered by a
 * condition, or the text no longer has that maneuver).
 *
 * @param doc the scenario text parsed as JSON
 * @param craftIndex the burn's spacecraft
 * @param burn the burn
 */
export function burnDrag(doc: unknown, craftIndex: number, burn: BurnView): BurnDrag | null {
  const path = maneuverPath(craftIndex, burn.maneuverIndex);
  const raw = valueAt(doc, path);
  if (raw === undefined) return null;
  const m = asManeuver(raw);
  if (burn.kind === 'transfer-arrival' && typeof m.durationS === 'number') {
    return {
      path: [...path, 'durationS'],
      startValueS: m.durationS,
      minS: 1,
      what: 'transfer time (durationS)',
    };
  }
  const t = timingOf(m);
  if ((t.key === 'tS' || t.key === 'after') && typeof t.value === 'number') {
    return {
      path: [...path, t.key],
      startValueS: t.value,
      minS: 0,
      what: t.key === 'tS' ? 'start time (tS)' : 'delay (after)',
    };
  }
  return null;
}

/**
 * The value a burn drag sets after moving the pointer by `deltaS` of timeline time.
 *
 * @param drag from `burnDrag`
 * @param deltaS timeline time moved, s
 * @param stepS rounding step, s
 */
export function burnDragValue(drag: BurnDrag, deltaS: number, stepS: number): number {
  return Math.max(drag.minS, snap(drag.startValueS + deltaS, stepS));
}
