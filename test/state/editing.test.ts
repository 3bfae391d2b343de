// Plan editing in the store (src/state/store.ts) with the simulation computed in-process: an
// edit shows a preview then the exact trajectory, then the score; a text that does not run
// keeps the last good trajectory and lists its problems at their paths; one undo history; every
// change autosaved; the start-up plan (share link, draft, example); edit timings.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, loadDraft, type DraftStorage } from '../../src/editing/autosave.ts';
import { setAtPath } from '../../src/editing/jsonText.ts';
import {
  encodeShareFragment,
  decodeShareFragment,
  MAX_SHARED_BYTES,
} from '../../src/editing/share.ts';
import { EditTiming } from '../../src/state/editTiming.ts';
import { planStartup } from '../../src/state/startup.ts';
import { RECYCLE_DELAY_MS } from '../../src/state/recycling.ts';
import { createAppStore, EDITOR_OPEN_KEY, type AppState } from '../../src/state/store.ts';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/validate.ts';
import { examplesFromFiles } from '../../src/view/model/examples.ts';
import type { TrajectoryPayload } from '../../src/view/model/mission.ts';
import { createInProcessClient } from '../../src/worker/inProcess.ts';
import type { StoreApi } from 'zustand/vanilla';
import { HEAVY_TEST_TIMEOUT_MS, memoryStorage } from '../helpers.ts';

const text = (name: string) => readFileSync(`scenarios/${name}.json`, 'utf8');
const examples = examplesFromFiles({
  '/scenarios/skynet5a-inspection.json': text('skynet5a-inspection'),
  '/scenarios/football.json': text('football'),
  // The default at 0.25 s steps (691,200 nodes): heavy enough for its edits to get a preview
  // first (src/worker/compute.ts, EXACT_WITHOUT_PREVIEW_NODES).
  '/scenarios/heavy.json': setAtPath(text('skynet5a-inspection'), ['stepS'], 0.25),
});
const HOP = ['spacecraft', 0, 'maneuvers', 0, 'toInTrackM'];

/** Resolves when `pred` holds for the store's state. */
function until(store: StoreApi<AppState>, pred: (s: AppState) => boolean): Promise<AppState> {
  return new Promise((resolve, reject) => {
    if (pred(store.getState())) return resolve(store.getState());
    const timer = setTimeout(() => reject(new Error('timed out')), HEAVY_TEST_TIMEOUT_MS);
    const unsub = store.subscribe((s) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      unsub();
      resolve(s);
    });
  });
}

async function loaded(storage: DraftStorage | null = null, example = 'skynet5a-inspection') {
  const timing = new EditTiming();
  const store = createAppStore({
    examples,
    simulator: createInProcessClient(),
    storage,
    editTiming: timing,
    scoreDelayMs: 0,
  });
  expect(await store.getState().loadExample(example)).toBe(true);
  await until(store, (s) => s.mission?.scoreState === 'current');
  return { store, timing };
}

/** Records `stage:scoreState` of every mission the store shows from now on. */
function missionStages(store: StoreApi<AppState>): string[] {
  const stages: string[] = [];
  store.subscribe((s, p) => {
    if (s.mission !== p.mission) stages.push(`${s.trajectoryStage}:${s.mission!.scoreState}`);
  });
  return stages;
}

