/**
 * The worker side of the browser Monte Carlo (protocol in ./protocol.ts): holds the scenario and
 * seed, runs chunks of trials, re-flies trials with their ephemeris for the spaghetti plot, and
 * writes a trial as a scenario. Plain functions over messages, so node tests drive it without a
 * Web Worker; src/worker/montecarlo.worker.ts only wires it to `onmessage`.
 *
 * Requests are handled one at a time in arrival order, each after the previous has finished:
 * `init` may have to load the trigger-expression parser (mathjs, ~0.5 s, only for scenarios with
 * `when` conditions, see src/events/conditions.ts), and chunks sent right behind it must wait.
 */

import { hasTriggers } from '../../events/conditions.ts';
import { DispersionSampler } from '../../montecarlo/sampler.ts';
import { packedTrialLength, packOutcome, runTrial } from '../../montecarlo/trial.ts';
import { trialScenario } from '../../montecarlo/worst.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { runScenario, ScenarioRunError } from '../../sim/run.ts';
import type {
  ChunkRequest,
  McRequest,
  McResponse,
  PathBundle,
  PathsRequest,
  TrialScenarioRequest,
} from './protocol.ts';
import { concatPaths, emptyPaths, responseTransfer } from './protocol.ts';
import { decimateTrajectory } from './spaghetti.ts';

/** Where responses go (the worker's `postMessage`). */
export type Reply = (res: McResponse, transfer: ArrayBuffer[]) => void;

/** What a worker holds between requests. */
interface Loaded {
  runId: number;
  scenario: Scenario;
  seed: number;
}

function runChunk(l: Loaded, req: ChunkRequest): McResponse {
  const crafts = l.scenario.spacecraft.length;
  const stride = packedTrialLength(crafts);
  const data = new Float64Array((req.end - req.start) * stride);
  const errors: [number, string][] = [];
  for (let t = req.start; t < req.end; t++) {
    const o = runTrial(l.scenario, l.seed, t);
    if (o.error !== null) errors.push([t, o.error]);
    packOutcome(o, crafts, data, (t - req.start) * stride);
  }
  return { type: 'chunk', runId: req.runId, start: req.start, end: req.end, data, errors };
}

/** One trial flown again with its ephemeris, each spacecraft's path decimated. */
function trialPaths(l: Loaded, trialIndex: number, maxPoints: number): PathBundle {
  const sampler = new DispersionSampler(l.scenario.dispersions, l.seed, trialIndex);
  let run;
  try {
    run = runScenario(l.scenario, { perturbation: sampler, recordEphemeris: true });
  } catch (err) {
    // A trial the run rejects has no trajectory (the statistics count it as failed).
    if (err instanceof ScenarioRunError) return emptyPaths();
    throw err;
  }
  const parts = run.spacecraft.map((c, craftIndex): PathBundle => {
    const e = c.ephemeris!;
    const ricM = decimateTrajectory(e.stateRic, e.count, maxPoints);
    return {
      trialIndex: Int32Array.of(trialIndex),
      craftIndex: Int32Array.of(craftIndex),
      offsets: Uint32Array.of(0, ricM.length / 3),
      ricM,
    };
  });
  return concatPaths(parts);
}

function runPaths(l: Loaded, req: PathsRequest): McResponse {
  const paths = concatPaths(req.trials.map((t) => trialPaths(l, t, req.maxPoints)));
  return { type: 'paths', runId: req.runId, requestId: req.requestId, paths };
}

function runTrialScenario(l: Loaded, req: TrialScenarioRequest): McResponse {
  const base = { type: 'trial-scenario' as const, runId: req.runId, requestId: req.requestId };
  let written;
  try {
    written = trialScenario(l.scenario, l.seed, req.trialIndex);
  } catch (err) {
    return { ...base, text: null, message: String((err as Error).message ?? err), notes: [] };
  }
  const text = `${JSON.stringify(written.scenario, null, 2)}\n`;
  return { ...base, text, message: null, notes: written.notes };
}

/**
 * A request handler: call it with every message, in order; it answers through `reply`.
 *
 * @param reply posts a response (and transfers its buffers)
 * @param loadExpressions loads the trigger-expression parser (the worker: a dynamic import)
 */
export function createTrialServer(
  reply: Reply,
  loadExpressions: () => Promise<unknown> = () => import('../../events/expression.ts'),
): (req: McRequest) => Promise<void> {
  let loaded: Loaded | null = null;
  let queue: Promise<void> = Promise.resolve();

  const handle = async (req: McRequest): Promise<void> => {
    if (req.type === 'init') {
      loaded = null;
      try {
        if (hasTriggers(req.scenario)) await loadExpressions();
      } catch (err) {
        const message = `could not load the trigger-condition parser: ${String(err)}`;
        reply({ type: 'error', runId: req.runId, message }, []);
        return;
      }
      loaded = { runId: req.runId, scenario: req.scenario, seed: req.seed };
      reply({ type: 'ready', runId: req.runId }, []);
      return;
    }
    const l = loaded;
    if (l === null || l.runId !== req.runId) {
      reply({ type: 'error', runId: req.runId, message: `run ${req.runId} was not started` }, []);
      return;
    }
    let res: McResponse;
    try {
      if (req.type === 'chunk') res = runChunk(l, req);
      else if (req.type === 'paths') res = runPaths(l, req);
      else res = runTrialScenario(l, req);
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      res = { type: 'error', runId: req.runId, message };
    }
    reply(res, responseTransfer(res));
  };

  return (req) => {
    queue = queue.then(() => handle(req));
    return queue;
  };
}
