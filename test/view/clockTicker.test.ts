// The sim-time displays (HUD, transport time, timeline playhead) are updated together from one
// reading of the clock, so they never show different times while playing (issue 11, item 8: the
// HUD and the timeline clock differed by minutes at high speed, each throttled on its own).

import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/state/clock.ts';
import { addClockDisplay, DISPLAY_HZ } from '../../src/view/clockTicker.ts';

describe('clock displays', () => {
  it('every display of a clock sees the same sim times while playing at 10000x', () => {
    const clock = new SimClock();
    clock.reset(0, 172800);
    clock.setMultiplier(10000);
    let wallMs = 0;
    const now = () => wallMs;
    const hud: number[] = [];
    const transport: number[] = [];
    const removeHud = addClockDisplay(clock, (c) => hud.push(c.tS), now);
    addClockDisplay(clock, (c) => transport.push(c.tS), now);
    clock.play();
    // 60 fps frames of irregular length for 3 s of wall time
    for (let k = 0; k < 180; k++) {
      const dtS = (k % 3 === 0 ? 20 : 15) / 1000;
      wallMs += dtS * 1000;
      clock.tick(dtS);
    }
    expect(transport).toEqual(hud);
    // throttled: about DISPLAY_HZ updates per wall second, not one per frame
    expect(hud.length).toBeGreaterThan(2.5 * DISPLAY_HZ);
    expect(hud.length).toBeLessThan(3.5 * DISPLAY_HZ + 3);
    // a seek reaches every display at once
    clock.seek(1234);
    expect(hud.at(-1)).toBe(1234);
    expect(transport.at(-1)).toBe(1234);
    removeHud();
    clock.seek(99);
    expect(hud.at(-1)).toBe(1234);
    expect(transport.at(-1)).toBe(99);
  });
});
