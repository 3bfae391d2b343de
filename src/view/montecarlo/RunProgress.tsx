/**
 * Progress of a Monte Carlo run: a bar, the trials done, the workers, and the rate.
 */

import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatRate } from './format.ts';
import { useMonteCarlo } from './montecarloStore.ts';

/** The progress bar and its line of numbers. */
export function RunProgress() {
  const { status, done, total, workers, elapsedS } = useMonteCarlo(
    useShallow((s) => ({
      status: s.status,
      done: s.done,
      total: s.total,
      workers: s.workers,
      elapsedS: s.elapsedS,
    })),
  );
  if (status === 'idle' || total === 0) return null;
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const rate = formatRate(done, elapsedS);
  return (
    <div className={`mc-progress ${status}`}>
      <div
        className="mc-bar"
        role="progressbar"
        aria-label="Trials done"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        data-testid="mc-progress"
        data-done={done}
        data-total={total}
      >
        <div className="mc-bar-fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
      </div>
      <div className="mc-progress-text">
        <span data-testid="mc-progress-text">
          {formatCount(done)} / {formatCount(total)} trials
        </span>
        <span className="mc-dim">
          {workers} worker{workers === 1 ? '' : 's'}
          {rate && ` · ${rate}`}
          {elapsedS > 0 && ` · ${elapsedS.toFixed(elapsedS < 10 ? 2 : 1)} s`}
        </span>
      </div>
    </div>
  );
}
