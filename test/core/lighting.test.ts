// Lighting: Sun direction, GEO target placement, Earth shadow, Sun phase angle, eclipses.
//
// Sources:
// [1] Astronomy Engine v2 (D. Cross): GeoVector, Rotation_EQJ_EQD, SiderealTime, Seasons (the
//     reference the module wraps) and ObserverVector (an independent Earth-fixed point model).
// [2] USNO / IMCCE: 2026 March equinox 2026-03-20T14:46Z, June solstice 2026-06-21T08:24Z;
//     obliquity of the ecliptic 2026 ~ 23.436 deg (Astronomical Almanac 2026, sec. B, C).
// [3] Montenbruck & Gill, Satellite Orbits (2000), sec. 3.4.2: conical shadow, apparent disks.
// [4] Soop, Handbook of Geostationary Orbits (1994), sec. 5.2: GEO eclipse seasons ~44 days
//     centred on each equinox, at most ~70 min of umbra (+~2 min penumbra each side) near local
//     midnight; none near the solstices.
// [5] Equation of time around 20 March ~ -7.5 min (apparent Sun late): local apparent midnight
//     at longitude 0 is ~00:07:30 UTC (Astronomical Almanac 2026, sec. C).
import { describe, expect, it } from 'vitest';
import {
  AstroTime,
  Body,
  GeoVector,
  Observer,
  ObserverVector,
  RotateVector,
  Rotation_EQJ_EQD,
  Seasons,
  SiderealTime,
} from 'astronomy-engine';
import {
  AU_M,
  DEG_TO_RAD,
  EARTH_RADIUS_M,
  GEO_RADIUS_M,
  RAD_TO_DEG,
  SUN_RADIUS_M,
} from '../../src/core/constants.ts';
import {
  SunTable,
  eclipseIntervals,
  geoTargetGeometry,
  inEarthShadow,
  shadowFraction,
  sunDirectionEci,
  sunPhaseAngleDeg,
  targetPositionEci,
} from '../../src/core/lighting.ts';

const MINUTE_S = 60;
const SIDEREAL_DAY_S = 86_164.0905;

type V3 = readonly [number, number, number];

function angleBetweenRad(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const cx = a[1]! * b[2]! - a[2]! * b[1]!;
  const cy = a[2]! * b[0]! - a[0]! * b[2]!;
  const cz = a[0]! * b[1]! - a[1]! * b[0]!;
  return Math.atan2(Math.hypot(cx, cy, cz), a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!);
}

/** Astronomy Engine alone: apparent Sun, J2000 rotated to the equator of date at `frameMs`. */
function sunRefEci(frameMs: number, atMs: number): V3 {
  const v = RotateVector(
    Rotation_EQJ_EQD(new Date(frameMs)),
    GeoVector(Body.Sun, new Date(atMs), true),
  );
  const n = v.Length();
  return [v.x / n, v.y / n, v.z / n];
}

function raDecDeg(u: ArrayLike<number>): { raDeg: number; decDeg: number } {
  const ra = Math.atan2(u[1]!, u[0]!) * RAD_TO_DEG;
  return { raDeg: ra < 0 ? ra + 360 : ra, decDeg: Math.asin(u[2]!) * RAD_TO_DEG };
}

/** Signed difference a - b of two angles, deg, in (-180, 180]. */
function wrapDeg(d: number): number {
  return d - 360 * Math.round(d / 360);
}

