/**
 * Equinoctial orbital elements (Broucke and Cefola [1]) in the form NASA CARA samples its Monte
 * Carlo Pc in [2]: [n, af, ag, chi, psi, lambdaM] with n the mean motion (rad/s), (af, ag) the
 * eccentricity vector in the equinoctial frame, (chi, psi) = tan(i/2) (sin RAAN, cos RAAN) for a
 * prograde orbit (fr = +1; fr = -1 uses cot(i/2), for orbits near i = 180 deg), and lambdaM the
 * mean longitude (rad, in (-pi, pi]). They are non-singular for circular and equatorial orbits,
 * and a Gaussian in them follows the curved orbit where a Gaussian in Cartesian coordinates
 * extends along straight tangents.
 *
 * References:
 * [1] Broucke and Cefola, "On the equinoctial orbit elements", Celestial Mechanics 5, 1972.
 * [2] NASA CARA Analysis Tools, DistributedMatlab/MonteCarloPc (equinoctial sampling at TCA),
 *     github.com/nasa/CARA_Analysis_Tools; Vallado, Fundamentals of Astrodynamics and
 *     Applications, 4th ed., 2013, sec. 2.4.
 */

/** Number of elements. */
const N = 6;

/** Scratch for the equinoctial frame (single-threaded, so shared). */
const FG = new Float64Array(6);

/** Component along the frame axis at FG[offset..offset + 3) (f: 0, g: 3) of a vector. */
function onAxis(offset: number, x: number, y: number, z: number): number {
  return FG[offset]! * x + FG[offset + 1]! * y + FG[offset + 2]! * z;
}

/**
 * The in-plane axes f and g of the equinoctial frame, [fx, fy, fz, gx, gy, gz] into `out`.
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
}

/**
 * The retrograde factor CARA uses: -1 for orbits whose inclination is within 9 deg of 180 deg
 * (where chi, psi = tan(i/2) (...) blow up), +1 otherwise.
 * @param s [x, y, z, vx, vy, vz], inertial, m and m/s
 */
export function retrogradeFactor(s: ArrayLike<number>): 1 | -1 {
  const hz = s[0]! * s[4]! - s[1]! * s[3]!;
  const hx = s[1]! * s[5]! - s[2]! * s[4]!;
  const hy = s[2]! * s[3]! - s[0]! * s[5]!;
  const inclinationRad = Math.acos(hz / Math.hypot(hx, hy, hz));
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

/** An angle wrapped into (-pi, pi], rad. */
function wrapPi(x: number): number {
  const y = x - 2 * Math.PI * Math.round(x / (2 * Math.PI));
  return y === -Math.PI ? Math.PI : y;
}

/**
 * The Jacobian d(elements) / d(state) at a state, by central differences (steps of 1e-6 of |r|
 * and |v|: truncation error ~1e-12, round-off ~1e-10 relative), row-major 6 x 6. Maps a
 * Cartesian covariance C to the equinoctial one J C J^T.
 * @param s [x, y, z, vx, vy, vz], inertial, m and m/s
 * @param fr retrograde factor (+1 or -1)
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @throws RangeError when the state is not an elliptic orbit
 */
export function jacobianCartesianToEquinoctial(
  s: ArrayLike<number>,
  fr: 1 | -1,
  muM3S2: number,
): Float64Array {
  const hr = 1e-6 * Math.hypot(s[0]!, s[1]!, s[2]!);
  const hv = 1e-6 * Math.hypot(s[3]!, s[4]!, s[5]!);
  const j = new Float64Array(N * N);
  const x = new Float64Array(N);
  const plus = new Float64Array(N);
  const minus = new Float64Array(N);
  for (let col = 0; col < N; col++) {
    const h = col < 3 ? hr : hv;
    for (let i = 0; i < N; i++) x[i] = s[i]!;
    x[col] = s[col]! + h;
    const okPlus = cartesianToEquinoctial(x, fr, muM3S2, plus);
    x[col] = s[col]! - h;
    const okMinus = cartesianToEquinoctial(x, fr, muM3S2, minus);
    if (!okPlus || !okMinus) {
      throw new RangeError('the state is not an elliptic orbit: no equinoctial elements');
    }
    for (let row = 0; row < N; row++) {
      const d = row === 5 ? wrapPi(plus[row]! - minus[row]!) : plus[row]! - minus[row]!;
      j[row * N + col] = d / (2 * h);
    }
  }
  return j;
}
