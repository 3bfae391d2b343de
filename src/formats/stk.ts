/**
 * STK ephemeris file (`.e`, version stk.v.11.0) [1]: `EphemerisTimePosVel` rows of time (s from
 * `ScenarioEpoch`, UTC), position (m) and velocity (m/s) in `CoordinateSystem J2000` (EME2000,
 * see trajectory.ts). Each impulse is a `SegmentBoundaryTimes` entry with two rows at its time
 * (before and after the burn), so STK does not interpolate across the velocity jump.
 *
 * References:
 * [1] Ansys/AGI, STK Help: Ephemeris File Format (*.e), keywords ScenarioEpoch, CentralBody,
 *     CoordinateSystem, InterpolationMethod, InterpolationSamplesM1, SegmentBoundaryTimes,
 *     EphemerisTimePosVel.
 */

import { AsciiWriter } from './ascii.ts';
import { oneLine } from './kvn.ts';
import { stkTime } from './time.ts';
import type { ObjectTrajectory } from './trajectory.ts';

/** The `.e` text of one object. @param epochMs scenario epoch, Unix ms UTC */
export function stkEphemeris(object: ObjectTrajectory, epochMs: number): string {
  const n = object.segments.reduce((sum, s) => sum + s.tS.length, 0);
  const parts: string[] = [
    'stk.v.11.0\n',
    `# ${oneLine(object.name)} (${object.id}), written by rpo-sim\n`,
    'BEGIN Ephemeris\n',
    `NumberOfEphemerisPoints ${n}\n`,
    `ScenarioEpoch ${stkTime(epochMs, 0)}\n`,
    'InterpolationMethod Lagrange\n',
    'InterpolationSamplesM1 5\n',
    'CentralBody Earth\n',
    'CoordinateSystem J2000\n',
    'DistanceUnit Meters\n',
  ];
  if (object.segments.length > 1) {
    const bounds = object.segments.slice(1).map((s) => String(s.tS[0]));
    parts.push(`BEGIN SegmentBoundaryTimes\n${bounds.join('\n')}\nEND SegmentBoundaryTimes\n`);
  }
  parts.push('EphemerisTimePosVel\n');
  for (const seg of object.segments) {
    const w = new AsciiWriter();
    const s = seg.stateM;
    for (let k = 0; k < seg.tS.length; k++) {
      const o = k * 6;
      w.fixed(seg.tS[k]!, 6);
      for (let c = 0; c < 6; c++) w.char(32).fixed(s[o + c]!, c < 3 ? 3 : 6);
      w.char(10);
    }
    parts.push(w.toString());
  }
  parts.push('END Ephemeris\n');
  return parts.join('');
}
