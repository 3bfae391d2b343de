/**
 * The score card: the overall score and its parts (and "incomplete" when a maneuver was never
 * flown), then per spacecraft the delta-v spent (against its budget), the closest approach to the
 * target and when, and constraint violations; closest approaches between spacecraft; per
 * constraint its worst margin with the unit, when, and the cause (which burn's failure breaks
 * passive safety, why a maneuver was not flown); the model gauge when the report has one; the
 * collision probability of each closest approach with its method (CollisionLines); and the
 * objectives. Rows jump the clock to where they happen.
 */

import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import type { SpacecraftReport } from '../../scoring/report.ts';
import { formatMargin, notFlownText, passiveSafetyCause } from '../../scoring/reportText.ts';
import { formatDistance, formatDv, formatMet, formatShortDuration } from '../model/format.ts';
import { maneuverIndexOf, type ViolationView } from '../model/mission.ts';
import { ModelGaugeLines } from './ModelGaugeLines.tsx';
import { TeamScores } from './TeamScores.tsx';
import { CollisionLines } from './CollisionLines.tsx';

/** Violations grouped by constraint: one badge each. */
function groupViolations(vs: readonly ViolationView[]) {
  const groups = new Map<
    string,
    { count: number; totalS: number; firstS: number; title: string }
  >();
  for (const v of vs) {
    const g = groups.get(v.constraint) ?? {
      count: 0,
      totalS: 0,
      firstS: v.startS,
      title: v.title,
    };
    g.count++;
    g.totalS += v.endS - v.startS;
    g.firstS = Math.min(g.firstS, v.startS);
    groups.set(v.constraint, g);
  }
  return [...groups.entries()];
}

const fmtScore = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** One line per constraint of a spacecraft and per maneuver not flown: what, worst, when, why. */
function ConstraintLines({
  craft,
  seek,
  showId,
}: {
  craft: SpacecraftReport;
  seek: (tS: number) => void;
  showId: boolean;
}) {
  const who = showId ? `${craft.id} · ` : '';
  return (
    <>
      {craft.constraints.map((k) => (
        <li
          key={k.kind}
          className={`clickable ${k.pass ? 'met' : 'missed'}`}
          data-testid={`constraint-${craft.id}-${k.kind}`}
          title="Jump to the worst margin"
          onClick={() => seek(k.worstTS)}
        >
          <span className="objective-mark">{k.pass ? '✓' : '✗'}</span>
          <span className="objective-label">
            {who}
            {k.kind}
          </span>
          <span className="objective-detail">
            worst margin {formatMargin(k.worstMargin, k.unit)} at {formatMet(k.worstTS)}
            {k.timeInViolationS > 0 && ` · ${formatShortDuration(k.timeInViolationS)} in violation`}
            {k.kind === 'passive-safety' &&
              ` · ${passiveSafetyCause(craft, formatMet, formatDistance)}`}
          </span>
        </li>
      ))}
      {craft.violations
        .filter((v) => v.kind === 'not-flown')
        .map((v) => {
          const j = maneuverIndexOf(v.path);
          const m = craft.maneuvers[j];
          return (
            <li key={v.path} className="missed" data-testid={`not-flown-${craft.id}-${j}`}>
              <span className="objective-mark">✗</span>
              <span className="objective-label">
                {who}
                {m?.label ?? m?.type} not flown
              </span>
              <span className="objective-detail">
                {v.path}: {notFlownText(v.reason, j, m?.trigger)}
              </span>
            </li>
          );
        })}
    </>
  );
}

