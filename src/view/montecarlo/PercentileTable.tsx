/**
 * Percentiles of the minimum range to the target and of the delta-v flown, per spacecraft
 * (linear interpolation between order statistics, Hyndman-Fan 7; src/montecarlo/stats.ts).
 */

import type { Distribution, MonteCarloSummary } from '../../montecarlo/stats.ts';
import { formatDvFine, formatRangeFine } from './format.ts';

/** Props of `PercentileTable`. */
export interface PercentileTableProps {
  summary: MonteCarloSummary;
}

/** One quantity's row (a render function, not a component). */
function distributionRow(key: string, label: string, d: Distribution, fmt: (v: number) => string) {
  return (
    <tr key={key} data-quantity={key}>
      <td>{label}</td>
      <td className="num">{fmt(d.p5)}</td>
      <td className="num mc-p50">{fmt(d.p50)}</td>
      <td className="num">{fmt(d.p95)}</td>
    </tr>
  );
}

/** The percentile table. */
export function PercentileTable({ summary }: PercentileTableProps) {
  const many = summary.spacecraft.length > 1;
  return (
    <table className="table mc-table" data-testid="mc-percentiles">
      <thead>
        <tr>
          <th>Quantity</th>
          <th className="num">p5</th>
          <th className="num">p50</th>
          <th className="num">p95</th>
        </tr>
      </thead>
      <tbody>
        {summary.spacecraft.flatMap((sc) => {
          const prefix = many ? `${sc.id}: ` : '';
          return [
            distributionRow(`${sc.id}:range`, `${prefix}Min range`, sc.minRangeM, formatRangeFine),
            distributionRow(`${sc.id}:dv`, `${prefix}Δv flown`, sc.totalDvMps, formatDvFine),
          ];
        })}
      </tbody>
    </table>
  );
}
