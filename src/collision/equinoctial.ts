/**
 * Equinoctial orbital elements (Broucke and Cefola [1]) in the form NASA CARA samples its Monte
 * Carlo Pc in [2]: [n, af, ag, chi, psi, lambdaM] with n the mean motion (rad/s), (af, ag) the
 * eccentricity vector in the equinoctial frame, (chi, psi) = tan(i/2) (sin RAAN, cos RAAN) for a
 * prograde orbit (fr = +1; fr = -1 uses cot(i/2), for orbits near i = 180 deg), and lambdaM the
 * mean longitude (rad, in (-pi, pi]). They are non-singular for circular and equatorial orbits,
 * and a Gaussian in them follows the curved orbit where a Gaussian in Cartesian coordinates
 * extends along straight tangents.
 *
 * The one home of this element set: the Monte Carlo Pc (pcMonteCarlo.ts) samples in it and
 * Hall's 3D-Nc (pc3dHall.ts) carries each object's covariance in it. The conversions and the
 * analytic Jacobian d(state)/d(elements) are ported from NASA CARA Analysis Tools
 * (`convert_cartesian_to_equinoctial.m`, `convert_equinoctial_to_cartesian.m`,
 * `jacobian_equinoctial_to_cartesian.m`, `jacobian_E0_to_Xt.m`; github.com/nasa/
 * CARA_Analysis_Tools, commit a80d016), released under the NASA Open Source Agreement 1.3:
 * Copyright (c) 2023-2025 United States Government as represented by the Administrator of the
 * National Aeronautics and Space Administration. All Rights Reserved. Provided "as is", without
 * any warranty (NOSA 1.3 sec. 5).
 *
 * References:
 * [1] Broucke and Cefola, "On the equinoctial orbit elements", Celestial Mechanics 5, 1972.
 * [2] NASA CARA Analysis Tools, DistributedMatlab/MonteCarloPc (equinoctial sampling at TCA),
 *     github.com/nasa/CARA_Analysis_Tools; Vallado, Fundamentals of Astrodynamics and
 *     Applications, 4th ed., 2013, sec. 2.4.
 */

/** Number of elements. */
const N = 6;

/** Scratch for the equinoctial frame f, g, w (single-threaded, so shared). */
const FG = new Float64Array(9);
/** Scratch elements of {@link jacobianE0ToXt}. */
const E_T = new Float64Array(N);
/** Scratch states of {@link jacobianCartesianToEquinoctial}. */
const X_FD = new Float64Array(N);
const E_PLUS = new Float64Array(N);
const E_MINUS = new Float64Array(N);

/** Component along the frame axis at FG[offset..offset + 3) (f: 0, g: 3, w: 6) of a vector. */
function onAxis(offset: number, x: number, y: number, z: number): number {
  return FG[offset]! * x + FG[offset + 1]! * y + FG[offset + 2]! * z;
}

/**
 * The equinoctial frame: in-plane axes f, g and orbit normal w, [f, g, w] into `out` (9).
 * @param chi, psi the orientation elements
 * @param fr retrograde factor (+1 or -1)
 */
function equinoctialFrame(chi: number, psi: number, fr: 1 | -1, out: Float64Array): void {
  const chi2 = chi * chi;
  const psi2 = psi * psi;
  const c = 1 + chi2 + psi2;
  out[0] = (1 - chi2 + psi2) / c;
  out[1] = (2 * chi * psi) / c;
  out[2] = (-2 * fr * chi) / c;
  out[3] = (2 * fr * chi * psi) / c;
  out[4] = (fr * (1 + chi2 - psi2)) / c;
  out[5] = (2 * psi) / c;
  out[6] = (2 * chi) / c;
  out[7] = (-2 * psi) / c;
  out[8] = (fr * (1 - chi2 - psi2)) / c;
}

/**
 * cos(inclination) of an orbit: h_z / |h|.
 * @param s [x, y, z, vx, vy, vz], inertial, m and m/s
 */
export function cosInclination(s: ArrayLike<number>): number {
  const hz = s[0]! * s[4]! - s[1]! * s[3]!;
  const hx = s[1]! * s[5]! - s[2]! * s[4]!;
  const hy = s[2]! * s[3]! - s[0]! * s[5]!;
  return hz / Math.hypot(hx, hy, hz);
}

