/**
 * Runs the browser Monte Carlo: takes the plan shown (its validated scenario and text), runs the
 * trials on the worker pool (./pool.ts), writes progress and the statistics of the contiguous
 * prefix into ./montecarloStore.ts while it goes, then fetches the spaghetti trajectories; opens
 * the worst trial through the app store's normal load path.
 *
 * Nothing here runs a trial on the main thread: the statistics (`summarize`, a sort of the done
 * trials) are the only work done here, at most twice a second while running.
 */

import { summarize } from '../../montecarlo/stats.ts';
import type { TrialTable } from '../../montecarlo/trial.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { DocStatus } from '../../state/store.ts';
import { appStore } from '../../state/useAppStore.ts';
import { syncUrl } from '../app/readScenarioFile.ts';
import { startMonteCarloWorker } from './browserWorkers.ts';
import { parseSeed, parseTrials } from './inputs.ts';
import { monteCarloStore } from './montecarloStore.ts';
import { tableHistograms } from './histogram.ts';
import { browserWorkerCount, MonteCarloPool, type PortFactory } from './pool.ts';
import { SPAGHETTI_POINTS, SPAGHETTI_TRIALS, spaghettiTrials } from './spaghetti.ts';

/** Progress written to the store at most this often, ms. */
const PROGRESS_EVERY_MS = 100;
/**
 * Statistics of the prefix recomputed at most this often while running, ms; and at most this
 * fraction of the main thread (with 100,000 trials a summary sorts 100,000 numbers a few times).
 */
const SUMMARY_EVERY_MS = 500;
const SUMMARY_BUDGET = 0.05;

let pool: MonteCarloPool | null = null;
let factory: PortFactory = startMonteCarloWorker;
/** The scenario and seed of the run shown. */
let shown: { scenario: Scenario; seed: number; sourceName: string } | null = null;
/** Incremented by every run: an older run's late answers are dropped. */
let serial = 0;

/** Uses other workers (tests); drops the current pool. */
export function setWorkerFactory(f: PortFactory): void {
  pool?.dispose();
  pool = null;
  factory = f;
}

function getPool(): MonteCarloPool {
  return (pool ??= new MonteCarloPool(factory));
}

function workerCount(): number {
  return browserWorkerCount(
    typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
  );
}

/**
 * Why the plan shown cannot be run now, or null.
 *
 * @param hasMission whether a scenario is shown
 * @param docStatus whether the text being edited runs (the app store's `docStatus`)
 */
export function runBlocker(hasMission: boolean, docStatus: DocStatus): string | null {
  if (!hasMission) return 'No scenario is loaded.';
  if (docStatus === 'invalid') return 'The plan has problems: fix them to run it.';
  if (docStatus === 'running') return 'The plan is being recomputed…';
  return null;
}

