/**
 * Runs a campaign in the page: the swept fields of the campaign view, every variant of the plan
 * shown built and validated as `rpo-sim sweep` builds them (src/montecarlo/sweep.ts), each
 * variant's Monte Carlo on the page's web workers (a pool of its own, ./pool.ts), its statistics
 * summarised as the CLI summarises them, the rows written into ./sweepStore.ts as they come.
 * Also reads an rpo-sweep v1 file written by the CLI, and opens one variant as the plan shown.
 *
 * The same seed for every variant (common random numbers), the same trial streams and the same
 * summary code as the CLI, so a row here equals the CLI's row number for number.
 */

import { summarize } from '../../montecarlo/stats.ts';
import {
  MAX_VARIANTS,
  newSweepResult,
  parseSweepAxis,
  parseSweepResult,
  SweepSpecError,
  sweepPathProblem,
  sweepRow,
  variantText,
  variants,
  type SweepAxis,
  type SweepResult,
} from '../../montecarlo/sweep.ts';
import { loadExpressionParserFor } from '../../scenario/expressionParser.ts';
import { formatIssues, loadScenario } from '../../scenario/validate.ts';
import { appStore } from '../../state/useAppStore.ts';
import { syncUrl } from '../app/readScenarioFile.ts';
import { startMonteCarloWorker } from './browserWorkers.ts';
import { runBlocker } from './controller.ts';
import { parseSeed, parseTrials } from './inputs.ts';
import { monteCarloStore } from './montecarloStore.ts';
import { browserWorkerCount, MonteCarloPool, type PortFactory } from './pool.ts';
import { sweepStore } from './sweepStore.ts';

/** Progress written to the store at most this often, ms. */
const PROGRESS_EVERY_MS = 100;

let pool: MonteCarloPool | null = null;
let factory: PortFactory = startMonteCarloWorker;
/** Incremented by every sweep: an older sweep's late answers are dropped. */
let serial = 0;

/** Uses other workers (tests); drops the current pool. */
export function setSweepWorkerFactory(f: PortFactory): void {
  pool?.dispose();
  pool = null;
  factory = f;
}

/**
 * The swept fields as typed, parsed: one or two axes, or why not (a malformed path or values, or
 * a field that cannot be set in the plan).
 * @param fields the campaign view's inputs (the second field is optional: both empty)
 * @param planText the plan the variants are made from
 */
export function parseSweepFields(
  fields: {
    path1: string;
    spec1: string;
    path2: string;
    spec2: string;
  },
  planText: string,
): { ok: true; axes: SweepAxis[] } | { ok: false; message: string } {
  try {
    const axes = [parseSweepAxis(fields.path1, fields.spec1)];
    if (fields.path2.trim() !== '' || fields.spec2.trim() !== '')
      axes.push(parseSweepAxis(fields.path2, fields.spec2));
    if (axes.length === 2 && axes[0]!.path === axes[1]!.path)
      return { ok: false, message: `${axes[0]!.path} is swept twice` };
    const count = axes.reduce((n, x) => n * x.values.length, 1);
    if (count > MAX_VARIANTS)
      return { ok: false, message: `${count} variants, more than ${MAX_VARIANTS}` };
    for (const axis of axes) {
      const problem = sweepPathProblem(planText, axis.path);
      if (problem !== null) return { ok: false, message: problem };
    }
    return { ok: true, axes };
  } catch (err) {
    if (err instanceof SweepSpecError) return { ok: false, message: err.message };
    throw err;
  }
}

