/**
 * Error function and normal probabilities to near double precision, including deep tails (the
 * short-encounter Pc of a distant miss is a difference of tail probabilities near 1e-30 or less).
 *
 * - erf(x) for |x| < 1.5: its Maclaurin series [1, 7.1.5], which alternates with terms no larger
 *   than e^{x^2} < 10, so at most one digit is lost.
 * - erfc(x) for x >= 1.5: the continued fraction [1, 7.1.14] erfc x = e^{-x^2}/sqrt(pi) *
 *   1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated by the modified Lentz method [2, 5.2],
 *   relative error ~1e-15 down to the underflow of e^{-x^2} (x ~ 27).
 *
 * References:
 * [1] Abramowitz and Stegun, Handbook of Mathematical Functions, ch. 7.
 * [2] Press et al., Numerical Recipes, 3rd ed., sec. 5.2 (modified Lentz).
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const SQRT_PI = 1.7724538509055159;
const SQRT1_2 = Math.SQRT1_2;

function erfSeries(x: number): number {
  // erf x = 2/sqrt(pi) sum (-1)^k x^{2k+1} / (k! (2k+1))
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= -x2 / k;
    const add = term / (2 * k + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

function erfcFraction(x: number): number {
  // modified Lentz on x + a1/(x + a2/(x + ...)), a_k = k/2
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** The complementary error function erfc(x) = 1 - erf(x), accurate in both tails. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 1.5) return erfcFraction(x);
  if (x <= -1.5) return 2 - erfcFraction(-x);
  return 1 - erfSeries(x);
}

/** The error function erf(x). */
export function erf(x: number): number {
  if (Math.abs(x) < 1.5) return erfSeries(x);
  return x > 0 ? 1 - erfcFraction(x) : erfcFraction(-x) - 1;
}

/**
 * P(a < Z < b) for a standard normal Z, without the cancellation of Phi(b) - Phi(a) when both
 * bounds lie in the same tail. Zero when b <= a.
 */
export function normalInterval(a: number, b: number): number {
  if (!(b > a)) return 0;
  if (a >= 0) return 0.5 * (erfc(a * SQRT1_2) - erfc(b * SQRT1_2));
  if (b <= 0) return 0.5 * (erfc(-b * SQRT1_2) - erfc(-a * SQRT1_2));
  return 1 - 0.5 * (erfc(b * SQRT1_2) + erfc(-a * SQRT1_2));
}

/** Inverse of erfc on (0, 2) by Newton's method on erfc (cold path; ~1e-15 relative). */
export function erfcInv(y: number): number {
  if (!(y > 0 && y < 2)) throw new RangeError(`erfcInv needs 0 < y < 2, got ${y}`);
  if (y > 1) return -erfcInv(2 - y);
  // start from the tail asymptote erfc x ~ e^{-x^2} / (x sqrt(pi)), then Newton (d erfc/dx =
  // -2/sqrt(pi) e^{-x^2}); convergence is monotone from either side for this convex function
  let x = y < 0.5 ? Math.sqrt(Math.max(0, -Math.log(y * SQRT_PI))) : 0.5 * (1 - y);
  for (let i = 0; i < 100; i++) {
    const step = (erfc(x) - y) / (-TWO_OVER_SQRT_PI * Math.exp(-x * x));
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
