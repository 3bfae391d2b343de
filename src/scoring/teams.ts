/**
 * Coalitions: the score card grouped by `team` (spacecraft key, free text), with one overall
 * score per team and the closest approach between every two teams.
 *
 * A team's overall score is the plan's formula (score.ts) over its own members: the worst
 * member's safety + efficiency, plus the objectives that count for the team (those naming one of
 * its spacecraft, and those naming none, which any spacecraft may meet), capped at 75 when one of
 * its members has a maneuver that never started. Spacecraft without a team form one group whose
 * `team` is null. Non-cooperative spacecraft (`role`) earn no score: a team scores its own
 * inspectors only (a team of none has no score entry), but its separations count them.
 */

import { isNonCooperative } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Evaluation } from './evaluate.ts';
import { overallScore, type OverallScore } from './score.ts';

/** One team's part of the report. */
export interface TeamReport {
  /** The team as written in the scenario; null for the spacecraft that name none. */
  team: string | null;
  /** Ids of its spacecraft, in scenario order. */
  spacecraft: string[];
  /** Its score, 0-100, by the plan's formula over its members (see README, "Score"). */
  score: OverallScore;
}

/** Closest approach between any spacecraft of one team and any of another. */
export interface TeamSeparation {
  teams: [string | null, string | null];
  minRange: {
    /** Smallest range between a spacecraft of each team, m. */
    rangeM: number;
    /** When, s since the epoch. */
    tS: number;
    /** The two spacecraft, in the order of `teams`. */
    ids: [string, string];
  };
}

/** Whether the scenario names a team for any spacecraft (the report then groups by team). */
export function hasTeams(s: Scenario): boolean {
  return s.spacecraft.some((c) => c.team !== undefined);
}

/** The teams in order of first appearance, each with the indices of its spacecraft. */
function groups(s: Scenario): { team: string | null; members: number[] }[] {
  const out: { team: string | null; members: number[] }[] = [];
  s.spacecraft.forEach((c, i) => {
    const team = c.team ?? null;
    const g = out.find((x) => x.team === team);
    if (g) g.members.push(i);
    else out.push({ team, members: [i] });
  });
  return out;
}

/**
 * The score of each team of an evaluated run, and the closest approach between every two teams
 * (pairs in order of first appearance). Empty lists when the scenario names no team.
 */
export function teamReports(e: Evaluation): {
  teams: TeamReport[];
  separations: TeamSeparation[];
} {
  const s = e.run.scenario;
  if (!hasTeams(s)) return { teams: [], separations: [] };
  const gs = groups(s);
  const scoreOf = new Map(e.score.spacecraft.map((c) => [c.id, c]));
  const teams = gs.flatMap((g): TeamReport[] => {
    const scored = g.members.filter((i) => !isNonCooperative(s.spacecraft[i]!));
    if (scored.length === 0) return [];
    const ids = new Set(scored.map((i) => s.spacecraft[i]!.id));
    const objectives = e.objectives.filter((o) => {
      const who = s.objectives?.[o.index]?.spacecraft;
      return who === undefined || ids.has(who);
    });
    const incomplete = scored.some((i) =>
      e.spacecraft[i]!.violations.some((v) => v.kind === 'not-flown'),
    );
    const members = scored.map((i) => scoreOf.get(s.spacecraft[i]!.id)!);
    return [
      {
        team: g.team,
        spacecraft: [...ids],
        score: overallScore(members, objectives, incomplete),
      },
    ];
  });
  const teamOf = new Map(s.spacecraft.map((c) => [c.id, c.team ?? null]));
  const separations: TeamSeparation[] = [];
  for (let i = 0; i < gs.length; i++) {
    for (let j = i + 1; j < gs.length; j++) {
      const a = gs[i]!.team;
      const b = gs[j]!.team;
      let best: TeamSeparation['minRange'] | null = null;
      for (const p of e.run.pairs) {
        const ta = teamOf.get(p.a);
        const tb = teamOf.get(p.b);
        const ids: [string, string] | null =
          ta === a && tb === b ? [p.a, p.b] : ta === b && tb === a ? [p.b, p.a] : null;
        if (ids !== null && (best === null || p.minRangeM < best.rangeM))
          best = { rangeM: p.minRangeM, tS: p.minRangeTS, ids };
      }
      if (best !== null) separations.push({ teams: [a, b], minRange: best });
    }
  }
  return { teams, separations };
}
