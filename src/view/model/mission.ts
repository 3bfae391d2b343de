/**
 * The view model of a run: what the scene, HUD, timeline, plots and score card show, derived once
 * per scenario from an `Evaluation` (the run plus its score; no React, no three: unit-tested in
 * node).
 *
 * Layering: this module sits between the physics (src/sim, src/scenario) and the store
 * (src/state), which holds the `Mission` it builds; React components read it from the store.
 */

import type { EclipseInterval } from '../../core/lighting.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { Evaluation } from '../../scoring/evaluate.ts';
import type { ObjectiveResult } from '../../scoring/objectives.ts';
import { buildReport, type RunReport } from '../../scoring/report.ts';
import type { Ephemeris } from '../../sim/ephemeris.ts';
import type { BurnRecord, RunResult } from '../../sim/run.ts';
import { formatDistance, formatDv, formatShortDuration } from './format.ts';
import { douglasPeuckerImportance } from './simplify.ts';

/** Colours given to spacecraft without a `color` (high contrast on the dark background). */
export const CRAFT_PALETTE = [
  '#ffb000',
  '#4cc2ff',
  '#ff5fa2',
  '#7ee787',
  '#c792ea',
  '#ff7b54',
  '#f2e85c',
  '#5eead4',
] as const;

/** Douglas-Peucker recursion floor for trails, m: far below a pixel at the closest zoom. */
export const TRAIL_FLOOR_M = 1e-3;

/**
 * What kind of burn a record is, for labels: the maneuver type, with a transfer's two burns told
 * apart (`transfer-departure`, `transfer-arrival`) and `football-entry`.
 */
export type BurnKind = string;

/** A burn as the view shows it. */
export interface BurnView {
  craftId: string;
  /** Impulse time or finite-burn start, s since the epoch. */
  tS: number;
  /** Delta-v, RIC, m/s. */
  dvRicMps: [number, number, number];
  /** |dv|, m/s. */
  dvMps: number;
  /** Position at the burn, RIC, m. */
  positionRicM: [number, number, number];
  kind: BurnKind;
  /** Maneuver label (scenario `label`, or one made from the type). */
  label: string;
  /** Finite burns: length, s. */
  durationS?: number;
  maneuverIndex: number;
}

/** Everything the view needs about one spacecraft. */
export interface CraftView {
  id: string;
  /** Display name (scenario `name`, else the id). */
  name: string;
  /** CSS hex colour. */
  color: string;
  index: number;
  ephemeris: Ephemeris;
  /** Douglas-Peucker importance of each ephemeris sample (3D position), m. */
  importance: Float64Array;
  /** Range to the target at each ephemeris sample, m. */
  rangeM: Float64Array;
  burns: BurnView[];
  totalDvMps: number;
  minRangeM: number;
  minRangeTS: number;
  /** Violations of every constraint against the target, by start time. */
  violations: ViolationView[];
}

/** Kinds of events on the timeline and in the events panel. */
export type EventKind =
  'burn' | 'violation' | 'closest-approach' | 'pair-closest-approach' | 'eclipse';

/** A constraint violation over an interval, s since the epoch. */
export interface ViolationView {
  /** Constraint kind as the run names it (`keep-out`, `corridor`, `separation`, ...). */
  constraint: string;
  startS: number;
  endS: number;
}

/** The keep-out zone around the target (RIC semi-axes, m; a sphere has three equal ones). */
export interface KeepOutView {
  shape: 'sphere' | 'ellipsoid';
  /** Semi-axes along R, I, C, m. */
  semiAxesM: [number, number, number];
}

/** An event: a burn, a constraint violation (an interval), or a closest approach. */
export interface MissionEvent {
  /** Stable id, unique in a mission (for React keys and test ids). */
  id: string;
  kind: EventKind;
  /** For violations: the constraint kind. */
  constraint?: string;
  /** When it happens (start of an interval), s since the epoch. */
  tS: number;
  /** End of an interval event, s. */
  endS?: number;
  /** The spacecraft (for a pair, the first one). */
  craftId: string;
  color: string;
  /** One line: what happened. */
  title: string;
  /** One line: numbers. */
  detail: string;
}

/** The view model of a run. */
export interface Mission {
  /** File or example the scenario came from. */
  sourceName: string;
  scenario: Scenario;
  evaluation: Evaluation;
  run: RunResult;
  /** The report the CLI prints for this run (score card numbers). */
  report: RunReport;
  objectives: ObjectiveResult[];
  /** The target's passages through the Earth's shadow. */
  eclipses: EclipseInterval[];
  /** Scenario epoch, Unix ms UTC. */
  epochMs: number;
  durationS: number;
  /** The keep-out zone, or null. */
  keepOut: KeepOutView | null;
  /** Smallest and largest keep-out semi-axis, m ([0, 0]: no keep-out): for range plots. */
  keepOutRangeM: [number, number];
  crafts: CraftView[];
  /** All events, by time. */
  events: MissionEvent[];
  /** Largest distance of any spacecraft from the target over the run, m. */
  extentM: number;
}

