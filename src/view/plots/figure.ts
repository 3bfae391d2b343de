/**
 * A plot as a figure for slides: an SVG document of a chosen size drawn from the same plot
 * definition as the chart on screen (./useUPlot.ts): the title, both axes with their labels and
 * units, round tick values, a grid, one line per spacecraft in its colour and a legend. No DOM
 * here (the PNG is the SVG drawn onto a canvas: ./figureFile.ts).
 */

import type { PlotDefinition } from './useUPlot.ts';

/** Figure colours: a light one for slides and print, a dark one like the app's. */
export type FigureTheme = 'light' | 'dark';

const THEMES: Record<FigureTheme, { bg: string; fg: string; dim: string; grid: string }> = {
  light: { bg: '#ffffff', fg: '#1b2430', dim: '#4a5668', grid: '#dde3ea' },
  dark: { bg: '#0b1017', fg: '#e6edf5', dim: '#8d99ab', grid: '#1f2a37' },
};

/** Smallest and largest figure side, px. */
export const FIGURE_MIN_PX = 200;
export const FIGURE_MAX_PX = 4096;

/** Margins around the plot area, px: title above, tick labels and axis labels left and below. */
const MARGIN = { left: 78, right: 18, top: 40, bottom: 54 };

/**
 * Round tick values covering [min, max]: 1, 2 or 5 times a power of ten apart, about `count`.
 * @param min low end (data units)
 * @param max high end
 * @param count ticks wanted
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const raw = (max - min) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let k = Math.ceil(min / step); k * step <= max + step * 1e-9; k++) {
    out.push(Math.abs(k * step) < step * 1e-9 ? 0 : k * step);
  }
  return out;
}

/** A tick value with as many decimals as its spacing needs. */
function tickText(v: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return v.toFixed(Math.min(decimals, 10)).replace('-', '−');
}

/** Text safe inside SVG. */
function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A size of the figure: whole pixels within the limits. */
export function clampFigurePx(px: number): number {
  if (!Number.isFinite(px)) return FIGURE_MIN_PX;
  return Math.min(FIGURE_MAX_PX, Math.max(FIGURE_MIN_PX, Math.round(px)));
}

/**
 * The SVG document of a plot.
 * @param def the plot (the chart's definition: its axes' labels with units, series, data, fit)
 * @param title the figure's title
 * @param widthPx figure width, px
 * @param heightPx figure height, px
 * @param theme light (slides, print) or dark
 */
export function plotFigureSvg(
  def: PlotDefinition,
  title: string,
  widthPx: number,
  heightPx: number,
  theme: FigureTheme = 'light',
): string {
  const w = clampFigurePx(widthPx);
  const h = clampFigurePx(heightPx);
  const c = THEMES[theme];
  const pw = w - MARGIN.left - MARGIN.right;
  const ph = h - MARGIN.top - MARGIN.bottom;
  const ranges = def.fit(pw, ph);
  const [x0, x1] = ranges.x ?? [0, 1];
  const [y0, y1] = ranges.y ?? [0, 1];
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => MARGIN.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const f = (v: number) => v.toFixed(2);
  const axes = def.options.axes ?? [];
  const xLabel = String(axes[0]?.label ?? '');
  const yLabel = String(axes[1]?.label ?? '');
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
    `<rect width="${w}" height="${h}" fill="${c.bg}"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="600" fill="${c.fg}">${esc(title)}</text>`,
    `<defs><clipPath id="plot-area"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${pw}" height="${ph}"/></clipPath></defs>`,
  );
  const xt = niceTicks(x0, x1, Math.max(2, Math.round(pw / 90)));
  const yt = niceTicks(y0, y1, Math.max(2, Math.round(ph / 55)));
  const xStep = xt.length > 1 ? xt[1]! - xt[0]! : 1;
  const yStep = yt.length > 1 ? yt[1]! - yt[0]! : 1;
  for (const v of xt) {
    const x = f(sx(v));
    out.push(
      `<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + ph}" stroke="${c.grid}"/>`,
      `<text x="${x}" y="${MARGIN.top + ph + 16}" font-size="12" fill="${c.dim}" text-anchor="middle">${tickText(v, xStep)}</text>`,
    );
  }
  for (const v of yt) {
    const y = f(sy(v));
    out.push(
      `<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + pw}" y2="${y}" stroke="${c.grid}"/>`,
      `<text x="${MARGIN.left - 6}" y="${y}" font-size="12" fill="${c.dim}" text-anchor="end" dominant-baseline="middle">${tickText(v, yStep)}</text>`,
    );
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${pw}" height="${ph}" fill="none" stroke="${c.dim}"/>`,
    `<text x="${MARGIN.left + pw / 2}" y="${h - 12}" font-size="13" font-weight="600" fill="${c.fg}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(18 ${MARGIN.top + ph / 2}) rotate(-90)" font-size="13" font-weight="600" fill="${c.fg}" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  const series = (def.options.series ?? []).slice(1);
  const facets = def.data(pw, ph, null);
  out.push(
    '<g clip-path="url(#plot-area)" fill="none" stroke-width="1.8" stroke-linejoin="round">',
  );
  facets.forEach(([xs, ys], k) => {
    const stroke = String(series[k]?.stroke ?? c.fg);
    let d = '';
    let pen = false;
    for (let j = 0; j < xs.length; j++) {
      const x = xs[j];
      const y = ys[j];
      if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${f(sx(x))} ${f(sy(y))}`;
      pen = true;
    }
    if (d !== '') out.push(`<path d="${d}" stroke="${esc(stroke)}"/>`);
  });
  out.push('</g>');
  // Legend: one swatch and name per series, right-aligned in the title row.
  let lx = w - MARGIN.right;
  for (let k = series.length - 1; k >= 0; k--) {
    const name = esc(String(series[k]?.label ?? `series ${k + 1}`));
    const stroke = esc(String(series[k]?.stroke ?? c.fg));
    out.push(
      `<text x="${lx}" y="24" font-size="12" fill="${c.fg}" text-anchor="end">${name}</text>`,
    );
    lx -= name.length * 7 + 8;
    out.push(
      `<line x1="${lx - 16}" y1="20" x2="${lx - 2}" y2="20" stroke="${stroke}" stroke-width="3"/>`,
    );
    lx -= 26;
  }
  out.push('</svg>');
  return out.join('\n');
}
