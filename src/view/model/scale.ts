/**
 * Round numbers for the scale bar and the timeline ticks.
 */

/**
 * The largest 1-2-5 x 10^k value not above `max`.
 *
 * @param max upper bound (> 0)
 */
export function niceFloor125(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 0;
  const p = 10 ** Math.floor(Math.log10(max));
  const m = max / p;
  // Guard against 10^k computed as 0.99999 x 10^k.
  const f = m >= 5 - 1e-9 ? 5 : m >= 2 - 1e-9 ? 2 : 1;
  return f * p;
}

/**
 * A scale bar: a round length that fits in `maxPx` pixels.
 *
 * @param metresPerPx pixel size, m
 * @param maxPx longest bar, px
 * @returns bar length in m and in px (0 when the pixel size is not usable)
 */
export function scaleBar(metresPerPx: number, maxPx: number): { lengthM: number; px: number } {
  if (!(metresPerPx > 0) || !Number.isFinite(metresPerPx)) return { lengthM: 0, px: 0 };
  const lengthM = niceFloor125(metresPerPx * maxPx);
  return { lengthM, px: lengthM / metresPerPx };
}

/** Tick spacings for a time axis, s: 1 min up to 1 day. */
const TIME_STEPS_S = [
  60, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400, 172800, 604800,
];

/**
 * Tick spacing for a time axis: the smallest standard step giving ticks at least `minPx` apart.
 *
 * @param spanS axis span, s
 * @param widthPx axis length, px
 * @param minPx smallest gap between ticks, px
 */
export function timeTickStepS(spanS: number, widthPx: number, minPx = 70): number {
  const minStepS = (spanS * minPx) / Math.max(1, widthPx);
  for (const s of TIME_STEPS_S) if (s >= minStepS) return s;
  return TIME_STEPS_S[TIME_STEPS_S.length - 1]!;
}
