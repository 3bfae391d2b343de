/**
 * Violation probabilities of a Monte Carlo run: per spacecraft, each constraint that applies to
 * it, with the 95 % Wilson score interval and the count of trials that violated it, then the
 * probability of any violation.
 */

import type { ViolationKind } from '../../events/detectors.ts';
import type { MonteCarloSummary, Proportion } from '../../montecarlo/stats.ts';
import { formatCount, formatInterval, formatPercent, kindLabel } from './format.ts';

/** Props of `ProbabilityTable`. */
export interface ProbabilityTableProps {
  summary: MonteCarloSummary;
  crafts: { id: string; color: string }[];
}

/** One constraint's row (a render function, not a component: it holds no state). */
function probabilityRow(craft: string, kind: string, label: string, q: Proportion, n: number) {
  const total = kind === 'any';
  const level = q.count === 0 ? 'zero' : q.p < 0.01 ? 'low' : 'high';
  return (
    <tr
      key={kind}
      className={`mc-prob ${level}${total ? ' total' : ''}`}
      data-craft={craft}
      data-kind={kind}
    >
      <td>{label}</td>
      <td className="num mc-p" data-p={q.p}>
        {formatPercent(q.p)}
      </td>
      <td className="num mc-ci" data-lo={q.lo} data-hi={q.hi}>
        {formatInterval(q.lo, q.hi)}
      </td>
      <td className="num mc-count" data-count={q.count}>
        {formatCount(q.count)}
        <span className="mc-of"> / {formatCount(n)}</span>
      </td>
    </tr>
  );
}

/** The probability table. */
export function ProbabilityTable({ summary, crafts }: ProbabilityTableProps) {
  const n = summary.flown;
  return (
    <table className="table mc-table" data-testid="mc-probabilities">
      <thead>
        <tr>
          <th>Constraint</th>
          <th className="num">P</th>
          <th className="num">95 % interval</th>
          <th className="num">Trials</th>
        </tr>
      </thead>
      {summary.spacecraft.map((sc, i) => {
        const kinds = Object.keys(sc.violations) as ViolationKind[];
        return (
          <tbody key={sc.id}>
            {summary.spacecraft.length > 1 && (
              <tr className="mc-craft-row">
                <td colSpan={4}>
                  <span
                    className="swatch"
                    style={{ color: crafts[i]?.color, background: crafts[i]?.color }}
                  />
                  {sc.id}
                </td>
              </tr>
            )}
            {kinds.length === 0 && (
              <tr className="mc-none">
                <td colSpan={4}>No constraint applies to {sc.id}.</td>
              </tr>
            )}
            {kinds.map((kind) =>
              probabilityRow(sc.id, kind, kindLabel(kind), sc.violations[kind]!, n),
            )}
            {kinds.length > 1 && probabilityRow(sc.id, 'any', 'Any violation', sc.anyViolation, n)}
          </tbody>
        );
      })}
    </table>
  );
}
