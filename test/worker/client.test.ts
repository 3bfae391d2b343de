// The simulation worker protocol in node: what a worker answers (previews, exact trajectories,
// scores, located problems), what it transfers, and the page's client: one request in flight,
// only the newest waiting, a preview then the exact run unless a newer edit waits.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setAtPath } from '../../src/editing/jsonText.ts';
import { runScenario } from '../../src/sim/run.ts';
import { trajectoryPayload } from '../../src/view/model/payload.ts';
import {
  computeResponse,
  EXACT_WITHOUT_PREVIEW_NODES,
  PREVIEW_NODES,
  previewStepS,
  recycle,
  recycledBytes,
} from '../../src/worker/compute.ts';
import {
  SimulationClient,
  workerPort,
  type EarlyWorker,
  type SimPort,
} from '../../src/worker/client.ts';
import { createInProcessClient } from '../../src/worker/inProcess.ts';
import {
  isSimResponse,
  transferList,
  type SimRequest,
  type SimResponse,
} from '../../src/worker/protocol.ts';
import { makeScenario, valid } from '../helpers.ts';

const example = readFileSync('scenarios/skynet5a-inspection.json', 'utf8');

/** The default scenario at 0.25 s steps: 691,200 nodes, a plan that gets a preview first. */
const heavy = setAtPath(example, ['stepS'], 0.25);