/**
 * The retrograde factor CARA uses: -1 for orbits whose inclination is within 9 deg of 180 deg
 * (where chi, psi = tan(i/2) (...) blow up), +1 otherwise.
 * @param s [x, y, z, vx, vy, vz], inertial, m and m/s
 */
export function retrogradeFactor(s: ArrayLike<number>): 1 | -1 {
  const inclinationRad = Math.acos(cosInclination(s));
  return inclinationRad > 0.95 * Math.PI ? -1 : 1;
}

/**
 * Cartesian state to equinoctial elements.
 * @param s [x, y, z, vx, vy, vz], inertial, m and m/s
 * @param fr retrograde factor (+1 or -1)
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @param out receives [n rad/s, af, ag, chi, psi, lambdaM rad]
 * @returns false when the orbit is not elliptic or is equatorial against fr (out then undefined)
 */
export function cartesianToEquinoctial(
  s: ArrayLike<number>,
  fr: 1 | -1,
  muM3S2: number,
  out: Float64Array,
): boolean {
  const rx = s[0]!;
  const ry = s[1]!;
  const rz = s[2]!;
  const vx = s[3]!;
  const vy = s[4]!;
  const vz = s[5]!;
  const r = Math.hypot(rx, ry, rz);
  const v2 = vx * vx + vy * vy + vz * vz;
  const alpha = 2 / r - v2 / muM3S2; // 1 / a
  if (!(alpha > 0)) return false;
  const a = 1 / alpha;
  const rv = rx * vx + ry * vy + rz * vz;
  const ce = v2 - muM3S2 / r;
  const ex = (ce * rx - rv * vx) / muM3S2;
  const ey = (ce * ry - rv * vy) / muM3S2;
  const ez = (ce * rz - rv * vz) / muM3S2;
  const hx = ry * vz - rz * vy;
  const hy = rz * vx - rx * vz;
  const hz = rx * vy - ry * vx;
  const h = Math.hypot(hx, hy, hz);
  const wz = hz / h;
  const den = 1 + fr * wz;
  if (!(den > 1e-10)) return false;
  const chi = hx / h / den;
  const psi = -hy / h / den;
  equinoctialFrame(chi, psi, fr, FG);
  const af = onAxis(0, ex, ey, ez);
  const ag = onAxis(3, ex, ey, ez);
  const e2 = af * af + ag * ag;
  if (!(e2 < 1)) return false;
  const x = onAxis(0, rx, ry, rz);
  const y = onAxis(3, rx, ry, rz);
  const beta = Math.sqrt(1 - e2);
  const b = 1 / (1 + beta);
  const sinF = ag + ((1 - ag * ag * b) * y - b * ag * af * x) / (a * beta);
  const cosF = af + ((1 - af * af * b) * x - b * ag * af * y) / (a * beta);
  const bigF = Math.atan2(sinF, cosF);
  out[0] = Math.sqrt(muM3S2 * alpha * alpha * alpha);
  out[1] = af;
  out[2] = ag;
  out[3] = chi;
  out[4] = psi;
  out[5] = wrapPi(bigF + ag * cosF - af * sinF);
  return true;
}

/**
 * Equinoctial elements to Cartesian state.
 * @param e [n rad/s, af, ag, chi, psi, lambdaM rad]
 * @param fr retrograde factor (+1 or -1)
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @param out receives [x, y, z, vx, vy, vz], inertial, m and m/s
 * @returns false when the elements are not an elliptic orbit (n <= 0 or af^2 + ag^2 >= 1)
 */
