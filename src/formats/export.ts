/**
 * `rpo-sim export`: the exchange files of a run, as (file name, text) pairs. Pure: strings out,
 * the caller writes them.
 *
 * | format    | files                          | what                                                    |
 * | --------- | ------------------------------ | ------------------------------------------------------- |
 * | `oem`     | `<id>.oem` (`<id>.ric.oem`)    | CCSDS OEM 3.0 KVN, EME2000 (and the RIC variant)        |
 * | `oem-xml` | `<id>.oem.xml`                 | CCSDS OEM 3.0 NDM/XML, EME2000                          |
 * | `opm`     | `<id>.opm`                     | CCSDS OPM 3.0: initial state and every burn flown       |
 * | `cdm`     | `target-<id>.cdm`, `<a>-<b>.cdm` | closest approach per pair, CDM KVN (covariances, Pc)  |
 * | `czml`    | `scenario.czml`                | Cesium, every object                                    |
 * | `stk-e`   | `<id>.e`                       | STK ephemeris, stk.v.11.0, J2000                        |
 *
 * `<id>` is the spacecraft's id, `target` for the target. The scenario's `provenance` goes into
 * every file (./provenance.ts).
 *
 * With `target.maneuvers`, the target's trajectory includes its burns (./trajectory.ts) and
 * `opm` also writes `target.opm` with its maneuver blocks.
 */

import { scenarioCollisionDetail } from '../collision/scenarioPc.ts';
import { congruence } from '../collision/matrix.ts';
import type { RunResult } from '../sim/run.ts';
import { cdmKvn, type CdmObject } from './cdm.ts';
import { czmlDocument } from './czml.ts';
import { oemKvn, oemXml, type OemDescription } from './oem.ts';
import { opmKvn, targetOpmKvn } from './opm.ts';
import {
  afterFirstLine,
  provenanceLines,
  provenanceSources,
  xmlHeaderComments,
} from './provenance.ts';
import { stkEphemeris } from './stk.ts';
import { InertialFrame, inertialTrajectories, ricArcs, TARGET_ID } from './trajectory.ts';

