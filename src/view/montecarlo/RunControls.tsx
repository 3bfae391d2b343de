/**
 * The Monte Carlo panel's trials and seed inputs with Run and Cancel, shared by the one-plan run
 * and the sweep (both read and write the same trials and seed).
 */

import { useShallow } from 'zustand/react/shallow';
import { parseSeed, parseTrials } from './inputs.ts';
import { monteCarloStore, useMonteCarlo } from './montecarloStore.ts';

/** Props of RunControls. */
export interface RunControlsProps {
  /** Prefix of the test ids: `<prefix>-trials`, `-seed`, `-run`, `-cancel`. */
  testIdPrefix: string;
  trialsLabel: string;
  /** Whether Run is enabled (the inputs must parse too), and its tooltip. */
  canRun: boolean;
  runTitle: string;
  running: boolean;
  onCancel: () => void;
}

/** Trials, seed, Run (a submit button: the enclosing form runs) and Cancel. */
export function RunControls(p: RunControlsProps) {
  const mc = useMonteCarlo(useShallow((s) => ({ trialsText: s.trialsText, seedText: s.seedText })));
  const trials = parseTrials(mc.trialsText);
  const seed = parseSeed(mc.seedText);
  return (
    <div className="mc-controls">
      <label className="mc-field">
        <span className="field-label">{p.trialsLabel}</span>
        <input
          className={`mc-input${trials.ok ? '' : ' invalid'}`}
          inputMode="numeric"
          data-testid={`${p.testIdPrefix}-trials`}
          value={mc.trialsText}
          aria-invalid={!trials.ok}
          onChange={(e) => monteCarloStore.getState().setTrialsText(e.target.value)}
        />
      </label>
      <label className="mc-field">
        <span className="field-label">Seed</span>
        <input
          className={`mc-input${seed.ok ? '' : ' invalid'}`}
          inputMode="numeric"
          data-testid={`${p.testIdPrefix}-seed`}
          value={mc.seedText}
          aria-invalid={!seed.ok}
          onChange={(e) => monteCarloStore.getState().setSeedText(e.target.value)}
        />
      </label>
      <div className="mc-buttons">
        <button
          type="submit"
          className="button mc-run"
          data-testid={`${p.testIdPrefix}-run`}
          disabled={!p.canRun || !trials.ok || !seed.ok}
          title={p.runTitle}
        >
          {p.running ? 'Restart' : 'Run'}
        </button>
        <button
          type="button"
          className="button"
          data-testid={`${p.testIdPrefix}-cancel`}
          disabled={!p.running}
          onClick={p.onCancel}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
