/**
 * The heads-up display over the scene: UTC time and mission elapsed time, lighting, and per
 * spacecraft the range and range rate to the target, delta-v used so far, and the next maneuver
 * with its countdown. React lays it out once per mission; the numbers are written into the DOM
 * with the other time displays, 10 times a second while playing (no re-render per frame).
 */

import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import {
  formatDistance,
  formatDv,
  formatHms,
  formatMet,
  formatSpeed,
  formatUtc,
} from '../model/format.ts';
import { dvUsedMps, nextBurn, type Mission } from '../model/mission.ts';
import { useClockListener } from '../useClockListener.ts';
import { HudWarnings } from './HudWarnings.tsx';
import {
  formatLongitude,
  longitudeDegAt,
  MAX_LONGITUDE_INCLINATION_DEG,
} from '../model/longitude.ts';

const state = new Float64Array(6);

/** Writes `text` into `el` when it differs (no layout work for unchanged text). */
function put(el: HTMLElement | null | undefined, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}

/** The target's slot for longitudes (near-equatorial targets with a report), or null. */
function longitudeTarget(mission: Mission) {
  const slot = mission.report?.geoSlots?.[0];
  if (!slot || !(slot.inclinationDeg < MAX_LONGITUDE_INCLINATION_DEG)) return null;
  return {
    longitudeDeg: slot.longitudeDeg,
    driftDegPerDay: slot.driftDegPerDay,
    radiusM: slot.semiMajorAxisM,
  };
}

/** Text of the HUD at `tS` for one spacecraft. */
function craftTexts(mission: Mission, index: number, tS: number) {
  const c = mission.crafts[index]!;
  c.ephemeris.stateAt(tS, state);
  const lonTarget = longitudeTarget(mission);
  const r = Math.hypot(state[0]!, state[1]!, state[2]!);
  const rate =
    r > 0 ? (state[0]! * state[3]! + state[1]! * state[4]! + state[2]! * state[5]!) / r : 0;
  const next = nextBurn(c, tS);
  return {
    range: formatDistance(r),
    rate: formatSpeed(rate),
    dv: `${formatDv(dvUsedMps(c, tS))} of ${formatDv(c.totalDvMps)} planned`,
    dvShort: formatDv(dvUsedMps(c, tS)),
    next: next ? next.label : '—',
    countdown: next ? `in ${formatHms(next.tS - tS)}` : 'no more burns',
    nextS: next ? next.tS : Infinity,
    lon: lonTarget ? formatLongitude(longitudeDegAt(lonTarget, tS, state[0]!, state[1]!)) : '—',
  };
}

/** Whether the target is lit at `tS`, from the run's eclipse intervals. */
function lightingText(mission: Mission, tS: number): string {
  const type = mission.scenario.target.orbit.type;
  if (type === 'elliptical' || type === 'elements') return '—';
  let text = 'sunlit';
  for (const e of mission.eclipses) {
    if (tS >= e.startS && tS < e.endS) {
      if (e.kind === 'umbra') return 'in eclipse (umbra)';
      text = 'in penumbra';
    }
  }
  return text;
}

/** The target's name, sub-satellite longitude and drift at the epoch (from the report). */
function targetSlotText(mission: Mission): string {
  const slot = mission.report?.geoSlots?.[0];
  const name = mission.scenario.target.name;
  if (!slot) return name;
  const lon = slot.longitudeDeg;
  const drift = slot.driftDegPerDay;
  return `${name} · ${Math.abs(lon).toFixed(2)}° ${lon >= 0 ? 'E' : 'W'} · two-body drift ${drift >= 0 ? '+' : '−'}${Math.abs(drift).toFixed(3)}°/day`;
}

