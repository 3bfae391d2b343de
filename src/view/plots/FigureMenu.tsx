/**
 * "Figure": exports a plot (PNG or SVG) or the scene (PNG) at a chosen size, for slides. The size
 * (px) and, for plots, the colours (light for slides and print, or the app's dark) are chosen in
 * a small popover; the file is downloaded.
 */

import { useState } from 'react';
import { clampFigurePx, FIGURE_MAX_PX, FIGURE_MIN_PX, type FigureTheme } from './figure.ts';
import { saveBlob } from './figureFile.ts';
import './figure.css';

/** Props of `FigureMenu`. */
export interface FigureMenuProps {
  /** Test id prefix: `${testId}` (the button), `${testId}-png`, `${testId}-svg`, ... */
  testId: string;
  /** The PNG at this size (and colours, for a plot). */
  png: (widthPx: number, heightPx: number, theme: FigureTheme) => Promise<Blob>;
  /** The SVG document at this size (plots only). */
  svg?: (widthPx: number, heightPx: number, theme: FigureTheme) => string;
  /** The file's name for a size and a format. */
  fileName: (widthPx: number, heightPx: number, ext: 'png' | 'svg') => string;
  /** Default size, px. */
  defaultSize?: [number, number];
}

/** The figure export button and its popover. */
export function FigureMenu({
  testId,
  png,
  svg,
  fileName,
  defaultSize = [1600, 900],
}: FigureMenuProps) {
  const [open, setOpen] = useState(false);
  const [w, setW] = useState(String(defaultSize[0]));
  const [h, setH] = useState(String(defaultSize[1]));
  const [theme, setTheme] = useState<FigureTheme>('light');
  const [error, setError] = useState<string | null>(null);
  const size = (): [number, number] => [clampFigurePx(Number(w)), clampFigurePx(Number(h))];
  const save = (ext: 'png' | 'svg') => {
    const [pw, ph] = size();
    setW(String(pw));
    setH(String(ph));
    setError(null);
    const made =
      ext === 'svg' && svg
        ? Promise.resolve(new Blob([svg(pw, ph, theme)], { type: 'image/svg+xml' }))
        : png(pw, ph, theme);
    made.then(
      (blob) => saveBlob(blob, fileName(pw, ph, ext)),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  };
  const sizeField = (label: string, value: string, set: (v: string) => void) => (
    <label className="figure-size">
      {label}
      <input
        type="number"
        min={FIGURE_MIN_PX}
        max={FIGURE_MAX_PX}
        step={10}
        value={value}
        aria-label={`${label} [px]`}
        data-testid={`${testId}-${label}`}
        onChange={(e) => set(e.target.value)}
      />
    </label>
  );
  return (
    <span className="figure-menu">
      <button
        type="button"
        className="button small"
        aria-expanded={open}
        title="Export as a figure for slides (PNG, SVG)"
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        Figure
      </button>
      {open && (
        <div className="figure-popover panel-glass" role="dialog" aria-label="Export a figure">
          <div className="figure-row">
            {sizeField('width', w, setW)}×{sizeField('height', h, setH)} px
          </div>
          {svg && (
            <label className="figure-row">
              Colours
              <select
                className="select"
                value={theme}
                data-testid={`${testId}-theme`}
                onChange={(e) => setTheme(e.target.value as FigureTheme)}
              >
                <option value="light">light (slides, print)</option>
                <option value="dark">dark (as on screen)</option>
              </select>
            </label>
          )}
          <div className="figure-row">
            <button
              type="button"
              className="button small"
              data-testid={`${testId}-png`}
              onClick={() => save('png')}
            >
              PNG
            </button>
            {svg && (
              <button
                type="button"
                className="button small"
                data-testid={`${testId}-svg`}
                onClick={() => save('svg')}
              >
                SVG
              </button>
            )}
          </div>
          {error && <div className="figure-error">{error}</div>}
        </div>
      )}
    </span>
  );
}
