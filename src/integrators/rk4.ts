/**
 * Classical fixed-step fourth-order Runge-Kutta, allocation-free.
 *
 * No physics here: the system supplies `derivatives`. Scratch vectors are made once per
 * integrator, so one integrator serves any number of state vectors of its size in turn.
 *
 * Reference: [1] Hairer, Norsett and Wanner, Solving Ordinary Differential Equations I, sec. II.1.
 */

/** A first-order ODE system y' = f(t, y). */
export interface OdeSystem {
  readonly stateSize: number;
  derivatives(tS: number, y: Float64Array, dy: Float64Array): void;
}

/** RK4 stepper with preallocated stage storage for states of length `size`. */
export class Rk4 {
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly tmp: Float64Array;

  constructor(readonly size: number) {
    this.k1 = new Float64Array(size);
    this.k2 = new Float64Array(size);
    this.k3 = new Float64Array(size);
    this.k4 = new Float64Array(size);
    this.tmp = new Float64Array(size);
  }

  /**
   * Advances `y` in place from `tS` to `tS + hS`.
   * @param sys the ODE system
   * @param tS time at the start of the step, s
   * @param y state, overwritten with the state at tS + hS
   * @param hS step, s
   */
  step(sys: OdeSystem, tS: number, y: Float64Array, hS: number): void {
    const n = this.size;
    const { k1, k2, k3, k4, tmp } = this;
    const h2 = 0.5 * hS;
    sys.derivatives(tS, y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h2 * k1[i]!;
    sys.derivatives(tS + h2, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h2 * k2[i]!;
    sys.derivatives(tS + h2, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + hS * k3[i]!;
    sys.derivatives(tS + hS, tmp, k4);
    const h6 = hS / 6;
    for (let i = 0; i < n; i++) y[i] = y[i]! + h6 * (k1[i]! + 2 * (k2[i]! + k3[i]!) + k4[i]!);
  }
}
