/**
 * The HUD's range warnings (scenario `warnRangeM`): for each inspector against the target and
 * every other spacecraft, the time to the next closest approach after the clock and the
 * predicted miss distance, from the computed trajectory; a row turns amber when the predicted
 * miss is inside the warning range. Written into the DOM with the other time displays.
 */

import { useMemo, useRef } from 'react';
import type { SimClock } from '../../state/clock.ts';
import { approachAhead, approachStreams } from '../model/approaches.ts';
import { formatDistance, formatHms } from '../model/format.ts';
import type { Mission } from '../model/mission.ts';
import { useClockListener } from '../useClockListener.ts';

/** The warnings block of the HUD (nothing without `warnRangeM`). */
export function HudWarnings({ mission, clock }: { mission: Mission; clock: SimClock }) {
  const warnRangeM = mission.scenario.warnRangeM;
  const streams = useMemo(
    () =>
      warnRangeM === undefined ? [] : approachStreams(mission.crafts, mission.scenario.target.name),
    [mission.crafts, mission.scenario.target.name, warnRangeM],
  );
  const root = useRef<HTMLDivElement>(null);
  useClockListener(
    clock,
    (c) => {
      const el = root.current;
      if (!el || warnRangeM === undefined) return;
      streams.forEach((s, k) => {
        const row = el.querySelector<HTMLElement>(`[data-stream="${k}"]`);
        if (!row) return;
        const a = approachAhead(s, c.tS, warnRangeM);
        const text =
          a.timeToGoS === null
            ? 'no closest approach before the end'
            : `closest in ${formatHms(a.timeToGoS)} · miss ${formatDistance(a.missM!)}`;
        const value = row.querySelector<HTMLElement>('[data-field="ca"]');
        if (value && value.textContent !== text) value.textContent = text;
        row.classList.toggle('warn', a.warn);
        row.dataset.warn = String(a.warn);
      });
    },
    [streams],
  );
  if (warnRangeM === undefined) return null;
  return (
    <div className="hud-warnings" ref={root} data-testid="hud-warnings">
      <div className="hud-dim">Warnings (miss inside {formatDistance(warnRangeM)})</div>
      {streams.map((s, k) => (
        <div
          key={`${s.id}-${s.otherKind}-${s.other}`}
          className="warn-row"
          data-stream={k}
          data-testid={`hud-warning-${s.id}-${s.other}`}
        >
          {s.id} → {s.other}: <span data-field="ca">—</span>
        </div>
      ))}
    </div>
  );
}