describe('sunDirectionEci', () => {
  it.each([
    ['2026-01-01T00:00:00Z', 0],
    ['2026-03-20T14:46:00Z', 3_600],
    ['2026-09-23T00:05:00Z', 86_400],
    ['2031-07-04T12:34:56Z', 12_345.5],
  ])('matches astronomy-engine at %s + %f s (same frame)', (iso, tS) => {
    const epochMs = Date.parse(iso);
    const out = new Float64Array(3);
    sunDirectionEci(epochMs, tS, out);
    const ref = sunRefEci(epochMs, epochMs + tS * 1000);
    // Same computation, different float ordering: agreement to a few ulps.
    for (let k = 0; k < 3; k++) expect(Math.abs(out[k]! - ref[k]!)).toBeLessThan(1e-12);
    expect(Math.hypot(out[0]!, out[1]!, out[2]!)).toBeCloseTo(1, 14);
  });

  it('points at RA 0, dec 0 at the 2026 March equinox (true equinox of date)', () => {
    // Published instant [2] and Astronomy Engine's own Seasons() agree to within a minute.
    const published = Date.parse('2026-03-20T14:46:00Z');
    const seasons = Seasons(2026).mar_equinox.date.getTime();
    expect(Math.abs(seasons - published)).toBeLessThan(MINUTE_S * 1000);
    const out = new Float64Array(3);
    sunDirectionEci(published, 0, out);
    // The Sun moves 0.04 deg/h; 1 min of rounding is ~7e-4 deg. A J2000 (not of-date) frame
    // would put it 0.36 deg off in RA, so 0.01 deg catches a frame slip.
    const { raDeg, decDeg } = raDecDeg(out);
    expect(Math.abs(wrapDeg(raDeg))).toBeLessThan(0.01);
    expect(Math.abs(decDeg)).toBeLessThan(0.01);
    expect(out[0]).toBeGreaterThan(0.99999);
  });

  it('points at RA 90, dec +23.44 at the 2026 June solstice', () => {
    const out = new Float64Array(3);
    sunDirectionEci(Date.parse('2026-06-21T08:24:00Z'), 0, out);
    const { raDeg, decDeg } = raDecDeg(out);
    expect(Math.abs(raDeg - 90)).toBeLessThan(0.01);
    // True obliquity of date 23.436 deg +- nutation (<0.003 deg) [2].
    expect(Math.abs(decDeg - 23.436)).toBeLessThan(0.01);
  });
});

