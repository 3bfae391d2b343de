/**
 * A uPlot chart bound to a container: created per mission, resized with its container,
 * re-decimated when resized or zoomed, with a time cursor (and optional per-spacecraft dots) that
 * follows the playback clock by mutation, and click-to-seek.
 *
 * Every chart here uses uPlot's faceted mode (mode 2): each spacecraft has its own x samples
 * (impulses add samples at different times), and the in-plane plot is parametric.
 */

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useAppStore } from '../../state/useAppStore.ts';
import type { SimClock } from '../../state/clock.ts';

/** One series as [x, y] arrays. */
export type Facet = [ArrayLike<number>, ArrayLike<number>];

/** What a chart provides to `useUPlot`. */
export interface PlotDefinition {
  /** uPlot options without size and data. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  /**
   * Series data for the visible x window and the plot's size in CSS px (decimated to it).
   * `xWindow` is null for the full range.
   */
  data(widthPx: number, heightPx: number, xWindow: [number, number] | null): Facet[];
  /** Where the clock is: the x of the time cursor (null: no vertical cursor). */
  cursorX?(tS: number): number | null;
  /** Dots at the current position of each spacecraft: x, y in data units and a colour. */
  dots?(tS: number): { x: number; y: number; color: string }[];
  /** Sim time of a click at data x (null: clicks do nothing). */
  seekTime?(x: number): number | null;
}

const toAligned = (facets: Facet[]): uPlot.AlignedData =>
  [null, ...facets] as unknown as uPlot.AlignedData;

/**
 * Mounts a chart into `container` for as long as `def` is the same object.
 *
 * @param container the element the chart fills
 * @param def the chart (memoise it on the mission)
 * @param clock the playback clock
 */
export function useUPlot(
  container: React.RefObject<HTMLDivElement | null>,
  def: PlotDefinition | null,
  clock: SimClock,
): void {
  const seek = useAppStore((s) => s.seek);
  const seekRef = useRef(seek);
  seekRef.current = seek;

  useEffect(() => {
    const el = container.current;
    if (!el || !def) return;
    const size = () => ({
      width: Math.max(120, Math.floor(el.clientWidth)),
      height: Math.max(80, Math.floor(el.clientHeight)),
    });
    let { width, height } = size();
    let xWindow: [number, number] | null = null;
    let refining = false;

    const opts: uPlot.Options = {
      ...def.options,
      mode: 2,
      width,
      height,
      hooks: {
        ...def.options.hooks,
        setScale: [
          ...(def.options.hooks?.setScale ?? []),
          (u, key) => {
            if (key !== 'x' || refining) return;
            const min = u.scales.x?.min;
            const max = u.scales.x?.max;
            if (min === undefined || max === undefined) return;
            xWindow = [min, max];
            // Re-decimate for the new window (zoom), keeping the scales as they are.
            refining = true;
            queueMicrotask(() => {
              u.setData(toAligned(def.data(width, height, xWindow)), false);
              refining = false;
            });
          },
        ],
      },
    };
    const u = new uPlot(opts, toAligned(def.data(width, height, null)), el);

    // Time cursor and dots live in the plot's overlay (positions in CSS px of the plot area).
    const line = document.createElement('div');
    line.className = 'plot-cursor';
    u.over.appendChild(line);
    const dotEls: HTMLDivElement[] = [];
    const place = (c: SimClock) => {
      // Only inside the plot area (a zoomed plot may not show the current time or position).
      const w = u.over.clientWidth;
      const h = u.over.clientHeight;
      const inside = (px: number, py: number) => px >= 0 && px <= w && py >= 0 && py <= h;
      const x = def.cursorX?.(c.tS);
      const cx = x === null || x === undefined ? Number.NaN : u.valToPos(x, 'x');
      if (!inside(cx, 0)) line.style.display = 'none';
      else {
        line.style.display = '';
        line.style.transform = `translateX(${cx.toFixed(1)}px)`;
      }
      const dots = def.dots?.(c.tS) ?? [];
      dots.forEach((d, k) => {
        let dot = dotEls[k];
        if (!dot) {
          dot = document.createElement('div');
          dot.className = 'plot-dot';
          u.over.appendChild(dot);
          dotEls.push(dot);
        }
        const px = u.valToPos(d.x, 'x');
        const py = u.valToPos(d.y, 'y');
        dot.style.display = inside(px, py) ? '' : 'none';
        dot.style.background = d.color;
        dot.style.transform = `translate(${px.toFixed(1)}px, ${py.toFixed(1)}px)`;
      });
    };
    place(clock);
    // 8 Hz while playing (see Timeline: redraws outside the canvas cost frame rate in software
    // GL); at once after a seek.
    let last = 0;
    const unsub = clock.subscribe((c, change) => {
      const now = performance.now();
      if (change === 'tick' && now - last < 125) return;
      last = now;
      place(c);
    });

    // A click (not a drag-zoom) seeks.
    let downX = Number.NaN;
    const onDown = (e: MouseEvent) => {
      downX = e.clientX;
    };
    const onUp = (e: MouseEvent) => {
      if (!(Math.abs(e.clientX - downX) < 3) || !def.seekTime) return;
      const rect = u.over.getBoundingClientRect();
      const t = def.seekTime(u.posToVal(e.clientX - rect.left, 'x'));
      if (t !== null && Number.isFinite(t)) seekRef.current(t);
    };
    u.over.addEventListener('mousedown', onDown);
    u.over.addEventListener('mouseup', onUp);

    const ro = new ResizeObserver(() => {
      const s = size();
      if (s.width === width && s.height === height) return;
      width = s.width;
      height = s.height;
      u.setSize(s);
      refining = true;
      u.setData(toAligned(def.data(width, height, xWindow)), xWindow === null);
      refining = false;
      place(clock);
    });
    ro.observe(el);
    // Zoom and resize redraw the overlay's reference frame: re-place the cursor.
    const onDraw = () => place(clock);
    u.hooks.draw = [...(u.hooks.draw ?? []), onDraw];

    return () => {
      ro.disconnect();
      unsub();
      u.over.removeEventListener('mousedown', onDown);
      u.over.removeEventListener('mouseup', onUp);
      u.destroy();
    };
  }, [container, def, clock]);
}
