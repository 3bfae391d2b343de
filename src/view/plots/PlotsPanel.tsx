/**
 * The plots beside the scene (a lazily loaded chunk with uPlot): in-plane relative motion (I, R),
 * cross-track C against time, range against time with the keep-out radius (logarithmic when
 * the ranges span more than two decades, or as the user picks; units that fit), and with the
 * ghost of the truth switched on its distance from the run against time. Each has a time
 * cursor synced to playback; drag to zoom, double-click to reset, click a time plot to seek. While
 * the plan editor is open, transfer targets can be dragged on the in-plane plot.
 *
 * The charts are built once per scenario and take each edit's trajectory as new data: their
 * definitions depend on the trajectory only (a score arriving later changes nothing here).
 */

import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ghostDifferenceAt } from '../../sim/ghostDifference.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { useGhosts } from '../../state/useGhosts.ts';
import { differenceSource } from '../model/ghost.ts';
import { formatDistance } from '../model/format.ts';
import { crossTrackSource, rangeSource } from '../model/plotSeries.ts';
import { rangeScale, type RangeScaleMode } from '../model/rangeScale.ts';
import { inPlanePlot } from './inPlanePlot.ts';
import { clipToPlotArea } from './plotTheme.ts';
import { PlotView } from './PlotView.tsx';
import { timePlot } from './timePlot.ts';
import { transferHandleOverlay } from './transferHandleOverlay.ts';
import { withMonteCarloPaths } from '../montecarlo/inPlaneOverlay.ts';

/** "keep-out 200 m" (sphere) or "keep-out 100 m – 300 m" (ellipsoid semi-axes). */
function keepOutNote(rangeM: [number, number] | undefined): string | undefined {
  if (!rangeM || !(rangeM[1] > 0)) return undefined;
  const [a, b] = rangeM;
  return a === b
    ? `keep-out ${formatDistance(a)}`
    : `keep-out ${formatDistance(a)} – ${formatDistance(b)}`;
}

/** The plots panel (default export for `React.lazy`). */
export default function PlotsPanel() {
  const mission = useAppStore((s) => s.mission);
  const editorOpen = useAppStore((s) => s.editorOpen);
  const handles = useMemo(() => withMonteCarloPaths(transferHandleOverlay()), []);
  // A new score (same trajectory) keeps the same crafts: no new plot data.
  const crafts = mission?.crafts;
  const [rangeMode, setRangeMode] = useState<RangeScaleMode>('auto');
  const defs = useMemo(() => {
    if (!mission) return null;
    const scale = rangeScale(
      mission.crafts.map((c) => ({ rangeM: c.rangeM, count: c.ephemeris.count })),
      rangeMode,
    );
    const u = scale.unit;
    const [innerKm, outerKm] = mission.keepOutRangeM.map((m) => m / u.metres) as [number, number];
    const drawKeepOut = (u: uPlot) => {
      if (!(outerKm > 0)) return;
      const yIn = u.valToPos(innerKm, 'y', true);
      const yOut = u.valToPos(outerKm, 'y', true);
      const pr = devicePixelRatio || 1;
      const { left, top, width, height } = u.bbox;
      const ctx = clipToPlotArea(u);
      ctx.fillStyle = 'rgba(255, 77, 79, 0.08)';
      ctx.fillRect(left, yOut, width, top + height - yOut);
      ctx.strokeStyle = 'rgba(255, 77, 79, 0.9)';
      ctx.setLineDash([6 * pr, 4 * pr]);
      ctx.lineWidth = pr;
      ctx.beginPath();
      for (const y of innerKm === outerKm ? [yOut] : [yIn, yOut]) {
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
      }
      ctx.stroke();
      ctx.restore();
    };
    return {
      inPlane: inPlanePlot(mission),
      crossTrack: timePlot({
        mission,
        source: (k) => crossTrackSource(mission.crafts[k]!),
        yScale: 1 / u.metres,
        yLabel: `C cross-track (${u.symbol})`,
      }),
      range: timePlot({
        mission,
        source: (k) => rangeSource(mission.crafts[k]!),
        yScale: 1 / u.metres,
        yLabel: `range (${u.symbol}${scale.log ? ', log' : ''})`,
        yMin: 0,
        yLog: scale.log,
        yInclude: outerKm > 0 ? [outerKm * 1.5] : [],
        draw: drawKeepOut,
      }),
      rangeLog: scale.log,
    };
    // Keyed on the trajectory (`crafts`), which a score does not change.
  }, [crafts, rangeMode]);
  const truth = useGhosts((s) => (s.truthOn ? s.truth : null));
  const ghostDef = useMemo(() => {
    if (!mission || !truth || truth.differences.length !== mission.crafts.length) return null;
    const at = new Float64Array(3);
    return timePlot({
      mission,
      source: (k) => differenceSource(truth.differences[k]!),
      valueAt: (k, tS) => Math.hypot(...ghostDifferenceAt(truth.differences[k]!, tS, at)),
      yScale: 1,
      yLabel: '|Δr| (m)',
      yMin: 0,
    });
    // The ghost belongs to a trajectory; a new one of either rebuilds the plot.
  }, [crafts, truth]);
  return (
    <div className="plots-panel">
      <PlotView
        title="In-plane motion (R vs I)"
        note={editorOpen ? 'drag ◆ targets' : 'drag to zoom'}
        def={defs?.inPlane ?? null}
        testId="plot-in-plane"
        figureTitle="In-plane motion: R vs I"
        overlay={handles}
      />
      <PlotView
        title="Cross-track C"
        note="vs time"
        def={defs?.crossTrack ?? null}
        testId="plot-cross-track"
        figureTitle="Cross-track C vs time"
      />
      <PlotView
        title="Range to target"
        note={
          <>
            {keepOutNote(mission?.keepOutRangeM)}{' '}
            <RangeScaleToggle
              mode={rangeMode}
              log={defs?.rangeLog ?? false}
              onChange={setRangeMode}
            />
          </>
        }
        def={defs?.range ?? null}
        testId="plot-range"
        figureTitle="Range to target"
      />
      {ghostDef && (
        <PlotView
          title={`Ghost (${truth?.dynamics}) − run`}
          note="position difference"
          def={ghostDef}
          testId="plot-ghost"
          figureTitle={`Ghost (${truth?.dynamics}) − run: position difference`}
        />
      )}
    </div>
  );
}

/** The range plot's scale switch: automatic (log above two decades), linear or log. */
function RangeScaleToggle({
  mode,
  log,
  onChange,
}: {
  mode: RangeScaleMode;
  log: boolean;
  onChange: (m: RangeScaleMode) => void;
}) {
  const next: Record<RangeScaleMode, RangeScaleMode> = {
    auto: 'linear',
    linear: 'log',
    log: 'auto',
  };
  return (
    <button
      type="button"
      className="plot-scale-toggle"
      data-testid="range-scale"
      data-log={log}
      title="Range axis: auto (log when the ranges span more than two decades), linear or log. Click to change."
      onClick={() => onChange(next[mode])}
    >
      {mode === 'auto' ? `auto (${log ? 'log' : 'linear'})` : mode}
    </button>
  );
}
