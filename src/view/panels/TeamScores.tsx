/**
 * Team score cards: with spacecraft `team`s, one card per team (its colour, overall score out of
 * 100 and members) and the closest approach between every two teams, from the report.
 */

import type { RunReport } from '../../scoring/report.ts';
import { formatDistance, formatMet } from '../model/format.ts';
import { teamColors } from '../model/teams.ts';
import type { Scenario } from '../../scenario/schema.ts';

const teamName = (t: string | null) => t ?? 'no team';
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** The team cards of a report (nothing without teams). */
export function TeamScores({
  report,
  scenario,
  seek,
}: {
  report: RunReport;
  scenario: Scenario;
  seek: (tS: number) => void;
}) {
  if (!report.teams) return null;
  const colors = teamColors(scenario);
  return (
    <>
      <div className="team-cards" data-testid="team-scores">
        {report.teams.map((t) => {
          const color = colors.find((c) => c.team === t.team)?.color ?? 'var(--muted)';
          const s = t.score;
          return (
            <div
              key={teamName(t.team)}
              className="team-card"
              style={{ '--team-color': color } as React.CSSProperties}
              data-testid={`team-score-${teamName(t.team)}`}
              title={`safety ${fmt(s.safety)}/65, efficiency ${fmt(s.efficiency)}/15, objectives ${fmt(s.objectives)}/20`}
            >
              <span className="team-name">{teamName(t.team)}</span>
              <span className="team-score" data-testid={`team-overall-${teamName(t.team)}`}>
                {fmt(s.overall)}
              </span>
              <span className="panel-sub">/100</span>
              {s.incomplete && <span className="badge bad">incomplete</span>}
              <span className="hud-dim">{t.spacecraft.join(', ')}</span>
            </div>
          );
        })}
      </div>
      {report.teamSeparations && (
        <div className="team-separations" data-testid="team-separations">
          {report.teamSeparations.map((p) => (
            <div
              key={`${teamName(p.teams[0])}-${teamName(p.teams[1])}`}
              className="clickable"
              title="Jump to the closest approach between the teams"
              onClick={() => seek(p.minRange.tS)}
            >
              {teamName(p.teams[0])} – {teamName(p.teams[1])}: closest{' '}
              {formatDistance(p.minRange.rangeM)} ({p.minRange.ids[0]} – {p.minRange.ids[1]}) at{' '}
              {formatMet(p.minRange.tS)}
            </div>
          ))}
        </div>
      )}
    </>
  );
}
