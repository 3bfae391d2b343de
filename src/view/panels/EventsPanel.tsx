/**
 * The events list: burns, keep-out violations and closest approaches by time. A click jumps the
 * clock to the event; the latest event at or before the clock is highlighted (by mutation).
 */

import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import { formatMet } from '../model/format.ts';
import { useClockListener } from '../useClockListener.ts';

const KIND_ICON = {
  burn: '▲',
  violation: '⬤',
  'closest-approach': '◆',
  'pair-closest-approach': '◆',
  eclipse: '◐',
  warning: '⚠',
} as const;

/** The events panel. */
export function EventsPanel() {
  const { mission, clock, seek } = useAppStore(
    useShallow((s) => ({ mission: s.mission, clock: s.clock, seek: s.seek })),
  );
  const list = useRef<HTMLOListElement>(null);
  const current = useRef(-1);
  useClockListener(
    clock,
    (c) => {
      if (!mission || !list.current) return;
      let k = -1;
      mission.events.forEach((e, j) => {
        if (e.tS <= c.tS + 1e-6) k = j;
      });
      if (k === current.current) return;
      const rows = list.current.children;
      rows[current.current]?.classList.remove('current');
      rows[k]?.classList.add('current');
      current.current = k;
    },
    [mission],
  );
  if (!mission) return null;
  return (
    <section className="panel events-panel" data-testid="events-panel" aria-label="Events">
      <header className="panel-title">
        Events <span className="panel-sub">{mission.events.length}</span>
      </header>
      <ol className="event-list" ref={list}>
        {mission.events.map((e) => (
          <li
            key={e.id}
            className={`event-row kind-${e.kind}`}
            data-testid="event-row"
            data-kind={e.kind}
            data-t-s={e.tS}
            role="button"
            tabIndex={0}
            onClick={() => seek(e.tS)}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter') seek(e.tS);
            }}
          >
            <span className="event-time">{formatMet(e.tS)}</span>
            <span
              className="event-icon"
              style={{ color: e.kind === 'violation' ? undefined : e.color }}
            >
              {KIND_ICON[e.kind]}
            </span>
            <span className="event-text">
              <span className="event-title">
                {mission.crafts.length > 1 && e.craftId !== '' && (
                  <span className="event-craft">{e.craftId} · </span>
                )}
                {e.title}
              </span>
              <span className="event-detail">{e.detail}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
