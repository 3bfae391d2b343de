import type { MouseEvent } from 'react';

/**
 * Blurs a button after a mouse click (not a keyboard press), so Space goes on meaning play /
 * pause instead of pressing the last clicked button again.
 */
export function blurAfterClick(e: MouseEvent<HTMLElement>): void {
  if (e.detail > 0) e.currentTarget.blur();
}
