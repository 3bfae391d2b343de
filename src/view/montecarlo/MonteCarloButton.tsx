/**
 * The header's "Monte Carlo" switch: opens and closes the Monte Carlo panel, and shows a run's
 * progress on the button while the panel is closed.
 */

import { useShallow } from 'zustand/react/shallow';
import { useMonteCarlo } from './montecarloStore.ts';
import { blurAfterClick } from '../app/blurAfterClick.ts';
import { Icon } from '../app/Icon.tsx';

/** The header button. */
export function MonteCarloButton() {
  const { open, status, done, total, setOpen } = useMonteCarlo(
    useShallow((s) => ({
      open: s.open,
      status: s.status,
      done: s.done,
      total: s.total,
      setOpen: s.setOpen,
    })),
  );
  const running = status === 'running';
  const pct = running && total > 0 ? Math.floor((100 * done) / total) : null;
  return (
    <button
      type="button"
      className={`button with-icon mc-toggle${open ? ' active' : ''}`}
      aria-pressed={open}
      title="Monte Carlo: run the plan under its dispersions on background workers"
      data-testid="montecarlo-button"
      onClick={(e) => {
        setOpen(!open);
        blurAfterClick(e);
      }}
    >
      <Icon d="M1.5 14.5h13v1.2h-13zM2.5 13V9h2v4zM5.5 13V4.5h2V13zM8.5 13V2h2v11zM11.5 13V7h2v6z" />
      Monte Carlo
      {pct !== null && <span className="mc-toggle-pct">{pct} %</span>}
    </button>
  );
}
