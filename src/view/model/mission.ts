/**
 * The view model of a run: what the scene, HUD, timeline, plots and score card show (no React, no
 * three: unit-tested in node).
 *
 * It comes in two parts, so that an edit shows its new trajectory before it is scored:
 * - `TrajectoryPayload`, from `runScenario` alone: plain data and `Float64Array`s (ephemeris,
 *   Douglas-Peucker importance, range), built in the simulation worker and transferred to the page
 *   without a copy (src/worker/protocol.ts);
 * - the score, a `RunReport` from `evaluateScenario` (src/scoring/report.ts), which arrives later
 *   and is merged with `withScore` (the trajectory objects are kept, so nothing is rebuilt).
 *
 * Layering: this module sits between the physics (src/sim, src/scenario) and the store
 * (src/state), which holds the `Mission` it builds; React components read it from the store.
 */

import type { BurnName } from '../../maneuvers/module.ts';
import type { EclipseInterval } from '../../core/lighting.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { NotFlownReason } from '../../scoring/evaluate.ts';
import type { ObjectiveResult } from '../../scoring/objectives.ts';
import type { RunReport } from '../../scoring/report.ts';
import { notFlownText, passiveSafetyCause } from '../../scoring/reportText.ts';
import { Ephemeris } from '../../sim/ephemeris.ts';
import type { BurnRecord, ManeuverRecord } from '../../sim/run.ts';
import { formatDistance, formatDv, formatMet, formatShortDuration } from './format.ts';
import { CRAFT_PALETTE } from './palette.ts';
import { teamColorOf } from './teams.ts';

export { CRAFT_PALETTE } from './palette.ts';

/** Douglas-Peucker recursion floor for trails, m: far below a pixel at the closest zoom. */
export const TRAIL_FLOOR_M = 1e-3;
/**
 * Strip half-width of the prefilter before Douglas-Peucker, m: trails are then within half a
 * millimetre more of the ephemeris (./simplify.ts), a tenth of a pixel at the closest zoom.
 */
export const TRAIL_PREFILTER_M = 2.5e-4;

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
  /** Ascending indices of the samples that can be kept at any tolerance (the others: 0). */
  candidates: Uint32Array;
  /** Range to the target at each ephemeris sample, m. */
  rangeM: Float64Array;
  burns: BurnView[];
  totalDvMps: number;
  minRangeM: number;
  minRangeTS: number;
  /** What became of each maneuver of the program (start and end times). */
  maneuvers: ManeuverRecord[];
  /** Not ours (`"role": "non-cooperative"`): drawn apart, no score. */
  nonCooperative: boolean;
}

/** Kinds of events on the timeline and in the events panel. */
export type EventKind =
  'burn' | 'violation' | 'closest-approach' | 'pair-closest-approach' | 'eclipse' | 'warning';

/** A constraint violation over an interval, s since the epoch. */
export interface ViolationView {
  /** Constraint kind as the run names it (`keep-out`, `corridor`, `separation`, ...). */
  constraint: string;
  startS: number;
  endS: number;
  /** `not-flown`: the maneuver's JSON path and why it never started (see the report). */
  path?: string;
  reason?: NotFlownReason;
  /** Against another object: its id, and whose keep-out zone (see the report's violations). */
  with?: string;
  zoneOf?: string;
  /** The constraint module's title of the violation, e.g. "Keep-out zone entered". */
  title: string;
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
  /** Burns: index into `crafts` and into that craft's `burns`. */
  burn?: { craftIndex: number; burnIndex: number };
}

/** Closest approach of two spacecraft. */
export interface PairView {
  a: string;
  b: string;
  minRangeM: number;
  minRangeTS: number;
}

