/**
 * Text for the HUD, panels and plots: times, distances, rates and delta-v with their units.
 * Pure functions (no DOM), one format per quantity so every panel says the same thing.
 */

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * UTC time of `tS` after the epoch, `YYYY-MM-DD hh:mm:ss UTC` (whole seconds, truncated).
 *
 * @param epochMs scenario epoch, Unix ms UTC
 * @param tS sim time, s since the epoch
 */
export function formatUtc(epochMs: number, tS: number): string {
  const d = new Date(epochMs + Math.floor(tS) * 1000);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} UTC`
  );
}

/**
 * A duration as `hh:mm:ss` (hours not wrapped at 24; whole seconds, truncated).
 *
 * @param durationS duration, s (negative values are shown with a minus sign)
 */
export function formatHms(durationS: number): string {
  const sign = durationS < 0 ? '-' : '';
  const s = Math.floor(Math.abs(durationS) + 1e-9);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${sign}${pad2(h)}:${pad2(m)}:${pad2(s % 60)}`;
}

/**
 * Mission elapsed time, `T+hh:mm:ss`.
 *
 * @param tS sim time, s since the epoch
 */
export function formatMet(tS: number): string {
  return `T+${formatHms(tS)}`;
}

/**
 * A distance with a unit that fits it: `12.3 m`, `845 m`, `2.35 km`, `12.4 km`, `1.23 Mm`
 * (megametres from 1,000 km).
 *
 * @param m distance, m
 */
export function formatDistance(m: number): string {
  if (!Number.isFinite(m)) return '—';
  const a = Math.abs(m);
  if (a < 100) return `${m.toFixed(1)} m`;
  if (a < 1000) return `${m.toFixed(0)} m`;
  if (a < 10_000) return `${(m / 1000).toFixed(2)} km`;
  if (a < 1e6) return `${(m / 1000).toFixed(1)} km`;
  return `${(m / 1e6).toFixed(a < 1e7 ? 3 : 2)} Mm`;
}

/** A distance unit for an axis or a label: its symbol and its length in metres. */
export interface DistanceUnit {
  symbol: 'm' | 'km' | 'Mm';
  metres: number;
}

/**
 * The unit that reads best for distances up to `m`: m below 1 km, km below 1,000 km, Mm above.
 *
 * @param m the largest distance to show, m
 */
export function distanceUnitFor(m: number): DistanceUnit {
  const a = Math.abs(m);
  if (!(a >= 1000)) return { symbol: 'm', metres: 1 };
  if (a < 1e6) return { symbol: 'km', metres: 1000 };
  return { symbol: 'Mm', metres: 1e6 };
}

/**
 * A round distance (a ring or grid radius) with its unit: `10 m`, `100 km`, `1 Mm`.
 *
 * @param m distance, m
 */
export function formatRoundDistance(m: number): string {
  const u = distanceUnitFor(m);
  return `${Number((m / u.metres).toPrecision(6))} ${u.symbol}`;
}

/**
 * A speed in m/s with a sign (negative range rate = closing): `-0.145 m/s`.
 *
 * @param mps speed, m/s
 */
export function formatSpeed(mps: number): string {
  if (!Number.isFinite(mps)) return '—';
  const a = Math.abs(mps);
  const digits = a >= 10 ? 2 : a >= 0.01 ? 3 : 4;
  const text = mps.toFixed(digits);
  // "-0.0000" reads as a closing rate; show zero unsigned.
  return `${Number(text) === 0 ? (0).toFixed(digits) : text} m/s`;
}

/**
 * A delta-v magnitude: `0.642 m/s`, `12.30 m/s`, `0.0031 m/s`.
 *
 * @param mps delta-v, m/s
 */
export function formatDv(mps: number): string {
  return formatSpeed(Math.abs(mps));
}

/**
 * A short duration for lists: `45 s`, `12 min`, `3 h 05 min`.
 *
 * @param durationS duration, s
 */
export function formatShortDuration(durationS: number): string {
  const s = Math.round(durationS);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const h = Math.floor(s / 3600);
  return `${h} h ${pad2(Math.floor((s % 3600) / 60))} min`;
}
