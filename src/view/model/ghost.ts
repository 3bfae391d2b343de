/**
 * The view model of the ghosts drawn beside a run (no React, no three): the ghost of the truth
 * (the plan flown in the other dynamics model, src/sim/ghost.ts) and the previous run kept to
 * compare a what-if with. Both are spacecraft views (`CraftView`) in a faint colour, so the
 * scene's trail and the plots draw them as they draw the run.
 */

import type { GhostDifference } from '../../sim/ghostDifference.ts';
import { Ephemeris } from '../../sim/ephemeris.ts';
import type { GhostResponse } from '../../worker/protocol.ts';
import type { SeriesSource } from './decimate.ts';
import { missionFromTrajectory, type CraftView } from './mission.ts';

/** The scene's background, #rrggbb (a faint colour is a mix towards it). */
const BACKGROUND = [4, 7, 12] as const;

/**
 * `hex` mixed towards the scene's background: `strength` 1 is the colour, 0 the background.
 * @param hex "#rrggbb"
 * @param strength 0 to 1
 */
export function fadeColor(hex: string, strength: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const v = parseInt(m[1]!, 16);
  const rgb = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  return `#${rgb
    .map((c, i) => Math.round(BACKGROUND[i]! + strength * (c - BACKGROUND[i]!)))
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Strength of a ghost's colour (see `fadeColor`). */
export const GHOST_STRENGTH = 0.5;
/** The previous run's colour: a faint grey, apart from every spacecraft's. */
export const PREVIOUS_RUN_COLOR = '#6f7b8c';

/** The ghost of the truth as the view shows it. */
export interface TruthGhost {
  /** The ghost's `dynamics` value, e.g. "nonlinear". */
  dynamics: string;
  /** The ghost model's name. */
  title: string;
  /** Its spacecraft, in the scenario's order, in faint colours. */
  crafts: CraftView[];
  /** Per spacecraft: ghost minus run position, RIC, m, at the run's sample times. */
  differences: GhostDifference[];
}

/**
 * The view of a ghost response.
 * @param res the worker's answer (its arrays are owned by the view from now on)
 */
export function truthGhostView(res: GhostResponse): TruthGhost {
  const m = missionFromTrajectory(res.trajectory, 'ghost');
  return {
    dynamics: res.dynamics,
    title: res.title,
    crafts: m.crafts.map((c) => ({ ...c, color: fadeColor(c.color, GHOST_STRENGTH) })),
    differences: res.differences,
  };
}

/**
 * Copies of spacecraft views in `color`, with arrays of their own: the run shown now, kept as the
 * previous run while its arrays go back to the worker for reuse.
 * @param crafts the spacecraft of the run shown
 * @param color CSS hex colour of the copies
 */
export function snapshotCrafts(crafts: readonly CraftView[], color: string): CraftView[] {
  return crafts.map((c) => {
    const n = c.ephemeris.count;
    const e = new Ephemeris(n);
    e.tS.set(c.ephemeris.tS.subarray(0, n));
    e.stateRic.set(c.ephemeris.stateRic.subarray(0, 6 * n));
    e.count = n;
    return {
      ...c,
      id: `${c.id} (previous run)`,
      color,
      ephemeris: e,
      importance: c.importance.slice(0, n),
      candidates: c.candidates.slice(),
      rangeM: c.rangeM.slice(0, n),
      burns: [],
    };
  });
}

/** |ghost minus run position| (m) of one spacecraft as a decimation source for a time plot. */
export function differenceSource(d: GhostDifference): SeriesSource {
  return { tS: d.tS, values: d.distanceM, stride: 1, offset: 0, count: d.count };
}

/**
 * A signed distance with a unit that fits a model difference: `+3 mm`, `-0.42 m`, `+44.7 m`,
 * `+1.25 km`.
 * @param m distance, m
 */
export function formatOffset(m: number): string {
  if (!Number.isFinite(m)) return '—';
  const a = Math.abs(m);
  const sign = m < 0 ? '−' : '+';
  if (a < 0.5e-3) return '0 mm';
  if (a < 1) return `${sign}${(a * 1000).toFixed(0)} mm`;
  if (a < 100) return `${sign}${a.toFixed(2)} m`;
  if (a < 1000) return `${sign}${a.toFixed(0)} m`;
  return `${sign}${(a / 1000).toFixed(2)} km`;
}

/**
 * The HUD line of a ghost's difference from the run: its length and its R, I, C components.
 * @param dRicM ghost minus run position, RIC, m
 */
export function differenceText(dRicM: ArrayLike<number>): string {
  const r = dRicM[0]!;
  const i = dRicM[1]!;
  const c = dRicM[2]!;
  const len = formatOffset(Math.hypot(r, i, c)).replace(/^\+/, '');
  return `|Δr| ${len} · R ${formatOffset(r)} · I ${formatOffset(i)} · C ${formatOffset(c)}`;
}
