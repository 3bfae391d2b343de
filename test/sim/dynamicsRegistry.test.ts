import { describe, expect, it } from 'vitest';
import { CwDynamics } from '../../src/dynamics/cw.ts';
import { NonlinearCircularDynamics } from '../../src/dynamics/nonlinear.ts';
import { PerturbedDynamics } from '../../src/dynamics/perturbed.ts';
import { YaDynamics } from '../../src/dynamics/ya.ts';
import { TwoBodyDynamics } from '../../src/dynamics/twobody.ts';
import { BUILTIN_DYNAMICS, dynamicsModule } from '../../src/sim/dynamics/registry.ts';
import { createModel, initialModelState } from '../../src/sim/setup.ts';
import { makeScenario } from '../helpers.ts';

const orbits = [
  { type: 'geo', longitudeDeg: 0 },
  { type: 'circular', radiusM: 7_000_000 },
  { type: 'elliptical', semiMajorAxisM: 26_600_000, eccentricity: 0.7, trueAnomalyDeg: 0 },
] as const;

describe('dynamics registry', () => {
  it('serves each (dynamics, orbit type) pair with at most one module', () => {
    const seen = new Set<string>();
    for (const m of BUILTIN_DYNAMICS)
      for (const o of m.orbits) {
        const key = `${m.dynamics}/${o}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    expect([...seen].sort()).toEqual([
      'cw/circular',
      'cw/geo',
      'nonlinear/circular',
      'nonlinear/elements',
      'nonlinear/elliptical',
      'nonlinear/geo',
      'perturbed/circular',
      'perturbed/elements',
      'perturbed/elliptical',
      'perturbed/geo',
      'ya/circular',
      'ya/elements',
      'ya/elliptical',
      'ya/geo',
    ]);
  });

  it('builds the model kind of the scenario, and refuses a pair no module serves', () => {
    const cw = makeScenario({ target: { name: 'T', orbit: orbits[1] } });
    expect(createModel(cw, 0)).toBeInstanceOf(CwDynamics);
    expect(createModel({ ...cw, dynamics: 'nonlinear' }, 0)).toBeInstanceOf(
      NonlinearCircularDynamics,
    );
    const ell = makeScenario({ dynamics: 'nonlinear', target: { name: 'T', orbit: orbits[2] } });
    expect(createModel(ell, 0)).toBeInstanceOf(TwoBodyDynamics);
    expect(createModel({ ...ell, dynamics: 'perturbed' }, 0)).toBeInstanceOf(PerturbedDynamics);
    expect(createModel({ ...ell, dynamics: 'ya' }, 0)).toBeInstanceOf(YaDynamics);
    expect(() => dynamicsModule({ ...ell, dynamics: 'cw' })).toThrow(/no dynamics model/);
  });

  it('initial states map back to the RIC state given (m, m/s)', () => {
    const ric = [120, -3000, 45, 0.1, -0.02, 0.003];
    for (const orbit of orbits)
      for (const dynamics of ['cw', 'nonlinear', 'perturbed', 'ya'] as const) {
        if (dynamics === 'cw' && orbit.type === 'elliptical') continue;
        const s = makeScenario({ dynamics, target: { name: 'T', orbit } });
        const model = createModel(s, 0);
        const y = initialModelState(s, model, ric);
        expect(y.length).toBe(model.stateSize);
        const back = new Float64Array(6);
        model.toRic(y, back);
        for (let i = 0; i < 6; i++) expect(back[i]).toBeCloseTo(ric[i]!, i < 3 ? 6 : 9);
      }
  });
});
