// HUD and panel texts: times, distances, rates, with their units.

import { describe, expect, it } from 'vitest';
import {
  formatDistance,
  formatDv,
  formatHms,
  formatMet,
  formatShortDuration,
  formatSpeed,
  formatUtc,
} from '../../src/view/model/format.ts';

describe('formats', () => {
  it('UTC time of the epoch plus sim time', () => {
    const epoch = Date.parse('2026-03-20T00:00:00Z');
    expect(formatUtc(epoch, 0)).toBe('2026-03-20 00:00:00 UTC');
    expect(formatUtc(epoch, 172_800 - 0.5)).toBe('2026-03-21 23:59:59 UTC');
    expect(formatUtc(epoch, 86_400 + 3723.9)).toBe('2026-03-21 01:02:03 UTC');
  });

  it('mission elapsed time, hours not wrapped', () => {
    expect(formatMet(0)).toBe('T+00:00:00');
    expect(formatMet(3723.99)).toBe('T+01:02:03');
    expect(formatMet(172_800)).toBe('T+48:00:00');
    expect(formatHms(-61)).toBe('-00:01:01');
  });

  it('distances with a fitting unit', () => {
    expect(formatDistance(12.34)).toBe('12.3 m');
    expect(formatDistance(845.4)).toBe('845 m');
    expect(formatDistance(2345)).toBe('2.35 km');
    expect(formatDistance(12_400)).toBe('12.4 km');
    expect(formatDistance(Infinity)).toBe('—');
  });

  it('speeds keep their sign, but not on zero', () => {
    expect(formatSpeed(-0.1452)).toBe('-0.145 m/s');
    expect(formatSpeed(-0.00001)).toBe('0.0000 m/s');
    expect(formatSpeed(12.345)).toBe('12.35 m/s');
    expect(formatDv(-0.642)).toBe('0.642 m/s');
  });

  it('short durations', () => {
    expect(formatShortDuration(45)).toBe('45 s');
    expect(formatShortDuration(720)).toBe('12 min');
    expect(formatShortDuration(3 * 3600 + 5 * 60 + 40)).toBe('3 h 05 min');
  });
});
