/**
 * A titled chart panel for a plot definition (the chart fills the space under its title), with
 * its export as a figure.
 */

import { useRef, type ReactNode } from 'react';
import { useAppStore } from '../../state/useAppStore.ts';
import { plotFigureSvg } from './figure.ts';
import { figureFileName, svgToPng } from './figureFile.ts';
import { FigureMenu } from './FigureMenu.tsx';
import { useUPlot, type PlotDefinition, type PlotOverlay } from './useUPlot.ts';

/** Props of `PlotView`. */
export interface PlotViewProps {
  title: ReactNode;
  /** Right-aligned note in the title bar. */
  note?: ReactNode;
  def: PlotDefinition | null;
  testId: string;
  /** Drawn over the chart (keep it stable). */
  overlay?: PlotOverlay;
  /** The title of the plot as a figure (PNG, SVG; ./FigureMenu.tsx); none: no export. */
  figureTitle?: string;
}

/** A chart with its title. */
export function PlotView({ title, note, def, testId, overlay, figureTitle }: PlotViewProps) {
  const clock = useAppStore((s) => s.clock);
  const scenarioName = useAppStore((s) => s.mission?.scenario.name ?? 'scenario');
  const box = useRef<HTMLDivElement>(null);
  useUPlot(box, def, clock, overlay);
  return (
    <section className="plot" data-testid={testId}>
      <header className="plot-title">
        <span>{title}</span>
        {note && <span className="plot-note">{note}</span>}
        {def && figureTitle !== undefined && (
          <FigureMenu
            testId={`${testId}-figure`}
            svg={(w, h, theme) => plotFigureSvg(def, figureTitle, w, h, theme)}
            png={(w, h, theme) => svgToPng(plotFigureSvg(def, figureTitle, w, h, theme), w, h)}
            fileName={(w, h, ext) =>
              figureFileName(scenarioName, testId.replace(/^plot-/, ''), w, h, ext)
            }
          />
        )}
      </header>
      <div className="plot-box" ref={box} />
    </section>
  );
}
