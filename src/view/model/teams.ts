/**
 * Team colours: one stable colour per `team` (in order of first appearance in the scenario), so
 * that a coalition reads at a glance in the scene, plots, HUD and score card.
 */

import type { Scenario } from '../../scenario/schema.ts';
import { CRAFT_PALETTE } from './palette.ts';

/** Team colours, in order of first appearance (the spacecraft palette). */
export const TEAM_PALETTE = CRAFT_PALETTE;

/** Colour of the spacecraft that name no team when others do. */
export const NO_TEAM_COLOR = '#9aa4b2';

/** A team and its colour. */
export interface TeamColor {
  /** The team as written; null for the spacecraft that name none. */
  team: string | null;
  color: string;
}

/**
 * The teams of a scenario with their colours, in order of first appearance; empty when no
 * spacecraft names a team.
 */
export function teamColors(s: Scenario): TeamColor[] {
  if (!s.spacecraft.some((c) => c.team !== undefined)) return [];
  const out: TeamColor[] = [];
  let k = 0;
  for (const c of s.spacecraft) {
    const team = c.team ?? null;
    if (out.some((t) => t.team === team)) continue;
    const color = team === null ? NO_TEAM_COLOR : TEAM_PALETTE[k++ % TEAM_PALETTE.length]!;
    out.push({ team, color });
  }
  return out;
}

/** The team colour of spacecraft `index`, or null when the scenario names no team. */
export function teamColorOf(s: Scenario, index: number): string | null {
  const spec = s.spacecraft[index];
  if (!spec) return null;
  const team = spec.team ?? null;
  return teamColors(s).find((t) => t.team === team)?.color ?? null;
}
