// A plot as a figure (src/view/plots/figure.ts): the SVG is the size asked for, carries the
// title, both axis labels with their units and the legend, round ticks, and draws each
// spacecraft's line where its data is (checked against the range plot's own numbers).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/editing/document.ts';
import { evaluateScenario } from '../../src/scoring/evaluate.ts';
import { figureFileName } from '../../src/view/plots/figureFile.ts';
import { clampFigurePx, niceTicks, plotFigureSvg } from '../../src/view/plots/figure.ts';
import { inPlanePlot } from '../../src/view/plots/inPlanePlot.ts';
import { timePlot } from '../../src/view/plots/timePlot.ts';
import { buildMission } from '../../src/view/model/payload.ts';
import { rangeSource } from '../../src/view/model/plotSeries.ts';

function mission(name: string) {
  const d = loadDocument(readFileSync(`scenarios/${name}.json`, 'utf8'));
  if (!d.ok) throw new Error('invalid');
  return buildMission(evaluateScenario(d.scenario, { recordEphemeris: true }), `${name}.json`);
}

describe('a plot as an SVG figure', () => {
  const m = mission('radial-drift');
  const range = timePlot({
    mission: m,
    source: (k) => rangeSource(m.crafts[k]!),
    yScale: 1 / 1000,
    yLabel: 'range (km)',
    yMin: 0,
  });

  it('is the size asked for, with the title, axis labels with units and the legend', () => {
    const svg = plotFigureSvg(range, 'Range to target', 1200, 700);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="700"/);
    expect(svg).toContain('>Range to target</text>');
    expect(svg).toContain('>hours since epoch</text>');
    expect(svg).toContain('>range (km)</text>');
    for (const c of m.crafts) {
      expect(svg).toContain(`>${c.id}</text>`);
      expect(svg).toContain(`stroke="${c.color}"`);
    }
    expect(svg.match(/<path d="M/g)).toHaveLength(m.crafts.length);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('draws the data where it is: the last point of each line at its range', () => {
    const w = 1000;
    const h = 600;
    const svg = plotFigureSvg(range, 'r', w, h);
    // Plot area (the figure's margins) and the ranges the plot fits to it.
    const frame = /<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="none"/.exec(svg)!;
    const [left, top, pw, ph] = frame.slice(1).map(Number) as [number, number, number, number];
    const fit = range.fit(pw, ph);
    const paths = [...svg.matchAll(/<path d="([^"]+)" stroke="([^"]+)"/g)];
    m.crafts.forEach((c, k) => {
      const d = paths[k]![1]!;
      const pts = d.match(/[ML](-?[\d.]+) (-?[\d.]+)/g)!;
      const last = pts[pts.length - 1]!.slice(1).split(' ').map(Number);
      const e = c.ephemeris;
      const tEnd = e.tS[e.count - 1]! / 3600;
      const rEnd = c.rangeM[e.count - 1]! / 1000;
      const [x0, x1] = fit.x!;
      const [y0, y1] = fit.y!;
      expect(last[0]).toBeCloseTo(left + ((tEnd - x0) / (x1 - x0)) * pw, 1);
      expect(last[1]).toBeCloseTo(top + ph - ((rEnd - y0) / (y1 - y0)) * ph, 1);
    });
  });

  it('keeps an equal-aspect plot and escapes text', () => {
    const svg = plotFigureSvg(inPlanePlot(m), 'R <vs> I & more', 800, 800, 'dark');
    expect(svg).toContain('R &lt;vs&gt; I &amp; more');
    expect(svg).toContain('>I in-track (km) →</text>');
    expect(svg).toContain('fill="#0b1017"');
  });

  it('has round ticks, sizes within limits and plain file names', () => {
    expect(niceTicks(0, 24, 6)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(-0.013, 0.013, 6)).toEqual([-0.01, -0.005, 0, 0.005, 0.01]);
    expect(niceTicks(1, 1, 4)).toEqual([]);
    expect(clampFigurePx(50)).toBe(200);
    expect(clampFigurePx(99999)).toBe(4096);
    expect(clampFigurePx(Number.NaN)).toBe(200);
    expect(figureFileName('Football: 1 km natural-motion', 'range', 1600, 900, 'png')).toBe(
      'football-1-km-natural-motion-range-1600x900.png',
    );
  });
});
