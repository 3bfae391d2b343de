// A draft that does not run is never lost (issue 12, item 2): it is restored as text with its
// problems, and the next edit continues it rather than the scenario shown under it. Also the
// small things read from storage and links: a damaged draft time, an empty share link.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, loadDraft } from '../../src/editing/autosave.ts';
import { decodeShareFragment, encodeShareFragment } from '../../src/editing/share.ts';
import { createAppStore } from '../../src/state/store.ts';
import { examplesFromFiles } from '../../src/view/model/examples.ts';
import { createInProcessClient } from '../../src/worker/inProcess.ts';
import { makeScenario, memoryStorage } from '../helpers.ts';

const text = (name: string) => readFileSync(`scenarios/${name}.json`, 'utf8');
const examples = examplesFromFiles({
  '/scenarios/skynet5a-inspection.json': text('skynet5a-inspection'),
});

async function settle(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('restoring a draft that does not run', () => {
  it.each([
    ['a negative step', text('skynet5a-inspection').replace('"stepS": 1', '"stepS": -1'), 'stepS'],
    ['a deleted brace', text('skynet5a-inspection').replace(/\}\s*$/, ''), ''],
  ])(
    'keeps %s as the text, lists its problems, and autosaves edits of it',
    async (_, draftText, path) => {
      expect(draftText).not.toBe(text('skynet5a-inspection'));
      const storage = memoryStorage();
      const store = createAppStore({ examples, simulator: createInProcessClient(), storage });
      const draft = { text: draftText, source: 'skynet5a-inspection.json', savedAtMs: 1 };
      expect(await store.getState().openDraft()).toBe(false); // no note yet: nothing to open
      await store.getState().loadExample('skynet5a-inspection');
      store.setState({ draftNote: { kind: 'available', draft } });
      expect(await store.getState().openDraft()).toBe(false);
      await settle(() => store.getState().docStatus === 'invalid');
      const s = store.getState();
      expect(s.text).toBe(draftText);
      expect(s.docStatus).toBe('invalid');
      expect(s.issues.map((i) => i.path)).toContain(path);
      expect(s.draftNote).toEqual({ kind: 'restored', draft, hasProblems: true });
      expect(s.editorOpen).toBe(true);
      expect(s.loadError).toBeNull();
      expect(s.mission?.scenario.name).toBe(JSON.parse(text('skynet5a-inspection')).name);
      // the draft is still the stored one, and the next edit continues it
      expect(loadDraft(storage)?.text).toBe(draftText);
      store.getState().setText(`${draftText} `);
      expect(loadDraft(storage)?.text).toBe(`${draftText} `);
    },
  );
});

describe('stored and shared text', () => {
  it('keeps a draft whose saved time is damaged, with the time unknown', () => {
    const storage = memoryStorage();
    storage.setItem(
      AUTOSAVE_KEY,
      JSON.stringify({ text: 'edited', source: 'a.json', savedAtMs: 1e300 }),
    );
    const d = loadDraft(storage)!;
    expect(d.text).toBe('edited');
    expect(Number.isNaN(d.savedAtMs)).toBe(true);
    storage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: 'edited', savedAtMs: 'noon' }));
    expect(loadDraft(storage)).toEqual({
      text: 'edited',
      source: 'draft.json',
      savedAtMs: Number.NaN,
    });
  });

  it('says an empty share link is empty, not larger than 5 MB', () => {
    expect(decodeShareFragment('#scenario=')).toEqual({
      kind: 'error',
      message: 'the share link is empty: it holds no scenario',
    });
  });

  it('a link to 1,000 spacecraft decodes, and the loader refuses it at once at "spacecraft"', async () => {
    const craft = Array.from({ length: 1000 }, (_, i) => ({
      id: `s${i}`,
      initial: { frame: 'RIC', positionM: [0, -10000 - i, 0], velocityMps: [0, 0, 0] },
      maneuvers: [],
    }));
    const scenarioText = JSON.stringify(makeScenario({ spacecraft: craft as never }));
    const decoded = decodeShareFragment(encodeShareFragment(scenarioText));
    expect(decoded).toEqual({ kind: 'text', text: scenarioText });
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    await store.getState().loadExample('skynet5a-inspection');
    const before = store.getState().mission;
    expect(await store.getState().loadText(scenarioText, 'share link')).toBe(false);
    expect(store.getState().mission).toBe(before);
    expect(store.getState().loadError!.issues.map((i) => i.path)).toContain('spacecraft');
  });
});

describe('cancelling a run', () => {
  it('a load cancelled before its run ends fails as cancelled; the mission shown stays', async () => {
    const store = createAppStore({ examples, simulator: createInProcessClient() });
    await store.getState().loadExample('skynet5a-inspection');
    const before = store.getState().mission;
    store.getState().cancelLoad(); // nothing loading: nothing happens
    expect(store.getState().loadError).toBeNull();
    const loading = store.getState().loadText(text('skynet5a-inspection'), 'again.json');
    expect(store.getState().loading).toBe(true);
    store.getState().cancelLoad();
    expect(await loading).toBe(false);
    const s = store.getState();
    expect(s.loading).toBe(false);
    expect(s.mission).toBe(before);
    expect(s.loadError?.issues[0]?.message).toBe('the run was cancelled');
    // the simulator still works
    expect(await store.getState().loadText(text('skynet5a-inspection'), 'again.json')).toBe(true);
  });
});