const TYPE_LABEL: Record<string, string> = {
  impulse: 'Impulse',
  finite: 'Finite burn',
  'transfer-departure': 'Transfer departure',
  'transfer-arrival': 'Transfer arrival',
  'football-entry': 'Football entry',
  'vbar-hop': 'V-bar hop',
  'rbar-hop': 'R-bar hop',
};

/** A readable name for a burn kind: the table above, else the type with spaces. */
function kindLabel(kind: string): string {
  const known = TYPE_LABEL[kind];
  if (known) return known;
  const words = kind.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function burnKind(b: BurnRecord): BurnKind {
  switch (b.maneuver) {
    case 'transfer':
      return b.missM === undefined ? 'transfer-departure' : 'transfer-arrival';
    case 'football':
      return 'football-entry';
    default:
      return String(b.maneuver);
  }
}

/** The label of a burn: the maneuver's label (with departure / arrival for a transfer). */
function burnLabel(s: Scenario, craftIndex: number, b: BurnRecord, kind: BurnKind): string {
  const spec = s.spacecraft[craftIndex]?.maneuvers[b.maneuverIndex];
  const label = spec?.label;
  if (label === undefined || label === '') return kindLabel(kind);
  if (kind === 'transfer-departure') return `${label} (departure)`;
  if (kind === 'transfer-arrival') return `${label} (arrival)`;
  return label;
}

/** Titles of violation events by constraint kind. */
const VIOLATION_TITLE: Record<string, string> = {
  'keep-out': 'Keep-out violation',
  'approach-ellipsoid': 'Approach ellipsoid entered',
  corridor: 'Outside the approach corridor',
  'closing-speed': 'Closing speed above the limit',
  'passive-safety': 'Passive safety violated',
  separation: 'Separation violated',
  budget: 'Delta-v budget exceeded',
};

/** Title of a violation event. */
export function violationTitle(constraint: string): string {
  return VIOLATION_TITLE[constraint] ?? `${constraint} violated`;
}

function keepOutOf(s: Scenario): KeepOutView | null {
  const k = s.target.keepOut;
  if (!k) return null;
  if (k.shape === 'sphere')
    return { shape: 'sphere', semiAxesM: [k.radiusM, k.radiusM, k.radiusM] };
  return { shape: 'ellipsoid', semiAxesM: [k.semiAxesM[0], k.semiAxesM[1], k.semiAxesM[2]] };
}

function craftColor(s: Scenario, index: number): string {
  return s.spacecraft[index]?.color ?? CRAFT_PALETTE[index % CRAFT_PALETTE.length]!;
}

/**
 * Builds the view model of an evaluated run (run with `recordEphemeris: true`).
 *
 * @param evaluation the run and its score (`evaluateScenario`)
 * @param sourceName file or example name, for the title bar
 */
export function buildMission(evaluation: Evaluation, sourceName: string): Mission {
  const run = evaluation.run;
  const s = run.scenario;
  const scratch = new Float64Array(6);
  let extentM = 0;
  const crafts: CraftView[] = run.spacecraft.map((c, index) => {
    const eph = c.ephemeris;
    if (eph === null) throw new Error('buildMission needs a run with recordEphemeris: true');
    const spec = s.spacecraft[index];
    const rangeM = new Float64Array(eph.count);
    for (let k = 0; k < eph.count; k++) {
      const o = k * 6;
      const r = Math.hypot(eph.stateRic[o]!, eph.stateRic[o + 1]!, eph.stateRic[o + 2]!);
      rangeM[k] = r;
      if (r > extentM) extentM = r;
    }
    const burns = c.burns.map((b): BurnView => {
      const kind = burnKind(b);
      eph.stateAt(b.tS, scratch);
      const view: BurnView = {
        craftId: c.id,
        tS: b.tS,
        dvRicMps: [b.dvMps[0], b.dvMps[1], b.dvMps[2]],
        dvMps: Math.hypot(b.dvMps[0], b.dvMps[1], b.dvMps[2]),
        positionRicM: [scratch[0]!, scratch[1]!, scratch[2]!],
        kind,
        label: burnLabel(s, index, b, kind),
        maneuverIndex: b.maneuverIndex,
      };
      if (b.durationS !== undefined) view.durationS = b.durationS;
      return view;
    });
    return {
      id: c.id,
      name: spec?.name ?? c.id,
      color: craftColor(s, index),
      index,
      ephemeris: eph,
      importance: douglasPeuckerImportance(
        { coords: eph.stateRic, stride: 6, dims: 3, count: eph.count },
        TRAIL_FLOOR_M,
      ),
      rangeM,
      burns: burns.sort((a, b) => a.tS - b.tS),
      totalDvMps: c.totalDvMps,
      minRangeM: c.minRangeM,
      minRangeTS: c.minRangeTS,
      violations: (evaluation.spacecraft[index]?.violations ?? [])
        .map((v) => ({
          constraint: v.kind as string,
          startS: v.startS,
          endS: Number.isFinite(v.endS) ? v.endS : s.durationS,
        }))
        .sort((a, b) => a.startS - b.startS),
    };
  });

  const keepOut = keepOutOf(s);
  const keepOutRangeM: [number, number] = keepOut
    ? [Math.min(...keepOut.semiAxesM), Math.max(...keepOut.semiAxesM)]
    : [0, 0];
  const events: MissionEvent[] = [];
  for (const c of crafts) {
    c.burns.forEach((b, j) => {
      const [r, i, cc] = b.dvRicMps;
      events.push({
        id: `${c.id}:burn:${j}`,
        kind: 'burn',
        tS: b.tS,
        craftId: c.id,
        color: c.color,
        title: b.label,
        detail:
          `Δv ${formatDv(b.dvMps)} · R ${r.toFixed(3)} I ${i.toFixed(3)} C ${cc.toFixed(3)}` +
          (b.durationS !== undefined ? ` · ${formatShortDuration(b.durationS)}` : ''),
      });
    });
    c.violations.forEach((v, j) => {
      events.push({
        id: `${c.id}:violation:${j}`,
        kind: 'violation',
        constraint: v.constraint,
        tS: v.startS,
        endS: v.endS,
        craftId: c.id,
        color: c.color,
        title: violationTitle(v.constraint),
        detail: `for ${formatShortDuration(v.endS - v.startS)}`,
      });
    });
    if (Number.isFinite(c.minRangeM)) {
      events.push({
        id: `${c.id}:closest-approach`,
        kind: 'closest-approach',
        tS: c.minRangeTS,
        craftId: c.id,
        color: c.color,
        title: 'Closest approach to target',
        detail: `range ${formatDistance(c.minRangeM)}`,
      });
    }
  }
  run.pairs.forEach((p, j) => {
    const a = crafts.find((c) => c.id === p.a);
    if (!a) return;
    if (Number.isFinite(p.minRangeM)) {
      events.push({
        id: `pair:${j}:closest-approach`,
        kind: 'pair-closest-approach',
        tS: p.minRangeTS,
        craftId: p.a,
        color: a.color,
        title: `Closest approach ${p.a} – ${p.b}`,
        detail: `range ${formatDistance(p.minRangeM)}`,
      });
    }
  });
  evaluation.eclipses.forEach((e, j) => {
    events.push({
      id: `eclipse:${j}`,
      kind: 'eclipse',
      tS: e.startS,
      endS: e.endS,
      craftId: '',
      color: '#8c9bb0',
      title: e.kind === 'umbra' ? 'Target in eclipse (umbra)' : 'Target in penumbra',
      detail: `Earth shadow for ${formatShortDuration(e.endS - e.startS)}`,
    });
  });
  const order: Record<EventKind, number> = {
    burn: 0,
    violation: 1,
    'closest-approach': 2,
    'pair-closest-approach': 3,
    eclipse: 4,
  };
  events.sort((a, b) => a.tS - b.tS || order[a.kind] - order[b.kind]);

  return {
    sourceName,
    scenario: s,
    evaluation,
    run,
    report: buildReport(evaluation),
    objectives: evaluation.objectives,
    eclipses: evaluation.eclipses,
    epochMs: Date.parse(s.epoch),
    durationS: s.durationS,
    keepOut,
    keepOutRangeM,
    crafts,
    events,
    extentM,
  };
}

/**
 * Delta-v spent by `tS` (impulses at exactly `tS` count; a finite burn in progress counts
 * pro rata), m/s.
 *
 * @param craft the spacecraft
 * @param tS sim time, s since the epoch
 */
export function dvUsedMps(craft: CraftView, tS: number): number {
  let sum = 0;
  for (const b of craft.burns) {
    if (b.tS > tS) break;
    if (b.durationS !== undefined && b.durationS > 0) {
      sum += b.dvMps * Math.min(1, (tS - b.tS) / b.durationS);
    } else sum += b.dvMps;
  }
  return sum;
}

/**
 * The first burn strictly after `tS`, or null.
 *
 * @param craft the spacecraft
 * @param tS sim time, s since the epoch
 */
export function nextBurn(craft: CraftView, tS: number): BurnView | null {
  for (const b of craft.burns) if (b.tS > tS) return b;
  return null;
}

/** Times of all events (and interval ends), sorted and unique: the stops of event stepping. */
export function eventStops(mission: Mission): number[] {
  const times = new Set<number>();
  for (const e of mission.events) {
    times.add(e.tS);
    if (e.endS !== undefined && Number.isFinite(e.endS)) times.add(e.endS);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * The event stop after (dir = 1) or before (dir = -1) `tS`, or null. Stops within `slackS` of
 * `tS` are skipped so that repeated presses move on.
 *
 * @param stops sorted times, s
 * @param tS current sim time, s
 * @param dir direction
 * @param slackS tolerance, s
 */
export function adjacentStop(
  stops: readonly number[],
  tS: number,
  dir: 1 | -1,
  slackS = 1e-3,
): number | null {
  if (dir > 0) {
    for (const t of stops) if (t > tS + slackS) return t;
    return null;
  }
  for (let k = stops.length - 1; k >= 0; k--) if (stops[k]! < tS - slackS) return stops[k]!;
  return null;
}
