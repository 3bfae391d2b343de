/**
 * The simulator page: header, 3D scene with its HUD, plots beside it, score card and events below
 * it, and the transport bar with the timeline. The plots (uPlot) load as a separate chunk.
 */

import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import { EventsPanel } from '../panels/EventsPanel.tsx';
import { ScoreCard } from '../panels/ScoreCard.tsx';
import { SceneCanvas } from '../scene/SceneCanvas.tsx';
import { Transport } from '../timeline/Transport.tsx';
import { DropZone } from './DropZone.tsx';
import { Header } from './Header.tsx';
import { LoadErrors } from './LoadErrors.tsx';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';

const PlotsPanel = lazy(() => import('../plots/PlotsPanel.tsx'));

/** The app. */
export function App() {
  useKeyboardShortcuts();
  const { serial, loading } = useAppStore(
    useShallow((s) => ({ serial: s.missionSerial, loading: s.loading })),
  );
  return (
    <div className="app" data-testid="app" data-mission-serial={serial} data-loading={loading}>
      <Header />
      <main className="app-main">
        <SceneCanvas />
        <aside className="plots" data-testid="plots">
          <Suspense fallback={<div className="plots-loading">Loading plots…</div>}>
            <PlotsPanel />
          </Suspense>
        </aside>
        <div className="bottom-panels">
          <ScoreCard />
          <EventsPanel />
        </div>
      </main>
      <Transport />
      <LoadErrors />
      <DropZone />
    </div>
  );
}