/** Starts a sweep of the plan shown with the panel's trials and seed (a sweep running stops). */
export async function runSweep(): Promise<void> {
  const s = sweepStore.getState();
  const mc = monteCarloStore.getState();
  const app = appStore.getState();
  const trials = parseTrials(mc.trialsText);
  const seed = parseSeed(mc.seedText);
  const fields = parseSweepFields(s, app.text);
  const blocker = runBlocker(app.mission !== null, app.docStatus);
  if (!trials.ok || !seed.ok || !fields.ok || blocker !== null) {
    const error =
      blocker ??
      (!fields.ok ? fields.message : !trials.ok ? trials.message : !seed.ok ? seed.message : '');
    sweepStore.setState({ status: 'failed', error });
    return;
  }
  pool?.cancel();
  const token = ++serial;
  const axes = fields.axes;
  const all = variants(axes);
  const baseText = app.text;
  const result = newSweepResult(app.mission!.scenario.name, axes, trials.value, seed.value);
  sweepStore.setState({
    status: 'running',
    variantCount: all.length,
    variantsDone: 0,
    trialsDone: 0,
    elapsedS: 0,
    result,
    origin: { kind: 'run' },
    baseText,
    baseSource: app.docSource,
    error: null,
    note: null,
  });
  const t0 = performance.now();
  const workers = browserWorkerCount(
    typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
  );
  await loadExpressionParserFor(baseText);
  pool ??= new MonteCarloPool(factory);
  let lastProgress = 0;
  for (const values of all) {
    if (token !== serial) return;
    const loaded = loadScenario(variantText(baseText, axes, values));
    if (!loaded.ok) {
      const error = formatIssues(loaded.issues.slice(0, 1));
      result.variants.push({ values, error, flown: 0, failed: 0, spacecraft: [] });
    } else {
      let run;
      try {
        run = await pool.run({
          scenario: loaded.scenario,
          seed: seed.value,
          trials: trials.value,
          workers,
          onProgress: (done) => {
            const now = performance.now();
            if (token !== serial || now - lastProgress < PROGRESS_EVERY_MS) return;
            lastProgress = now;
            sweepStore.setState({ trialsDone: done, elapsedS: (now - t0) / 1000 });
          },
        });
      } catch (err) {
        if (token !== serial) return;
        sweepStore.setState({
          status: 'failed',
          error: err instanceof Error ? err.message : String(err),
        });
        return;
      }
      if (token !== serial) return;
      if (run.interrupted) break;
      result.variants.push(sweepRow(values, summarize(loaded.scenario, run.table, seed.value)));
    }
    sweepStore.setState({
      result: { ...result, variants: [...result.variants] },
      variantsDone: result.variants.length,
      trialsDone: 0,
      elapsedS: (performance.now() - t0) / 1000,
    });
  }
  if (token !== serial) return;
  const interrupted = result.variants.length < all.length;
  sweepStore.setState({
    status: interrupted ? 'cancelled' : 'done',
    result: { ...result, interrupted, variants: [...result.variants] },
    elapsedS: (performance.now() - t0) / 1000,
  });
}

/** Stops the sweep running (the variants done are kept). */
export function cancelSweep(): void {
  pool?.cancel();
}

/**
 * Shows an rpo-sweep v1 file (from `rpo-sim sweep --json`); its cells open variants of the plan
 * shown now.
 * @param text the file's text
 * @param name the file's name
 */
export function loadSweepFile(text: string, name: string): void {
  let result: SweepResult;
  try {
    result = parseSweepResult(text);
  } catch (err) {
    if (!(err instanceof SweepSpecError)) throw err;
    sweepStore.setState({ error: `${name}: ${err.message}`, note: null });
    return;
  }
  ++serial;
  pool?.cancel();
  const app = appStore.getState();
  sweepStore.setState({
    status: result.interrupted ? 'cancelled' : 'done',
    variantCount: result.variants.length,
    variantsDone: result.variants.length,
    trialsDone: 0,
    elapsedS: 0,
    result,
    origin: { kind: 'file', name },
    baseText: app.text,
    baseSource: app.docSource,
    error: null,
    note:
      app.mission && app.mission.scenario.name !== result.scenario
        ? `This sweep is of "${result.scenario}"; its cells open variants of the plan shown, "${app.mission.scenario.name}".`
        : null,
    craftIndex: 0,
  });
}

/** File name of a variant opened as a scenario: `<source>-variant-<k + 1>.json`. */
export function variantFileName(sourceName: string, index: number): string {
  const stem = (sourceName.split(/[\\/]/).pop() ?? '').replace(/\.json$/i, '') || 'scenario';
  return `${stem}-variant-${index + 1}.json`;
}

/**
 * Opens variant `index` of the sweep shown as the plan shown (the plan the sweep was made from
 * with the swept fields set).
 */
export async function openVariant(index: number): Promise<void> {
  const s = sweepStore.getState();
  const row = s.result?.variants[index];
  if (!s.result || !row || s.baseText === '') return;
  const axes = s.result.parameters.map((path) => ({ path, values: [] }));
  const label = row.values.map((v, i) => `${s.result!.parameters[i]} = ${JSON.stringify(v)}`);
  let text: string;
  try {
    text = variantText(s.baseText, axes, row.values);
  } catch (err) {
    if (!(err instanceof SweepSpecError)) throw err;
    sweepStore.setState({
      note: `Variant ${index + 1} (${label.join(', ')}) cannot be made from the plan: ${err.message}`,
    });
    return;
  }
  const ok = await appStore
    .getState()
    .loadText(text, variantFileName(s.baseSource, index), { exampleName: null });
  if (ok) syncUrl(null);
  sweepStore.setState({
    note: ok
      ? `Variant ${index + 1} (${label.join(', ')}) is now the plan shown.`
      : `Variant ${index + 1} (${label.join(', ')}) could not be opened: see the problems listed.`,
  });
}
