/**
 * Drag handles on the in-plane plot (R vs I): one diamond per transfer target (`toPositionM`) of
 * the plan being edited, in its spacecraft's colour. Dragging one edits the target's R and I in
 * the text (C is kept), in round steps of about a pixel; the trajectory follows as the worker
 * recomputes it, and the plot's axes stay still until the drag ends. One drag is one undo step.
 *
 * The handles are read from the text, not from the last run, so they stay where the text says
 * even while the text does not run.
 */

import type uPlot from 'uplot';
import { setAtPath } from '../../editing/jsonText.ts';
import { appStore } from '../../state/useAppStore.ts';
import { formatDistance } from '../model/format.ts';
import { dragStep, snap, transferHandles, type TransferHandle } from '../model/handles.ts';
import { CRAFT_PALETTE } from '../model/mission.ts';
import type { PlotOverlay } from './useUPlot.ts';

/** Colour of a spacecraft's handles: its trail's colour. */
function craftColor(index: number): string {
  const m = appStore.getState().mission;
  return m?.crafts[index]?.color ?? CRAFT_PALETTE[index % CRAFT_PALETTE.length]!;
}

/** The handle overlay of the in-plane plot (x = I km, y = R km). */
export function transferHandleOverlay(): PlotOverlay {
  return {
    attach(u: uPlot) {
      const layer = document.createElement('div');
      layer.className = 'plot-handles';
      u.over.appendChild(layer);
      const readout = document.createElement('div');
      readout.className = 'plot-handle-readout';
      readout.style.display = 'none';
      layer.appendChild(readout);
      const els = new Map<string, HTMLDivElement>();
      let handles: TransferHandle[] = [];
      let drag: { key: string; group: string; dx: number; dy: number; pointerId: number } | null =
        null;

      const place = () => {
        const s = appStore.getState();
        handles = s.editorOpen ? transferHandles(s.docValue) : [];
        const seen = new Set<string>();
        const w = u.over.clientWidth;
        const h = u.over.clientHeight;
        for (const hd of handles) {
          seen.add(hd.key);
          let el = els.get(hd.key);
          if (!el) {
            el = document.createElement('div');
            el.className = 'plot-handle';
            el.dataset.testid = 'inplane-handle';
            el.dataset.key = hd.key;
            el.setAttribute('role', 'slider');
            el.addEventListener('pointerdown', onDown);
            // Keep uPlot's drag-zoom and click-to-seek out of it.
            el.addEventListener('mousedown', (e) => e.stopPropagation());
            el.addEventListener('mouseup', (e) => e.stopPropagation());
            layer.appendChild(el);
            els.set(hd.key, el);
          }
          const [rM, iM] = hd.positionRicM;
          const px = u.valToPos(iM / 1000, 'x');
          const py = u.valToPos(rM / 1000, 'y');
          el.style.display = px >= -8 && px <= w + 8 && py >= -8 && py <= h + 8 ? '' : 'none';
          el.style.transform = `translate(${px.toFixed(1)}px, ${py.toFixed(1)}px)`;
          el.style.setProperty('--handle-color', craftColor(hd.craftIndex));
          el.dataset.rM = String(rM);
          el.dataset.iM = String(iM);
          el.setAttribute('aria-label', `${hd.label}: target R and I, drag to move`);
          el.title = `${hd.label} — target R ${formatDistance(rM)}, I ${formatDistance(iM)}\nDrag to move it (C stays ${formatDistance(hd.positionRicM[2])})`;
          el.classList.toggle('dragging', drag?.key === hd.key);
        }
        for (const [k, el] of els) {
          if (!seen.has(k)) {
            el.remove();
            els.delete(k);
          }
        }
      };

      const onDown = (e: PointerEvent) => {
        if (e.button !== 0) return;
        const el = e.currentTarget as HTMLDivElement;
        const hd = handles.find((h) => h.key === el.dataset.key);
        if (!hd) return;
        e.preventDefault();
        e.stopPropagation();
        el.setPointerCapture(e.pointerId);
        const rect = u.over.getBoundingClientRect();
        // Keep the grab offset: the handle does not jump to the pointer.
        const hx = u.valToPos(hd.positionRicM[1] / 1000, 'x');
        const hy = u.valToPos(hd.positionRicM[0] / 1000, 'y');
        drag = {
          key: hd.key,
          group: `drag:in-plane:${hd.key}:${Date.now()}`,
          dx: hx - (e.clientX - rect.left),
          dy: hy - (e.clientY - rect.top),
          pointerId: e.pointerId,
        };
        el.addEventListener('pointermove', onMove);
        el.addEventListener('pointerup', onUp);
        el.addEventListener('pointercancel', onUp);
        place();
      };

      const onMove = (e: PointerEvent) => {
        if (!drag || e.pointerId !== drag.pointerId) return;
        const hd = handles.find((h) => h.key === drag!.key);
        if (!hd) return;
        const rect = u.over.getBoundingClientRect();
        const x = e.clientX - rect.left + drag.dx;
        const y = e.clientY - rect.top + drag.dy;
        const sx = u.scales.x;
        const sy = u.scales.y;
        const mPerPx = Math.min(
          (1000 * Math.abs((sx?.max ?? 1) - (sx?.min ?? 0))) / Math.max(1, u.over.clientWidth),
          (1000 * Math.abs((sy?.max ?? 1) - (sy?.min ?? 0))) / Math.max(1, u.over.clientHeight),
        );
        const step = dragStep(mPerPx);
        const iM = snap(u.posToVal(x, 'x') * 1000, step);
        const rM = snap(u.posToVal(y, 'y') * 1000, step);
        readout.style.display = '';
        readout.style.transform = `translate(${(x + 12).toFixed(0)}px, ${(y - 26).toFixed(0)}px)`;
        readout.textContent = `R ${formatDistance(rM)} · I ${formatDistance(iM)}`;
        const path = hd.path;
        appStore
          .getState()
          .edit(
            (t) => setAtPath(setAtPath(t, [...path, 0], rM), [...path, 1], iM),
            drag.group,
            true,
          );
      };

      const onUp = (e: PointerEvent) => {
        const el = e.currentTarget as HTMLDivElement;
        el.removeEventListener('pointermove', onMove);
        el.removeEventListener('pointerup', onUp);
        el.removeEventListener('pointercancel', onUp);
        if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
        drag = null;
        readout.style.display = 'none';
        place();
      };

      const unsub = appStore.subscribe((s, p) => {
        if (s.docValue !== p.docValue || s.editorOpen !== p.editorOpen || s.mission !== p.mission)
          place();
      });
      place();
      return {
        draw: place,
        detach() {
          unsub();
          layer.remove();
        },
        frozen: () => drag !== null,
      };
    },
  };
}