describe('SunTable', () => {
  const epochMs = Date.parse('2026-03-19T12:00:00Z');
  const geom = geoTargetGeometry(epochMs, 0);
  const durationS = 2 * 86_400;
  const table = new SunTable(geom, 0, durationS);

  it('interpolates the Sun to better than 1e-4 rad over 2 days (measured ~1e-10)', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    let maxErrRad = 0;
    // 37 s is prime to the 600 s nodes, so the samples sweep all interpolation weights.
    for (let k = 0; k * 37 <= durationS; k++) {
      const tS = k * 37;
      table.sunEci(tS, a);
      sunDirectionEci(epochMs, tS, b);
      maxErrRad = Math.max(maxErrRad, angleBetweenRad(a, b));
    }
    expect(maxErrRad).toBeLessThan(1e-4);
    // Eclipse edges move 1 s per 7e-5 rad of Sun error, so hold it much tighter than required.
    expect(maxErrRad).toBeLessThan(1e-8);
    const d = table.sunDistanceM(durationS / 2);
    expect(Math.abs(d / AU_M - 0.996)).toBeLessThan(0.002); // ~0.996 AU in late March
  });

  it('refuses times outside the table instead of extrapolating', () => {
    const out = new Float64Array(3);
    expect(() => table.sunEci(-1, out)).toThrow(RangeError);
    expect(() => table.sunEci(table.endS + 1, out)).toThrow(RangeError);
  });

  it('expresses the Sun in RIC consistently with the ECI target position', () => {
    const rEci = new Float64Array(3);
    const sEci = new Float64Array(3);
    const sRic = new Float64Array(3);
    for (const tS of [0, 1_234.5, 40_000, 100_000]) {
      targetPositionEci(geom, tS, rEci);
      table.sunEci(tS, sEci);
      table.sunRic(tS, sRic);
      const r = Math.hypot(rEci[0]!, rEci[1]!, rEci[2]!);
      // R component = s . r_hat; C component = s . z; the vector stays unit.
      expect(sRic[0]).toBeCloseTo((sEci[0]! * rEci[0]! + sEci[1]! * rEci[1]!) / r, 12);
      expect(sRic[2]).toBeCloseTo(sEci[2]!, 15);
      expect(Math.hypot(sRic[0]!, sRic[1]!, sRic[2]!)).toBeCloseTo(1, 12);
      // I = C x R is along the velocity: r_hat x I_hat must be +z (prograde).
      const u = Math.atan2(rEci[1]!, rEci[0]!);
      const iEci = [-Math.sin(u), Math.cos(u), 0] as const;
      expect(sRic[1]).toBeCloseTo(sEci[0]! * iEci[0] + sEci[1]! * iEci[1], 12);
    }
  });

  it('points from the target to the Sun (astronomy-engine minus the target position), not from the Earth', () => {
    const sunEci = new Float64Array(3);
    const rEci = new Float64Array(3);
    const got = new Float64Array(3);
    const fromEarth = new Float64Array(3);
    let largestParallaxRad = 0;
    for (const tS of [0, 1_234.5, 21_600, 43_000, 64_800, 100_000]) {
      // Earth->Sun from astronomy-engine at that instant (no table), minus the target's position
      const ref = sunRefEci(epochMs, epochMs + tS * 1000);
      const d = table.sunDistanceM(tS);
      targetPositionEci(geom, tS, rEci);
      for (let k = 0; k < 3; k++) sunEci[k] = ref[k]! * d - rEci[k]!;
      const u = Math.atan2(rEci[1]!, rEci[0]!);
      const want = [
        sunEci[0]! * Math.cos(u) + sunEci[1]! * Math.sin(u),
        -sunEci[0]! * Math.sin(u) + sunEci[1]! * Math.cos(u),
        sunEci[2]!,
      ];
      table.targetSunRic(tS, got);
      expect(Math.hypot(got[0]!, got[1]!, got[2]!)).toBeCloseTo(1, 14);
      expect(angleBetweenRad(got, want)).toBeLessThan(1e-9);
      table.sunRic(tS, fromEarth);
      largestParallaxRad = Math.max(largestParallaxRad, angleBetweenRad(got, fromEarth));
    }
    // GEO parallax: up to R_geo / 1 AU = 2.8e-4 rad, which the Earth->Sun direction would miss
    expect(largestParallaxRad).toBeGreaterThan(2e-4);
    expect(largestParallaxRad).toBeLessThan(2.9e-4);
  });

  it('puts the Sun along +R at local noon and +C at the June solstice', () => {
    // GEO at longitude 0 on 2026-06-21: apparent noon ~12:02 UTC; declination +23.44 deg.
    const ep = Date.parse('2026-06-21T12:00:00Z');
    const t = new SunTable(geoTargetGeometry(ep, 0), 0, 3_600);
    const s = new Float64Array(3);
    t.sunRic(0, s);
    expect(s[0]).toBeGreaterThan(Math.cos(23.5 * DEG_TO_RAD) * Math.cos(1 * DEG_TO_RAD));
    expect(Math.abs(Math.asin(s[2]!) * RAD_TO_DEG - 23.436)).toBeLessThan(0.02);
  });
});

