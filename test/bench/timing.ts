/** Timing for the benchmarks: the best of several repetitions after one warm-up. */

/**
 * Runs `fn` once to warm up, then `reps` times.
 * @returns the shortest repetition, ms
 */
export function bestMs(reps: number, fn: () => unknown): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}
