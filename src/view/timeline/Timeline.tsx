/**
 * The timeline: a track over the whole scenario to scrub, hour ticks, a playhead that follows the
 * clock by mutation, and markers for burns, keep-out violations and closest approaches; clicking a
 * marker jumps the clock there. While the plan editor is open, a burn marker can be dragged along
 * the track: it moves its maneuver's start (`tS` or `after`), or a transfer's arrival (its
 * `durationS`), in round steps; the whole drag is one undo step.
 */

import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { setAtPath } from '../../editing/jsonText.ts';
import { appStore, useAppStore } from '../../state/useAppStore.ts';
import { formatHms, formatMet, formatUtc } from '../model/format.ts';
import { burnDrag, burnDragValue, dragStep } from '../model/handles.ts';
import type { Mission, MissionEvent } from '../model/mission.ts';
import { timeTickStepS } from '../model/scale.ts';
import { useClockListener } from '../useClockListener.ts';

/** A burn marker being dragged: where it is drawn and what it sets. */
interface DragGhost {
  leftPct: number;
  text: string;
}

/** What a drag of this event's marker edits (null: not draggable). */
function dragOf(mission: Mission, e: MissionEvent) {
  if (!e.burn) return null;
  const burn = mission.crafts[e.burn.craftIndex]?.burns[e.burn.burnIndex];
  if (!burn) return null;
  return burnDrag(appStore.getState().docValue, e.burn.craftIndex, burn);
}

const KIND_ROW: Record<MissionEvent['kind'], string> = {
  burn: 'row-burn',
  violation: 'row-violation',
  'closest-approach': 'row-ca',
  'pair-closest-approach': 'row-ca',
  eclipse: 'row-eclipse',
  warning: 'row-warning',
};

/** The timeline track. */
export function Timeline() {
  const { mission, clock, seek, editing } = useAppStore(
    useShallow((s) => ({
      mission: s.mission,
      clock: s.clock,
      seek: s.seek,
      editing: s.editorOpen,
      // Re-render when the text changes: which markers can be dragged depends on it.
      doc: s.docValue,
    })),
  );
  const [ghost, setGhost] = useState<DragGhost | null>(null);
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

  // Transforms only (no layout), with the other time displays (10 times a second while playing):
  // outside the canvas every update widens the area the compositor redraws, which software GL
  // feels.
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

  /** Drags a burn marker (plan editor open); a press without a move is a click (seek). */
  const onMarkerDown = (ev: ReactPointerEvent<HTMLButtonElement>, e: MissionEvent) => {
    ev.stopPropagation();
    if (!editing || ev.button !== 0) return;
    const drag = dragOf(mission, e);
    if (!drag) return;
    ev.preventDefault();
    const x0 = ev.clientX;
    const widthPx = Math.max(1, track.current!.getBoundingClientRect().width);
    const sPerPx = durationS / widthPx;
    const stepS = dragStep(sPerPx);
    const group = `drag:timeline:${drag.path.join('.')}:${Date.now()}`;
    let moved = false;
    const move = (m: PointerEvent) => {
      const dx = m.clientX - x0;
      if (!moved && Math.abs(dx) < 3) return;
      moved = true;
      const value = burnDragValue(drag, dx * sPerPx, stepS);
      const markerS = Math.min(durationS, Math.max(0, e.tS + (value - drag.startValueS)));
      setGhost({
        leftPct: (100 * markerS) / durationS,
        text: `${String(drag.path[drag.path.length - 1])} = ${value} s (${formatHms(value)})`,
      });
      appStore.getState().edit((t) => setAtPath(t, drag.path, value), group, true);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      setGhost(null);
      if (!moved) seek(e.tS);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
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
          const drag = editing ? dragOf(mission, e) : null;
          const hint = drag
            ? `\nDrag to move the ${drag.what}; click to jump here.`
            : editing && e.kind === 'burn'
              ? '\nStarted by a condition (when): change the timing in the editor to drag it.'
              : '';
          return (
            <button
              type="button"
              key={e.id}
              className={`timeline-marker ${KIND_ROW[e.kind]} kind-${e.kind}${drag ? ' draggable' : ''}`}
              style={{
                left: pct(e.tS),
                width: isBand ? `max(4px, ${(100 * (end - e.tS)) / durationS}%)` : undefined,
                ['--marker-color' as string]: e.color,
              }}
              title={`${formatMet(e.tS)} · ${e.craftId} · ${e.title} — ${e.detail}\n${formatUtc(mission.epochMs, e.tS)}${hint}`}
              aria-label={`${e.title} at ${formatMet(e.tS)}`}
              data-testid="timeline-marker"
              data-kind={e.kind}
              data-t-s={e.tS}
              data-draggable={drag ? 'true' : undefined}
              onPointerDown={(ev) => onMarkerDown(ev, e)}
              onClick={(ev) => {
                // A drag-capable marker seeks on pointer-up when it was not moved.
                if (!drag || ev.detail === 0) seek(e.tS);
              }}
            />
          );
        })}
        {ghost && (
          <div
            className="timeline-ghost"
            style={{ left: `${ghost.leftPct}%` }}
            data-testid="timeline-drag-ghost"
          >
            <span>{ghost.text}</span>
          </div>
        )}
        <div className="timeline-head" ref={head} data-testid="timeline-head" />
      </div>
    </div>
  );
}