describe('geoTargetGeometry', () => {
  const epochMs = Date.parse('2026-03-19T12:00:00Z');
  const gastRad = SiderealTime(new Date(epochMs)) * 15 * DEG_TO_RAD;

  it('puts longitude 0 at RA = GAST, with the GEO mean motion', () => {
    const g = geoTargetGeometry(epochMs, 0);
    expect(g.radiusM).toBe(GEO_RADIUS_M);
    expect(g.epochMs).toBe(epochMs);
    expect(Math.abs(wrapDeg((g.raAtEpochRad - gastRad) * RAD_TO_DEG))).toBeLessThan(1e-9);
    // 2 pi / n is one sidereal day for the GEO radius [Vallado 2.2].
    expect(Math.abs((2 * Math.PI) / g.meanMotionRadPerS - SIDEREAL_DAY_S)).toBeLessThan(0.01);
  });

  it('returns to the same inertial place one sidereal day later', () => {
    const g = geoTargetGeometry(epochMs, 0);
    const r0 = new Float64Array(3);
    const r1 = new Float64Array(3);
    targetPositionEci(g, 0, r0);
    targetPositionEci(g, SIDEREAL_DAY_S, r1);
    expect(Math.hypot(r1[0]! - r0[0]!, r1[1]! - r0[1]!, r1[2]! - r0[2]!)).toBeLessThan(10);
    expect(r0[2]).toBe(0);
    // Half a day later it is on the other side (catches a wrong mean motion).
    targetPositionEci(g, SIDEREAL_DAY_S / 2, r1);
    expect(Math.hypot(r1[0]! + r0[0]!, r1[1]! + r0[1]!)).toBeLessThan(10);
  });

  it('places longitude 90 E 90 deg east of longitude 0', () => {
    const g0 = geoTargetGeometry(epochMs, 0);
    const g90 = geoTargetGeometry(epochMs, 90);
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    targetPositionEci(g0, 0, a);
    targetPositionEci(g90, 0, b);
    // b = Rz(+90 deg) a: (x, y) -> (-y, x), within 1 m.
    expect(Math.abs(b[0]! + a[1]!)).toBeLessThan(1);
    expect(Math.abs(b[1]! - a[0]!)).toBeLessThan(1);
  });

  it.each([0, 90, -75.5])(
    'stays over longitude %f deg: matches an Earth-fixed point from astronomy-engine',
    (lonDeg) => {
      // Independent model: the ECI (of-date) position of a point on the equator at GEO height,
      // from Astronomy Engine's terrestrial-to-celestial transform [1].
      const g = geoTargetGeometry(epochMs, lonDeg);
      const obs = new Observer(0, lonDeg, GEO_RADIUS_M - EARTH_RADIUS_M);
      const r = new Float64Array(3);
      for (const tS of [0, 6 * 3_600, 86_400]) {
        targetPositionEci(g, tS, r);
        const o = ObserverVector(new Date(epochMs + tS * 1000), obs, true);
        // Frozen-at-epoch vs of-date frame and GAST rate vs mean motion: < 1e-5 rad (420 m);
        // a sign error on longitude or sidereal time would be degrees off.
        expect(angleBetweenRad(r, [o.x, o.y, o.z])).toBeLessThan(1e-5);
        expect(Math.abs(o.Length() * AU_M - GEO_RADIUS_M)).toBeLessThan(1);
      }
    },
  );
});

describe('sunPhaseAngleDeg', () => {
  it.each<[string, V3, V3, number]>([
    ['inspector on the sun side', [1, 0, 0], [1_000, 0, 0], 0],
    ['inspector opposite the sun', [1, 0, 0], [-1_000, 0, 0], 180],
    ['inspector perpendicular (in-track)', [1, 0, 0], [0, 500, 0], 90],
    ['inspector perpendicular (cross-track)', [0, 1, 0], [0, 0, -20], 90],
    ['45 deg in the R-I plane', [1, 0, 0], [100, 100, 0], 45],
    ['135 deg in the I-C plane', [0, 0, 1], [0, 3, -3], 135],
  ])('%s', (_name, sun, rel, expectedDeg) => {
    expect(sunPhaseAngleDeg(sun, rel)).toBeCloseTo(expectedDeg, 10);
  });

  it('keeps precision near 0 deg (1 mm off-axis at 1 km = 1e-6 rad)', () => {
    expect(sunPhaseAngleDeg([1, 0, 0], [1_000, 1e-3, 0])).toBeCloseTo(1e-6 * RAD_TO_DEG, 15);
  });

  it('is NaN when the inspector sits on the target', () => {
    expect(sunPhaseAngleDeg([1, 0, 0], [0, 0, 0])).toBeNaN();
  });

  it('at local midnight near the equinox: +R-bar looks into the sun, -R-bar has it behind', () => {
    // GEO at longitude 0, 2026-03-20 ~00:07:35 UTC (apparent midnight [5]): Sun along -R.
    const epochMs = Date.parse('2026-03-20T00:07:35Z');
    const table = new SunTable(geoTargetGeometry(epochMs, 0), 0, 600);
    const s = new Float64Array(3);
    table.sunRic(0, s);
    expect(s[0]).toBeLessThan(-0.9999); // within ~0.8 deg of -R
    // 1 km above (+R): looking down at the target with the Sun beyond it, 180 deg.
    expect(sunPhaseAngleDeg(s, [1_000, 0, 0])).toBeGreaterThan(179);
    // 1 km below (-R): the Sun behind the inspector, 0 deg.
    expect(sunPhaseAngleDeg(s, [-1_000, 0, 0])).toBeLessThan(1);
    // Six hours later it is local dawn: the Sun rises in the east, and east is +I (in-track) for
    // a prograde orbit, so an inspector 1 km ahead of the target has the Sun at its back.
    const t6 = new SunTable(geoTargetGeometry(epochMs + 6 * 3_600_000, 0), 0, 600);
    t6.sunRic(0, s);
    expect(s[1]).toBeGreaterThan(0.999);
    expect(sunPhaseAngleDeg(s, [0, 1_000, 0])).toBeLessThan(3);
    expect(sunPhaseAngleDeg(s, [0, -1_000, 0])).toBeGreaterThan(177);
  });
});

