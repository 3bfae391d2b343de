/**
 * The simulator page: header, 3D scene with its HUD, plots beside it, score card and events below
 * it, and the transport bar with the timeline; with the plan editor open, the editor on the left.
 * The plots (uPlot) and the editor load as separate chunks; the plots are shown once the first
 * scene is drawn. Embedded (`?embed=1`, ./embed.ts):
 * the scene, HUD, plots and transport only.
 */

import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { firstSceneDrawn } from '../../state/firstScene.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { EventsPanel } from '../panels/EventsPanel.tsx';
import { ScoreCard } from '../panels/ScoreCard.tsx';
import { SceneCanvas } from '../scene/SceneCanvas.tsx';
import { MonteCarloMount } from '../montecarlo/MonteCarloMount.tsx';
import { LessonMount } from '../lessons/LessonMount.tsx';
import { Transport } from '../timeline/Transport.tsx';
import { DraftNote } from './DraftNote.tsx';
import { DropZone } from './DropZone.tsx';
import { EMBED } from './embed.ts';
import './embed.css';
import { EmbedHeader } from './EmbedHeader.tsx';
import { Header } from './Header.tsx';
import { LoadErrors } from './LoadErrors.tsx';
import { ProvenanceBanner } from './ProvenanceBanner.tsx';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';

// fetched at once, shown once the first scene is drawn (src/state/firstScene.ts)
const PlotsPanel = lazy(() =>
  Promise.all([import('../plots/PlotsPanel.tsx'), firstSceneDrawn()]).then(([m]) => m),
);
const EditorPanel = lazy(() => import('../editor/EditorPanel.tsx'));

/** The app. */
export function App() {
  useKeyboardShortcuts();
  const { serial, loading, trajectorySerial, stage, scoreState, editorOpen } = useAppStore(
    useShallow((s) => ({
      serial: s.missionSerial,
      loading: s.loading,
      trajectorySerial: s.trajectorySerial,
      stage: s.trajectoryStage,
      scoreState: s.mission?.scoreState ?? 'pending',
      editorOpen: s.editorOpen,
    })),
  );
  return (
    <div
      className={`app${editorOpen ? ' editing' : ''}${EMBED ? ' embed' : ''}`}
      data-testid="app"
      data-mission-serial={serial}
      data-trajectory-serial={trajectorySerial}
      data-trajectory-stage={stage}
      data-score-state={scoreState}
      data-loading={loading}
    >
      <ProvenanceBanner position="top" />
      {EMBED ? <EmbedHeader /> : <Header />}
      <main className="app-main">
        {editorOpen && (
          <Suspense fallback={<aside className="editor editor-loading">Loading the editor…</aside>}>
            <EditorPanel />
          </Suspense>
        )}
        <SceneCanvas />
        <aside className="plots" data-testid="plots">
          <Suspense fallback={<div className="plots-loading">Loading plots…</div>}>
            <PlotsPanel />
          </Suspense>
        </aside>
        {!EMBED && (
          <div className="bottom-panels">
            <ScoreCard />
            <EventsPanel />
          </div>
        )}
      </main>
      <Transport />
      <ProvenanceBanner position="bottom" />
      {!EMBED && <MonteCarloMount />}
      <LessonMount />
      <LoadErrors />
      {!EMBED && <DraftNote />}
      {!EMBED && <DropZone />}
    </div>
  );
}
