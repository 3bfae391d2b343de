/**
 * The RIC frame at the target: R (radial, up), I (in-track, right), C (cross-track, the orbit
 * normal) as labelled arrows of fixed screen length. World mapping: ../model/axes.ts.
 */

import { Arrow } from './Arrow.tsx';

/** RIC axis colours (the x/y/z red/green/blue habit, in RIC order). */
export const RIC_COLORS = { R: '#ff6b6b', I: '#69db7c', C: '#4dabf7' } as const;

const R_DIR: [number, number, number] = [0, 1, 0];
const I_DIR: [number, number, number] = [1, 0, 0];
const C_DIR: [number, number, number] = [0, 0, -1];

/** The labelled RIC axes. */
export function RicAxes() {
  return (
    <group name="ric-axes">
      <Arrow
        direction={R_DIR}
        color={RIC_COLORS.R}
        lengthPx={56}
        label="R"
        labelClassName="label-axis"
        labelTestId="axis-R"
      />
      <Arrow
        direction={I_DIR}
        color={RIC_COLORS.I}
        lengthPx={56}
        label="I"
        labelClassName="label-axis"
        labelTestId="axis-I"
      />
      <Arrow
        direction={C_DIR}
        color={RIC_COLORS.C}
        lengthPx={56}
        label="C"
        labelClassName="label-axis"
        labelTestId="axis-C"
      />
    </group>
  );
}
