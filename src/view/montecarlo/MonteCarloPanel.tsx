/**
 * The Monte Carlo panel (a lazily loaded chunk, with the runner and the statistics): trials and
 * seed, Run and Cancel, the progress bar, then the violation probabilities with their 95 %
 * Wilson intervals, the percentiles and histograms of minimum range and delta-v, the spaghetti
 * switch, and the worst trial, which opens as the plan shown. Its Sweep tab runs a campaign over
 * one or two fields (./SweepSection.tsx).
 *
 * The run belongs to the page, not to the panel: closing the panel leaves it running, and the
 * results are there when it opens again.
 */

import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DispersionsSpec } from '../../scenario/schema.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { cancelMonteCarlo, openWorstTrial, runBlocker, runMonteCarlo } from './controller.ts';
import { formatCount, formatDvFine, formatRangeFine } from './format.ts';
import { HistogramChart } from './HistogramChart.tsx';
import { parseSeed, parseTrials } from './inputs.ts';
import { monteCarloStore, useMonteCarlo } from './montecarloStore.ts';
import { PercentileTable } from './PercentileTable.tsx';
import { ProbabilityTable } from './ProbabilityTable.tsx';
import { RunControls } from './RunControls.tsx';
import { RunProgress } from './RunProgress.tsx';
import { pathCount } from './protocol.ts';
import { SweepSection } from './SweepSection.tsx';
import { sweepStore, useSweep } from './sweepStore.ts';

