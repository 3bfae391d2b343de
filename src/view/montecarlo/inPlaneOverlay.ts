/**
 * The Monte Carlo spaghetti on the in-plane plot (x = I km, y = R km): the dispersed trajectories
 * drawn faintly under the nominal tracks, the worst trial brighter. A `PlotOverlay` (see
 * src/view/plots/useUPlot.ts): it draws into the chart's canvas after each redraw, behind what is
 * there (`destination-over`), and asks for a redraw when the trajectories change.
 */

import type uPlot from 'uplot';
import { appStore } from '../../state/useAppStore.ts';
import { clipToPlotArea } from '../plots/plotTheme.ts';
import type { PlotOverlay } from '../plots/useUPlot.ts';
import { monteCarloStore, visiblePaths } from './montecarloStore.ts';
import { pathCount, type PathBundle } from './protocol.ts';
import { WORST_COLOR } from './spaghetti.ts';

function drawPaths(u: uPlot, paths: PathBundle, colors: string[], worst: number | null): void {
  const pr = devicePixelRatio || 1;
  const ctx = clipToPlotArea(u);
  ctx.globalCompositeOperation = 'destination-over';
  ctx.lineWidth = pr;
  const trace = (k: number) => {
    const a = paths.offsets[k]!;
    const b = paths.offsets[k + 1]!;
    const p = paths.ricM;
    for (let j = a; j < b; j++) {
      // R up, I to the right, km
      const x = u.valToPos(p[3 * j + 1]! / 1000, 'x', true);
      const y = u.valToPos(p[3 * j]! / 1000, 'y', true);
      if (j === a) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
  };
  // The worst trial first: with destination-over, what is drawn first ends on top.
  if (worst !== null) {
    ctx.strokeStyle = WORST_COLOR;
    ctx.globalAlpha = 0.9;
    ctx.beginPath();
    for (let k = 0; k < pathCount(paths); k++) if (paths.trialIndex[k] === worst) trace(k);
    ctx.stroke();
  }
  ctx.globalAlpha = 0.3;
  colors.forEach((color, c) => {
    ctx.strokeStyle = color;
    ctx.beginPath();
    for (let k = 0; k < pathCount(paths); k++) {
      if (paths.craftIndex[k] === c && paths.trialIndex[k] !== worst) trace(k);
    }
    ctx.stroke();
  });
  ctx.restore();
}

/** The spaghetti overlay of the in-plane plot. */
export function monteCarloInPlaneOverlay(): PlotOverlay {
  return {
    attach(u: uPlot) {
      let shown: PathBundle | null = null;
      const current = () => visiblePaths(monteCarloStore.getState(), appStore.getState().text);
      const refresh = () => {
        const next = current();
        if (next === shown) return;
        shown = next;
        u.redraw(false);
      };
      const unsubs = [monteCarloStore.subscribe(refresh), appStore.subscribe(refresh)];
      shown = current();
      return {
        draw() {
          const paths = current();
          if (!paths) return;
          const s = monteCarloStore.getState();
          drawPaths(
            u,
            paths,
            s.crafts.map((c) => c.color),
            s.worstTrialIndex,
          );
        },
        detach() {
          for (const f of unsubs) f();
        },
        frozen: () => false,
      };
    },
  };
}

/**
 * Two overlays as one (the chart takes one): both attached, drawn in order, frozen when either
 * is.
 *
 * @param a drawn first
 * @param b drawn second
 */
export function combineOverlays(a: PlotOverlay, b: PlotOverlay): PlotOverlay {
  return {
    attach(u: uPlot) {
      const la = a.attach(u);
      const lb = b.attach(u);
      return {
        draw() {
          la.draw();
          lb.draw();
        },
        detach() {
          la.detach();
          lb.detach();
        },
        frozen: () => la.frozen() || lb.frozen(),
      };
    },
  };
}

/**
 * The in-plane plot's overlay with the spaghetti added to `inner` (the drag handles).
 *
 * @param inner the plot's own overlay
 */
export function withMonteCarloPaths(inner: PlotOverlay): PlotOverlay {
  return combineOverlays(monteCarloInPlaneOverlay(), inner);
}