export function equinoctialToCartesian(
  e: ArrayLike<number>,
  fr: 1 | -1,
  muM3S2: number,
  out: Float64Array,
): boolean {
  const n = e[0]!;
  const af = e[1]!;
  const ag = e[2]!;
  const chi = e[3]!;
  const psi = e[4]!;
  const lam = e[5]!;
  const e2 = af * af + ag * ag;
  if (!(n > 0) || !(e2 < 1)) return false;
  const a = Math.cbrt(muM3S2 / (n * n));
  // Kepler's equation in the eccentric longitude F: lam = F + ag cos F - af sin F
  let bigF = lam;
  for (let i = 0; i < 50; i++) {
    const sF = Math.sin(bigF);
    const cF = Math.cos(bigF);
    let step = (bigF + ag * cF - af * sF - lam) / (1 - ag * sF - af * cF);
    if (step > 1) step = 1;
    else if (step < -1) step = -1;
    bigF -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(bigF))) break;
  }
  const sF = Math.sin(bigF);
  const cF = Math.cos(bigF);
  const b = 1 / (1 + Math.sqrt(1 - e2));
  const omag2b = 1 - ag * ag * b;
  const omaf2b = 1 - af * af * b;
  const afagb = af * ag * b;
  const x = a * (omag2b * cF + afagb * sF - af);
  const y = a * (omaf2b * sF + afagb * cF - ag);
  const k = (n * a) / (1 - af * cF - ag * sF);
  const xd = k * (afagb * cF - omag2b * sF);
  const yd = k * (omaf2b * cF - afagb * sF);
  equinoctialFrame(chi, psi, fr, FG);
  for (let k = 0; k < 3; k++) {
    out[k] = x * FG[k]! + y * FG[3 + k]!;
    out[3 + k] = xd * FG[k]! + yd * FG[3 + k]!;
  }
  return true;
}

/** An angle wrapped into (-pi, pi], rad (the range of the mean longitude here). */
export function wrapPi(x: number): number {
  const y = x - 2 * Math.PI * Math.round(x / (2 * Math.PI));
  return y === -Math.PI ? Math.PI : y;
}

/**
 * The Jacobian d(elements) / d(state) at a state, by central differences (steps of 1e-6 of |r|
 * and |v|: truncation error ~1e-12, round-off ~1e-10 relative), row-major 6 x 6 into `out`.
 * Maps a Cartesian covariance C to the equinoctial one J C J^T.
 * @param s [x, y, z, vx, vy, vz], inertial, m and m/s
 * @param fr retrograde factor (+1 or -1)
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @param out receives the 36 entries (rows: elements, columns: state)
 * @throws RangeError when the state is not an elliptic orbit
 */
export function jacobianCartesianToEquinoctial(
  s: ArrayLike<number>,
  fr: 1 | -1,
  muM3S2: number,
  out: Float64Array,
): void {
  const hr = 1e-6 * Math.hypot(s[0]!, s[1]!, s[2]!);
  const hv = 1e-6 * Math.hypot(s[3]!, s[4]!, s[5]!);
  for (let col = 0; col < N; col++) {
    const h = col < 3 ? hr : hv;
    for (let i = 0; i < N; i++) X_FD[i] = s[i]!;
    X_FD[col] = s[col]! + h;
    const okPlus = cartesianToEquinoctial(X_FD, fr, muM3S2, E_PLUS);
    X_FD[col] = s[col]! - h;
    const okMinus = cartesianToEquinoctial(X_FD, fr, muM3S2, E_MINUS);
    if (!okPlus || !okMinus) {
      throw new RangeError('the state is not an elliptic orbit: no equinoctial elements');
    }
    for (let row = 0; row < N; row++) {
      const d = E_PLUS[row]! - E_MINUS[row]!;
      out[row * N + col] = (row === 5 ? wrapPi(d) : d) / (2 * h);
    }
  }
}

/**
 * The Jacobian d(state) / d(elements) at the state `s` of elements `e`, in closed form (CARA's
 * `jacobian_equinoctial_to_cartesian.m`), row-major 6 x 6 into `out`. The psi column carries the
 * factor fr on its w term, which CARA's omits (dg/dpsi = (2 / C) fr (w - chi f)): CARA's is
 * right only for fr = +1, the only factor its Pc3D_Hall uses.
 * @param e [n rad/s, af, ag, chi, psi, lambdaM rad]
 * @param s the state of `e`: [x, y, z, vx, vy, vz], inertial, m and m/s
 * @param fr retrograde factor (+1 or -1)
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @param out receives the 36 entries (rows: state, columns: elements)
 */
