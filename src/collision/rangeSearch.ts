/**
 * Whether a relative trajectory comes within a distance of the origin over a time window, and
 * whether it was already within it at the window's start: the range is sampled on a fixed grid
 * and every local minimum between grid points (a sign change of rho . rhoDot from - to +) is
 * located by the Illinois false-position method to 1e-9 of the step and checked too, so a fast
 * flyby between two grid points is not missed. Allocation-free.
 */

/** The range stays above the radius over the whole window. */
export const CONTACT_NONE = 0;
/** The range falls below the radius inside the window, from above it at the window's start. */
export const CONTACT_IN_WINDOW = 1;
/** The range is below the radius at the window's start: the contact began before the window. */
export const CONTACT_AT_START = 2;

/** Writes the relative state [rho, rhoDot] at time t (s) into `out` (6 numbers, m and m/s). */
export type RelativeStateAt = (tS: number, out: Float64Array) => void;

/** A reusable search over one window. */
export class RangeMinimumSearch {
  private readonly x = new Float64Array(6);
  private d2 = 0;

  /**
   * @param t0S, t1S window, s (t0S < t1S)
   * @param steps grid steps over the window
   * @param stateAt the relative trajectory, called in increasing time along the grid (and back
   *   and forth inside one step while refining)
   */
  constructor(
    private readonly t0S: number,
    private readonly t1S: number,
    private readonly steps: number,
    private readonly stateAt: RelativeStateAt,
  ) {}

  private rangeRate(t: number): number {
    const x = this.x;
    this.stateAt(t, x);
    this.d2 = x[0]! * x[0]! + x[1]! * x[1]! + x[2]! * x[2]!;
    return x[0]! * x[3]! + x[1]! * x[4]! + x[2]! * x[5]!;
  }

  /**
   * Classifies the window: CONTACT_AT_START, CONTACT_IN_WINDOW or CONTACT_NONE.
   * @param radiusM the contact distance, m
   */
  contact(radiusM: number): number {
    const r2 = radiusM * radiusM;
    const { t0S, t1S, steps } = this;
    const h = (t1S - t0S) / steps;
    let prevT = t0S;
    let prevS = this.rangeRate(t0S);
    if (this.d2 < r2) return CONTACT_AT_START;
    for (let k = 1; k <= steps; k++) {
      const t = k === steps ? t1S : t0S + k * h;
      const sNow = this.rangeRate(t);
      if (this.d2 < r2) return CONTACT_IN_WINDOW;
      if (prevS < 0 && sNow > 0) {
        let a = prevT;
        let fa = prevS;
        let b = t;
        let fb = sNow;
        let side = 0;
        for (let it = 0; it < 100 && b - a > 1e-9 * h; it++) {
          const c = (a * fb - b * fa) / (fb - fa);
          const fc = this.rangeRate(c);
          if (this.d2 < r2) return CONTACT_IN_WINDOW;
          if (fc < 0) {
            a = c;
            fa = fc;
            if (side === -1) fb /= 2;
            side = -1;
          } else {
            b = c;
            fb = fc;
            if (side === 1) fa /= 2;
            side = 1;
          }
        }
        this.rangeRate(t); // back to the grid point (propagators keep warm starts)
      }
      prevT = t;
      prevS = sNow;
    }
    return CONTACT_NONE;
  }
}
