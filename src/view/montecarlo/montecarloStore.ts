/**
 * State of the browser Monte Carlo (zustand, vanilla, with its React hook): the panel's inputs,
 * the run's progress, the statistics, and the spaghetti trajectories. Slow state only: progress
 * is written at most ~10 times a second by ./controller.ts.
 *
 * This module is light on purpose (types only from the physics): the header button, the 3D
 * spaghetti and the plot overlay read it from the first load, while the runner and the statistics
 * load with the panel (./controller.ts).
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { MonteCarloSummary } from '../../montecarlo/stats.ts';
import type { CraftHistograms } from './histogram.ts';
import type { PathBundle } from './protocol.ts';

/** Trials asked for by default. */
export const DEFAULT_TRIALS = 200;
/** Seed by default. */
export const DEFAULT_SEED = 1;

/** Where a run is. */
export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Where the spaghetti trajectories are. */
export type PathsStatus = 'none' | 'loading' | 'ready' | 'failed';

/** Monte Carlo state. */
export interface MonteCarloState {
  /** Whether the panel is open. */
  open: boolean;
  /** The inputs as typed (validated when run). */
  trialsText: string;
  seedText: string;

  status: RunStatus;
  /** Trials asked for by the run shown. */
  total: number;
  /** Trials done (in any order). */
  done: number;
  /** Workers running the trials. */
  workers: number;
  /** Wall time of the run so far, s. */
  elapsedS: number;
  /** Seed of the run shown. */
  seed: number;
  /**
   * Statistics of the contiguous prefix of trials done (updated while running; null before any
   * trial is done).
   */
  summary: MonteCarloSummary | null;
  /** The panel's histograms of the same trials, per spacecraft. */
  histograms: CraftHistograms[] | null;
  /** Why the run failed. */
  error: string | null;
  /** Name of the scenario the results are for. */
  scenarioName: string;
  /** Its spacecraft, in scenario order, with their trail colours. */
  crafts: { id: string; color: string }[];
  /** Keep-out sphere radius, m (null: none, or an ellipsoid). */
  keepOutRadiusM: number | null;
  /** Delta-v budget of each spacecraft, m/s (null: none). */
  budgetsMps: (number | null)[];
  /**
   * Plan texts the results belong to: the text the run was made on, and the trials opened from
   * it (the spaghetti is drawn only while one of them is shown).
   */
  texts: string[];

  paths: PathBundle | null;
  pathsStatus: PathsStatus;
  /** Trial drawn as the worst one (highlighted), or null. */
  worstTrialIndex: number | null;
  /** Whether the trajectories are drawn in the 3D view and the in-plane plot. */
  showPaths: boolean;

  /** Opening the worst trial: what happened. */
  worstNote: string | null;
  worstBusy: boolean;

  setOpen(open: boolean): void;
  setTrialsText(text: string): void;
  setSeedText(text: string): void;
  setShowPaths(show: boolean): void;
}

/** The page's Monte Carlo state. */
export const monteCarloStore = createStore<MonteCarloState>()((set) => ({
  open: false,
  trialsText: String(DEFAULT_TRIALS),
  seedText: String(DEFAULT_SEED),
  status: 'idle',
  total: 0,
  done: 0,
  workers: 0,
  elapsedS: 0,
  seed: DEFAULT_SEED,
  summary: null,
  histograms: null,
  error: null,
  scenarioName: '',
  crafts: [],
  keepOutRadiusM: null,
  budgetsMps: [],
  texts: [],
  paths: null,
  pathsStatus: 'none',
  worstTrialIndex: null,
  showPaths: true,
  worstNote: null,
  worstBusy: false,
  setOpen: (open) => set({ open }),
  setTrialsText: (trialsText) => set({ trialsText }),
  setSeedText: (seedText) => set({ seedText }),
  setShowPaths: (showPaths) => set({ showPaths }),
}));

/**
 * Selects from the Monte Carlo state (narrowly; `useShallow` for several fields).
 *
 * @param selector picks the slice this component needs
 */
export function useMonteCarlo<T>(selector: (s: MonteCarloState) => T): T {
  return useStore(monteCarloStore, selector);
}

/**
 * The trajectories to draw for the plan shown, or null (hidden, not loaded, or the plan shown is
 * not the one the run was made on).
 *
 * @param s Monte Carlo state
 * @param planText the text of the plan shown
 */
export function visiblePaths(s: MonteCarloState, planText: string): PathBundle | null {
  if (!s.showPaths || s.paths === null || s.pathsStatus !== 'ready') return null;
  return s.texts.includes(planText) ? s.paths : null;
}
