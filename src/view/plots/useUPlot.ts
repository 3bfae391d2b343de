/**
 * A uPlot chart bound to a container: created once per `def.key` (the same series), given new
 * data when an edit brings a new definition (the user's zoom is kept; otherwise the axes fit the
 * new data), resized with its container, re-decimated when resized or zoomed, with a time cursor
 * (and optional per-spacecraft dots) that follows the playback clock by mutation, click-to-seek,
 * and optional overlays (drag handles) that are placed again on every redraw.
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

/** Scale ranges by scale key, data units. */
export type ScaleRanges = Record<string, [number, number]>;

/** What a chart provides to `useUPlot`. */
export interface PlotDefinition {
  /**
   * The chart is rebuilt only when this changes (series count or colours): a new definition with
   * the same key (an edit) updates the data of the chart in place.
   */
  key: string;
  /** uPlot options without size and data. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  /**
   * Series data for the visible x window and the plot's size in CSS px (decimated to it).
   * `xWindow` is null for the full range.
   */
  data(widthPx: number, heightPx: number, xWindow: [number, number] | null): Facet[];
  /**
   * The ranges that show all the data (what the chart returns to after an edit), for a plot area
   * of `widthPx` x `heightPx` (device px; 0 before the first layout).
   */
  fit(widthPx: number, heightPx: number): ScaleRanges;
  /** Where the clock is: the x of the time cursor (null: no vertical cursor). */
  cursorX?(tS: number): number | null;
  /** Dots at the current position of each spacecraft: x, y in data units and a colour. */
  dots?(tS: number): { x: number; y: number; color: string }[];
  /** Sim time of a click at data x (null: clicks do nothing). */
  seekTime?(x: number): number | null;
}

/** Something drawn over a chart (e.g. drag handles), placed again after every redraw. */
export interface PlotOverlay {
  /** Called when a chart is created; returns what to call on redraw and on removal. */
  attach(u: uPlot): { draw(): void; detach(): void; frozen(): boolean };
}

const toAligned = (facets: Facet[]): uPlot.AlignedData =>
  [null, ...facets] as unknown as uPlot.AlignedData;

const HOOK_NAMES = ['draw', 'drawClear', 'drawAxes', 'drawSeries'] as const;

/**
 * Mounts a chart into `container`, rebuilt when `def.key` changes, updated when `def` does.
 *
 * @param container the element the chart fills
 * @param def the chart (memoise it on the mission)
 * @param clock the playback clock
 * @param overlay drawn over the chart (keep the object stable)
 */
