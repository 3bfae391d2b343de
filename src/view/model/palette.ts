/** Spacecraft colours (./mission.ts, ./teams.ts). */

/** Colours given to spacecraft without a `color` (high contrast on the dark background). */
export const CRAFT_PALETTE = [
  '#ffb000',
  '#4cc2ff',
  '#ff5fa2',
  '#7ee787',
  '#c792ea',
  '#ff7b54',
  '#f2e85c',
  '#5eead4',
] as const;
