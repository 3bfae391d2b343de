/**
 * Closest approaches ahead, for the HUD's warnings: for each inspector, against the target and
 * every other spacecraft, the time to the next closest approach and the predicted miss distance,
 * read from the computed trajectory (the next local minimum of the range after the clock).
 */

import {
  closestApproaches,
  nextClosestApproach,
  type ClosestApproach,
} from '../../events/warnings.ts';
import type { CraftView } from './mission.ts';

/** One inspector against one other object, with every closest approach of the run. */
export interface ApproachStream {
  /** The inspector's id. */
  id: string;
  /** The other object: the target's name, or a spacecraft id. */
  other: string;
  otherKind: 'target' | 'spacecraft';
  approaches: ClosestApproach[];
}

/**
 * The relative trajectory of b seen from a on the union of their sample times (b's state minus
 * a's, by the ephemerides' Hermite interpolation; at an impulse time, the state after it).
 */
function relativeSamples(a: CraftView, b: CraftView): { tS: Float64Array; state: Float64Array } {
  const ta = a.ephemeris.tS.subarray(0, a.ephemeris.count);
  const tb = b.ephemeris.tS.subarray(0, b.ephemeris.count);
  const times = [...new Set([...ta, ...tb])].sort((x, y) => x - y);
  const tS = Float64Array.from(times);
  const state = new Float64Array(6 * times.length);
  const sa = new Float64Array(6);
  const sb = new Float64Array(6);
  times.forEach((t, k) => {
    a.ephemeris.stateAt(t, sa);
    b.ephemeris.stateAt(t, sb);
    for (let i = 0; i < 6; i++) state[6 * k + i] = sb[i]! - sa[i]!;
  });
  return { tS, state };
}

/**
 * Every inspector's closest approaches to the target and to each other spacecraft (each pair
 * once, under its first spacecraft).
 *
 * @param crafts the mission's spacecraft
 * @param targetName the target's name
 */
export function approachStreams(
  crafts: readonly CraftView[],
  targetName: string,
): ApproachStream[] {
  const out: ApproachStream[] = [];
  crafts.forEach((a, i) => {
    const e = a.ephemeris;
    out.push({
      id: a.id,
      other: targetName,
      otherKind: 'target',
      approaches: closestApproaches(e.tS, e.stateRic, e.count),
    });
    for (const b of crafts.slice(i + 1)) {
      const rel = relativeSamples(a, b);
      out.push({
        id: a.id,
        other: b.id,
        otherKind: 'spacecraft',
        approaches: closestApproaches(rel.tS, rel.state, rel.tS.length),
      });
    }
  });
  return out;
}

/** What the HUD shows for one stream at the clock. */
export interface ApproachAhead {
  /** Time to the next closest approach, s (null: none before the end of the run). */
  timeToGoS: number | null;
  /** Predicted miss distance, m (null: none before the end of the run). */
  missM: number | null;
  /** Whether the predicted miss distance is below the warning range. */
  warn: boolean;
}

/**
 * The next closest approach of a stream after `nowS`.
 * @param warnRangeM the scenario's warning range, m
 */
export function approachAhead(
  stream: ApproachStream,
  nowS: number,
  warnRangeM: number,
): ApproachAhead {
  const next = nextClosestApproach(stream.approaches, nowS);
  if (next === null) return { timeToGoS: null, missM: null, warn: false };
  return { timeToGoS: next.tS - nowS, missM: next.rangeM, warn: next.rangeM < warnRangeM };
}
