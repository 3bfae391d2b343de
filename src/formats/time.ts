/**
 * Time stamps of the exchange files. Every file counts UTC from the scenario epoch: sample time
 * `tS` is `epoch + tS` seconds (a leap second inside a run is not modelled).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Whole microseconds since the Unix epoch of `epochMs + tS` (rounded to the nearest). */
function unixMicros(epochMs: number, tS: number): number {
  return Math.round(epochMs * 1000 + tS * 1e6);
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let cachedDayIndex = Number.NaN;
let cachedDayText = '';

/**
 * CCSDS ASCII time code A, `YYYY-MM-DDThh:mm:ss.dddddd` (UTC, microseconds; no zone letter, as
 * the ODM's TIME_SYSTEM states the scale). Called once per ephemeris line: the date part is
 * kept for the day, the rest is integer arithmetic.
 * @param epochMs scenario epoch, Unix ms UTC @param tS seconds since it
 */
export function ccsdsTime(epochMs: number, tS: number): string {
  const us = unixMicros(epochMs, tS);
  const s = Math.floor(us / 1e6);
  const frac = us - s * 1e6;
  const day = Math.floor(s / 86_400);
  if (day !== cachedDayIndex) {
    cachedDayIndex = day;
    cachedDayText = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const sec = s - day * 86_400;
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec - h * 3600) / 60);
  const fracText = frac === 0 ? '000000' : String(frac + 1e6).slice(1);
  return `${cachedDayText}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[sec - h * 3600 - m * 60]}.${fracText}`;
}

/** ISO 8601 with a zone letter, `YYYY-MM-DDThh:mm:ss.ddddddZ` (CZML). */
export function isoTime(epochMs: number, tS: number): string {
  return `${ccsdsTime(epochMs, tS)}Z`;
}

/** STK's date form, `21 Jun 2026 00:00:00.000000` (UTCG). */
export function stkTime(epochMs: number, tS: number): string {
  const us = unixMicros(epochMs, tS);
  const s = Math.floor(us / 1e6);
  const d = new Date(s * 1000);
  const frac = String(us - s * 1e6).padStart(6, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)}.${frac}`;
}
