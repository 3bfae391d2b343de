/**
 * The contract between dynamics models, the integrator and the simulation loop.
 *
 * A model integrates its own state vector (RIC for the relative models, ECI for two-body) and
 * maps it to and from the RIC relative state [x, y, z, xd, yd, zd] (m, m/s, rotating-frame rates)
 * that everything downstream (events, scoring, ephemerides) works in.
 */

/** Constant-thrust arc, direction fixed in RIC; the mass falls linearly (constant mass flow). */
export interface ThrustState {
  active: boolean;
  /** Thrust, N. */
  thrustN: number;
  /** Mass at `startS`, kg. */
  massStartKg: number;
  /** Propellant mass flow, kg/s (thrust / (Isp g0)). */
  massFlowKgPerS: number;
  /** Burn start, s since epoch. */
  startS: number;
  /** Unit thrust direction in RIC. */
  readonly dirRic: Float64Array;
}

/** A thrust state with the engine off. */
export function createThrustState(): ThrustState {
  return {
    active: false,
    thrustN: 0,
    massStartKg: 1,
    massFlowKgPerS: 0,
    startS: 0,
    dirRic: new Float64Array(3),
  };
}

/** Thrust acceleration magnitude at `tS` of an active thrust arc, m/s^2 (mass falls linearly). */
export function thrustAccelerationMps2(th: ThrustState, tS: number): number {
  return th.thrustN / (th.massStartKg - th.massFlowKgPerS * (tS - th.startS));
}

/** Identifies the equations a model integrates. */
export type DynamicsKind = 'cw' | 'nonlinear' | 'twobody';

/** An ODE system plus the mapping of its state to the RIC relative state. */
export interface DynamicsModel {
  readonly kind: DynamicsKind;
  /** Length of the integrated state vector. */
  readonly stateSize: number;
  /** Thrust applied in `derivatives` while active (one model instance per spacecraft). */
  readonly thrust: ThrustState;
  /** Time derivative of `y` at `tS` (s since epoch) into `dy`; must not allocate. */
  derivatives(tS: number, y: Float64Array, dy: Float64Array): void;
  /**
   * One classical RK4 step of `hS` seconds from `tS`, in place. The relative models fuse the
   * stages in scalar locals (about three times faster than the generic `Rk4`, and checked equal
   * to it in the tests); under thrust and in two-body they use the generic stepper.
   */
  rk4Step(tS: number, y: Float64Array, hS: number): void;
  /** Writes the RIC relative state (6 numbers, rotating-frame rates) of state `y`. */
  toRic(y: Float64Array, outRic: Float64Array): void;
  /** Sets the spacecraft part of `y` from a RIC relative state (keeps any target part of `y`). */
  setRic(y: Float64Array, ric: ArrayLike<number>): void;
  /**
   * Specific orbital energy of the spacecraft minus the target's, m^2/s^2, evaluated without
   * cancellation; NaN for the linear model, which knows no absolute orbit.
   */
  energyGapM2S2(y: Float64Array): number;
  /** Adds an instantaneous velocity change given in RIC components, m/s. */
  applyImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void;
}
