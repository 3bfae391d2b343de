/**
 * State of the campaign (sweep) view of the Monte Carlo panel (zustand, vanilla, with its React
 * hook): the swept fields as typed, the sweep's progress, and its rows (rpo-sweep v1, the same
 * object `rpo-sim sweep --json` writes), whether run here or loaded from the CLI's file.
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { SweepResult } from '../../montecarlo/sweep.ts';

/** Which view the Monte Carlo panel shows. */
export type PanelMode = 'run' | 'sweep';

/** Where a sweep is. */
export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** Campaign state. */
export interface SweepState {
  mode: PanelMode;
  /** The swept fields as typed: JSON path and `start:step:stop` or a comma list (2nd optional). */
  path1: string;
  spec1: string;
  path2: string;
  spec2: string;

  status: SweepStatus;
  /** Variants in the sweep, and variants done. */
  variantCount: number;
  variantsDone: number;
  /** Trials done of the variant running. */
  trialsDone: number;
  /** Wall time so far, s. */
  elapsedS: number;
  /** The rows so far (null before a sweep or a loaded file). */
  result: SweepResult | null;
  /** Where the rows come from: run here, or the name of the file loaded. */
  origin: { kind: 'run' } | { kind: 'file'; name: string } | null;
  /**
   * The plan text the variants are made from (the plan shown when the sweep ran or the file was
   * loaded), and its file name.
   */
  baseText: string;
  baseSource: string;
  /** Why the sweep could not run or the file could not be read. */
  error: string | null;
  /** What opening a cell did. */
  note: string | null;
  /** Spacecraft whose statistics are drawn. */
  craftIndex: number;

  setMode(mode: PanelMode): void;
  setField(field: 'path1' | 'spec1' | 'path2' | 'spec2', text: string): void;
  setCraftIndex(i: number): void;
}

/** Fields swept by default: the first maneuver's time (a common first question). */
export const DEFAULT_SWEEP_PATH = 'spacecraft[0].maneuvers[0].tS';

/** The page's campaign state. */
export const sweepStore = createStore<SweepState>()((set) => ({
  mode: 'run',
  path1: DEFAULT_SWEEP_PATH,
  spec1: '600:600:3600',
  path2: '',
  spec2: '',
  status: 'idle',
  variantCount: 0,
  variantsDone: 0,
  trialsDone: 0,
  elapsedS: 0,
  result: null,
  origin: null,
  baseText: '',
  baseSource: '',
  error: null,
  note: null,
  craftIndex: 0,
  setMode: (mode) => set({ mode }),
  setField: (field, text) => set({ [field]: text }),
  setCraftIndex: (craftIndex) => set({ craftIndex }),
}));

/**
 * Selects from the campaign state (narrowly; `useShallow` for several fields).
 *
 * @param selector picks the slice this component needs
 */
export function useSweep<T>(selector: (s: SweepState) => T): T {
  return useStore(sweepStore, selector);
}
