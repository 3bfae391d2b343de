/**
 * Where the Monte Carlo panel mounts in the app: nothing until the header button opens it, then
 * the panel's chunk (the runner, the statistics) loads.
 */

import { lazy, Suspense } from 'react';
import { useMonteCarlo } from './montecarloStore.ts';
import './montecarlo.css';

const MonteCarloPanel = lazy(() => import('./MonteCarloPanel.tsx'));

/** The panel when open. */
export function MonteCarloMount() {
  const open = useMonteCarlo((s) => s.open);
  if (!open) return null;
  return (
    <Suspense
      fallback={
        <aside className="mc-panel mc-loading" data-testid="mc-panel-loading">
          Loading Monte Carlo…
        </aside>
      }
    >
      <MonteCarloPanel />
    </Suspense>
  );
}
