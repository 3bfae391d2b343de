/**
 * Seeded random streams for Monte Carlo trials: one independent generator per draw site, derived
 * from (seed, trial, spacecraft, site, ordinal), so that any trial can be re-run alone and gives
 * the same numbers whatever the number of workers or the order in which trials run.
 *
 * - Key to generator state: the key components are folded through the SplitMix64 mixing function
 *   [1] (64-bit arithmetic on BigInt: a few dozen operations per stream, far off the hot loop),
 *   and two further SplitMix64 outputs become the 128-bit state of xoroshiro128+ [2], the way
 *   Vigna recommends seeding it. Distinct keys give unrelated states.
 * - Uniform doubles: pure-rand's `uniformFloat64` [3], multiples of 2^-53 in [0, 1).
 * - Normal deviates: the Box-Muller transform [4] on two uniforms, which gives two independent
 *   N(0, 1) deviates and always consumes exactly two uniforms (so the layout of each stream is
 *   fixed and documented where it is used). 1 - u is used inside the logarithm: u can be 0, 1 - u
 *   cannot.
 *
 * References:
 * [1] Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014
 *     (SplitMix64; constants as in Vigna's splitmix64.c).
 * [2] Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021
 *     (xoroshiro128+; https://prng.di.unimi.it/ on seeding with SplitMix64).
 * [3] pure-rand 8, `generator/xoroshiro128plus`, `distribution/uniformFloat64`.
 * [4] Box and Muller, "A note on the generation of random normal deviates", Ann. Math. Statist.
 *     29(2), 1958.
 */

import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Largest seed accepted: seeds are integers in [0, MAX_SEED] (2^53 - 1, exact in a double). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const MASK64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;

/** SplitMix64's output function of a 64-bit state [1]. */
function mix64(z0: bigint): bigint {
  let z = z0 & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/**
 * The generator of one draw site.
 * @param key non-negative integers below 2^53 (seed, trial index, spacecraft, site, ordinal)
 */
export function streamFor(key: readonly number[]): RandomGenerator {
  let h = 0n;
  for (const k of key) {
    if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`bad stream key component ${k}`);
    h = mix64(h + GAMMA + BigInt(k));
  }
  const s0 = mix64(h + GAMMA);
  const s1 = mix64(h + 2n * GAMMA);
  // mix64 is a bijection, so s0 and s1 (images of distinct inputs) are never both zero, the one
  // state xoroshiro128+ must avoid. pure-rand's state order: [hi(s0), lo(s0), hi(s1), lo(s1)].
  return xoroshiro128plusFromState([
    Number(s0 >> 32n) | 0,
    Number(s0 & 0xffffffffn) | 0,
    Number(s1 >> 32n) | 0,
    Number(s1 & 0xffffffffn) | 0,
  ]);
}

/** A uniform double in [0, 1). */
export function uniform(rng: RandomGenerator): number {
  return uniformFloat64(rng);
}

/**
 * Two independent N(0, 1) deviates by Box-Muller [4], from exactly two uniforms.
 * @param out receives [z0, z1]
 */
export function normalPair(rng: RandomGenerator, out: Float64Array): Float64Array {
  const u1 = uniformFloat64(rng);
  const u2 = uniformFloat64(rng);
  const r = Math.sqrt(-2 * Math.log(1 - u1));
  const phi = 2 * Math.PI * u2;
  out[0] = r * Math.cos(phi);
  out[1] = r * Math.sin(phi);
  return out;
}
