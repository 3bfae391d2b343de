/**
 * The monitor's fused keep-out sphere (issue 18): it recognises a sphere alone or named for a
 * pair, and its worst margin and violation interval are those of the detector's own g, to the bit.
 */

import { describe, expect, it } from 'vitest';
import {
  EllipsoidDetector,
  NamedPairDetector,
  SphereDetector,
  sphereRadiusM,
  type Detector,
} from '../../src/events/detectors.ts';
import { StreamMonitor } from '../../src/events/monitor.ts';

/** A sphere seen through a detector the monitor cannot recognise: it must call g. */
class OpaqueSphere implements Detector {
  readonly kind = 'keep-out';
  readonly marginUnit = 'm';
  private readonly inner = new SphereDetector('keep-out', 200);
  g(rel: ArrayLike<number>): number {
    return this.inner.g(rel);
  }
}

/** A straight pass at 0.37 m/s by a 200 m sphere, 150 m off its centre, stepped at 7 s. */
function pass(detector: Detector): StreamMonitor {
  const m = new StreamMonitor([detector]);
  const state = (tS: number) => [150.3, -1000 + 0.37 * tS, 12.1, 0, 0.37, 0];
  m.begin(0, state(0));
  for (let tS = 7; tS <= 7000; tS += 7) m.advance(tS, state(tS));
  m.finish(7000);
  return m;
}

describe('keep-out sphere in the monitor', () => {
  it('recognises a sphere, alone or named for a pair, and nothing else', () => {
    const sphere = new SphereDetector('keep-out', 200);
    expect(sphereRadiusM(sphere)).toBe(200);
    expect(sphereRadiusM(new NamedPairDetector(sphere, { chargedId: 'a', withId: 'b' }))).toBe(200);
    expect(sphereRadiusM(new EllipsoidDetector('keep-out', [200, 300, 100]))).toBe(-1);
    expect(sphereRadiusM(new OpaqueSphere())).toBe(-1);
  });

  it('gives the worst margin, its time and the interval of the detector g, bit for bit', () => {
    const fused = pass(new SphereDetector('keep-out', 200));
    const called = pass(new OpaqueSphere());
    const [a] = fused.tracks;
    const [b] = called.tracks;
    // closest point: 150.3^2 + 12.1^2 under 200^2, so the pass enters the zone
    expect(a!.worstMargin).toBeCloseTo(Math.hypot(150.3, 12.1) - 200, 6);
    expect(Object.is(a!.worstMargin, b!.worstMargin)).toBe(true);
    expect(a!.worstMarginTS).toBe(b!.worstMarginTS);
    expect(a!.intervals).toEqual(b!.intervals);
    expect(a!.intervals).toHaveLength(1);
    // entry and exit where the line meets the sphere: y = -+sqrt(200^2 - 150.3^2 - 12.1^2)
    const half = Math.sqrt(200 ** 2 - 150.3 ** 2 - 12.1 ** 2);
    expect(a!.intervals[0]!.startS).toBeCloseTo((1000 - half) / 0.37, 4);
    expect(a!.intervals[0]!.endS).toBeCloseTo((1000 + half) / 0.37, 4);
  });
});
