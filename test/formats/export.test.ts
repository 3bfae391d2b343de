// The exchange files read back by small parsers written here (not the writers' code) and compared
// with the run's own states to the printed precision; the frame checked against astronomy-engine's
// geographic position of the EME2000 vectors; the RIC <-> inertial mapping round trip.
// References: CCSDS 502.0-B-3 (OEM, OPM), CCSDS 508.0-B-1 (CDM), CZML Packet reference,
// STK Help "Ephemeris File Format (*.e)".

import { AstroTime, Vector, VectorObserver } from 'astronomy-engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MU_EARTH_M3_S2 } from '../../src/core/constants.ts';
import { exportRun, ExportUnsupportedError, type ExportFile } from '../../src/formats/export.ts';
import { InertialFrame, inertialToRic, ricToInertial } from '../../src/formats/trajectory.ts';
import { runScenario, type RunResult } from '../../src/sim/run.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { keplerPropagate as keplerRef, ricToEci as ricToEciRef } from '../fixtures/kepler.ts';
import { makeScenario, valid } from '../helpers.ts';

type V3 = [number, number, number];

const EPOCH = '2026-03-20T00:00:00Z';
const EPOCH_MS = Date.parse(EPOCH);
const AU_M = 149_597_870_700;

/** Two spacecraft, impulses, a finite burn, masses: every kind of record the files carry. */
function scenario(over: Partial<Scenario> = {}): Scenario {
  return valid(
    makeScenario({
      name: 'export test',
      epoch: EPOCH,
      durationS: 21600,
      stepS: 10,
      dynamics: 'nonlinear',
      target: { name: 'SKYNET 5A', orbit: { type: 'geo', longitudeDeg: 6 } },
      spacecraft: [
        {
          id: 'hopper',
          name: 'Hopper One',
          color: '#ff8800',
          massKg: 500,
          ispS: 220,
          initial: { frame: 'RIC', positionM: [0, -10000, 0], velocityMps: [0, 0, 0] },
          maneuvers: [
            { type: 'impulse', tS: 3605, frame: 'RIC', dvMps: [-0.09, 0.01, 0.02] },
            {
              type: 'finite',
              tS: 7200,
              durationS: 120,
              frame: 'RIC',
              direction: [0, 1, 0],
              thrustN: 1,
              ispS: 300,
            },
            { type: 'impulse', tS: 14400, frame: 'RIC', dvMps: [0.05, 0, -0.01] },
          ],
        },
        {
          id: 'chaser',
          initial: { frame: 'RIC', positionM: [1000, -3000, 100], velocityMps: [0, 0.1, 0] },
          maneuvers: [],
        },
      ],
      ...over,
    }),
  );
}

function run(s: Scenario): RunResult {
  return runScenario(s, { recordEphemeris: true, checkConstraints: false });
}

