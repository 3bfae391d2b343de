/**
 * `rpo-sim export --format czml` read back by CesiumJS itself (npm `cesium`, its built
 * Build/Cesium/Cesium.js) in headless Chromium: the document loads through
 * `CzmlDataSource.load`, and every object's position is sampled back from Cesium's
 * `SampledPositionProperty` in Cesium's INERTIAL frame and compared with our EME2000 ephemeris in
 * metres, at the samples written (the file's 1 mm rounding) and between them (Cesium's Lagrange
 * interpolation against our integration nodes there), on both sides of an impulse (each arc its
 * own interval, so the velocity jump is not smoothed over), and nowhere outside the run.
 * Reference: CesiumJS API (CzmlDataSource, PositionProperty.getValueInReferenceFrame,
 * ReferenceFrame.INERTIAL, JulianDate).
 */

import { readFileSync } from 'node:fs';
import type * as CesiumApi from 'cesium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../src/formats/export.ts';
import { inertialTrajectories, type ObjectTrajectory } from '../../src/formats/trajectory.ts';
import { loadScenario } from '../../src/scenario/validate.ts';
import { runScenario } from '../../src/sim/run.ts';
import { launchBrowser } from './browser.ts';

const CESIUM_JS = 'node_modules/cesium/Build/Cesium/Cesium.js';
/** CZML sample interval, s (the run's nodes are every 10 s). */
const SAMPLE_S = 60;

let browser: Browser | null = null;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A query: object id and time, s since the epoch. */
interface Probe {
  id: string;
  tS: number;
}

/** Cesium's INERTIAL positions (m) of the probes, null where the object has no position. */
async function cesiumPositions(
  czml: string,
  epochIso: string,
  probes: Probe[],
): Promise<{ positions: ([number, number, number] | null)[]; clock: [string, string] }> {
  const page = await browser!.newPage();
  try {
    await page.goto('about:blank');
    await page.addScriptTag({ path: CESIUM_JS });
    return await page.evaluate(
      async ({ czml, epochIso, probes }) => {
        const C = (window as unknown as { Cesium: typeof CesiumApi }).Cesium;
        const ds = await C.CzmlDataSource.load(JSON.parse(czml));
        const epoch = C.JulianDate.fromIso8601(epochIso);
        const positions = probes.map(({ id, tS }) => {
          const e = ds.entities.getById(id);
          if (!e) throw new Error(`no entity ${id}`);
          const t = C.JulianDate.addSeconds(epoch, tS, new C.JulianDate());
          const p = e.position?.getValueInReferenceFrame(t, C.ReferenceFrame.INERTIAL);
          return p ? ([p.x, p.y, p.z] as [number, number, number]) : null;
        });
        return {
          positions,
          clock: [
            C.JulianDate.toIso8601(ds.clock.startTime, 0),
            C.JulianDate.toIso8601(ds.clock.stopTime, 0),
          ] as [string, string],
        };
      },
      { czml, epochIso, probes },
    );
  } finally {
    await page.close();
  }
}

/** Our EME2000 position (m) of an object at a time that is a sample of one of its arcs. */
function ours(o: ObjectTrajectory, tS: number): [number, number, number] {
  for (const seg of o.segments) {
    const k = seg.tS.indexOf(tS);
    if (k >= 0) return [seg.stateM[k * 6]!, seg.stateM[k * 6 + 1]!, seg.stateM[k * 6 + 2]!];
  }
  throw new Error(`${o.id} has no sample at ${tS} s`);
}

const dist = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