describe('worker answers', () => {
  it('a preview only for a plan heavier than EXACT_WITHOUT_PREVIEW_NODES', () => {
    const s = JSON.parse(example) as Parameters<typeof previewStepS>[0];
    // 172,800 nodes: answered exactly; two spacecraft (345,600): a preview at 18 s steps.
    expect(previewStepS(s)).toBeNull();
    const two = { ...s, spacecraft: [s.spacecraft[0]!, { ...s.spacecraft[0]!, id: 'B' }] };
    expect(previewStepS(two)).toBe(18);
    expect(previewStepS(JSON.parse(heavy) as typeof s)).toBe(8.75);
    expect(previewStepS({ ...s, durationS: EXACT_WITHOUT_PREVIEW_NODES })).toBeNull();
    expect(previewStepS({ ...s, durationS: EXACT_WITHOUT_PREVIEW_NODES + 1 })).toBe(13);
  });

  it('a preview of a heavy scenario at a coarser step: same burns, same end', () => {
    const preview = computeResponse({ id: 1, kind: 'preview', text: heavy });
    const exact = computeResponse({ id: 2, kind: 'trajectory', text: heavy });
    if (preview.kind !== 'trajectory' || !preview.ok) throw new Error('no preview');
    if (exact.kind !== 'trajectory' || !exact.ok) throw new Error('no trajectory');
    expect(preview.stage).toBe('preview');
    expect(preview.stepS).toBe(8.75);
    expect(exact.stage).toBe('exact');
    expect(exact.stepS).toBe(0.25);
    // The scenario shown is the text's, whatever step the preview ran at.
    expect(preview.trajectory.scenario.stepS).toBe(0.25);
    const p = preview.trajectory.crafts[0]!;
    const e = exact.trajectory.crafts[0]!;
    expect(p.count).toBeLessThanOrEqual(PREVIEW_NODES + 100);
    expect(e.count).toBeGreaterThanOrEqual(691_200);
    // The same burns (a triggered one located to the same millisecond tolerance).
    expect(p.burns.length).toBe(e.burns.length);
    p.burns.forEach((b, i) => {
      expect(b.tS).toBeCloseTo(e.burns[i]!.tS, 2);
      expect(Math.hypot(...b.dvMps)).toBeCloseTo(Math.hypot(...e.burns[i]!.dvMps), 6);
    });
    expect(p.totalDvMps).toBeCloseTo(e.totalDvMps, 6);
    expect(p.minRangeM).toBeCloseTo(e.minRangeM, 2);
    const endP = p.stateRic.subarray((p.count - 1) * 6, p.count * 6);
    const endE = e.stateRic.subarray((e.count - 1) * 6, e.count * 6);
    for (let i = 0; i < 3; i++) expect(endP[i]!).toBeCloseTo(endE[i]!, 1);
  });

  it('a small scenario needs no preview: the answer is exact', () => {
    const s = valid(makeScenario({ durationS: 20_000, stepS: 10 }));
    expect(previewStepS(s)).toBeNull();
    const res = computeResponse({ id: 1, kind: 'preview', text: JSON.stringify(s) });
    expect(res.kind === 'trajectory' && res.ok && res.stage).toBe('exact');
  });

  it('problems come back located in the text (validation and run errors)', () => {
    const bad = setAtPath(example, ['spacecraft', 0, 'maneuvers', 0, 'toInTrackM'], 'far');
    const res = computeResponse({ id: 3, kind: 'preview', text: bad });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const issue = res.issues.find((i) => i.path === 'spacecraft[0].maneuvers[0].toInTrackM')!;
    expect(bad.slice(issue.from, issue.to)).toBe('"far"');
    // A plan that cannot be flown: a football that does not fit where the spacecraft is.
    const unflyable = setAtPath(example, ['spacecraft', 0, 'maneuvers', 2, 'amplitudeM'], 50);
    const run = computeResponse({ id: 4, kind: 'preview', text: unflyable });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    const at = run.issues[0]!;
    expect(at.path).toMatch(/^spacecraft\[0\]\.maneuvers\[2\]/);
    // Underlined where the path points: the amplitude, or the maneuver.
    expect(unflyable.slice(at.from, at.to)).toMatch(
      at.path.endsWith('amplitudeM') ? /^50$/ : /^\{/,
    );
  });

  it('a score: the report of the text', () => {
    const res = computeResponse({ id: 5, kind: 'score', text: example });
    if (res.kind !== 'score' || !res.ok) throw new Error('no score');
    expect(res.report.format).toBe('rpo-report');
    expect(res.report.score.overall).toBeGreaterThan(80);
  });

  it('hands the ephemeris arrays over without copying, and survives structured cloning', () => {
    const res = computeResponse({ id: 6, kind: 'preview', text: example });
    const buffers = transferList(res);
    expect(buffers.length).toBe(5);
    const clone = structuredClone(res, { transfer: buffers }) as SimResponse;
    expect(isSimResponse(clone)).toBe(true);
    if (clone.kind !== 'trajectory' || !clone.ok) throw new Error('lost');
    expect(clone.trajectory.crafts[0]!.stateRic.length).toBeGreaterThan(0);
    // Transferred: the sender's arrays are detached.
    if (res.kind === 'trajectory' && res.ok) expect(res.trajectory.crafts[0]!.tS.length).toBe(0);
    expect(transferList({ id: 1, kind: 'score', ok: false, issues: [], computeMs: 0 })).toEqual([]);
  });
});

/** A port whose responses the test releases by hand. */
function manualPort() {
  const posted: SimRequest[] = [];
  const recycled: ArrayBuffer[][] = [];
  let listener: (res: SimResponse) => void = () => {};
  const port: SimPort = {
    post: (req) => posted.push(req),
    recycle: (buffers) => recycled.push(buffers),
    listen: (fn) => {
      listener = fn;
    },
    cancel: () => {},
    terminate: () => {},
  };
  const answer = (req: SimRequest, stage: 'preview' | 'exact' = 'exact'): void =>
    listener({
      id: req.id,
      kind: 'trajectory',
      ok: true,
      stage,
      stepS: 1,
      computeMs: 0,
      trajectory: { scenario: {} as never, crafts: [], pairs: [], extentM: 0 },
    });
  return { port, posted, recycled, answer };
}

describe('the page client: newest first, never behind', () => {
  it('one request in flight; only the newest waiting one is sent next', async () => {
    const t = manualPort();
    const client = new SimulationClient(t.port, manualPort().port);
    const a = client.trajectory('a');
    const b = client.trajectory('b');
    const c = client.trajectory('c');
    expect(t.posted.map((r) => r.text)).toEqual(['a']);
    // b was replaced before it was sent.
    expect(await b.result).toBeNull();
    t.answer(t.posted[0]!);
    expect((await a.result)?.id).toBe(a.id);
    expect(t.posted.map((r) => r.text)).toEqual(['a', 'c']);
    t.answer(t.posted[1]!);
    expect((await c.result)?.id).toBe(c.id);
    expect(client.idle('trajectory')).toBe(true);
    expect(c.id).toBeGreaterThan(a.id);
  });

  it('a preview, then the exact run of the same text under the same id', async () => {
    const t = manualPort();
    const client = new SimulationClient(t.port, manualPort().port);
    const previews: SimResponse[] = [];
    const a = client.trajectory('a', (p) => previews.push(p));
    expect(t.posted[0]!.kind).toBe('preview');
    t.answer(t.posted[0]!, 'preview');
    expect(previews.map((p) => p.id)).toEqual([a.id]);
    expect(t.posted.map((r) => [r.kind, r.id])).toEqual([
      ['preview', a.id],
      ['trajectory', a.id],
    ]);
    t.answer(t.posted[1]!);
    const res = await a.result;
    expect(res?.kind === 'trajectory' && res.ok && res.stage).toBe('exact');
  });

  it('a newer edit waiting skips the exact run of the older one', async () => {
    const t = manualPort();
    const client = new SimulationClient(t.port, manualPort().port);
    const a = client.trajectory('a', () => {});
    const b = client.trajectory('b', () => {});
    t.answer(t.posted[0]!, 'preview');
    expect(await a.result).toBeNull();
    expect(t.posted.map((r) => [r.text, r.kind])).toEqual([
      ['a', 'preview'],
      ['b', 'preview'],
    ]);
    t.answer(t.posted[1]!, 'preview');
    t.answer(t.posted[2]!);
    expect((await b.result)?.id).toBe(b.id);
  });

  it('in-process ports give the same answers as a worker (node)', async () => {
    const client = createInProcessClient();
    const previews: SimResponse[] = [];
    const ticket = client.trajectory(heavy, (p) => previews.push(p));
    const res = await ticket.result;
    expect(previews).toHaveLength(1);
    expect(res?.kind === 'trajectory' && res.ok && res.stage).toBe('exact');
    const score = await client.score(example).result;
    expect(score?.kind).toBe('score');
    client.dispose();
  });
});

describe('recycled buffers (the page hands back what it no longer shows)', () => {
  const edited = setAtPath(example, ['spacecraft', 0, 'maneuvers', 0, 'toInTrackM'], -3500);

  it('the next trajectory lives in the recycled buffers and equals one in new arrays', () => {
    const first = computeResponse({ id: 1, kind: 'trajectory', text: example });
    if (first.kind !== 'trajectory' || !first.ok) throw new Error('no trajectory');
    const buffers = transferList(first);
    expect(recycledBytes()).toBe(0);
    recycle(buffers);
    expect(recycledBytes()).toBe(buffers.reduce((sum, b) => sum + b.byteLength, 0));
    const again = computeResponse({ id: 2, kind: 'trajectory', text: edited });
    if (again.kind !== 'trajectory' || !again.ok) throw new Error('no trajectory');
    const reused = new Set<ArrayBuffer>(buffers);
    const c = again.trajectory.crafts[0]!;
    for (const a of [c.tS, c.stateRic, c.importance, c.candidates, c.rangeM]) {
      expect(reused.has(a.buffer as ArrayBuffer)).toBe(true);
    }
    // Recycled buffers hold the first run's numbers: every element read must be rewritten.
    const fresh = trajectoryPayload(
      runScenario(valid(JSON.parse(edited)), { recordEphemeris: true, checkConstraints: false }),
    ).crafts[0]!;
    expect(c.count).toBe(fresh.count);
    expect(firstDifference(c.tS, fresh.tS, c.count)).toBe(-1);
    expect(firstDifference(c.stateRic, fresh.stateRic, 6 * c.count)).toBe(-1);
    expect(firstDifference(c.rangeM, fresh.rangeM, c.count)).toBe(-1);
    expect(firstDifference(c.importance, fresh.importance, c.count)).toBe(-1);
    expect(c.candidates.length).toBe(fresh.candidates.length);
    expect(firstDifference(c.candidates, fresh.candidates, c.candidates.length)).toBe(-1);
  });

  it('the client sends a trajectory back to the trajectory worker only', () => {
    const t = manualPort();
    const scores = manualPort();
    const client = new SimulationClient(t.port, scores.port);
    const res = computeResponse({ id: 1, kind: 'trajectory', text: example });
    if (res.kind !== 'trajectory' || !res.ok) throw new Error('no trajectory');
    client.recycle(res.trajectory);
    expect(t.recycled).toEqual([transferList(res)]);
    expect(scores.recycled).toEqual([]);
  });
});

/** Index of the first of the first `n` elements where a and b differ, or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  for (let k = 0; k < n; k++) if (!Object.is(a[k], b[k])) return k;
  return -1;
}

describe("the worker index.html's head started (EarlyWorker)", () => {
  /** A stand-in for a Worker: records what is posted; node has no Worker to start another. */
  function fakeWorker() {
    const posted: unknown[] = [];
    const w = {
      onmessage: null as ((e: { data: unknown }) => void) | null,
      onerror: null as unknown,
      postMessage: (m: unknown) => posted.push(m),
      terminate: () => {},
    };
    return { w, posted };
  }

  it('the port takes the started worker: requests go to it, its answers come back', async () => {
    const { w, posted } = fakeWorker();
    const early: EarlyWorker = {
      script: Promise.resolve('blob:sim'),
      worker: Promise.resolve(w as unknown as Worker),
    };
    const client = new SimulationClient(workerPort(early.script, early), manualPort().port);
    const a = client.trajectory('a');
    await new Promise((r) => setTimeout(r, 0));
    expect(posted).toEqual([{ id: a.id, kind: 'trajectory', text: 'a' }]);
    const answer = computeResponse({ id: a.id, kind: 'trajectory', text: example });
    w.onmessage!({ data: answer });
    expect((await a.result)?.ok).toBe(true);
  });

  it('an error the worker reported before the page took it fails the request with it', async () => {
    const { w, posted } = fakeWorker();
    const early: EarlyWorker = {
      script: Promise.resolve('blob:sim'),
      worker: Promise.resolve(w as unknown as Worker),
      error: 'SyntaxError: Unexpected token',
    };
    const client = new SimulationClient(workerPort(early.script, early), manualPort().port);
    const res = await client.trajectory('a').result;
    expect(posted).toEqual([]);
    expect(res?.ok).toBe(false);
    expect(res && !res.ok && res.issues[0]!.message).toBe(
      'the simulation worker failed: SyntaxError: Unexpected token',
    );
  });
});
