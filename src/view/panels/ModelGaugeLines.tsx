/**
 * The model gauge on the score card (src/sim/gauge.ts): per spacecraft, how far the linear model
 * (CW, or YA for an eccentric target) and two-body motion drift from the perturbed truth with
 * the run's burns flown open loop, final and worst RIC position difference with units. A line
 * jumps the clock to the worst difference of the linear model.
 */

import type { SpacecraftReport } from '../../scoring/report.ts';
import { gaugePhrases } from '../../scoring/gaugeText.ts';
import { formatMet } from '../model/format.ts';

/** The gauge lines of the spacecraft that carry one; nothing when none does. */
export function ModelGaugeLines({
  spacecraft,
  seek,
}: {
  spacecraft: readonly SpacecraftReport[];
  seek: (tS: number) => void;
}) {
  const gauged = spacecraft.filter((c) => c.modelGauge !== undefined);
  if (gauged.length === 0) return null;
  return (
    <ul className="objectives constraint-list model-gauge" data-testid="model-gauge">
      <li>
        <span className="objective-mark">≈</span>
        <span className="objective-label">Model gauge</span>
        <span className="objective-detail">
          drift from the perturbed truth (same burns, open loop), RIC position
        </span>
      </li>
      {gauged.map((c) => {
        const g = c.modelGauge!;
        return (
          <li
            key={c.id}
            className="clickable"
            data-testid={`model-gauge-${c.id}`}
            title="Jump to the linear model's worst difference"
            onClick={() => seek(g.models[0]!.worstTS)}
          >
            <span className="objective-mark" />
            <span className="objective-label">{c.id}</span>
            <span className="objective-detail">{gaugePhrases(g, formatMet).join(' · ')}</span>
          </li>
        );
      })}
    </ul>
  );
}