/** The score card. */
export function ScoreCard() {
  const { mission, seek } = useAppStore(useShallow((s) => ({ mission: s.mission, seek: s.seek })));
  if (!mission) return null;
  const report = mission.report;
  const score = report?.score ?? null;
  const state = mission.scoreState;
  return (
    <section
      className={`panel score-card score-${state}`}
      data-testid="score-card"
      data-score-state={state}
      aria-label="Score card"
      aria-busy={state !== 'current'}
    >
      <header className="panel-title">
        <span>
          Score card
          {state !== 'current' && (
            <span className="scoring-badge" data-testid="scoring">
              scoring…
            </span>
          )}
        </span>
        {score && (
          <span className="score-head">
            <span className="score-parts">
              <span title="Safety: constraints kept, of 65">safety {fmtScore(score.safety)}</span>
              <span title="Efficiency: delta-v against the budget, of 15">
                efficiency {fmtScore(score.efficiency)}
              </span>
              <span title="Objectives met, of 20">objectives {fmtScore(score.objectives)}</span>
            </span>
            <span className="score-total" data-testid="score-overall" title="Overall score, 0-100">
              {fmtScore(score.overall)}
            </span>
            <span className="panel-sub">/100</span>
            {score.incomplete && (
              <span
                className="badge bad"
                data-testid="score-incomplete"
                title="A maneuver was never flown: the plan did not run as written (score at most 75)"
              >
                incomplete
              </span>
            )}
          </span>
        )}
      </header>
      <div className="score-scroll">
        {report && <TeamScores report={report} scenario={mission.scenario} seek={seek} />}
        <table className="table">
          <thead>
            <tr>
              <th>Spacecraft</th>
              <th className="num">Δv used / budget</th>
              <th className="num">Min range</th>
              <th className="num col-at">at</th>
              <th>Constraints</th>
            </tr>
          </thead>
          <tbody>
            {mission.crafts.map((c, i) => {
              const budget = report?.spacecraft[i]?.budget.dvBudgetMps ?? null;
              const groups = groupViolations(mission.violations[i] ?? []);
              const accuracy = report?.spacecraft[i]?.accuracy;
              return (
                <tr
                  key={c.id}
                  className="clickable"
                  data-testid={`score-row-${c.id}`}
                  title="Jump to the closest approach"
                  onClick={() => seek(c.minRangeTS)}
                >
                  <td>
                    <span className="swatch" style={{ background: c.color }} />
                    {c.id}
                    {c.nonCooperative && (
                      <span className="hud-dim" data-testid={`score-non-cooperative-${c.id}`}>
                        {' '}
                        non-cooperative, no score
                      </span>
                    )}
                  </td>
                  <td className="num" data-testid={`score-dv-${c.id}`}>
                    {formatDv(c.totalDvMps)}
                    {budget !== null && (
                      <span className="hud-dim"> of {formatDv(budget)} budget</span>
                    )}
                  </td>
                  <td
                    className="num"
                    data-testid={`score-min-range-${c.id}`}
                    title={`at ${formatMet(c.minRangeTS)}`}
                  >
                    {formatDistance(c.minRangeM)}
                  </td>
                  <td className="num col-at">{formatMet(c.minRangeTS)}</td>
                  <td className="badges">
                    {report === null ? (
                      <span className="badge pending">…</span>
                    ) : groups.length === 0 ? (
                      <span className="badge ok">all clear</span>
                    ) : (
                      groups.map(([kind, g]) => (
                        <button
                          type="button"
                          key={kind}
                          className="badge bad"
                          data-testid={`score-violation-${c.id}-${kind}`}
                          title={
                            kind === 'not-flown'
                              ? `${g.title}: ${g.count} maneuver${g.count > 1 ? 's' : ''} never started (see below).`
                              : `${g.title}: ${g.count} time${g.count > 1 ? 's' : ''}, ${formatShortDuration(g.totalS)} in all. Click to jump to the first.`
                          }
                          onClick={(e) => {
                            e.stopPropagation();
                            seek(g.firstS);
                          }}
                        >
                          {kind} {g.count > 1 ? `×${g.count}` : ''}
                        </button>
                      ))
                    )}
                    {accuracy?.warning && (
                      <span
                        className="badge warn"
                        data-testid={`score-accuracy-${c.id}`}
                        title={accuracy.warning}
                      >
                        final position ±{formatDistance(accuracy.finalPositionErrorEstimateM)}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
            {mission.pairs.map((p) => (
              <tr
                key={`${p.a}-${p.b}`}
                className="clickable pair"
                title="Jump to the closest approach"
                onClick={() => seek(p.minRangeTS)}
              >
                <td>
                  {p.a} – {p.b}
                </td>
                <td className="num">—</td>
                <td className="num">{formatDistance(p.minRangeM)}</td>
                <td className="num col-at">{formatMet(p.minRangeTS)}</td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
        {report && (
          <ul className="objectives constraint-list" data-testid="constraints">
            {report.spacecraft.map((rc) => (
              <ConstraintLines
                key={rc.id}
                craft={rc}
                seek={seek}
                showId={report.spacecraft.length > 1}
              />
            ))}
          </ul>
        )}
        {report && <ModelGaugeLines spacecraft={report.spacecraft} seek={seek} />}
        {report && <CollisionLines collision={report.collision} seek={seek} />}
        {mission.objectives.length > 0 && (
          <ul className="objectives" data-testid="objectives">
            {mission.objectives.map((o) => (
              <li key={o.index} className={o.met ? 'met' : 'missed'}>
                <span className="objective-mark">{o.met ? '✓' : '✗'}</span>
                <span className="objective-label">
                  {o.label ?? `${o.type} objective ${o.index + 1}`}
                </span>
                <span className="objective-detail">
                  {o.type === 'observe' && o.achievedS !== undefined
                    ? `${formatShortDuration(o.achievedS)} of ${formatShortDuration(o.requiredS ?? 0)}`
                    : o.facesMissing && o.facesMissing.length > 0
                      ? `missing ${o.facesMissing.join(' ')}`
                      : o.facesCovered
                        ? `faces ${o.facesCovered.join(' ')}`
                        : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
