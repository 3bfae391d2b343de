/**
 * A titled chart panel for a plot definition (the chart fills the space under its title).
 */

import { useRef, type ReactNode } from 'react';
import { useAppStore } from '../../state/useAppStore.ts';
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
}

/** A chart with its title. */
export function PlotView({ title, note, def, testId, overlay }: PlotViewProps) {
  const clock = useAppStore((s) => s.clock);
  const box = useRef<HTMLDivElement>(null);
  useUPlot(box, def, clock, overlay);
  return (
    <section className="plot" data-testid={testId}>
      <header className="plot-title">
        <span>{title}</span>
        {note && <span className="plot-note">{note}</span>}
      </header>
      <div className="plot-box" ref={box} />
    </section>
  );
}