export function useUPlot(
  container: React.RefObject<HTMLDivElement | null>,
  def: PlotDefinition | null,
  clock: SimClock,
  overlay?: PlotOverlay,
): void {
  const seek = useAppStore((s) => s.seek);
  const seekRef = useRef(seek);
  seekRef.current = seek;
  /** The latest definition (read by the chart's range functions, hooks and overlays). */
  const defRef = useRef(def);
  defRef.current = def;
  /** The definition whose data the chart shows. */
  const applied = useRef<PlotDefinition | null>(null);
  /** Pushes a new definition into the mounted chart (set by the mounting effect). */
  const update = useRef<((d: PlotDefinition) => void) | null>(null);
  const key = def?.key ?? null;

  useEffect(() => {
    const el = container.current;
    const first = defRef.current;
    if (!el || !first || key === null) return;
    applied.current = first;
    const cur = () => defRef.current ?? first;
    const size = () => ({
      width: Math.max(120, Math.floor(el.clientWidth)),
      height: Math.max(80, Math.floor(el.clientHeight)),
    });
    let { width, height } = size();
    let xWindow: [number, number] | null = null;
    let refining = false;
    /** Set while the chart changes its own scales (not the user zooming). */
    let programmatic = false;
    let userZoomed = false;

    // Scale ranges and draw hooks read the current definition, so an edit's new ranges and
    // keep-out drawing apply without rebuilding the chart.
    const scales: Record<string, uPlot.Scale> = {};
    for (const [k, sc] of Object.entries(first.options.scales ?? {})) {
      const range = sc.range;
      scales[k] =
        typeof range === 'function'
          ? {
              ...sc,
              range: (u, min, max, scaleKey) => {
                const r = cur().options.scales?.[k]?.range;
                return typeof r === 'function'
                  ? r(u, min, max, scaleKey)
                  : (range(u, min, max, scaleKey) as uPlot.Range.MinMax);
              },
            }
          : sc;
    }
    const hooks: uPlot.Hooks.Arrays = {};
    for (const name of HOOK_NAMES) {
      if (!first.options.hooks?.[name]) continue;
      hooks[name] = [
        (u: uPlot) => {
          const fns = cur().options.hooks?.[name] ?? [];
          for (const fn of fns) (fn as (u: uPlot) => void)(u);
        },
      ];
    }

    const fitOf = (u: uPlot) => cur().fit(u.bbox.width, u.bbox.height);
    const fitNow = (u: uPlot) => {
      programmatic = true;
      u.batch(() => {
        for (const [k, [min, max]] of Object.entries(fitOf(u))) u.setScale(k, { min, max });
      });
      programmatic = false;
    };

    const opts: uPlot.Options = {
      ...first.options,
      scales,
      mode: 2,
      width,
      height,
      hooks: {
        ...first.options.hooks,
        ...hooks,
        setScale: [
          (u, scaleKey) => {
            if (!programmatic) {
              // The user zoomed (drag) or reset (double-click): zoomed unless back at the fit.
              const fit = fitOf(u);
              userZoomed = Object.entries(fit).some(([k, [a, b]]) => {
                const s = u.scales[k];
                const tol = 1e-6 * Math.max(1e-12, Math.abs(b - a));
                return (
                  s?.min !== undefined &&
                  s.max !== undefined &&
                  (Math.abs(s.min - a) > tol || Math.abs(s.max - b) > tol)
                );
              });
            }
            if (scaleKey !== 'x' || refining) return;
            const min = u.scales.x?.min;
            const max = u.scales.x?.max;
            if (min === undefined || max === undefined) return;
            xWindow = userZoomed ? [min, max] : null;
            // Re-decimate for the new window (zoom), keeping the scales as they are.
            refining = true;
            queueMicrotask(() => {
              u.setData(toAligned(cur().data(width, height, xWindow)), false);
              refining = false;
            });
          },
        ],
      },
    };
    const u = new uPlot(opts, toAligned(first.data(width, height, null)), el);

    // Time cursor and dots live in the plot's overlay (positions in CSS px of the plot area).
    const line = document.createElement('div');
    line.className = 'plot-cursor';
    u.over.appendChild(line);
    const dotEls: HTMLDivElement[] = [];
    const place = (c: SimClock) => {
      const d = cur();
      // Only inside the plot area (a zoomed plot may not show the current time or position).
      const w = u.over.clientWidth;
      const h = u.over.clientHeight;
      const inside = (px: number, py: number) => px >= 0 && px <= w && py >= 0 && py <= h;
      const x = d.cursorX?.(c.tS);
      const cx = x === null || x === undefined ? Number.NaN : u.valToPos(x, 'x');
      if (!inside(cx, 0)) line.style.display = 'none';
      else {
        line.style.display = '';
        line.style.transform = `translateX(${cx.toFixed(1)}px)`;
      }
      const dots = d.dots?.(c.tS) ?? [];
      dots.forEach((dot, k) => {
        let el = dotEls[k];
        if (!el) {
          el = document.createElement('div');
          el.className = 'plot-dot';
          u.over.appendChild(el);
          dotEls.push(el);
        }
        const px = u.valToPos(dot.x, 'x');
        const py = u.valToPos(dot.y, 'y');
        el.style.display = inside(px, py) ? '' : 'none';
        el.style.background = dot.color;
        el.style.transform = `translate(${px.toFixed(1)}px, ${py.toFixed(1)}px)`;
      });
      for (let k = dots.length; k < dotEls.length; k++) dotEls[k]!.style.display = 'none';
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

    const layer = overlay?.attach(u) ?? null;

    // A click (not a drag-zoom) seeks.
    let downX = Number.NaN;
    const onDown = (e: MouseEvent) => {
      downX = e.clientX;
    };
    const onUp = (e: MouseEvent) => {
      const d = cur();
      if (!(Math.abs(e.clientX - downX) < 3) || !d.seekTime) return;
      const rect = u.over.getBoundingClientRect();
      const t = d.seekTime(u.posToVal(e.clientX - rect.left, 'x'));
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
      u.setData(toAligned(cur().data(width, height, xWindow)), false);
      refining = false;
      // A new shape: fit again (an equal-aspect plot's ranges depend on it), unless zoomed.
      if (!userZoomed) fitNow(u);
      place(clock);
    });
    ro.observe(el);
    // Zoom and resize redraw the overlay's reference frame: re-place the cursor and handles.
    const onDraw = () => {
      place(clock);
      layer?.draw();
    };
    u.hooks.draw = [...(u.hooks.draw ?? []), onDraw];

    update.current = (d: PlotDefinition) => {
      refining = true;
      u.setData(toAligned(d.data(width, height, xWindow)), false);
      refining = false;
      // Keep the user's zoom, and keep everything still under a drag; else fit the new data.
      if (!userZoomed && !(layer?.frozen() ?? false)) fitNow(u);
      else {
        // Same windows, through the (new) range functions: a time plot's y range follows.
        programmatic = true;
        u.batch(() => {
          for (const k of Object.keys(d.fit(u.bbox.width, u.bbox.height))) {
            const sc = u.scales[k];
            if (sc?.min !== undefined && sc.max !== undefined)
              u.setScale(k, { min: sc.min, max: sc.max });
          }
        });
        programmatic = false;
      }
      u.redraw();
      place(clock);
    };

    return () => {
      update.current = null;
      ro.disconnect();
      unsub();
      layer?.detach();
      u.over.removeEventListener('mousedown', onDown);
      u.over.removeEventListener('mouseup', onUp);
      u.destroy();
    };
  }, [container, key, clock, overlay]);

  // A new definition with the same key (an edit): new data into the chart as it is.
  useEffect(() => {
    if (!def || applied.current === def) return;
    applied.current = def;
    update.current?.(def);
  }, [def]);
}
