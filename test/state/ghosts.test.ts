// The ghosts beside the run (src/state/ghosts.ts): switched on, the ghost of the truth follows
// every trajectory shown (loads and edits) and is the run of the same scenario in the other model;
// a what-if keeps the previous run, with arrays of its own, until another scenario is loaded.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setAtPath } from '../../src/editing/jsonText.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { createGhostStore } from '../../src/state/ghosts.ts';
import { createAppStore } from '../../src/state/store.ts';
import { fadeColor, formatOffset, PREVIOUS_RUN_COLOR } from '../../src/view/model/ghost.ts';
import { examplesFromFiles } from '../../src/view/model/examples.ts';
import { createInProcessClient } from '../../src/worker/inProcess.ts';

const text = (name: string) => readFileSync(`scenarios/${name}.json`, 'utf8');
const examples = examplesFromFiles({ '/scenarios/football.json': text('football') });

async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 4000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** The run of `scenarioText` in `dynamics`: its first spacecraft's ephemeris. */
function otherModelRun(scenarioText: string, dynamics: 'cw' | 'nonlinear') {
  const v = validateScenario(JSON.parse(scenarioText));
  if (!v.ok) throw new Error('invalid');
  return runScenario({ ...v.scenario, dynamics }, { recordEphemeris: true }).spacecraft[0]!
    .ephemeris!;
}

describe('the ghost of the truth in the app', () => {
  it('follows loads and edits, and is the run in the other model', async () => {
    const app = createAppStore({ examples, simulator: createInProcessClient() });
    const ghosts = createGhostStore(app);
    await app.getState().loadExample('football');
    expect(ghosts.getState().truthStatus).toBe('off');
    ghosts.getState().setTruthOn(true);
    await settle(() => ghosts.getState().truthStatus === 'shown');
    let g = ghosts.getState().truth!;
    expect(g.dynamics).toBe('cw'); // football.json flies the nonlinear model
    let truth = otherModelRun(app.getState().text, 'cw');
    expect(g.crafts[0]!.ephemeris.stateRic.slice(0, 6 * truth.count)).toEqual(
      truth.stateRic.slice(0, 6 * truth.count),
    );
    expect(g.crafts[0]!.color).toBe(fadeColor('#7cff6b', 0.5));
    // An edit: a new ghost, of the edited plan.
    app.getState().edit((t) => setAtPath(t, ['dynamics'], 'cw'));
    await settle(
      () => ghosts.getState().truth?.dynamics === 'nonlinear' && app.getState().docStatus === 'ok',
    );
    g = ghosts.getState().truth!;
    truth = otherModelRun(app.getState().text, 'nonlinear');
    expect(g.crafts[0]!.ephemeris.count).toBe(truth.count);
    expect(g.crafts[0]!.ephemeris.stateRic.slice(0, 6 * truth.count)).toEqual(
      truth.stateRic.slice(0, 6 * truth.count),
    );
    // Off: nothing shown, nothing asked.
    ghosts.getState().setTruthOn(false);
    expect(ghosts.getState().truth).toBeNull();
  });

  it('keeps the previous run with arrays of its own; another scenario drops it', async () => {
    const app = createAppStore({ examples, simulator: createInProcessClient() });
    const ghosts = createGhostStore(app);
    await app.getState().loadExample('football');
    const before = app.getState().mission!.crafts[0]!;
    ghosts.getState().keepPrevious();
    const prev = ghosts.getState().previous![0]!;
    expect(prev.color).toBe(PREVIOUS_RUN_COLOR);
    expect(prev.ephemeris.stateRic.buffer).not.toBe(before.ephemeris.stateRic.buffer);
    expect(prev.ephemeris.stateRic.slice(0, 6 * prev.ephemeris.count)).toEqual(
      before.ephemeris.stateRic.slice(0, 6 * before.ephemeris.count),
    );
    await app.getState().loadText(text('football'), 'football.json');
    expect(ghosts.getState().previous).toBeNull();
  });
});

describe('numbers of the ghosts', () => {
  it('formats a model difference with its unit and sign', () => {
    expect(formatOffset(0.0031)).toBe('+3 mm');
    expect(formatOffset(-0.42)).toBe('−420 mm');
    expect(formatOffset(44.7052)).toBe('+44.71 m');
    expect(formatOffset(-1250)).toBe('−1.25 km');
    expect(formatOffset(1e-5)).toBe('0 mm');
  });

  it('fades a colour towards the scene background', () => {
    expect(fadeColor('#ffffff', 1)).toBe('#ffffff');
    expect(fadeColor('#ffffff', 0)).toBe('#04070c');
    expect(fadeColor('#ff0000', 0.5)).toBe('#820406');
  });
});