describe('CZML read back by CesiumJS', () => {
  it('positions sampled back from Cesium equal our ephemeris (m), between samples and around impulses', async () => {
    const loaded = loadScenario(readFileSync('scenarios/vbar-hop.json', 'utf8'));
    if (!loaded.ok) throw new Error('vbar-hop is invalid');
    const s = loaded.scenario;
    const run = runScenario(s, { recordEphemeris: true, checkConstraints: false });
    const [file] = exportRun(run, 'czml', {
      creationDate: '2026-12-05T00:00:00.000',
      stepS: SAMPLE_S,
    });
    // every integration node (10 s): the truth between the 60 s samples written
    const fine = inertialTrajectories(run);
    const written = inertialTrajectories(run, { stepS: SAMPLE_S });
    expect(fine.map((o) => o.id)).toEqual(['target', 'hopper']);

    const atSamples: Probe[] = [];
    const between: Probe[] = [];
    for (const o of written) {
      const boundaries = new Set(o.segments.slice(1).map((g) => g.tS[0]!));
      for (const seg of o.segments) {
        for (let k = 0; k < seg.tS.length; k++) {
          const t = seg.tS[k]!;
          // at an impulse both arcs hold a state: Cesium picks one, compared apart below
          if (!boundaries.has(t)) atSamples.push({ id: o.id, tS: t });
          const next = seg.tS[k + 1];
          // midway between samples, on a 10 s integration node of the truth
          if (next !== undefined && next - t === SAMPLE_S)
            between.push({ id: o.id, tS: t + SAMPLE_S / 2 });
        }
      }
    }
    const hopper = written.find((o) => o.id === 'hopper')!;
    expect(hopper.segments.length).toBeGreaterThanOrEqual(3); // two impulses: three arcs
    // the integration nodes next to each impulse, on the arcs either side (Cesium interpolates there)
    const fineHopper = fine.find((o) => o.id === 'hopper')!;
    const around: Probe[] = fineHopper.segments.slice(1).flatMap((g, j) => {
      const before = fineHopper.segments[j]!.tS;
      return [
        { id: 'hopper', tS: before[before.length - 2]! },
        { id: 'hopper', tS: g.tS[1]! },
      ];
    });
    const outside: Probe[] = [
      { id: 'hopper', tS: -60 },
      { id: 'target', tS: s.durationS + 60 },
    ];
    const probes = [...atSamples, ...between, ...around, ...outside];
    const epochIso = new Date(Date.parse(s.epoch)).toISOString();
    const got = await cesiumPositions(file!.text, epochIso, probes);

    let worstSampleM = 0;
    let worstBetweenM = 0;
    probes.forEach((p, i) => {
      const c = got.positions[i];
      if (i >= atSamples.length + between.length + around.length) {
        expect(c, `${p.id} at ${p.tS} s is outside the run`).toBeNull();
        return;
      }
      expect(c, `${p.id} at ${p.tS} s`).not.toBeNull();
      const isSample = i < atSamples.length;
      const truth = ours(
        (isSample ? written : fine).find((o) => o.id === p.id)!,
        p.tS,
      );
      const d = dist(c!, truth);
      if (isSample) worstSampleM = Math.max(worstSampleM, d);
      else worstBetweenM = Math.max(worstBetweenM, d);
    });
    console.log(
      `CZML through CesiumJS: ${atSamples.length} samples within ${(worstSampleM * 1000).toFixed(3)} mm, ` +
        `${between.length + around.length} interpolated within ${(worstBetweenM * 1000).toFixed(3)} mm of our ephemeris`,
    );
    // the file writes positions to 1 mm: at most sqrt(3) * 0.5 mm off
    expect(worstSampleM).toBeLessThan(0.87e-3);
    // Lagrange degree 5 over 60 s samples of a GEO orbit, each arc apart: well under a centimetre
    // (smoothing an impulse's velocity jump over the arcs would be metres; a second of time, km)
    expect(worstBetweenM).toBeLessThan(5e-3);
    // the document's clock spans the run
    expect(got.clock).toEqual([
      epochIso.replace('.000Z', 'Z'),
      new Date(Date.parse(s.epoch) + s.durationS * 1000).toISOString().replace('.000Z', 'Z'),
    ]);
  });
});