/** One spacecraft's trajectory as the worker sends it (arrays transferred, not copied). */
export interface CraftTrajectory {
  id: string;
  /** Samples written. */
  count: number;
  /** Sample times, s (valid up to `count`). */
  tS: Float64Array;
  /** RIC states, 6 per sample, m and m/s (valid up to `count * 6`). */
  stateRic: Float64Array;
  /** Douglas-Peucker importance of each sample (3D position), m. */
  importance: Float64Array;
  /** Ascending indices of the samples with an importance (see `CraftView.candidates`). */
  candidates: Uint32Array;
  /** Range to the target at each sample, m. */
  rangeM: Float64Array;
  burns: BurnRecord[];
  /** How the view names each burn (its maneuver module's names, ./payload.ts), as `burns`. */
  burnNames: BurnName[];
  /** Whether the spacecraft is non-cooperative (`role`). */
  nonCooperative: boolean;
  maneuvers: ManeuverRecord[];
  totalDvMps: number;
  minRangeM: number;
  minRangeTS: number;
}

/** A run's trajectories: everything the view shows before the score. */
export interface TrajectoryPayload {
  /** The scenario as validated (plain JSON data). */
  scenario: Scenario;
  crafts: CraftTrajectory[];
  pairs: PairView[];
  /** Largest distance of any spacecraft from the target, m (to a millimetre: a view scale). */
  extentM: number;
}

/** Whether the score shown belongs to the trajectory shown. */
export type ScoreState = 'pending' | 'current' | 'stale';

/** The view model of a run. */
export interface Mission {
  /** File or example the scenario came from. */
  sourceName: string;
  scenario: Scenario;
  /**
   * The report the CLI prints for this run (score card numbers); null until the first score
   * arrives. After an edit it is the previous run's (`scoreState: 'stale'`) until the new one.
   */
  report: RunReport | null;
  scoreState: ScoreState;
  objectives: ObjectiveResult[];
  /** The target's passages through the Earth's shadow. */
  eclipses: EclipseInterval[];
  /** Constraint violations of each spacecraft (by spacecraft index), by start time. */
  violations: ViolationView[][];
  /** Scenario epoch, Unix ms UTC. */
  epochMs: number;
  durationS: number;
  /** The keep-out zone, or null. */
  keepOut: KeepOutView | null;
  /** Smallest and largest keep-out semi-axis, m ([0, 0]: no keep-out): for range plots. */
  keepOutRangeM: [number, number];
  crafts: CraftView[];
  pairs: PairView[];
  /** All events, by time. */
  events: MissionEvent[];
  /** Largest distance of any spacecraft from the target over the run, m. */
  extentM: number;
}

/** The label of a burn: the maneuver's label (with departure / arrival for a transfer). */
function burnLabel(s: Scenario, craftIndex: number, b: BurnRecord, name: BurnName): string {
  const spec = s.spacecraft[craftIndex]?.maneuvers[b.maneuverIndex];
  const label = spec?.label;
  if (label === undefined || label === '') return name.label;
  return `${label}${name.labelSuffix ?? ''}`;
}

/** Whom a violation is against: ` · in X's keep-out zone`, ` · from X`, or nothing. */
function againstText(v: ViolationView): string {
  if (v.zoneOf !== undefined) return ` · in ${v.zoneOf}'s keep-out zone`;
  return v.with !== undefined ? ` · from ${v.with}` : '';
}

function keepOutOf(s: Scenario): KeepOutView | null {
  const k = s.target.keepOut;
  if (!k) return null;
  if (k.shape === 'sphere')
    return { shape: 'sphere', semiAxesM: [k.radiusM, k.radiusM, k.radiusM] };
  return { shape: 'ellipsoid', semiAxesM: [k.semiAxesM[0], k.semiAxesM[1], k.semiAxesM[2]] };
}

/** A spacecraft's colour: its own `color`, else its team's, else the palette's. */
function craftColor(s: Scenario, index: number): string {
  return (
    s.spacecraft[index]?.color ??
    teamColorOf(s, index) ??
    CRAFT_PALETTE[index % CRAFT_PALETTE.length]!
  );
}

