// The app store (src/state/store.ts): loading keeps the old mission when the new one is invalid
// (problems with JSON paths, from the loader or from the run), playback mirrors the clock, and
// event stepping moves it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/state/store.ts';
import { examplesFromFiles } from '../../src/view/model/examples.ts';
import { createInProcessClient } from '../../src/worker/inProcess.ts';

const text = (name: string) => readFileSync(`scenarios/${name}.json`, 'utf8');
const examples = examplesFromFiles({
  '/scenarios/skynet5a-inspection.json': text('skynet5a-inspection'),
  '/scenarios/football.json': text('football'),
});

describe('app store', () => {
  it('loads a scenario: mission, clock span, focus', async () => {
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    expect(await store.getState().loadExample('football')).toBe(true);
    const s = store.getState();
    expect(s.mission?.scenario.name).toBe(JSON.parse(text('football')).name);
    expect(s.exampleName).toBe('football');
    expect(s.missionSerial).toBe(1);
    expect(s.loading).toBe(false);
    expect(s.clock.endS).toBe(s.mission!.durationS);
    expect(s.clock.tS).toBe(0);
    expect(s.focusCraftId).toBe(s.mission!.crafts[0]!.id);
  });

  it('an invalid file lists its problems with JSON paths and keeps the mission shown', async () => {
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    await store.getState().loadExample('skynet5a-inspection');
    const before = store.getState().mission;
    const bad = JSON.parse(text('skynet5a-inspection'));
    bad.durationS = -1;
    bad.spacecraft[0].initial.positionM = [0, 'x', 0];
    expect(await store.getState().loadText(JSON.stringify(bad), 'bad.json')).toBe(false);
    const s = store.getState();
    expect(s.mission).toBe(before);
    expect(s.missionSerial).toBe(1);
    expect(s.loadError?.sourceName).toBe('bad.json');
    const paths = s.loadError!.issues.map((i) => i.path);
    expect(paths).toContain('durationS');
    expect(paths).toContain('spacecraft[0].initial.positionM[1]');

    expect(await store.getState().loadText('{ not json', 'broken.json')).toBe(false);
    expect(store.getState().loadError?.issues[0]?.message).toMatch(/not valid JSON/);
    store.getState().dismissError();
    expect(store.getState().loadError).toBeNull();
  });

  it('a plan that cannot be flown reports the run error at its path', async () => {
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    const s = JSON.parse(text('skynet5a-inspection'));
    // A football of the wrong amplitude for where the spacecraft is (run-time check).
    s.spacecraft[0].maneuvers = [{ type: 'football', tS: 100, amplitudeM: 50 }];
    expect(await store.getState().loadText(JSON.stringify(s), 'unflyable.json')).toBe(false);
    const issue = store.getState().loadError!.issues[0]!;
    expect(issue.path).toMatch(/^spacecraft\[0\]\.maneuvers\[0\]/);
    expect(issue.message).not.toMatch(/^spacecraft/);
  });

  it('an unknown example name is a load error', async () => {
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    expect(await store.getState().loadExample('nope')).toBe(false);
    expect(store.getState().loadError?.issues[0]?.message).toContain('no example named "nope"');
  });

  it('overlapping loads: the last one started wins', async () => {
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    const first = store.getState().loadExample('skynet5a-inspection');
    const second = store.getState().loadExample('football');
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(store.getState().exampleName).toBe('football');
  });

  it('mirrors play / pause and speed, also when the clock stops at the end', async () => {
    const store = createAppStore({ examples, speed: 100, simulator: createInProcessClient() });
    await store.getState().loadExample('football', { play: false });
    const { clock } = store.getState();
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(true);
    store.getState().stepSpeed(1);
    expect(store.getState().speed).toBe(300);
    store.getState().setSpeed(10_000);
    clock.seek(clock.endS - 1);
    clock.tick(0.05);
    expect(clock.tS).toBe(clock.endS);
    expect(store.getState().playing).toBe(false);
  });

  it('steps to the next and previous event, and to the ends past them', async () => {
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    await store.getState().loadExample('skynet5a-inspection', { play: false });
    const { clock, mission } = store.getState();
    const times = [...new Set(mission!.events.map((e) => e.tS))].sort((a, b) => a - b);
    const firstAfterZero = times.find((t) => t > 1e-3)!;
    store.getState().stepEvent(1);
    expect(clock.tS).toBe(firstAfterZero);
    store.getState().stepEvent(-1);
    expect(clock.tS).toBe(0);
    store.getState().stepEvent(-1);
    expect(clock.tS).toBe(0);
    clock.seek(clock.endS);
    store.getState().stepEvent(1);
    expect(clock.tS).toBe(clock.endS);
  });
});