describe('editing the plan', () => {
  it(
    'an edit of a heavy plan shows its preview, then the exact trajectory, then its score',
    async () => {
      const { store } = await loaded(null, 'heavy');
      const before = store.getState().mission!;
      const stages = missionStages(store);
      store.getState().edit((t) => setAtPath(t, HOP, -3000), 'test');
      expect(store.getState().docStatus).toBe('running');
      const done = await until(
        store,
        (s) => s.mission !== before && s.mission?.scoreState === 'current',
      );
      expect(stages).toEqual(['preview:stale', 'exact:stale', 'exact:current']);
      expect(done.docStatus).toBe('ok');
      expect(done.missionSerial).toBe(1); // same scenario: the scene is not remounted
      expect(done.mission!.crafts[0]!.burns[0]!.dvMps).not.toBeCloseTo(
        before.crafts[0]!.burns[0]!.dvMps,
        6,
      );
      expect(done.mission!.report!.spacecraft[0]!.totalDvMps).toBeCloseTo(
        done.mission!.crafts[0]!.totalDvMps,
        9,
      );
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it('a text that does not run keeps the last good trajectory and lists its problems', async () => {
    const { store } = await loaded();
    const mission = store.getState().mission;
    store.getState().edit((t) => setAtPath(t, HOP, 'far'), 'test');
    const s = await until(store, (x) => x.docStatus === 'invalid');
    expect(s.mission).toBe(mission);
    const issue = s.issues.find((i) => i.path === 'spacecraft[0].maneuvers[0].toInTrackM')!;
    expect(s.text.slice(issue.from, issue.to)).toBe('"far"');
    // Not JSON at all: the form has nothing to read, the problem is at its line and column.
    store.getState().setText('{ "format": ', 'json');
    const broken = await until(store, (x) => x.docStatus === 'invalid' && x.docValue === null);
    expect(broken.issues[0]!.message).toMatch(/not valid JSON/);
    expect(broken.mission).toBe(mission);
  });

  it('one history: typing merges, undo and redo walk it, a new edit drops the redo branch', async () => {
    const { store } = await loaded();
    const start = store.getState().text;
    const st = store.getState();
    st.edit((t) => setAtPath(t, HOP, -3900), 'field:hop');
    st.edit((t) => setAtPath(t, HOP, -3800), 'field:hop');
    st.edit((t) => setAtPath(t, ['name'], 'Renamed'), 'json');
    expect(store.getState().canUndo).toBe(true);
    st.undo();
    expect(JSON.parse(store.getState().text).name).not.toBe('Renamed');
    expect(JSON.parse(store.getState().text).spacecraft[0].maneuvers[0].toInTrackM).toBe(-3800);
    st.undo();
    expect(store.getState().text).toBe(start);
    expect(store.getState().canUndo).toBe(false);
    st.redo();
    expect(JSON.parse(store.getState().text).spacecraft[0].maneuvers[0].toInTrackM).toBe(-3800);
    st.edit((t) => setAtPath(t, HOP, -3700), null);
    expect(store.getState().canRedo).toBe(false);
    await until(store, (s) => s.docStatus === 'ok' && s.mission?.scoreState === 'current');
    // A no-op edit is no step.
    const n = store.getState().text;
    st.edit((t) => t, null);
    st.undo();
    expect(store.getState().text).not.toBe(n);
  });

  it('every change is autosaved; loads are not (they change nothing the user wrote)', async () => {
    const storage = memoryStorage();
    const { store } = await loaded(storage);
    expect(loadDraft(storage)).toBeNull();
    store.getState().edit((t) => setAtPath(t, HOP, -3500), null);
    const draft = loadDraft(storage)!;
    expect(draft.text).toBe(store.getState().text);
    expect(draft.source).toBe('skynet5a-inspection.json');
    store.getState().undo();
    expect(loadDraft(storage)!.text).toBe(text('skynet5a-inspection'));
    expect(storage.map.has(AUTOSAVE_KEY)).toBe(true);
  });

  it('a full storage is said, not thrown', async () => {
    const { store } = await loaded({
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    });
    store.getState().edit((t) => setAtPath(t, HOP, -3500), null);
    expect(store.getState().autosaveError).toMatch(/could not autosave/);
  });

  it('"discard draft" goes back to the example the draft came from, and forgets it', async () => {
    const storage = memoryStorage();
    const { store } = await loaded(storage);
    store.getState().edit((t) => setAtPath(t, HOP, -3500), null);
    const draft = loadDraft(storage)!;
    store.getState().setDraftNote({ kind: 'restored', draft });
    await store.getState().discardDraft();
    expect(loadDraft(storage)).toBeNull();
    expect(store.getState().draftNote).toBeNull();
    expect(store.getState().text).toBe(text('skynet5a-inspection'));
    expect(store.getState().exampleName).toBe('skynet5a-inspection');
  });

  it('remembers whether the editor was open', () => {
    const storage = memoryStorage();
    const a = createAppStore({ examples, simulator: createInProcessClient(), storage });
    expect(a.getState().editorOpen).toBe(false);
    a.getState().setEditorOpen(true);
    expect(storage.map.get(EDITOR_OPEN_KEY)).toBe('1');
    const b = createAppStore({ examples, simulator: createInProcessClient(), storage });
    expect(b.getState().editorOpen).toBe(true);
  });

  it('an edit of a light plan shows its exact trajectory at once, then its score', async () => {
    const { store } = await loaded(null, 'football');
    const before = store.getState().mission!;
    const stages = missionStages(store);
    store.getState().edit((t) => setAtPath(t, ['durationS'], 80_000), 'test');
    await until(store, (s) => s.mission !== before && s.mission?.scoreState === 'current');
    expect(stages).toEqual(['exact:pending', 'exact:current']);
  });

  it(
    'edit timings: from the edit to the frame, preview and exact',
    async () => {
      const { store, timing } = await loaded(null, 'heavy');
      const before = store.getState().mission;
      // The scene's part: each trajectory shown is drawn.
      const unsub = store.subscribe(() => {
        if (timing.awaitingDraw) timing.drawn();
      });
      store.getState().edit((t) => setAtPath(t, HOP, -3600), null);
      await until(store, (s) => s.mission !== before && s.mission?.scoreState === 'current');
      unsub();
      expect(timing.samples.map((x) => x.stage)).toEqual(['preview', 'exact']);
      for (const x of timing.samples) {
        expect(x.computeMs).toBeGreaterThan(0);
        expect(x.drawnMs).toBeGreaterThanOrEqual(x.responseMs);
      }
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('recycling replaced trajectories', () => {
  it(
    'hands each replaced trajectory back after RECYCLE_DELAY_MS, never the one shown',
    async () => {
      const client = createInProcessClient();
      const recycled: TrajectoryPayload[] = [];
      const give = client.recycle.bind(client);
      client.recycle = (t) => {
        recycled.push(t);
        give(t);
      };
      // No score during the test (the heavy plan's takes seconds in this thread).
      const store = createAppStore({ examples, simulator: client, scoreDelayMs: 60_000 });
      expect(await store.getState().loadExample('heavy')).toBe(true);
      const loadedMission = store.getState().mission!;
      const shown: Float64Array[] = [loadedMission.crafts[0]!.ephemeris.stateRic];
      store.subscribe((st, prev) => {
        if (st.trajectorySerial !== prev.trajectorySerial)
          shown.push(st.mission!.crafts[0]!.ephemeris.stateRic);
      });
      store.getState().edit((t) => setAtPath(t, HOP, -3000), 'test');
      await until(store, (st) => st.docStatus === 'ok');
      // The load, the edit's preview and its exact run were shown, in that order.
      expect(shown).toHaveLength(3);
      expect(recycled).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, RECYCLE_DELAY_MS + 200));
      // Compared by identity (a deep comparison of millions of numbers takes seconds).
      expect(recycled).toHaveLength(2);
      expect(recycled[0]!.crafts[0]!.stateRic).toBe(shown[0]);
      expect(recycled[1]!.crafts[0]!.stateRic).toBe(shown[1]);
      // The trajectory shown stays readable.
      const current = store.getState().mission!.crafts[0]!.ephemeris;
      expect(current.stateRic).toBe(shown[2]);
      expect(current.stateRic.length).toBeGreaterThan(6 * 100_000);
      expect(Number.isFinite(current.stateRic[6 * (current.count - 1)])).toBe(true);
      client.dispose();
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('start-up: share link, draft or example', () => {
  const draft = { text: '{"edited": true}', source: 'skynet5a-inspection.json', savedAtMs: 1 };
  const none = { kind: 'none' } as const;

  it('a share link opens, and a different draft is offered', () => {
    const share = decodeShareFragment(`#${encodeShareFragment('{"shared": 1}')}`);
    const p = planStartup(share, '', draft, examples);
    expect(p.open).toEqual({ kind: 'share', text: '{"shared": 1}' });
    expect(p.offerDraft).toEqual(draft);
    expect(planStartup(share, '', null, examples).offerDraft).toBeNull();
  });

  it('a damaged link: its error, and the page opens as without it', () => {
    const p = planStartup({ kind: 'error', message: 'damaged' }, '', draft, examples);
    expect(p.shareError).toBe('damaged');
    expect(p.open).toEqual({ kind: 'draft', draft });
  });

  it('the draft is restored unless the URL asks for another example', () => {
    expect(planStartup(none, '', draft, examples).open.kind).toBe('draft');
    expect(planStartup(none, '?scenario=skynet5a-inspection', draft, examples).open.kind).toBe(
      'draft',
    );
    const other = planStartup(none, '?scenario=football', draft, examples);
    expect(other.open).toEqual({ kind: 'example', name: 'football' });
    expect(other.offerDraft).toEqual(draft);
  });

  it('a draft that is its example unchanged is no draft', () => {
    const same = { ...draft, text: text('skynet5a-inspection') };
    const p = planStartup(none, '', same, examples);
    expect(p.open).toEqual({ kind: 'example', name: 'skynet5a-inspection' });
    expect(p.offerDraft).toBeNull();
  });

  it('share links hold up to the loader’s size limit', () => {
    expect(MAX_SHARED_BYTES).toBe(MAX_SCENARIO_BYTES);
  });
});
