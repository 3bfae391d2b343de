/**
 * Colour ramps of the sweep heatmaps: sequential, dark to bright so that order reads without a
 * legend. `risk` (probability of violation) runs dark green -> amber -> red; `cost` (delta-v) runs
 * dark blue -> cyan -> pale. Pure.
 */

const RAMPS: Record<'risk' | 'cost', [number, number, number][]> = {
  risk: [
    [22, 58, 44],
    [60, 120, 62],
    [196, 160, 40],
    [232, 104, 36],
    [214, 40, 48],
  ],
  cost: [
    [18, 32, 64],
    [30, 76, 140],
    [40, 140, 200],
    [110, 200, 230],
    [214, 240, 250],
  ],
};

/**
 * The ramp's colour at t.
 * @param t position in [0, 1] (clamped; NaN gives the start)
 * @returns `rgb(r, g, b)`
 */
export function heatColor(ramp: 'risk' | 'cost', t: number): string {
  const [r, g, b] = heatRgb(ramp, t);
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * Whether the ramp's colour at t is bright enough to need dark text (Rec. 709 luma of the sRGB
 * values above one half).
 * @param t position in [0, 1]
 */
export function isBright(ramp: 'risk' | 'cost', t: number): boolean {
  const [r, g, b] = heatRgb(ramp, t);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.5;
}

function heatRgb(ramp: 'risk' | 'cost', t: number): [number, number, number] {
  const stops = RAMPS[ramp];
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) * (stops.length - 1) : 0;
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  const a = stops[k]!;
  const b = stops[k + 1]!;
  const c = (i: number) => Math.round(a[i]! + f * (b[i]! - a[i]!));
  return [c(0), c(1), c(2)];
}