/** An ephemeris over arrays received from the worker (no copy). */
function ephemerisOf(t: CraftTrajectory): Ephemeris {
  const e = new Ephemeris(2);
  e.tS = t.tS;
  e.stateRic = t.stateRic;
  e.count = t.count;
  return e;
}

/**
 * The view model of a trajectory. The score of `previous` is carried over as stale when it has
 * the same spacecraft (an edit), so the score card stays readable until the new score arrives.
 *
 * @param p the trajectory payload
 * @param sourceName file or example name, for the title bar
 * @param previous the mission shown before (after an edit), or null
 */
export function missionFromTrajectory(
  p: TrajectoryPayload,
  sourceName: string,
  previous: Mission | null = null,
): Mission {
  const s = p.scenario;
  const scratch = new Float64Array(6);
  const crafts: CraftView[] = p.crafts.map((c, index) => {
    const eph = ephemerisOf(c);
    const spec = s.spacecraft[index];
    const burns = c.burns.map((b, k): BurnView => {
      const name = c.burnNames[k]!;
      eph.stateAt(b.tS, scratch);
      const view: BurnView = {
        craftId: c.id,
        tS: b.tS,
        dvRicMps: [b.dvMps[0], b.dvMps[1], b.dvMps[2]],
        dvMps: Math.hypot(b.dvMps[0], b.dvMps[1], b.dvMps[2]),
        positionRicM: [scratch[0]!, scratch[1]!, scratch[2]!],
        kind: name.kind,
        label: burnLabel(s, index, b, name),
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
      importance: c.importance,
      candidates: c.candidates,
      rangeM: c.rangeM,
      burns: burns.sort((a, b) => a.tS - b.tS),
      totalDvMps: c.totalDvMps,
      minRangeM: c.minRangeM,
      minRangeTS: c.minRangeTS,
      maneuvers: c.maneuvers,
      nonCooperative: c.nonCooperative,
    };
  });

  const keepOut = keepOutOf(s);
  const keepOutRangeM: [number, number] = keepOut
    ? [Math.min(...keepOut.semiAxesM), Math.max(...keepOut.semiAxesM)]
    : [0, 0];
  const sameCrafts =
    previous !== null &&
    previous.report !== null &&
    previous.crafts.length === crafts.length &&
    previous.crafts.every((c, i) => c.id === crafts[i]!.id);
  const carried = sameCrafts && previous.durationS === s.durationS;
  const mission: Mission = {
    sourceName,
    scenario: s,
    report: carried ? previous.report : null,
    scoreState: carried ? 'stale' : 'pending',
    objectives: carried ? previous.objectives : [],
    eclipses: carried ? previous.eclipses : [],
    violations: carried ? previous.violations : crafts.map(() => []),
    epochMs: Date.parse(s.epoch),
    durationS: s.durationS,
    keepOut,
    keepOutRangeM,
    crafts,
    pairs: p.pairs,
    events: [],
    extentM: p.extentM,
  };
  mission.events = missionEvents(mission);
  return mission;
}

/**
 * The mission with its score: the report, violations, objectives and eclipses, and the events
 * rebuilt with them. The spacecraft objects are the same (the scene rebuilds nothing).
 *
 * @param m the mission
 * @param report the report of the same scenario text (`buildReport(evaluateScenario(...))`)
 * @param titles the title of each constraint kind violated in it (./payload.ts, in the worker)
 */
export function withScore(
  m: Mission,
  report: RunReport,
  titles: Readonly<Record<string, string>>,
): Mission {
  const out: Mission = {
    ...m,
    report,
    scoreState: 'current',
    objectives: report.objectives,
    eclipses: report.lighting.eclipses,
    violations: m.crafts.map((c, i) =>
      (report.spacecraft[i]?.id === c.id ? report.spacecraft[i]!.violations : [])
        .map((v): ViolationView => ({
          constraint: v.kind as string,
          title: titles[v.kind] ?? `${v.kind} violated`,
          startS: v.startS,
          endS: Number.isFinite(v.endS) ? v.endS : m.durationS,
          ...(v.path !== undefined ? { path: v.path } : {}),
          ...(v.reason !== undefined ? { reason: v.reason } : {}),
          ...(v.with !== undefined ? { with: v.with } : {}),
          ...(v.zoneOf !== undefined ? { zoneOf: v.zoneOf } : {}),
        }))
        .sort((a, b) => a.startS - b.startS),
    ),
  };
  out.events = missionEvents(out);
  return out;
}

/** The maneuver index at the end of a JSON path `spacecraft[i].maneuvers[j]` (-1: none). */
export function maneuverIndexOf(path: string | undefined): number {
  const m = path === undefined ? null : /\.maneuvers\[(\d+)\]$/.exec(path);
  return m ? Number(m[1]) : -1;
}

/** Every event of a mission, by time. */
function missionEvents(m: Mission): MissionEvent[] {
  const { crafts } = m;
  const events: MissionEvent[] = [];
  for (const c of crafts) {
    c.burns.forEach((b, j) => {
      const [r, i, cc] = b.dvRicMps;
      // the first burn of a maneuver started by its trigger says so, with the condition
      const record = c.maneuvers[b.maneuverIndex];
      const triggered = record?.trigger !== undefined && record.startS === b.tS;
      events.push({
        id: `${c.id}:burn:${j}`,
        kind: 'burn',
        tS: b.tS,
        craftId: c.id,
        color: c.color,
        title: triggered ? `${b.label} — triggered` : b.label,
        burn: { craftIndex: c.index, burnIndex: j },
        detail:
          (triggered ? `when ${record.trigger} · ` : '') +
          `Δv ${formatDv(b.dvMps)} · R ${r.toFixed(3)} I ${i.toFixed(3)} C ${cc.toFixed(3)}` +
          (b.durationS !== undefined ? ` · ${formatShortDuration(b.durationS)}` : ''),
      });
    });
    const rc = m.report?.spacecraft[c.index];
    const passiveCause = (kind: string) =>
      kind === 'passive-safety' && rc?.id === c.id
        ? ` · ${passiveSafetyCause(rc, formatMet, formatDistance)}`
        : '';
    (m.violations[c.index] ?? []).forEach((v, j) => {
      events.push({
        id: `${c.id}:violation:${j}`,
        kind: 'violation',
        constraint: v.constraint,
        tS: v.startS,
        endS: v.endS,
        craftId: c.id,
        color: c.color,
        title: v.title,
        detail:
          v.constraint === 'not-flown'
            ? `${v.path ?? ''}: ${notFlownText(v.reason, maneuverIndexOf(v.path), c.maneuvers[maneuverIndexOf(v.path)]?.trigger)}`
            : `for ${formatShortDuration(v.endS - v.startS)}${passiveCause(v.constraint)}${againstText(v)}`,
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
  m.pairs.forEach((p, j) => {
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
  m.eclipses.forEach((e, j) => {
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
  (m.report?.warnings?.events ?? []).forEach((w, j) => {
    const craft = crafts.find((c) => c.id === w.id);
    const other = w.otherKind === 'target' ? `target ${w.other}` : w.other;
    events.push({
      id: `warning:${j}`,
      kind: 'warning',
      tS: w.tS,
      craftId: w.id,
      color: craft?.color ?? '#ffb000',
      title:
        w.event === 'enter'
          ? `Within ${formatDistance(m.report!.warnings!.warnRangeM)} of ${other}`
          : `Beyond ${formatDistance(m.report!.warnings!.warnRangeM)} of ${other}`,
      detail: `warning range ${w.event === 'enter' ? 'entered' : 'left'} · range ${formatDistance(w.rangeM)}`,
    });
  });
  const order: Record<EventKind, number> = {
    burn: 0,
    violation: 1,
    warning: 2,
    'closest-approach': 3,
    'pair-closest-approach': 4,
    eclipse: 5,
  };
  events.sort((a, b) => a.tS - b.tS || order[a.kind] - order[b.kind]);
  return events;
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
