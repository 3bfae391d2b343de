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

/** Copies every field of a thrust state into another. */
export function copyThrustState(from: ThrustState, to: ThrustState): void {
  to.active = from.active;
  to.thrustN = from.thrustN;
  to.massStartKg = from.massStartKg;
  to.massFlowKgPerS = from.massFlowKgPerS;
  to.startS = from.startS;
  to.dirRic.set(from.dirRic);
}

/** Thrust acceleration magnitude at `tS` of an active thrust arc, m/s^2 (mass falls linearly). */
export function thrustAccelerationMps2(th: ThrustState, tS: number): number {
  return th.thrustN / (th.massStartKg - th.massFlowKgPerS * (tS - th.startS));
}

/** Identifies the equations a model integrates. */
export type DynamicsKind = 'cw' | 'nonlinear' | 'twobody' | 'perturbed' | 'ya';

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
   * Longest RK4 step the model takes, s: `rk4Step` splits a longer step into equal sub-steps
   * (Infinity: never). Set once per scenario (see `rk4MaxSubStepS`), so runs stay reproducible.
   */
  maxSubStepS: number;
  /**
   * Advances `y` in place by `hS` seconds from `tS` with classical RK4: one step, or
   * ceil(hS / maxSubStepS) equal sub-steps when hS is longer than `maxSubStepS`. The relative
   * models fuse the stages in scalar locals (about three times faster than the generic `Rk4`,
   * and checked equal to it in the tests); under thrust and in two-body they use the generic
   * stepper.
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
  /**
   * An impulse of the target (a maneuvering target), in the RIC components of the target's frame
   * at that instant, m/s: the target's velocity changes, the spacecraft's does not, and `y` is
   * re-expressed relative to the target (the RIC frame stays centred on it).
   */
  applyTargetImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void;
}

/**
 * What every model shares: the thrust state and the sub-stepping of `rk4Step` around the
 * model's own single RK4 step (`rk4Single`).
 */
export abstract class Rk4Model implements DynamicsModel {
  abstract readonly kind: DynamicsKind;
  abstract readonly stateSize: number;
  readonly thrust: ThrustState = createThrustState();
  maxSubStepS = Infinity;

  rk4Step(tS: number, y: Float64Array, hS: number): void {
    if (hS <= this.maxSubStepS) {
      this.rk4Single(tS, y, hS);
      return;
    }
    const k = Math.ceil(hS / this.maxSubStepS);
    const h = hS / k;
    for (let i = 0; i < k; i++) this.rk4Single(tS + i * h, y, h);
  }

  /** One classical RK4 step of `hS` seconds from `tS`, in place. */
  protected abstract rk4Single(tS: number, y: Float64Array, hS: number): void;
  abstract derivatives(tS: number, y: Float64Array, dy: Float64Array): void;
  abstract toRic(y: Float64Array, outRic: Float64Array): void;
  abstract setRic(y: Float64Array, ric: ArrayLike<number>): void;
  abstract energyGapM2S2(y: Float64Array): number;
  abstract applyImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void;
  abstract applyTargetImpulseRic(y: Float64Array, dvR: number, dvI: number, dvC: number): void;
}

/**
 * True anomaly the target sweeps at perigee during one RK4 sub-step, rad, for a run of at most
 * one orbit (`rk4MaxSubStepS`).
 */
export const RK4_PERIGEE_SWEEP_RAD = 0.01;

/**
 * Longest RK4 step that keeps relative positions within 1 mm or 1e-7 of the range (whichever is
 * larger) of two-body truth, for target eccentricities up to 0.8: the target sweeps at most
 * RK4_PERIGEE_SWEEP_RAD / orbits^0.4 of true anomaly per step at perigee, where `orbits` is the
 * run length in orbits (at least 1). RK4's error grows about as h^4 and, over N orbits, as
 * N^1.5 in relative terms; the rule was calibrated against analytic Kepler propagation for
 * e = 0 to 0.8, separations of 100 m to 50 km and 1 to 32 orbits, with a margin of about 5
 * (test/dynamics/eccentric.test.ts). A GEO target gives 137 s for one orbit (104 s for 48 h),
 * so the usual steps of 1 to 60 s are taken as they are.
 * @param semiMajorAxisM target semi-major axis, m
 * @param eccentricity target eccentricity, 0 <= e < 1
 * @param durationS run length, s
 * @param muM3S2 gravitational parameter, m^3/s^2
 * @returns the longest sub-step, s
 */
export function rk4MaxSubStepS(
  semiMajorAxisM: number,
  eccentricity: number,
  durationS: number,
  muM3S2: number,
): number {
  const a = semiMajorAxisM;
  const e = eccentricity;
  const perigeeM = a * (1 - e);
  const perigeeRateRadPerS = Math.sqrt((muM3S2 * (1 + e)) / (perigeeM * perigeeM * perigeeM));
  const periodS = 2 * Math.PI * Math.sqrt((a * a * a) / muM3S2);
  const orbits = Math.max(1, durationS / periodS);
  return RK4_PERIGEE_SWEEP_RAD / Math.pow(orbits, 0.4) / perigeeRateRadPerS;
}