describe('shadowFraction', () => {
  const sun: V3 = [1, 0, 0];
  // Similar triangles [3]: umbra and penumbra radii a distance d behind the Earth.
  const d = GEO_RADIUS_M;
  const umbraRadiusM = EARTH_RADIUS_M - (d * (SUN_RADIUS_M - EARTH_RADIUS_M)) / AU_M;
  const penumbraRadiusM = EARTH_RADIUS_M + (d * (SUN_RADIUS_M + EARTH_RADIUS_M)) / AU_M;

  it('is 0 in sunlight and 1 deep in the umbra', () => {
    expect(shadowFraction([GEO_RADIUS_M, 0, 0], sun)).toBe(0);
    expect(shadowFraction([0, GEO_RADIUS_M, 0], sun)).toBe(0); // dawn/dusk side
    expect(shadowFraction([-GEO_RADIUS_M, 0, 0], sun)).toBe(1);
    expect(shadowFraction([-GEO_RADIUS_M, 3_000_000, 1_000_000], sun)).toBe(1);
    expect(inEarthShadow([GEO_RADIUS_M, 0, 0], sun)).toBe(false);
    expect(inEarthShadow([-GEO_RADIUS_M, 0, 0], sun)).toBe(true);
  });

  it('has its umbra and penumbra edges where the cone geometry puts them (+-2 km)', () => {
    // Umbra ~6184 km and penumbra ~6576 km from the axis at GEO distance.
    expect(umbraRadiusM).toBeGreaterThan(6_150_000);
    expect(penumbraRadiusM).toBeLessThan(6_600_000);
    const at = (rhoM: number): number => shadowFraction([-d, rhoM, 0], sun);
    expect(at(umbraRadiusM - 2_000)).toBe(1);
    expect(at(umbraRadiusM + 2_000)).toBeLessThan(1);
    expect(at(umbraRadiusM + 2_000)).toBeGreaterThan(0.99);
    expect(at(penumbraRadiusM - 2_000)).toBeGreaterThan(0);
    expect(at(penumbraRadiusM - 2_000)).toBeLessThan(0.01);
    expect(at(penumbraRadiusM + 2_000)).toBe(0);
    expect(inEarthShadow([-d, penumbraRadiusM - 2_000, 0], sun)).toBe(true);
  });

  it('is strictly between 0 and 1 in the penumbra, ~1/2 at the cylinder edge, monotone', () => {
    const mid = shadowFraction([-d, EARTH_RADIUS_M, 0], sun);
    expect(mid).toBeGreaterThan(0.4);
    expect(mid).toBeLessThan(0.6);
    let prev = 1;
    for (let rho = umbraRadiusM; rho <= penumbraRadiusM; rho += 10_000) {
      const f = shadowFraction([-d, rho, 0], sun);
      expect(f).toBeLessThanOrEqual(prev);
      prev = f;
    }
  });

  it.each([6_250_000, 6_378_137, 6_500_000])(
    'matches a brute-force count of hidden points on the solar disk at %f m off axis',
    (rhoM) => {
      // Independent check of the lens-area formula: cast rays from the satellite to a grid on
      // the Sun's disk and count those that hit the Earth sphere before reaching the Sun.
      const sat: V3 = [-d, rhoM, 0];
      const sunPos: V3 = [AU_M, 0, 0];
      const n = 300;
      let hidden = 0;
      let total = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const u = ((i + 0.5) / n) * 2 - 1;
          const v = ((j + 0.5) / n) * 2 - 1;
          if (u * u + v * v > 1) continue;
          total++;
          // Disk plane ~perpendicular to x (the satellite-Sun line is within 3e-4 rad of x).
          const px = sunPos[0];
          const py = sunPos[1] + u * SUN_RADIUS_M;
          const pz = sunPos[2] + v * SUN_RADIUS_M;
          const dx = px - sat[0];
          const dy = py - sat[1];
          const dz = pz - sat[2];
          // |sat + t (p - sat)|^2 = Re^2 has a root in (0, 1)?
          const A = dx * dx + dy * dy + dz * dz;
          const B = 2 * (sat[0] * dx + sat[1] * dy + sat[2] * dz);
          const C = sat[0] ** 2 + sat[1] ** 2 + sat[2] ** 2 - EARTH_RADIUS_M ** 2;
          const disc = B * B - 4 * A * C;
          if (disc >= 0 && (-B - Math.sqrt(disc)) / (2 * A) > 0) hidden++;
        }
      }
      const f = shadowFraction(sat, sun);
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThan(1);
      expect(Math.abs(f - hidden / total)).toBeLessThan(0.01);
    },
  );
});