/** The HUD. */
export function Hud() {
  const { mission, clock } = useAppStore(
    useShallow((s) => ({ mission: s.mission, clock: s.clock })),
  );
  const root = useRef<HTMLDivElement>(null);

  useClockListener(
    clock,
    (c) => {
      const el = root.current;
      if (!el || !mission) return;
      const q = (id: string) => el.querySelector<HTMLElement>(`[data-field="${id}"]`);
      put(q('utc'), formatUtc(mission.epochMs, c.tS));
      put(q('met'), formatMet(c.tS));
      put(q('sun'), lightingText(mission, c.tS));
      const lonTarget = longitudeTarget(mission);
      put(
        q('target-lon'),
        lonTarget ? formatLongitude(longitudeDegAt(lonTarget, c.tS, 0, 0)) : '—',
      );
      let soonest: { id: string; next: string; countdown: string; nextS: number } | null = null;
      mission.crafts.forEach((craft, k) => {
        const t = craftTexts(mission, k, c.tS);
        if (t.nextS < (soonest?.nextS ?? Infinity)) soonest = { id: craft.id, ...t };
        const row = el.querySelector<HTMLElement>(`[data-craft-index="${k}"]`);
        if (!row) return;
        const f = (id: string) => row.querySelector<HTMLElement>(`[data-field="${id}"]`);
        put(f('range'), t.range);
        put(f('rate'), t.rate);
        put(f('dv'), t.dv);
        put(f('dv-short'), t.dvShort);
        put(f('lon'), t.lon);
        put(f('next'), t.next);
        put(f('countdown'), t.countdown);
      });
      // Several spacecraft: one line for the soonest burn of any of them.
      const s = soonest as { id: string; next: string; countdown: string } | null;
      put(q('next-any'), s ? `${s.id} · ${s.next}` : '—');
      put(q('countdown-any'), s ? s.countdown : 'no more burns');
    },
    [mission],
  );

  if (!mission) return null;
  return (
    <div className="hud panel-glass" ref={root} data-testid="hud">
      <div className="hud-time">
        <div className="hud-utc" data-field="utc" data-testid="hud-utc">
          {formatUtc(mission.epochMs, 0)}
        </div>
        <div className="hud-met-row">
          <span className="hud-met" data-field="met" data-testid="hud-met">
            {formatMet(0)}
          </span>
          <span className="hud-dim"> / {formatMet(mission.durationS)}</span>
        </div>
        <div className="hud-sun">
          <span className="hud-dim">Target </span>
          <span data-field="sun" data-testid="hud-sun">
            —
          </span>
        </div>
        <div className="hud-dim" data-testid="hud-target">
          {targetSlotText(mission)}
        </div>
        <div>
          <span className="hud-dim">Target now </span>
          <span data-field="target-lon" data-testid="hud-target-lon">
            —
          </span>
        </div>
      </div>
      {mission.crafts.length === 1 ? (
        mission.crafts.map((c, k) => (
          <div
            className="hud-craft"
            key={c.id}
            data-craft-index={k}
            data-testid={`hud-craft-${c.id}`}
          >
            <div className="hud-craft-name">
              <span className="swatch" style={{ background: c.color }} />
              {c.id}
            </div>
            <dl className="hud-grid">
              <dt>Range</dt>
              <dd data-field="range" data-testid={`hud-range-${c.id}`}>
                —
              </dd>
              <dt>Range rate</dt>
              <dd data-field="rate">{formatSpeed(0)}</dd>
              <dt>Longitude</dt>
              <dd data-field="lon" data-testid={`hud-lon-${c.id}`}>
                —
              </dd>
              <dt>Δv used</dt>
              <dd data-field="dv" data-testid={`hud-dv-${c.id}`}>
                —
              </dd>
              <dt>Next burn</dt>
              <dd>
                <span data-field="next" className="hud-next">
                  —
                </span>{' '}
                <span data-field="countdown" className="hud-dim">
                  —
                </span>
              </dd>
            </dl>
          </div>
        ))
      ) : (
        <div className="hud-craft">
          <table className="hud-table">
            <thead>
              <tr>
                <th />
                <th>Range</th>
                <th>Rate (m/s)</th>
                <th>Δv used</th>
                <th>Lon</th>
              </tr>
            </thead>
            <tbody>
              {mission.crafts.map((c, k) => (
                <tr key={c.id} data-craft-index={k} data-testid={`hud-craft-${c.id}`}>
                  <td className="hud-craft-name">
                    <span className="swatch" style={{ background: c.color }} />
                    {c.id}
                  </td>
                  <td data-field="range" data-testid={`hud-range-${c.id}`}>
                    —
                  </td>
                  <td data-field="rate">—</td>
                  <td data-field="dv-short">—</td>
                  <td data-field="lon" data-testid={`hud-lon-${c.id}`}>
                    —
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="hud-next-any">
            <span className="hud-dim">Next burn </span>
            <span data-field="next-any" className="hud-next">
              —
            </span>{' '}
            <span data-field="countdown-any" className="hud-dim">
              —
            </span>
          </div>
        </div>
      )}
      <HudWarnings mission={mission} clock={clock} />
    </div>
  );
}
