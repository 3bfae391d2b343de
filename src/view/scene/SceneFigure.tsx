/**
 * The scene's "Figure" button (bottom right, over the legend): the 3D view as a PNG of a chosen
 * size (./sceneCapture.ts).
 */

import { useAppStore } from '../../state/useAppStore.ts';
import { figureFileName } from '../plots/figureFile.ts';
import { FigureMenu } from '../plots/FigureMenu.tsx';
import { captureScenePng } from './sceneCapture.ts';

/** The scene's figure export. */
export function SceneFigure() {
  const name = useAppStore((s) => s.mission?.scenario.name);
  if (name === undefined) return null;
  return (
    <div className="scene-figure">
      <FigureMenu
        testId="scene-figure"
        png={async (w, h) => {
          const url = captureScenePng(w, h);
          return await (await fetch(url)).blob();
        }}
        fileName={(w, h, ext) => figureFileName(name, 'scene', w, h, ext)}
      />
    </div>
  );
}