/** The 1-sigma dispersions in one line. */
function dispersionText(d: DispersionsSpec | undefined): string | null {
  if (!d) return null;
  const parts: string[] = [];
  const triple = (v: readonly number[], scale: number, unit: string) =>
    v.every((x) => x === v[0])
      ? `${v[0]! * scale} ${unit}`
      : `${v.map((x) => x * scale).join('/')} ${unit}`;
  if (d.burnMagnitudePct) parts.push(`${d.burnMagnitudePct} % magnitude`);
  if (d.pointingDeg) parts.push(`${d.pointingDeg}° pointing`);
  if (d.timingS) parts.push(`${d.timingS} s timing`);
  if (d.positionM?.some((x) => x > 0)) parts.push(`${triple(d.positionM, 1, 'm')} position`);
  if (d.velocityMps?.some((x) => x > 0))
    parts.push(`${triple(d.velocityMps, 1000, 'mm/s')} velocity`);
  if (d.missedBurnProbability) parts.push(`${d.missedBurnProbability * 100} % burns missed`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "51 dispersed trials", "1 trial". */
function trialsText(n: number): string {
  return n === 1 ? '1 trial' : `${formatCount(n)} dispersed trials`;
}

/** The Monte Carlo panel (default export for `React.lazy`). */
export default function MonteCarloPanel() {
  const mc = useMonteCarlo(
    useShallow((s) => ({
      trialsText: s.trialsText,
      seedText: s.seedText,
      status: s.status,
      done: s.done,
      total: s.total,
      seed: s.seed,
      summary: s.summary,
      histograms: s.histograms,
      error: s.error,
      scenarioName: s.scenarioName,
      texts: s.texts,
      crafts: s.crafts,
      keepOutRadiusM: s.keepOutRadiusM,
      budgetsMps: s.budgetsMps,
      paths: s.paths,
      pathsStatus: s.pathsStatus,
      showPaths: s.showPaths,
      worstNote: s.worstNote,
      worstBusy: s.worstBusy,
    })),
  );
  const { mission, text, docStatus } = useAppStore(
    useShallow((s) => ({ mission: s.mission, text: s.text, docStatus: s.docStatus })),
  );
  const [craftIndex, setCraftIndex] = useState(0);
  const mode = useSweep((s) => s.mode);
  const trials = parseTrials(mc.trialsText);
  const seed = parseSeed(mc.seedText);
  const blocker = runBlocker(mission !== null, docStatus);
  const running = mc.status === 'running';
  const canRun = trials.ok && seed.ok && blocker === null;
  const summary = mc.summary;
  const stale = summary !== null && !mc.texts.includes(text);
  const dispersions = dispersionText(mission?.scenario.dispersions);
  const ci = Math.min(craftIndex, Math.max(0, (summary?.spacecraft.length ?? 1) - 1));
  const craftSummary = summary?.spacecraft[ci];
  const craftHists = mc.histograms?.[ci];
  const color = mc.crafts[ci]?.color ?? '#4cc2ff';
  const budget = mc.budgetsMps[ci] ?? null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (canRun) void runMonteCarlo();
  };

  let statusLine: string | null = null;
  if (mc.status === 'running') {
    statusLine = summary
      ? `Running… statistics of the first ${formatCount(summary.completed)} trials so far.`
      : 'Running…';
  } else if (mc.status === 'done' && summary) {
    statusLine = `${formatCount(summary.completed)} trials of seed ${mc.seed}: ${formatCount(summary.flown)} flown, ${formatCount(summary.failed.count)} could not be flown.`;
  } else if (mc.status === 'cancelled') {
    statusLine = summary
      ? `Cancelled after ${formatCount(mc.done)} of ${formatCount(mc.total)} trials: statistics of trials 0–${formatCount(summary.completed - 1)} (${formatCount(summary.completed)}, the contiguous prefix).`
      : `Cancelled before any trial finished.`;
  }

  return (
    <aside
      className="mc-panel"
      data-testid="mc-panel"
      data-status={mc.status}
      aria-label="Monte Carlo"
    >
      <header className="mc-head">
        <div className="mc-head-text">
          <h2 className="mc-title">Monte Carlo</h2>
          <div className="mc-sub" title={mission?.scenario.name}>
            {mission ? `Dispersion analysis of ${mission.scenario.name}` : 'No scenario loaded'}
          </div>
        </div>
        <button
          type="button"
          className="button icon mc-close"
          aria-label="Close the Monte Carlo panel"
          title="Close (a run goes on)"
          data-testid="mc-close"
          onClick={() => monteCarloStore.getState().setOpen(false)}
        >
          ×
        </button>
      </header>

      <div className="mc-body">
        <div className="mc-tabs" role="tablist" aria-label="Monte Carlo view">
          {(
            [
              ['run', 'One plan'],
              ['sweep', 'Sweep'],
            ] as const
          ).map(([m, label]) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              className={`mc-tab${mode === m ? ' active' : ''}`}
              data-testid={`mc-tab-${m}`}
              onClick={() => sweepStore.getState().setMode(m)}
            >
              {label}
            </button>
          ))}
        </div>
        {mode === 'sweep' && <SweepSection />}
        {mode === 'run' && (
          <>
            <form onSubmit={onSubmit}>
              <RunControls
                testIdPrefix="mc"
                trialsLabel="Trials"
                canRun={canRun}
                runTitle={blocker ?? 'Run the trials on background workers'}
                running={running}
                onCancel={cancelMonteCarlo}
              />
            </form>
            {(!trials.ok || !seed.ok || blocker) && (
              <p className="mc-note warn">
                {!trials.ok ? trials.message : !seed.ok ? seed.message : blocker}
              </p>
            )}
            <p className={`mc-note${dispersions ? '' : ' warn'}`}>
              {dispersions
                ? `1σ dispersions: ${dispersions}.`
                : 'This plan has no dispersions: every trial is the nominal run.'}
            </p>

            <RunProgress />
            {statusLine && (
              <p className="mc-status" data-testid="mc-status">
                {statusLine}
              </p>
            )}
            {mc.status === 'failed' && mc.error && (
              <p className="mc-note error" data-testid="mc-error">
                {mc.error}
              </p>
            )}
            {stale && (
              <p className="mc-note warn">
                These results are for {mc.scenarioName} as it was when run, not the plan shown.
              </p>
            )}

            {summary && (
              <>
                <section className="mc-section">
                  <h3>Violation probability</h3>
                  <ProbabilityTable summary={summary} crafts={mc.crafts} />
                </section>

                <section className="mc-section">
                  <h3>Percentiles</h3>
                  <PercentileTable summary={summary} />
                </section>

                {craftSummary && craftHists && (
                  <section className="mc-section">
                    <h3>
                      Distributions
                      {summary.spacecraft.length > 1 && (
                        <select
                          className="select mc-craft-select"
                          value={ci}
                          onChange={(e) => setCraftIndex(Number(e.target.value))}
                        >
                          {summary.spacecraft.map((sc, i) => (
                            <option key={sc.id} value={i}>
                              {sc.id}
                            </option>
                          ))}
                        </select>
                      )}
                    </h3>
                    <HistogramChart
                      title="Minimum range to the target"
                      hist={craftHists.minRangeM}
                      dist={craftSummary.minRangeM}
                      format={formatRangeFine}
                      color={color}
                      limit={
                        mc.keepOutRadiusM === null
                          ? null
                          : { value: mc.keepOutRadiusM, label: 'keep-out' }
                      }
                      testId="mc-hist-range"
                    />
                    <HistogramChart
                      title="Delta-v flown"
                      hist={craftHists.totalDvMps}
                      dist={craftSummary.totalDvMps}
                      format={formatDvFine}
                      color={color}
                      limit={budget === null ? null : { value: budget, label: 'budget' }}
                      testId="mc-hist-dv"
                    />
                  </section>
                )}

                <section className="mc-section">
                  <h3>Trajectories</h3>
                  <label className="mc-check">
                    <input
                      type="checkbox"
                      checked={mc.showPaths}
                      data-testid="mc-show-paths"
                      onChange={(e) => monteCarloStore.getState().setShowPaths(e.target.checked)}
                    />
                    <span>
                      Draw{' '}
                      {mc.paths
                        ? trialsText(new Set(mc.paths.trialIndex).size)
                        : 'dispersed trials'}{' '}
                      in the 3D view and the in-plane plot
                    </span>
                  </label>
                  <p
                    className="mc-note"
                    data-testid="mc-paths-status"
                    data-paths={mc.paths ? pathCount(mc.paths) : 0}
                  >
                    {mc.pathsStatus === 'loading' &&
                      'Flying the trials again for their trajectories…'}
                    {mc.pathsStatus === 'failed' && 'The trajectories could not be computed.'}
                    {mc.pathsStatus === 'ready' && (
                      <>
                        <span className="mc-key faint" style={{ background: color }} /> trials,
                        evenly spread · <span className="mc-key worst" /> worst trial
                      </>
                    )}
                  </p>
                </section>

                <section className="mc-section">
                  <h3>Worst trial</h3>
                  {summary.worst ? (
                    <div className="mc-worst">
                      <div data-testid="mc-worst">
                        Trial <strong>{summary.worst.trialIndex}</strong>
                        {summary.spacecraft.length > 1 && ` (${summary.worst.spacecraft})`}: closest
                        approach <strong>{formatRangeFine(summary.worst.minRangeM)}</strong>
                      </div>
                      <button
                        type="button"
                        className="button"
                        data-testid="mc-open-worst"
                        disabled={mc.worstBusy || running}
                        title="Open this trial, written with its dispersed initial state and burns, as the plan shown"
                        onClick={() => void openWorstTrial()}
                      >
                        {mc.worstBusy ? 'Opening…' : 'Open worst trial'}
                      </button>
                    </div>
                  ) : (
                    <p className="mc-note">No trial was flown.</p>
                  )}
                  {mc.worstNote && (
                    <p className="mc-note" data-testid="mc-worst-note">
                      {mc.worstNote}
                    </p>
                  )}
                </section>
              </>
            )}
          </>
        )}
      </div>
    </aside>
  );
}