/** The formats of `rpo-sim export --format`. */
export const EXPORT_FORMATS = ['oem', 'oem-xml', 'opm', 'cdm', 'czml', 'stk-e'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A file to write: its name (no directory) and its text. */
export interface ExportFile {
  name: string;
  text: string;
}

/** Options of {@link exportRun}. */
export interface ExportOptions {
  /** CREATION_DATE of the CCSDS messages, ISO 8601 UTC (now, from the caller). */
  creationDate: string;
  /** Sample every this many seconds instead of every integration node (oem, oem-xml, czml, stk-e). */
  stepS?: number;
  /** With `oem`: also each spacecraft's trajectory in the target's RIC frame, `<id>.ric.oem`. */
  ric?: boolean;
}

const INERTIAL_COMMENTS = [
  'Simulated by rpo-sim from the scenario named below; EME2000 positions km, velocities km/s',
];

/** An export that would write states the run did not fly (see `exportRun`). */
export class ExportUnsupportedError extends Error {}

/**
 * The files of one export format for a run that kept its ephemeris (`recordEphemeris: true`).
 * @throws ExportUnsupportedError for a `"dynamics": "perturbed"` run: the writers place the
 *   target on its two-body orbit (with its burns), kilometres from the perturbed orbit the run
 *   flew after a day, so every inertial state written would be wrong
 */
export function exportRun(
  run: RunResult,
  format: ExportFormat,
  options: ExportOptions,
): ExportFile[] {
  if (run.scenario.dynamics === 'perturbed')
    throw new ExportUnsupportedError(
      '"dynamics": "perturbed" runs cannot be exported yet: the files would place the target on its two-body orbit, kilometres from the perturbed one the run flew. Export the same plan with "dynamics": "nonlinear" (the relative motion without perturbations), or read the RIC ephemeris with rpo-sim run --ephemeris',
    );
  const lines = provenanceLines(run.scenario.provenance);
  const files = exportFiles(run, format, options);
  if (lines.length === 0 || format === 'czml') return files;
  return files.map((f) => ({
    name: f.name,
    text:
      format === 'oem-xml'
        ? xmlHeaderComments(f.text, lines)
        : afterFirstLine(f.text, lines, format === 'stk-e' ? '# ' : 'COMMENT '),
  }));
}

/** The CZML document packet's custom properties: the provenance, sources one per line. */
function czmlProperties(run: RunResult): Record<string, string> {
  const p = run.scenario.provenance;
  if (!p) return {};
  const out: Record<string, string> = {};
  for (const k of ['marking', 'author', 'organization', 'license'] as const)
    if (p[k] !== undefined) out[k] = p[k];
  if (p.source !== undefined) out.source = provenanceSources(p).join('\n');
  return out;
}

function exportFiles(run: RunResult, format: ExportFormat, options: ExportOptions): ExportFile[] {
  const s = run.scenario;
  const frame = new InertialFrame(s, run.targetBurns);
  const epochMs = frame.epochMs;
  const sampling = options.stepS === undefined ? {} : { stepS: options.stepS };
  const describe = (id: string, name: string): OemDescription => ({
    objectName: name,
    objectId: id,
    centerName: 'EARTH',
    refFrame: 'EME2000',
    epochMs,
    creationDate: options.creationDate,
    comments: [...INERTIAL_COMMENTS, `Scenario: ${s.name}`],
  });
  switch (format) {
    case 'oem':
    case 'oem-xml': {
      const files = inertialTrajectories(run, sampling).map((o) =>
        format === 'oem'
          ? { name: `${o.id}.oem`, text: oemKvn(describe(o.id, o.name), o.segments) }
          : { name: `${o.id}.oem.xml`, text: oemXml(describe(o.id, o.name), o.segments) },
      );
      if (format === 'oem' && options.ric) {
        s.spacecraft.forEach((spec, i) => {
          const d: OemDescription = {
            ...describe(spec.id, spec.name ?? spec.id),
            centerName: s.target.name,
            refFrame: 'RTN',
            comments: [
              `RIC variant: position and velocity of ${spec.id} relative to the target ${s.target.name}`,
              'in its RIC frame (R radial out, I in-track, C cross-track = RTN), km; velocities are',
              'rates seen in the rotating frame, km/s (not inertial differences). Scenario: ' +
                s.name,
            ],
          };
          files.push({
            name: `${spec.id}.ric.oem`,
            text: oemKvn(d, ricArcs(run.spacecraft[i]!.ephemeris!, sampling)),
          });
        });
      }
      return files;
    }
    case 'opm': {
      const files = run.spacecraft.map((c, i) => ({
        name: `${c.id}.opm`,
        text: opmKvn(s, frame, i, c, options.creationDate),
      }));
      if (run.targetBurns.length > 0)
        files.unshift({
          name: `${TARGET_ID}.opm`,
          text: targetOpmKvn(s, frame, run.targetBurns, options.creationDate),
        });
      return files;
    }
    case 'cdm':
      return cdmFiles(run, frame, options.creationDate);
    case 'czml': {
      const colors = new Map<string, string>();
      for (const c of s.spacecraft) if (c.color) colors.set(c.id, c.color);
      const text = czmlDocument(
        s.name,
        epochMs,
        s.durationS,
        inertialTrajectories(run, sampling),
        colors,
        czmlProperties(run),
      );
      return [{ name: 'scenario.czml', text }];
    }
    case 'stk-e':
      return inertialTrajectories(run, sampling).map((o) => ({
        name: `${o.id}.e`,
        text: stkEphemeris(o, epochMs),
      }));
  }
}

/**
 * A spacecraft's covariance from its target-RIC form (m, m/s rotating-frame rates) to the
 * engine's ECI frame: J C J^T with J the Jacobian of the RIC-to-ECI map at its state, by central
 * differences (1 m, 1 mm/s: the map is affine in the velocity and nearly so in the position).
 */
function ricCovarianceToEci(
  frame: InertialFrame,
  tS: number,
  ric: Float64Array,
  covRic: Float64Array,
): Float64Array {
  const j = new Float64Array(36);
  const x = new Float64Array(6);
  const plus = new Float64Array(6);
  const minus = new Float64Array(6);
  for (let k = 0; k < 6; k++) {
    const h = k < 3 ? 1 : 1e-3;
    x.set(ric);
    x[k]! += h;
    frame.ricToEci(tS, x, plus);
    x[k]! -= 2 * h;
    frame.ricToEci(tS, x, minus);
    for (let i = 0; i < 6; i++) j[i * 6 + k] = (plus[i]! - minus[i]!) / (2 * h);
  }
  return congruence(j, covRic, 6);
}

function cdmFiles(run: RunResult, frame: InertialFrame, creationDate: string): ExportFile[] {
  const s = run.scenario;
  const detail = scenarioCollisionDetail(run);
  const hbrM = detail?.report.hardBodyRadiusM ?? null;
  const assessed = (ids: [string, string]) => {
    const key = ids.join('/');
    const report = detail?.report.conjunctions.find((k) => k.ids.join('/') === key);
    const cov = detail?.covariancesRic.get(key);
    return report && cov && hbrM !== null ? { report, cov } : null;
  };
  const craftAt = (index: number, tS: number, covRic?: Float64Array): CdmObject => {
    const spec = s.spacecraft[index]!;
    const ric = Float64Array.from(
      run.spacecraft[index]!.ephemeris!.stateAt(tS, new Float64Array(6)),
    );
    const stateEci = new Float64Array(6);
    frame.ricToEci(tS, ric, stateEci);
    const o: CdmObject = { id: spec.id, name: spec.name ?? spec.id, maneuverable: true, stateEci };
    if (covRic) o.covEci = ricCovarianceToEci(frame, tS, ric, covRic);
    return o;
  };
  const targetAt = (tS: number, withCov: boolean): CdmObject => {
    const o: CdmObject = {
      id: TARGET_ID,
      name: s.target.name,
      maneuverable: false,
      stateEci: frame.targetEci(tS, new Float64Array(6)),
    };
    if (withCov) o.covEci = new Float64Array(36);
    return o;
  };
  const files: ExportFile[] = run.spacecraft.map((c, i) => {
    const name = `${TARGET_ID}-${c.id}`;
    const a = assessed([c.id, TARGET_ID]);
    return {
      name: `${name}.cdm`,
      text: cdmKvn(
        frame,
        c.minRangeTS,
        targetAt(c.minRangeTS, a !== null),
        craftAt(i, c.minRangeTS, a?.cov[0]),
        name,
        creationDate,
        a ? { pc: a.report.pc, method: a.report.method, hbrM: hbrM! } : undefined,
      ),
    };
  });
  for (const p of run.pairs) {
    const ia = s.spacecraft.findIndex((c) => c.id === p.a);
    const ib = s.spacecraft.findIndex((c) => c.id === p.b);
    const name = `${p.a}-${p.b}`;
    const a = assessed([p.a, p.b]);
    files.push({
      name: `${name}.cdm`,
      text: cdmKvn(
        frame,
        p.minRangeTS,
        craftAt(ia, p.minRangeTS, a?.cov[0]),
        craftAt(ib, p.minRangeTS, a?.cov[1] ?? undefined),
        name,
        creationDate,
        a ? { pc: a.report.pc, method: a.report.method, hbrM: hbrM! } : undefined,
      ),
    });
  }
  return files;
}
