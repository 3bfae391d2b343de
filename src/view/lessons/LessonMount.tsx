/**
 * Lesson mode: when the scenario shown has a `lesson` block (`?lesson=NAME` opens one), the
 * lesson panel (a lazily loaded chunk with KaTeX) sits over the scene.
 */

import { lazy, Suspense } from 'react';
import { useAppStore } from '../../state/useAppStore.ts';

const LessonPanel = lazy(() => import('./LessonPanel.tsx'));

/** The lesson panel, when the scenario shown is a lesson. */
export function LessonMount() {
  const hasLesson = useAppStore((s) => s.mission?.scenario.lesson !== undefined);
  if (!hasLesson) return null;
  return (
    <Suspense fallback={<aside className="lesson-panel panel-glass">Loading the lesson…</aside>}>
      <LessonPanel />
    </Suspense>
  );
}
