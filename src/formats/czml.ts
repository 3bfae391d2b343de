/**
 * CZML for Cesium [1]: one document packet (clock over the run) and one packet per object with
 * its inertial positions, in metres, as `cartesian` samples [t, x, y, z] (t in s from `epoch`),
 * `referenceFrame: "INERTIAL"`, Lagrange interpolation. Each continuous arc is its own time
 * interval, so an impulse's velocity jump is not smoothed over.
 *
 * Frame: the vectors are EME2000 (see trajectory.ts); Cesium's INERTIAL is the ICRF, which
 * differs from EME2000 by the 23 mas frame bias (under 5 m at GEO radius), not applied here.
 *
 * References:
 * [1] CZML Guide and Packet reference, https://github.com/AnalyticalGraphicsInc/czml-writer/wiki
 *     (Packet, Position, InterpolatableProperty, Clock).
 */

import { isoTime } from './time.ts';
import type { ObjectTrajectory } from './trajectory.ts';

const LAGRANGE_DEGREE = 5;

/** `#rrggbb` -> CZML rgba [0..255]. */
function rgba(color: string | undefined, fallback: [number, number, number]): number[] {
  const m = color && /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return [...fallback, 255];
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), 255];
}

/**
 * The CZML document (JSON text) of a run's objects.
 * @param objects trajectories in EME2000, m @param colors `#rrggbb` per object id
 * @param durationS run length, s
 * @param properties custom properties of the document packet (the scenario's provenance)
 */
export function czmlDocument(
  name: string,
  epochMs: number,
  durationS: number,
  objects: readonly ObjectTrajectory[],
  colors: ReadonlyMap<string, string>,
  properties: Readonly<Record<string, string>> = {},
): string {
  const epoch = isoTime(epochMs, 0);
  const whole = `${epoch}/${isoTime(epochMs, durationS)}`;
  const packets: string[] = [
    JSON.stringify({
      id: 'document',
      name,
      version: '1.0',
      clock: {
        interval: whole,
        currentTime: epoch,
        multiplier: 60,
        range: 'LOOP_STOP',
        step: 'SYSTEM_CLOCK_MULTIPLIER',
      },
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    }),
  ];
  for (const o of objects) {
    const positions = o.segments.map((seg) => {
      const n = seg.tS.length;
      const parts: string[] = [];
      for (let k = 0; k < n; k++) {
        const s = seg.stateM;
        parts.push(
          `${seg.tS[k]},${s[k * 6]!.toFixed(3)},${s[k * 6 + 1]!.toFixed(3)},${s[k * 6 + 2]!.toFixed(3)}`,
        );
      }
      const head = JSON.stringify({
        interval: `${isoTime(epochMs, seg.tS[0]!)}/${isoTime(epochMs, seg.tS[n - 1]!)}`,
        epoch,
        referenceFrame: 'INERTIAL',
        interpolationAlgorithm: 'LAGRANGE',
        interpolationDegree: Math.max(1, Math.min(LAGRANGE_DEGREE, n - 1)),
      });
      return `${head.slice(0, -1)},"cartesian":[${parts.join(',')}]}`;
    });
    const color = rgba(colors.get(o.id), o.id === 'target' ? [255, 255, 255] : [255, 200, 0]);
    const packet = JSON.stringify({
      id: o.id,
      name: o.name,
      availability: whole,
      point: { pixelSize: 6, color: { rgba: color } },
      label: { text: o.name, pixelOffset: { cartesian2: [8, -8] }, fillColor: { rgba: color } },
      path: { width: 1, material: { solidColor: { color: { rgba: color } } } },
    });
    packets.push(`${packet.slice(0, -1)},"position":[${positions.join(',')}]}`);
  }
  return `[\n${packets.join(',\n')}\n]\n`;
}