describe('eclipseIntervals', () => {
  // Window from noon to noon so the eclipse near 00:07 UTC on 20 March is not cut in two.
  const epochMs = Date.parse('2026-03-19T12:00:00Z');
  const geom = geoTargetGeometry(epochMs, 0);
  const midnightS = Date.parse('2026-03-20T00:00:00Z') / 1000 - epochMs / 1000;

  it('finds one ~67 min umbra with ~2 min of penumbra each side on 2026-03-20 [4]', () => {
    const iv = eclipseIntervals(geom, 0, 86_400, 60);
    expect(iv.map((x) => x.kind)).toEqual(['penumbra', 'umbra', 'penumbra']);
    const [p1, u, p2] = iv as [(typeof iv)[0], (typeof iv)[0], (typeof iv)[0]];
    const umbraMin = (u.endS - u.startS) / MINUTE_S;
    expect(umbraMin).toBeGreaterThan(60);
    expect(umbraMin).toBeLessThan(75);
    for (const p of [p1, p2]) {
      const minutes = (p.endS - p.startS) / MINUTE_S;
      expect(minutes).toBeGreaterThan(1);
      expect(minutes).toBeLessThan(5);
    }
    // Contiguous and symmetric about the centre to within a second.
    expect(p1.endS).toBe(u.startS);
    expect(u.endS).toBe(p2.startS);
    expect(Math.abs(p1.endS - p1.startS - (p2.endS - p2.startS))).toBeLessThan(1);
    // Centred on apparent midnight: 00:00 UTC + ~7.5 min (equation of time [5]), not before.
    const centreMin = ((u.startS + u.endS) / 2 - midnightS) / MINUTE_S;
    expect(centreMin).toBeGreaterThan(3);
    expect(centreMin).toBeLessThan(12);
  });

  it('agrees with an independent cylinder-shadow scan built from astronomy-engine alone', () => {
    // Target: an Earth-fixed point at GEO height over longitude 0 [1]; Sun: GeoVector rotated to
    // the equator of date; shadow: behind the Earth and within one Earth radius of the axis.
    const obs = new Observer(0, 0, GEO_RADIUS_M - EARTH_RADIUS_M);
    const inCylinder = (tS: number): boolean => {
      const date = new Date(epochMs + tS * 1000);
      const time = new AstroTime(date);
      const r = ObserverVector(time, obs, true);
      const s = RotateVector(Rotation_EQJ_EQD(time), GeoVector(Body.Sun, time, true));
      const sn = s.Length();
      const along = (r.x * s.x + r.y * s.y + r.z * s.z) / sn;
      const perp2 = r.x * r.x + r.y * r.y + r.z * r.z - along * along;
      return along < 0 && Math.sqrt(perp2) * AU_M < EARTH_RADIUS_M;
    };
    let entryS = Number.NaN;
    let exitS = Number.NaN;
    let prev = inCylinder(midnightS - 3_000);
    for (let tS = midnightS - 3_000; tS <= midnightS + 4_000; tS += 1) {
      const now = inCylinder(tS);
      if (now && !prev) entryS = tS;
      if (!now && prev) exitS = tS;
      prev = now;
    }
    expect(Number.isFinite(entryS) && Number.isFinite(exitS)).toBe(true);
    const iv = eclipseIntervals(geom, 0, 86_400, 60);
    expect(iv.length).toBe(3);
    const p1 = iv[0]!;
    const u = iv[1]!;
    // The cylinder edge sits between the cone edges: ~194 km outside the umbra at 3.07 km/s,
    // so umbra entry follows cylinder entry by ~1 min, penumbra entry precedes it by ~1 min.
    expect(u.startS - entryS).toBeGreaterThan(30);
    expect(u.startS - entryS).toBeLessThan(120);
    expect(entryS - p1.startS).toBeGreaterThan(30);
    expect(entryS - p1.startS).toBeLessThan(120);
    // Both shadows are symmetric about the anti-Sun meridian: centres within 5 s.
    expect(Math.abs((u.startS + u.endS) / 2 - (entryS + exitS) / 2)).toBeLessThan(5);
  });

  it('gives the same edges to 1e-2 s with a 60 s or a 300 s sampling step', () => {
    const a = eclipseIntervals(geom, 0, 86_400, 60);
    const b = eclipseIntervals(geom, 0, 86_400, 300);
    expect(b.length).toBe(a.length);
    a.forEach((x, k) => {
      const y = b[k]!;
      expect(y.kind).toBe(x.kind);
      expect(Math.abs(y.startS - x.startS)).toBeLessThan(1e-2);
      expect(Math.abs(y.endS - x.endS)).toBeLessThan(1e-2);
    });
    // The shadow function agrees with the intervals just inside and outside an edge.
    const table = new SunTable(geom, 0, 86_400);
    const umbra = a[1]!;
    expect(table.targetShadowFraction(umbra.startS + 0.05)).toBe(1);
    expect(table.targetShadowFraction(umbra.startS - 0.05)).toBeLessThan(1);
    expect(table.targetShadowFraction(a[0]!.startS - 0.05)).toBe(0);
    expect(table.targetShadowFraction(a[0]!.startS + 0.05)).toBeGreaterThan(0);
  });

  it('clips an eclipse cut by the window edges', () => {
    // Start the window in mid-eclipse: the first interval is umbra starting at startS.
    const iv = eclipseIntervals(geom, midnightS, midnightS + 3_600, 60);
    expect(iv[0]!.kind).toBe('umbra');
    expect(iv[0]!.startS).toBe(midnightS);
  });

  it.each([
    ['2026-02-10', 0],
    ['2026-03-01', 3],
    ['2026-04-08', 3],
    ['2026-04-25', 0],
    ['2026-06-21', 0], // June solstice: shadow axis 16,800 km below GEO
    ['2026-08-20', 0],
    ['2026-09-08', 3],
    ['2026-10-05', 3],
    ['2026-10-30', 0],
    ['2026-12-21', 0],
  ])('eclipse season [4]: %s has %i shadow intervals', (day, count) => {
    const ep = Date.parse(`${day}T12:00:00Z`);
    const iv = eclipseIntervals(geoTargetGeometry(ep, 0), 0, 86_400, 120);
    expect(iv.length).toBe(count);
  });

  it('handles an empty window', () => {
    expect(eclipseIntervals(geom, 100, 100, 60)).toEqual([]);
  });
});