export function jacobianEquinoctialToCartesian(
  e: ArrayLike<number>,
  s: ArrayLike<number>,
  fr: 1 | -1,
  muM3S2: number,
  out: Float64Array,
): void {
  const n = e[0]!;
  const af = e[1]!;
  const ag = e[2]!;
  const chi = e[3]!;
  const psi = e[4]!;
  const rx = s[0]!;
  const ry = s[1]!;
  const rz = s[2]!;
  const vx = s[3]!;
  const vy = s[4]!;
  const vz = s[5]!;
  const r2 = rx * rx + ry * ry + rz * rz;
  const r3 = r2 * Math.sqrt(r2);
  const a3 = muM3S2 / (n * n);
  const a = Math.cbrt(a3);
  const bigA = n * a * a;
  const bigB = Math.sqrt(1 - ag * ag - af * af);
  const bigC = 1 + chi * chi + psi * psi;
  equinoctialFrame(chi, psi, fr, FG);
  const x = onAxis(0, rx, ry, rz);
  const y = onAxis(3, rx, ry, rz);
  const xd = onAxis(0, vx, vy, vz);
  const yd = onAxis(3, vx, vy, vz);
  const ab = bigA * bigB;
  const bp1 = bigB + 1;
  const nBp1 = n * bp1;
  const aOr3 = bigA / r3;
  const dXdaf = (ag * xd) / nBp1 + a * ((y * xd) / ab - 1);
  const dYdaf = (ag * yd) / nBp1 - a * ((x * xd) / ab);
  const dXdag = (-af * xd) / nBp1 + a * ((y * yd) / ab);
  const dYdag = (-af * yd) / nBp1 - a * ((x * yd) / ab + 1);
  const dXddaf = (a * xd * yd) / ab - aOr3 * ((a * ag * x) / bp1 + (x * y) / bigB);
  const dYddaf = (-a * xd * xd) / ab - aOr3 * ((a * ag * y) / bp1 - (x * x) / bigB);
  const dXddag = (a * yd * yd) / ab + aOr3 * ((a * af * x) / bp1 - (y * y) / bigB);
  const dYddag = (-a * xd * yd) / ab + aOr3 * ((a * af * y) / bp1 + (x * y) / bigB);
  const cv = 1 / (3 * n);
  const cr = -2 * cv;
  const cc = 2 / bigC;
  const frPsi = fr * psi;
  const frChi = fr * chi;
  for (let k = 0; k < 3; k++) {
    const f = FG[k]!;
    const g = FG[3 + k]!;
    const w = FG[6 + k]!;
    const r = s[k]!;
    const v = s[3 + k]!;
    const p = k * 6;
    const q = (k + 3) * 6;
    out[p] = cr * r;
    out[q] = cv * v;
    out[p + 1] = dXdaf * f + dYdaf * g;
    out[q + 1] = dXddaf * f + dYddaf * g;
    out[p + 2] = dXdag * f + dYdag * g;
    out[q + 2] = dXddag * f + dYddag * g;
    out[p + 3] = cc * (frPsi * (y * f - x * g) - x * w);
    out[q + 3] = cc * (frPsi * (yd * f - xd * g) - xd * w);
    out[p + 4] = cc * (frChi * (x * g - y * f) + fr * y * w);
    out[q + 4] = cc * (frChi * (xd * g - yd * f) + fr * yd * w);
    out[p + 5] = v / n;
    out[q + 5] = ((-n * a3) / r3) * r;
  }
}

/**
 * The state tS seconds after epoch on the two-body orbit of the elements `e0` at epoch (only
 * lambdaM drifts, by n tS), and the Jacobian dX(tS) / dE(0) there (CARA's
 * `jacobian_E0_to_Xt.m`), row-major 6 x 6.
 * @param tS time since the elements' epoch, s
 * @param e0 [n rad/s, af, ag, chi, psi, lambdaM rad] at epoch
 * @param fr retrograde factor (+1 or -1)
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @param jOut receives the 36 entries (rows: state at tS, columns: elements at epoch)
 * @param xOut receives [x, y, z, vx, vy, vz] at tS, inertial, m and m/s
 * @returns false when the elements are not an elliptic orbit (outputs then undefined)
 */
export function jacobianE0ToXt(
  tS: number,
  e0: ArrayLike<number>,
  fr: 1 | -1,
  muM3S2: number,
  jOut: Float64Array,
  xOut: Float64Array,
): boolean {
  for (let i = 0; i < N; i++) E_T[i] = e0[i]!;
  E_T[5] = wrapPi(e0[5]! + e0[0]! * tS);
  if (!equinoctialToCartesian(E_T, fr, muM3S2, xOut)) return false;
  jacobianEquinoctialToCartesian(E_T, xOut, fr, muM3S2, jOut);
  for (let i = 0; i < N; i++) jOut[i * N] = jOut[i * N]! + tS * jOut[i * N + 5]!;
  return true;
}
