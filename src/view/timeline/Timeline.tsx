/**
 * The timeline: a track over the whole scenario to scrub, hour ticks, a playhead that follows the
 * clock by mutation, and markers for burns, keep-out violations and closest approaches; clicking a
 * marker jumps the clock there.
 */

import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import { formatMet, formatUtc } from '../model/format.ts';
import type { MissionEvent } from '../model/mission.ts';
import { timeTickStepS } from '../model/scale.ts';
import { useClockListener } from '../useClockListener.ts';

const KIND_ROW: Record<MissionEvent['kind'], string> = {
  burn: 'row-burn',
  violation: 'row-violation',
  'closest-approach': 'row-ca',
  'pair-closest-approach': 'row-ca',
  eclipse: 'row-eclipse',
};

/** The timeline track. */
export function Timeline() {
  const { mission, clock, seek } = useAppStore(
    useShallow((s) => ({ mission: s.mission, clock: s.clock, seek: s.seek })),
  );
  const track = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const [widthPx, setWidthPx] = useState(600);
  const scrubbing = useRef(false);

  useEffect(() => {
    const el = track.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidthPx(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Transforms only (no layout), 8 times a second while playing: outside the canvas every update
  // widens the area the compositor redraws, which software GL feels.
  useClockListener(
    clock,
    (c) => {
      const d = mission?.durationS ?? 0;
      const f = d > 0 ? Math.min(1, Math.max(0, c.tS / d)) : 0;
      const x = `translateX(${(f * widthPx).toFixed(1)}px)`;
      if (head.current && head.current.style.transform !== x) head.current.style.transform = x;
      const sx = `scaleX(${f.toFixed(5)})`;
      if (fill.current && fill.current.style.transform !== sx) fill.current.style.transform = sx;
      if (head.current) head.current.dataset.tS = String(c.tS);
    },
    8,
    [mission, widthPx],
  );

  if (!mission) return <div className="timeline" />;
  const durationS = mission.durationS;
  const timeAt = (clientX: number): number => {
    const r = track.current!.getBoundingClientRect();
    return (Math.min(Math.max(clientX - r.left, 0), r.width) / Math.max(1, r.width)) * durationS;
  };
  const onDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    scrubbing.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    seek(timeAt(e.clientX));
  };
  const onMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (scrubbing.current) seek(timeAt(e.clientX));
  };
  const onUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    scrubbing.current = false;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) {
      e.currentTarget.releasePointerCapture(e.pointerId);
    }
  };

  const step = timeTickStepS(durationS, widthPx);
  const ticks: number[] = [];
  for (let t = 0; t <= durationS + 1e-9; t += step) ticks.push(t);
  const pct = (t: number) => `${(100 * t) / durationS}%`;

  return (
    <div className="timeline" data-testid="timeline">
      <div
        className="timeline-track"
        ref={track}
        data-testid="timeline-track"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      >
        <div className="timeline-rail" />
        <div className="timeline-fill" ref={fill} />
        {ticks.map((t) => (
          <div className="timeline-tick" key={t} style={{ left: pct(t) }}>
            <span>{step >= 3600 ? `${Math.round(t / 3600)} h` : formatMet(t).slice(2, 7)}</span>
          </div>
        ))}
        {mission.events.map((e) => {
          const end = e.endS !== undefined && Number.isFinite(e.endS) ? e.endS : e.tS;
          const isBand = e.kind === 'violation' || e.kind === 'eclipse';
          return (
            <button
              type="button"
              key={e.id}
              className={`timeline-marker ${KIND_ROW[e.kind]} kind-${e.kind}`}
              style={{
                left: pct(e.tS),
                width: isBand ? `max(4px, ${(100 * (end - e.tS)) / durationS}%)` : undefined,
                ['--marker-color' as string]: e.color,
              }}
              title={`${formatMet(e.tS)} · ${e.craftId} · ${e.title} — ${e.detail}\n${formatUtc(mission.epochMs, e.tS)}`}
              aria-label={`${e.title} at ${formatMet(e.tS)}`}
              data-testid="timeline-marker"
              data-kind={e.kind}
              data-t-s={e.tS}
              onPointerDown={(ev) => ev.stopPropagation()}
              onClick={() => seek(e.tS)}
            />
          );
        })}
        <div className="timeline-head" ref={head} data-testid="timeline-head" />
      </div>
    </div>
  );
}