/** Starts a run of the plan shown with the panel's inputs (a run in progress is cancelled). */
export async function runMonteCarlo(): Promise<void> {
  const mc = monteCarloStore.getState();
  const trials = parseTrials(mc.trialsText);
  const seed = parseSeed(mc.seedText);
  const app = appStore.getState();
  const blocker = runBlocker(app.mission !== null, app.docStatus);
  if (!trials.ok || !seed.ok || blocker !== null) {
    const message = blocker ?? (!trials.ok ? trials.message : !seed.ok ? seed.message : '');
    monteCarloStore.setState({ status: 'failed', error: message });
    return;
  }
  const scenario = app.mission!.scenario;
  const text = app.text;
  const token = ++serial;
  const workers = workerCount();
  shown = { scenario, seed: seed.value, sourceName: app.docSource };
  monteCarloStore.setState({
    status: 'running',
    total: trials.value,
    done: 0,
    elapsedS: 0,
    workers: Math.min(workers, trials.value),
    seed: seed.value,
    summary: null,
    histograms: null,
    error: null,
    scenarioName: scenario.name,
    crafts: app.mission!.crafts.map((c) => ({ id: c.id, color: c.color })),
    keepOutRadiusM:
      scenario.target.keepOut?.shape === 'sphere' ? scenario.target.keepOut.radiusM : null,
    budgetsMps: scenario.spacecraft.map((sc) => sc.budget?.dvMps ?? null),
    texts: [text],
    paths: null,
    pathsStatus: 'none',
    worstTrialIndex: null,
    worstNote: null,
    worstBusy: false,
  });

  const t0 = performance.now();
  let lastProgress = 0;
  let nextSummary = t0 + SUMMARY_EVERY_MS;
  let summarizedPrefix = 0;
  const onProgress = (done: number, _total: number, table: TrialTable) => {
    const now = performance.now();
    if (now - lastProgress < PROGRESS_EVERY_MS || token !== serial) return;
    lastProgress = now;
    const patch: Partial<ReturnType<typeof monteCarloStore.getState>> = {
      done,
      elapsedS: (now - t0) / 1000,
    };
    if (now >= nextSummary) {
      const prefix = table.donePrefix();
      if (prefix > summarizedPrefix) {
        summarizedPrefix = prefix;
        patch.summary = summarize(scenario, table, seed.value, prefix, true);
        patch.histograms = tableHistograms(table, prefix);
      }
      const costMs = performance.now() - now;
      nextSummary = now + Math.max(SUMMARY_EVERY_MS, costMs / SUMMARY_BUDGET);
    }
    monteCarloStore.setState(patch);
  };

  let result;
  try {
    result = await getPool().run({
      scenario,
      seed: seed.value,
      trials: trials.value,
      workers,
      onProgress,
    });
  } catch (err) {
    if (token !== serial) return;
    monteCarloStore.setState({
      status: 'failed',
      error: err instanceof Error ? err.message : String(err),
    });
    return;
  }
  if (token !== serial) return;
  const summary =
    result.prefix > 0
      ? summarize(scenario, result.table, seed.value, result.prefix, result.interrupted)
      : null;
  monteCarloStore.setState({
    status: result.interrupted ? 'cancelled' : 'done',
    done: result.done,
    elapsedS: result.elapsedS,
    workers: result.workers,
    summary,
    histograms: summary === null ? null : tableHistograms(result.table, result.prefix),
  });
  if (summary !== null) await loadPaths(token);
}

/** Stops the run in progress (its partial result is kept). */
export function cancelMonteCarlo(): void {
  pool?.cancel();
}

/** Flies a thinned set of trials again for the spaghetti plot. */
async function loadPaths(token: number): Promise<void> {
  const s = monteCarloStore.getState();
  const summary = s.summary;
  if (!summary || !pool) return;
  const worst = summary.worst?.trialIndex ?? null;
  // Without dispersions every trial flies the nominal path: one is enough.
  const wanted = summary.dispersions === null ? 1 : SPAGHETTI_TRIALS;
  const trials = spaghettiTrials(summary.completed, wanted, worst);
  monteCarloStore.setState({ pathsStatus: 'loading', worstTrialIndex: worst });
  try {
    const paths = await pool.paths(trials, SPAGHETTI_POINTS, workerCount());
    if (token !== serial) return;
    monteCarloStore.setState({ paths, pathsStatus: 'ready' });
  } catch {
    if (token !== serial) return;
    monteCarloStore.setState({ pathsStatus: 'failed' });
  }
}

/** File name of a trial opened as a scenario: `<source>-trial-<index>.json`. */
export function trialFileName(sourceName: string, trialIndex: number): string {
  const stem = (sourceName.split(/[\\/]/).pop() ?? '').replace(/\.json$/i, '') || 'scenario';
  return `${stem}-trial-${trialIndex}.json`;
}

/**
 * Opens the worst trial of the run shown as the current scenario (written on a worker, then
 * loaded like any file).
 */
export async function openWorstTrial(): Promise<void> {
  const s = monteCarloStore.getState();
  const worst = s.summary?.worst;
  if (!worst || !pool || !shown || s.status === 'running') return;
  const token = serial;
  monteCarloStore.setState({ worstBusy: true, worstNote: null });
  try {
    const written = await pool.trialScenario(worst.trialIndex);
    if (token !== serial) return;
    monteCarloStore.setState({ texts: [...monteCarloStore.getState().texts, written.text] });
    const name = trialFileName(shown.sourceName, worst.trialIndex);
    const ok = await appStore.getState().loadText(written.text, name, { exampleName: null });
    if (ok) syncUrl(null);
    const notes = written.notes.length > 0 ? ` (${written.notes.join('; ')})` : '';
    monteCarloStore.setState({
      worstBusy: false,
      worstNote: ok
        ? `Trial ${worst.trialIndex} is now the plan shown${notes}.`
        : `Trial ${worst.trialIndex} could not be opened: see the problems listed.`,
    });
  } catch (err) {
    if (token !== serial) return;
    monteCarloStore.setState({
      worstBusy: false,
      worstNote: `Trial ${worst.trialIndex} could not be written: ${(err as Error).message}`,
    });
  }
}