function file(files: ExportFile[], name: string): string {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} among ${files.map((x) => x.name).join(', ')}`);
  return f.text;
}

/** UTC ISO time (no zone) -> s since the epoch, to the microsecond. */
function secondsOf(iso: string): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z?$/.exec(iso);
  if (!m) throw new Error(`bad time ${iso}`);
  return (Date.parse(`${m[1]}Z`) - EPOCH_MS) / 1000 + Number(m[2] ?? 0);
}

interface Segment {
  meta: Record<string, string>;
  comments: string[];
  t: number[];
  /** m and m/s */
  x: number[][];
}

/** A minimal OEM KVN reader: META_START/META_STOP blocks, then data lines (km, km/s). */
function parseOemKvn(text: string): { header: Record<string, string>; segments: Segment[] } {
  const header: Record<string, string> = {};
  const segments: Segment[] = [];
  let seg: Segment | null = null;
  let inMeta = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === 'META_START') {
      seg = { meta: {}, comments: [], t: [], x: [] };
      segments.push(seg);
      inMeta = true;
    } else if (line === 'META_STOP') inMeta = false;
    else if (line.startsWith('COMMENT')) seg?.comments.push(line.slice(8));
    else if (line.includes('=')) {
      const [k, v] = line.split('=').map((p) => p.trim());
      (inMeta ? seg!.meta : header)[k!] = v!;
    } else {
      const f = line.split(/\s+/);
      expect(f).toHaveLength(7);
      seg!.t.push(secondsOf(f[0]!));
      seg!.x.push(f.slice(1).map((v) => Number(v) * 1000));
    }
  }
  return { header, segments };
}

/** RIC of `s` relative to `t` (inertial m, m/s), written out here from the definition. */
function ricOf(t: number[], s: number[]): number[] {
  const r = t.slice(0, 3);
  const v = t.slice(3, 6);
  const norm = (a: number[]) => Math.hypot(a[0]!, a[1]!, a[2]!);
  const cross = (a: number[], b: number[]) => [
    a[1]! * b[2]! - a[2]! * b[1]!,
    a[2]! * b[0]! - a[0]! * b[2]!,
    a[0]! * b[1]! - a[1]! * b[0]!,
  ];
  const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const R = r.map((c) => c / norm(r));
  const h = cross(r, v);
  const C = h.map((c) => c / norm(h));
  const I = cross(C, R);
  const w = norm(h) / dot(r, r);
  const dr = [0, 1, 2].map((i) => s[i]! - r[i]!);
  const dv = [0, 1, 2].map((i) => s[3 + i]! - v[i]!);
  const rho = [dot(R, dr), dot(I, dr), dot(C, dr)];
  // rotating-frame rate: M dv - w x rho, w along C
  return [...rho, dot(R, dv) + w * rho[1]!, dot(I, dv) - w * rho[0]!, dot(C, dv)];
}

const r = run(scenario());
const created = '2026-03-19T12:00:00.000Z';

describe('OEM (KVN)', () => {
  const files = exportRun(r, 'oem', { creationDate: created, ric: true });
  const target = parseOemKvn(file(files, 'target.oem'));
  const hopper = parseOemKvn(file(files, 'hopper.oem'));

  it('has one file per object and the header and metadata the standard asks for', () => {
    expect(files.map((f) => f.name).sort()).toEqual(
      ['chaser.oem', 'chaser.ric.oem', 'hopper.oem', 'hopper.ric.oem', 'target.oem'].sort(),
    );
    expect(target.header).toEqual({
      CCSDS_OEM_VERS: '3.0',
      CREATION_DATE: '2026-03-19T12:00:00.000',
      ORIGINATOR: 'rpo-sim',
    });
    const m = hopper.segments[0]!.meta;
    expect(m).toMatchObject({
      OBJECT_NAME: 'Hopper One',
      OBJECT_ID: 'hopper',
      CENTER_NAME: 'EARTH',
      REF_FRAME: 'EME2000',
      TIME_SYSTEM: 'UTC',
      START_TIME: '2026-03-20T00:00:00.000000',
    });
    expect(target.segments[0]!.meta.STOP_TIME).toBe('2026-03-20T06:00:00.000000');
  });

  it('splits each spacecraft at its impulses: the states before and after share the epoch', () => {
    // two impulses -> three segments; the finite burn is continuous and stays inside one
    expect(hopper.segments).toHaveLength(3);
    expect(hopper.segments[0]!.t.at(-1)).toBe(3605);
    expect(hopper.segments[1]!.t[0]).toBe(3605);
    expect(hopper.segments[1]!.t.at(-1)).toBe(14400);
    expect(hopper.segments[2]!.t[0]).toBe(14400);
    for (const seg of hopper.segments)
      for (let k = 1; k < seg.t.length; k++) expect(seg.t[k]).toBeGreaterThan(seg.t[k - 1]!);
    const nodes = r.spacecraft[0]!.ephemeris!.count;
    expect(hopper.segments.reduce((n, s) => n + s.t.length, 0)).toBe(nodes);
  });

  it('maps back to the run RIC states within the printed precision (1 mm, 1 um/s per axis)', () => {
    const e = r.spacecraft[0]!.ephemeris!;
    const tIndex = new Map(target.segments[0]!.t.map((t, i) => [t, i]));
    let k = 0;
    let worstP = 0;
    let worstV = 0;
    let compared = 0;
    for (const seg of hopper.segments) {
      seg.t.forEach((t, j) => {
        expect(t).toBe(e.tS[k]);
        const ti = tIndex.get(t);
        // burn times off the 10 s grid have no target row to compare with
        if (ti === undefined) {
          k++;
          return;
        }
        compared++;
        const ric = ricOf(target.segments[0]!.x[ti]!, seg.x[j]!);
        for (let i = 0; i < 3; i++)
          worstP = Math.max(worstP, Math.abs(ric[i]! - e.stateRic[k * 6 + i]!));
        for (let i = 3; i < 6; i++)
          worstV = Math.max(worstV, Math.abs(ric[i]! - e.stateRic[k * 6 + i]!));
        k++;
      });
    }
    expect(compared).toBeGreaterThan(0.99 * e.count);
    // two numbers rounded to 0.5 mm each, rotated: at most ~1.8 mm; velocity also carries w x rho
    expect(worstP).toBeLessThan(2e-3);
    expect(worstV).toBeLessThan(4e-6);
  });

  it('is EME2000: the target sits over its longitude (6 deg E) on the equator at GEO height', () => {
    // astronomy-engine's VectorObserver takes an EQJ (J2000 mean equator) vector to geographic
    // coordinates through its own precession, nutation and sidereal time.
    for (const j of [0, 1000, 2160]) {
      const t = target.segments[0]!.t[j]!;
      const x = target.segments[0]!.x[j]!;
      const time = new AstroTime(new Date(EPOCH_MS + t * 1000));
      const obs = VectorObserver(new Vector(x[0]! / AU_M, x[1]! / AU_M, x[2]! / AU_M, time), false);
      // a GEO target keeps its longitude: 6 deg to ~1e-6 deg (the sidereal rate and mean motion
      // differ by 4e-10 relative) plus UT1 ~ UTC
      expect(obs.longitude).toBeCloseTo(6, 4);
      expect(Math.abs(obs.latitude)).toBeLessThan(1e-4);
    }
  });

  it('writes the RIC variant marked in COMMENTs, equal to the run states to the printed precision', () => {
    const ric = parseOemKvn(file(files, 'hopper.ric.oem'));
    expect(ric.segments[0]!.meta).toMatchObject({ REF_FRAME: 'RTN', CENTER_NAME: 'SKYNET 5A' });
    expect(ric.segments[0]!.comments.join(' ')).toMatch(/rotating frame/);
    const e = r.spacecraft[0]!.ephemeris!;
    const flat = ric.segments.flatMap((s) => s.x);
    expect(flat).toHaveLength(e.count);
    flat.forEach((x, k) => {
      for (let i = 0; i < 3; i++)
        expect(Math.abs(x[i]! - e.stateRic[k * 6 + i]!)).toBeLessThanOrEqual(5e-4 + 1e-9);
      for (let i = 3; i < 6; i++)
        expect(Math.abs(x[i]! - e.stateRic[k * 6 + i]!)).toBeLessThanOrEqual(5e-7 + 1e-12);
    });
  });

  it('resamples at --step-s, keeping both sides of each impulse', () => {
    const coarse = parseOemKvn(
      file(exportRun(r, 'oem', { creationDate: created, stepS: 600 }), 'hopper.oem'),
    );
    expect(coarse.segments[0]!.t.slice(0, 3)).toEqual([0, 600, 1200]);
    expect(coarse.segments[0]!.t.at(-1)).toBe(3605);
    expect(coarse.segments[1]!.t.slice(0, 2)).toEqual([3605, 4200]);
    // the resampled states lie on the every-node trajectory (cubic Hermite between 10 s nodes)
    const fine = hopper.segments[1]!;
    const i = fine.t.indexOf(4200);
    const j = coarse.segments[1]!.t.indexOf(4200);
    for (let c = 0; c < 6; c++) expect(coarse.segments[1]!.x[j]![c]).toBeCloseTo(fine.x[i]![c]!, 6);
  });
});

describe('OEM (XML)', () => {
  const xml = file(exportRun(r, 'oem-xml', { creationDate: created }), 'hopper.oem.xml');
  const kvn = parseOemKvn(file(exportRun(r, 'oem', { creationDate: created }), 'hopper.oem'));

  it('follows the NDM/XML OEM structure and carries the same states as the KVN', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<oem ')).toBe(true);
    expect(xml).toMatch(/<oem [^>]*id="CCSDS_OEM_VERS" version="3.0">/);
    expect(xml).toMatch(
      /<header>\s*<CREATION_DATE>[^<]+<\/CREATION_DATE>\s*<ORIGINATOR>rpo-sim<\/ORIGINATOR>\s*<\/header>/,
    );
    const segs = [
      ...xml.matchAll(
        /<segment>\s*<metadata>([\s\S]*?)<\/metadata>\s*<data>([\s\S]*?)<\/data>\s*<\/segment>/g,
      ),
    ];
    expect(segs).toHaveLength(kvn.segments.length);
    // metadata elements in the order of the schema's oemMetadata sequence
    const order = [
      'COMMENT',
      'OBJECT_NAME',
      'OBJECT_ID',
      'CENTER_NAME',
      'REF_FRAME',
      'REF_FRAME_EPOCH',
      'TIME_SYSTEM',
      'START_TIME',
      'USEABLE_START_TIME',
      'USEABLE_STOP_TIME',
      'STOP_TIME',
      'INTERPOLATION',
      'INTERPOLATION_DEGREE',
    ];
    segs.forEach((m, si) => {
      const names = [...m[1]!.matchAll(/<([A-Z_]+)>([^<]*)<\/\1>/g)];
      const idx = names.map((n) => order.indexOf(n[1]!));
      expect(idx.every((v, i) => v >= 0 && (i === 0 || v >= idx[i - 1]!))).toBe(true);
      for (const n of names)
        if (n[1] !== 'COMMENT') expect(kvn.segments[si]!.meta[n[1]!]).toBe(n[2]);
      const states = [
        ...m[2]!.matchAll(
          /<stateVector><EPOCH>([^<]+)<\/EPOCH><X>([^<]+)<\/X><Y>([^<]+)<\/Y><Z>([^<]+)<\/Z><X_DOT>([^<]+)<\/X_DOT><Y_DOT>([^<]+)<\/Y_DOT><Z_DOT>([^<]+)<\/Z_DOT><\/stateVector>/g,
        ),
      ];
      expect(states).toHaveLength(kvn.segments[si]!.t.length);
      states.forEach((sv, k) => {
        expect(secondsOf(sv[1]!)).toBe(kvn.segments[si]!.t[k]);
        expect(sv.slice(2).map((v) => Number(v) * 1000)).toEqual(kvn.segments[si]!.x[k]);
      });
    });
  });
});

/** A minimal KVN reader for OPM/CDM: blocks of KEY = VALUE [unit], repeated keys kept in order. */
function kvnPairs(text: string): Array<[string, string]> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('=') && !l.startsWith('COMMENT'))
    .map((l) => {
      const i = l.indexOf('=');
      return [
        l.slice(0, i).trim(),
        l
          .slice(i + 1)
          .replace(/\[[^\]]*\]\s*$/, '')
          .trim(),
      ];
    });
}

describe('OPM', () => {
  const files = exportRun(r, 'opm', { creationDate: created });
  const pairs = kvnPairs(file(files, 'hopper.opm'));
  const get = (k: string) => pairs.filter(([key]) => key === k).map(([, v]) => v);
  const oem = parseOemKvn(file(exportRun(r, 'oem', { creationDate: created }), 'hopper.oem'));

  it('gives the initial state of the OEM, in EME2000 / UTC', () => {
    expect(get('REF_FRAME')).toEqual(['EME2000']);
    expect(get('TIME_SYSTEM')).toEqual(['UTC']);
    expect(get('EPOCH')).toEqual(['2026-03-20T00:00:00.000000']);
    const x = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'].map((k) => Number(get(k)[0]) * 1000);
    // the OPM prints 1e-9 km and 1e-12 km/s (an initial state to read back), the OEM 1e-6 km
    // and 1e-9 km/s: equal to the OEM's rounding
    x.forEach((v, i) =>
      expect(Math.abs(v - oem.segments[0]!.x[0]![i]!)).toBeLessThanOrEqual(i < 3 ? 5e-4 : 5e-7),
    );
  });

  it('has one maneuver block per burn flown, whose RTN delta-v reproduces the OEM velocity jumps', () => {
    const epochs = get('MAN_EPOCH_IGNITION').map(secondsOf);
    expect(epochs).toEqual([3605, 7200, 14400]);
    expect(get('MAN_REF_FRAME')).toEqual(['RTN', 'RTN', 'RTN']);
    expect(get('MAN_DURATION').map(Number)).toEqual([0, 120, 0]);
    const dv = [0, 1, 2].map((b) =>
      ['MAN_DV_1', 'MAN_DV_2', 'MAN_DV_3'].map((k) => Number(get(k)[b]) * 1000),
    );
    // impulses: the OEM's velocity after minus before, in the spacecraft's own RTN (before)
    for (const [b, s] of [
      [0, 0],
      [2, 1],
    ] as const) {
      const before = oem.segments[s]!.x.at(-1)!;
      const after = oem.segments[s + 1]!.x[0]!;
      const jump = [3, 4, 5].map((i) => after[i]! - before[i]!);
      // ricOf of a co-located point gives the plain RTN projection of the velocity jump
      const rtn = ricOf(before, [
        ...before.slice(0, 3),
        ...before.slice(3).map((v, i) => v + jump[i]!),
      ]);
      for (let i = 0; i < 3; i++) expect(Math.abs(rtn[3 + i]! - dv[b]![i]!)).toBeLessThan(2e-6);
    }
    // sizes match the plan's RIC burns (a rotation keeps the length)
    expect(Math.hypot(...dv[0]!)).toBeCloseTo(Math.hypot(-0.09, 0.01, 0.02), 9);
  });

  it('states the mass change by the rocket equation', () => {
    const dm = get('MAN_DELTA_MASS').map(Number);
    const g0 = 9.80665;
    const dv0 = Math.hypot(-0.09, 0.01, 0.02);
    expect(dm[0]).toBeCloseTo(500 * (Math.exp(-dv0 / (220 * g0)) - 1), 6);
    expect(dm.every((v) => v < 0)).toBe(true);
    expect(kvnPairs(file(files, 'chaser.opm')).some(([k]) => k === 'MAN_EPOCH_IGNITION')).toBe(
      false,
    );
  });
});

describe('CDM-style summary', () => {
  const files = exportRun(r, 'cdm', { creationDate: created });

  it('writes one file per spacecraft against the target and per pair', () => {
    expect(files.map((f) => f.name).sort()).toEqual(
      ['hopper-chaser.cdm', 'target-chaser.cdm', 'target-hopper.cdm'].sort(),
    );
  });

  it('gives TCA, miss distance and the RTN relative state of the run closest approach', () => {
    const craft = r.spacecraft[0]!;
    const p = new Map(kvnPairs(file(files, 'target-hopper.cdm')));
    expect(secondsOf(p.get('TCA')!)).toBeCloseTo(craft.minRangeTS, 5);
    expect(Number(p.get('MISS_DISTANCE'))).toBeCloseTo(craft.minRangeM, 5);
    // object 1 is the target: its RTN is the RIC frame; velocity = rhoDot + w x rho
    const ric = craft.ephemeris!.stateAt(craft.minRangeTS, new Float64Array(6));
    const n = r.meanMotionRadPerS;
    const expected = [
      ric[0]!,
      ric[1]!,
      ric[2]!,
      ric[3]! - n * ric[1]!,
      ric[4]! + n * ric[0]!,
      ric[5]!,
    ];
    const got = [
      'RELATIVE_POSITION_R',
      'RELATIVE_POSITION_T',
      'RELATIVE_POSITION_N',
      'RELATIVE_VELOCITY_R',
      'RELATIVE_VELOCITY_T',
      'RELATIVE_VELOCITY_N',
    ].map((k) => Number(p.get(k)));
    got.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-5));
    expect(Number(p.get('RELATIVE_SPEED'))).toBeCloseTo(Math.hypot(...expected.slice(3)), 5);
  });

  it('lists both objects with EME2000 states', () => {
    const text = file(files, 'hopper-chaser.cdm');
    expect(text.match(/^OBJECT = OBJECT[12]$/gm)).toEqual(['OBJECT = OBJECT1', 'OBJECT = OBJECT2']);
    const p = kvnPairs(text);
    expect(p.filter(([k]) => k === 'REF_FRAME').map(([, v]) => v)).toEqual(['EME2000', 'EME2000']);
    expect(Number(new Map(p).get('MISS_DISTANCE'))).toBeCloseTo(r.pairs[0]!.minRangeM, 5);
  });
});

describe('CZML', () => {
  const doc = JSON.parse(file(exportRun(r, 'czml', { creationDate: created }), 'scenario.czml'));
  const oem = exportRun(r, 'oem', { creationDate: created });

  it('has a document packet with the clock, then one packet per object', () => {
    expect(doc[0]).toMatchObject({ id: 'document', version: '1.0' });
    expect(doc[0].clock.interval).toBe('2026-03-20T00:00:00.000000Z/2026-03-20T06:00:00.000000Z');
    expect(doc.slice(1).map((p: { id: string }) => p.id)).toEqual(['target', 'hopper', 'chaser']);
  });

  it('gives inertial positions in metres matching the OEM, one interval per arc', () => {
    const hopper = doc[2];
    expect(hopper.position).toHaveLength(3);
    const kvn = parseOemKvn(file(oem, 'hopper.oem'));
    hopper.position.forEach(
      (
        pos: {
          cartesian: number[];
          referenceFrame: string;
          epoch: string;
          interpolationAlgorithm: string;
        },
        s: number,
      ) => {
        expect(pos.referenceFrame).toBe('INERTIAL');
        expect(pos.interpolationAlgorithm).toBe('LAGRANGE');
        expect(secondsOf(pos.epoch)).toBe(0);
        const c = pos.cartesian;
        expect(c.length / 4).toBe(kvn.segments[s]!.t.length);
        for (let k = 0; k < c.length / 4; k++) {
          expect(c[4 * k]).toBe(kvn.segments[s]!.t[k]);
          for (let i = 0; i < 3; i++)
            expect(Math.abs(c[4 * k + 1 + i]! - kvn.segments[s]!.x[k]![i]!)).toBeLessThanOrEqual(
              1e-3,
            );
        }
      },
    );
    expect(hopper.point.color.rgba).toEqual([255, 136, 0, 255]);
  });
});

describe('STK .e', () => {
  const files = exportRun(r, 'stk-e', { creationDate: created });
  const kvn = parseOemKvn(file(exportRun(r, 'oem', { creationDate: created }), 'hopper.oem'));

  it('is stk.v.11.0 EphemerisTimePosVel in J2000, metres, with a boundary at each impulse', () => {
    const text = file(files, 'hopper.e');
    const lines = text.split('\n');
    expect(lines[0]).toBe('stk.v.11.0');
    const key = (k: string) => lines.find((l) => l.startsWith(`${k} `))?.slice(k.length + 1);
    expect(key('ScenarioEpoch')).toBe('20 Mar 2026 00:00:00.000000');
    expect(key('CoordinateSystem')).toBe('J2000');
    expect(key('CentralBody')).toBe('Earth');
    const b = lines.indexOf('BEGIN SegmentBoundaryTimes');
    expect(lines.slice(b + 1, b + 3).map(Number)).toEqual([3605, 14400]);
    const start = lines.indexOf('EphemerisTimePosVel') + 1;
    const end = lines.indexOf('END Ephemeris');
    const rows = lines.slice(start, end).map((l) => l.split(' ').map(Number));
    expect(rows).toHaveLength(Number(key('NumberOfEphemerisPoints')));
    const flatT = kvn.segments.flatMap((s) => s.t);
    const flatX = kvn.segments.flatMap((s) => s.x);
    rows.forEach((row, k) => {
      expect(row[0]).toBe(flatT[k]);
      for (let i = 0; i < 3; i++)
        expect(Math.abs(row[1 + i]! - flatX[k]![i]!)).toBeLessThanOrEqual(1e-3);
      for (let i = 3; i < 6; i++)
        expect(Math.abs(row[1 + i]! - flatX[k]![i]!)).toBeLessThanOrEqual(1e-6);
    });
  });
});

describe('RIC <-> inertial', () => {
  it('round-trips inertial -> RIC -> inertial to 1e-6 m and 1e-9 m/s', () => {
    const basis = new Float64Array(9);
    const ric = new Float64Array(6);
    const back = new Float64Array(6);
    const coord = fc.double({ min: -5e4, max: 5e4, noNaN: true });
    const rate = fc.double({ min: -5, max: 5, noNaN: true });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.tuple(coord, coord, coord, rate, rate, rate),
        (u, inc, d) => {
          const rT = 42_164_169.6;
          const vT = 3074.66;
          const ref = [
            rT * Math.cos(u),
            rT * Math.sin(u) * Math.cos(inc),
            rT * Math.sin(u) * Math.sin(inc),
            -vT * Math.sin(u),
            vT * Math.cos(u) * Math.cos(inc),
            vT * Math.cos(u) * Math.sin(inc) + 10,
          ];
          const state = ref.map((v, i) => v + d[i]!);
          inertialToRic(ref, state, basis, ric);
          ricToInertial(ref, ric, 0, basis, back);
          for (let i = 0; i < 3; i++) expect(Math.abs(back[i]! - state[i]!)).toBeLessThan(1e-6);
          for (let i = 3; i < 6; i++) expect(Math.abs(back[i]! - state[i]!)).toBeLessThan(1e-9);
          // and agrees with the definition written out in this test
          const def = ricOf(ref, state);
          for (let i = 0; i < 6; i++)
            expect(Math.abs(def[i]! - ric[i]!)).toBeLessThan(i < 3 ? 1e-6 : 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('exports an elliptical target by Kepler: perigee radius and speed at the epoch', () => {
    const s = scenario({
      target: {
        name: 'E',
        orbit: {
          type: 'elliptical',
          semiMajorAxisM: 42_164_169.6,
          eccentricity: 0.1,
          trueAnomalyDeg: 0,
        },
      },
    });
    const t = parseOemKvn(file(exportRun(run(s), 'oem', { creationDate: created }), 'target.oem'));
    const x0 = t.segments[0]!.x[0]!;
    const a = 42_164_169.6;
    const mu = 3.986004418e14;
    expect(Math.hypot(x0[0]!, x0[1]!, x0[2]!)).toBeCloseTo(a * 0.9, 2);
    expect(Math.hypot(x0[3]!, x0[4]!, x0[5]!)).toBeCloseTo(Math.sqrt((mu / a) * (1.1 / 0.9)), 5);
  });
});

describe('a maneuvering target (target.maneuvers)', () => {
  // Both objects propagated here on their own (Kepler + f and g, test/fixtures/kepler.ts) in
  // EME2000, the target's burns along its own R, I, C, from the target's initial state without
  // burns (checked above: over its longitude at GEO height; not the file's, rounded to 1 um/s).
  const burns: { tS: number; dv: V3 }[] = [
    { tS: 3000, dv: [0.4, 1.5, -0.6] },
    { tS: 9000, dv: [-0.9, -0.6, 1.2] },
  ];
  const initialRic = [500, -3000, 200, 0, 0.05, 0];
  const s = scenario({
    durationS: 14400,
    target: {
      name: 'SKYNET 5A',
      orbit: { type: 'geo', longitudeDeg: 6 },
      maneuvers: burns.map((b) => ({
        type: 'impulse' as const,
        tS: b.tS,
        frame: 'RIC' as const,
        dvMps: b.dv,
      })),
    },
    spacecraft: [
      {
        id: 'drifter',
        initial: {
          frame: 'RIC',
          positionM: initialRic.slice(0, 3) as V3,
          velocityMps: initialRic.slice(3) as V3,
        },
        maneuvers: [],
      },
    ],
  });
  const mr = run(s);
  const files = exportRun(mr, 'oem', { creationDate: created });
  const target = parseOemKvn(file(files, 'target.oem'));
  const drifter = parseOemKvn(file(files, 'drifter.oem'));
  const x0 = new Float64Array(6);
  new InertialFrame(s, []).targetEme(0, x0);
  const rT0 = Array.from(x0.subarray(0, 3)) as V3;
  const vT0 = Array.from(x0.subarray(3)) as V3;
  const c0 = ricToEciRef(rT0, vT0, initialRic);

  /** The reference target state at tS, before (`before`) or after a burn at tS. */
  function targetRef(tS: number, before: boolean): { r: V3; v: V3 } {
    let st = { r: rT0, v: vT0 };
    let t = 0;
    for (const b of burns) {
      if (b.tS > tS || (before && b.tS === tS)) break;
      st = keplerRef(st.r, st.v, b.tS - t, MU_EARTH_M3_S2);
      st = { r: st.r, v: ricToEciRef(st.r, st.v, [0, 0, 0, ...b.dv]).v };
      t = b.tS;
    }
    return keplerRef(st.r, st.v, tS - t, MU_EARTH_M3_S2);
  }
  const gap = (x: number[], ref: { r: V3; v: V3 }) => ({
    posM: Math.hypot(x[0]! - ref.r[0], x[1]! - ref.r[1], x[2]! - ref.r[2]),
    velMps: Math.hypot(x[3]! - ref.v[0], x[4]! - ref.v[1], x[5]! - ref.v[2]),
  });

  it('the target OEM flies its burns: one segment per arc, within 3 mm of Kepler with the burns', () => {
    expect(target.segments.map((g) => [g.t[0], g.t.at(-1)])).toEqual([
      [0, 3000],
      [3000, 9000],
      [9000, 14400],
    ]);
    let worst = 0;
    target.segments.forEach((g, a) =>
      g.t.forEach((t, k) => {
        const e = gap(g.x[k]!, targetRef(t, k === g.t.length - 1 && a < 2));
        worst = Math.max(worst, e.posM);
        expect(e.velMps).toBeLessThan(1e-5);
      }),
    );
    expect(worst).toBeLessThan(3e-3);
  });

  it('the spacecraft OEM is target + RIC about the maneuvered target: within 3 mm of Kepler', () => {
    let worst = 0;
    let afterBurns = 0;
    for (const g of drifter.segments)
      g.t.forEach((t, k) => {
        const e = gap(g.x[k]!, keplerRef(c0.r, c0.v, t, MU_EARTH_M3_S2));
        worst = Math.max(worst, e.posM);
        expect(e.velMps).toBeLessThan(1e-5);
        if (t > 9000) afterBurns++;
      });
    expect(afterBurns).toBeGreaterThan(100);
    expect(worst).toBeLessThan(3e-3);
  });

  it('RIC -> inertial -> RIC: the files give back the run RIC state after the burns (mm)', () => {
    const eph = mr.spacecraft[0]!.ephemeris!;
    const ric = new Float64Array(6);
    const tg = target.segments[2]!;
    const dg = drifter.segments.at(-1)!;
    let checked = 0;
    tg.t.forEach((t, k) => {
      const j = dg.t.indexOf(t);
      if (t === 9000 || j < 0) return;
      eph.stateAt(t, ric);
      const back = ricOf(tg.x[k]!, dg.x[j]!);
      for (let i = 0; i < 3; i++) expect(Math.abs(back[i]! - ric[i]!)).toBeLessThan(3e-3);
      for (let i = 3; i < 6; i++) expect(Math.abs(back[i]! - ric[i]!)).toBeLessThan(1e-5);
      checked++;
    });
    expect(checked).toBeGreaterThan(100);
  });

  it('target.opm: its initial state and one maneuver block per burn, RTN = its RIC, km/s', () => {
    const opm = file(exportRun(mr, 'opm', { creationDate: created }), 'target.opm');
    const pairs = kvnPairs(opm);
    const get = (k: string) => pairs.filter(([key]) => key === k).map(([, v]) => v);
    expect(get('OBJECT_ID')).toEqual(['target']);
    expect(get('MAN_REF_FRAME')).toEqual(['RTN', 'RTN']);
    expect(get('MAN_EPOCH_IGNITION').map(secondsOf)).toEqual([3000, 9000]);
    const dv = ['MAN_DV_1', 'MAN_DV_2', 'MAN_DV_3'].map((k) => get(k).map(parseFloat));
    burns.forEach((b, n) => b.dv.forEach((d, i) => expect(dv[i]![n]! * 1000).toBeCloseTo(d, 9)));
    const x = ['X', 'Y', 'Z'].map((k) => parseFloat(get(k)[0]!) * 1000);
    expect(Math.hypot(x[0]! - rT0[0], x[1]! - rT0[1], x[2]! - rT0[2])).toBeLessThan(1e-3);
  });
});

describe('a perturbed run', () => {
  it('is refused by every format, saying why (the writers know only the two-body target)', () => {
    const run = runScenario(valid({ ...scenario(), dynamics: 'perturbed', stepS: 10 }), {
      recordEphemeris: true,
      checkConstraints: false,
    });
    for (const format of ['oem', 'oem-xml', 'opm', 'cdm', 'czml', 'stk-e'] as const)
      expect(() => exportRun(run, format, { creationDate: EPOCH })).toThrow(ExportUnsupportedError);
    expect(() => exportRun(run, 'oem', { creationDate: EPOCH })).toThrow(/two-body orbit/);
  });
});
