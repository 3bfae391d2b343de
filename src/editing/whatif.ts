/**
 * Text edits of the what-if controls (src/view/whatif/): a blank scenario, another spacecraft, a
 * spacecraft's initial state (position and velocity, RIC) and an impulse's delta-v. Each maps the
 * scenario text to the new text with a minimal edit (./jsonText.ts), so it goes through the
 * store's one edit path: undo, autosave and share links as for any other edit.
 */

import { readJson, setAtPath, valueAt } from './jsonText.ts';

/** Seconds in a sidereal day: one orbit of a GEO target. */
const SIDEREAL_DAY_S = 86164;

/** Where the spacecraft of a new scenario starts: at rest 1 km behind the target on V-bar, m. */
export const NEW_SCENARIO_START_M = [0, -1000, 0] as const;

/**
 * A new scenario's text: a target on a GEO slot (no keep-out) and one spacecraft at rest 1 km
 * behind it on V-bar, without maneuvers, for one orbit in Clohessy-Wiltshire motion.
 */
export function blankScenarioText(): string {
  const s = {
    format: 'rpo-scenario',
    version: 1,
    name: 'New scenario',
    description: 'A target on a GEO slot and one spacecraft at rest 1 km behind it on V-bar.',
    epoch: '2026-03-20T00:00:00Z',
    durationS: SIDEREAL_DAY_S,
    stepS: 10,
    dynamics: 'cw',
    target: { name: 'Target', orbit: { type: 'geo', longitudeDeg: 0 } },
    spacecraft: [newSpacecraft('chaser', 0)],
  };
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** A spacecraft at rest on V-bar, 1 km further behind the target for each one before it. */
function newSpacecraft(id: string, index: number) {
  return {
    id,
    initial: {
      frame: 'RIC',
      positionM: [0, NEW_SCENARIO_START_M[1] * (index + 1), 0],
      velocityMps: [0, 0, 0],
    },
    maneuvers: [],
  };
}

/** The spacecraft list of a text (empty when it has none or is not JSON). */
function spacecraftOf(text: string): unknown[] {
  const list = valueAt(readJson(text), ['spacecraft']);
  return Array.isArray(list) ? list : [];
}

/**
 * `text` with one more spacecraft (`craft-N`, the first free N) at rest on V-bar, 1 km further
 * behind than the one before it.
 * @param text scenario text
 */
export function addSpacecraft(text: string): string {
  const list = spacecraftOf(text);
  const ids = new Set(list.map((c) => valueAt(c, ['id'])));
  let n = list.length + 1;
  while (ids.has(`craft-${n}`)) n++;
  return setAtPath(text, ['spacecraft', list.length], newSpacecraft(`craft-${n}`, list.length), {
    insert: true,
  });
}

/** Which vector of the initial state. */
export type InitialVector = 'positionM' | 'velocityMps';

/** The RIC initial state of spacecraft `craftIndex`, or null when it is not given in RIC. */
export function initialRic(
  text: string,
  craftIndex: number,
): { positionM: number[]; velocityMps: number[] } | null {
  const initial = valueAt(spacecraftOf(text)[craftIndex], ['initial']);
  if (valueAt(initial, ['frame']) !== 'RIC') return null;
  const p = valueAt(initial, ['positionM']);
  const v = valueAt(initial, ['velocityMps']);
  const ok = (a: unknown): a is number[] =>
    Array.isArray(a) && a.length === 3 && a.every((x) => typeof x === 'number');
  return ok(p) && ok(v) ? { positionM: p, velocityMps: v } : null;
}

/**
 * `text` with one component of a spacecraft's RIC initial state set (unchanged when the state is
 * not given in RIC).
 * @param text scenario text
 * @param craftIndex spacecraft index
 * @param vector position (m) or velocity (m/s)
 * @param axis 0 R, 1 I, 2 C
 * @param value m or m/s
 */
export function setInitial(
  text: string,
  craftIndex: number,
  vector: InitialVector,
  axis: 0 | 1 | 2,
  value: number,
): string {
  if (!initialRic(text, craftIndex) || !Number.isFinite(value)) return text;
  return setAtPath(text, ['spacecraft', craftIndex, 'initial', vector, axis], value);
}

/**
 * `text` with `dvMps` added to a spacecraft's initial velocity along `axis`: a push at the start
 * (unchanged when the state is not given in RIC). The sum is rounded to a micrometre per second,
 * so that repeated pushes of 0.1 m/s read as 0.2, 0.3 in the file.
 * @param text scenario text
 * @param craftIndex spacecraft index
 * @param axis 0 R, 1 I, 2 C
 * @param dvMps m/s
 */
export function pushInitial(
  text: string,
  craftIndex: number,
  axis: 0 | 1 | 2,
  dvMps: number,
): string {
  const s = initialRic(text, craftIndex);
  if (!s) return text;
  const v = Math.round((s.velocityMps[axis]! + dvMps) * 1e6) / 1e6;
  return setInitial(text, craftIndex, 'velocityMps', axis, v);
}

/** An impulse maneuver of a spacecraft, with its delta-v, RIC, m/s. */
export interface ImpulseEntry {
  maneuverIndex: number;
  label: string;
  dvMps: [number, number, number];
}

/** The impulse maneuvers of spacecraft `craftIndex` (the ones a delta-v slider can move). */
export function impulsesOf(text: string, craftIndex: number): ImpulseEntry[] {
  const list = valueAt(spacecraftOf(text)[craftIndex], ['maneuvers']);
  if (!Array.isArray(list)) return [];
  const out: ImpulseEntry[] = [];
  list.forEach((m, i) => {
    const dv = valueAt(m, ['dvMps']);
    if (valueAt(m, ['type']) !== 'impulse' || !Array.isArray(dv) || dv.length !== 3) return;
    if (!dv.every((x) => typeof x === 'number')) return;
    const label = valueAt(m, ['label']);
    out.push({
      maneuverIndex: i,
      label: typeof label === 'string' && label !== '' ? label : `impulse ${i + 1}`,
      dvMps: [dv[0], dv[1], dv[2]] as [number, number, number],
    });
  });
  return out;
}

/**
 * `text` with one component of an impulse's delta-v set.
 * @param text scenario text
 * @param craftIndex spacecraft index
 * @param maneuverIndex the impulse's index in the spacecraft's maneuvers
 * @param axis 0 R, 1 I, 2 C
 * @param dvMps m/s
 */
export function setImpulseDv(
  text: string,
  craftIndex: number,
  maneuverIndex: number,
  axis: 0 | 1 | 2,
  dvMps: number,
): string {
  if (!Number.isFinite(dvMps)) return text;
  return setAtPath(
    text,
    ['spacecraft', craftIndex, 'maneuvers', maneuverIndex, 'dvMps', axis],
    dvMps,
  );
}

/**
 * The span of a slider around a value: symmetric about 0, at least `minSpan`, twice the value's
 * size, rounded up to 1, 2 or 5 times a power of ten (a slider's ends read as round numbers).
 * @param value the value now (m or m/s)
 * @param minSpan smallest half-width (same unit)
 * @returns the half-width: the slider runs from -span to +span
 */
export function sliderSpan(value: number, minSpan: number): number {
  const want = Math.max(minSpan, 2 * Math.abs(Number.isFinite(value) ? value : 0));
  const p = 10 ** Math.floor(Math.log10(want));
  for (const m of [1, 2, 5, 10]) if (m * p >= want) return m * p;
  return 10 * p;
}
