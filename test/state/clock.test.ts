// The playback clock (src/state/clock.ts): sim time = speed x clamped wall time, stopping at the
// end; seeks clamp; listeners hear every change.

import { describe, expect, it } from 'vitest';
import { MAX_FRAME_DELTA_S, SimClock, type ClockChange } from '../../src/state/clock.ts';

function clock(endS = 1000, multiplier = 10) {
  const c = new SimClock();
  c.reset(0, endS);
  c.setMultiplier(multiplier);
  return c;
}

describe('SimClock', () => {
  it('advances by speed x wall time only while playing', () => {
    const c = clock();
    expect(c.tick(0.05)).toBe(false);
    expect(c.tS).toBe(0);
    c.play();
    expect(c.tick(0.05)).toBe(true);
    expect(c.tS).toBeCloseTo(0.5, 12);
    c.setMultiplier(100);
    c.tick(0.02);
    expect(c.tS).toBeCloseTo(2.5, 12);
    c.pause();
    c.tick(0.05);
    expect(c.tS).toBeCloseTo(2.5, 12);
  });

  it('clamps a long frame (a background tab) and ignores bad deltas', () => {
    const c = clock(1e6, 1000);
    c.play();
    c.tick(30);
    expect(c.tS).toBeCloseTo(MAX_FRAME_DELTA_S * 1000, 9);
    c.tick(-1);
    c.tick(Number.NaN);
    expect(c.tS).toBeCloseTo(MAX_FRAME_DELTA_S * 1000, 9);
  });

  it('stops at the end and tells its listeners; play at the end starts over', () => {
    const c = clock(10, 100);
    const heard: ClockChange[] = [];
    c.subscribe((_, change) => heard.push(change));
    c.play();
    c.tick(0.05);
    c.tick(0.05);
    expect(c.tS).toBe(10);
    expect(c.playing).toBe(false);
    expect(heard).toEqual(['state', 'tick', 'tick', 'state']);
    c.play();
    expect(c.tS).toBe(0);
    expect(c.playing).toBe(true);
  });

  it('seeks within the span', () => {
    const c = clock(500);
    c.seek(123.5);
    expect(c.tS).toBe(123.5);
    c.seek(-5);
    expect(c.tS).toBe(0);
    c.seek(1e9);
    expect(c.tS).toBe(500);
    c.seek(Number.NaN);
    expect(c.tS).toBe(0);
  });

  it('unsubscribes', () => {
    const c = clock();
    let n = 0;
    const off = c.subscribe(() => n++);
    c.seek(1);
    off();
    c.seek(2);
    expect(n).toBe(1);
  });

  it('an edit that shortens the run keeps the time inside it', () => {
    const c = clock(500);
    c.seek(400);
    c.setEnd(300);
    expect(c.endS).toBe(300);
    expect(c.tS).toBe(300);
    c.setEnd(1000);
    expect(c.tS).toBe(300);
    expect(c.endS).toBe(1000);
  });
});
