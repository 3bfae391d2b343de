/**
 * Undo and redo over the scenario text, shared by every view that edits it (form, JSON editor,
 * drags in the plots and the scene).
 *
 * Each entry is a whole text (scenarios are small: a few kB), so undo is exact whatever made the
 * change. Typing in the JSON editor arrives as many small changes: a change within
 * `coalesceMs` of the previous one with the same `group` replaces it instead of adding an entry,
 * so one Ctrl+Z undoes a burst of typing. A gesture (a drag, its own group) is one entry however
 * long it pauses: `merge: 'always'`.
 */

/** Most entries kept; the oldest are dropped beyond it. */
export const HISTORY_LIMIT = 200;

/** Undo/redo stack of texts. */
export class TextHistory {
  private readonly entries: string[];
  private index = 0;
  private lastGroup: string | null = null;
  private lastTimeMs = -Infinity;

  /** @param initial the text at the start @param coalesceMs window for merging edits of one group */
  constructor(
    initial: string,
    private readonly coalesceMs = 800,
  ) {
    this.entries = [initial];
  }

  /** The current text. */
  get current(): string {
    return this.entries[this.index]!;
  }

  get canUndo(): boolean {
    return this.index > 0;
  }

  get canRedo(): boolean {
    return this.index < this.entries.length - 1;
  }

  /**
   * Records a new text. Drops the redo branch.
   * @param group edits of one group (e.g. 'json-typing', 'drag:transfer-0') close in time merge
   * @param nowMs the time of the edit, ms
   * @param merge 'always': merge with the previous edit of the same group whenever it was (one
   *   gesture, e.g. a drag with a unique group)
   */
  push(
    text: string,
    group: string | null = null,
    nowMs = 0,
    merge: 'timed' | 'always' = 'timed',
  ): void {
    if (text === this.current) return;
    const merges =
      group !== null &&
      group === this.lastGroup &&
      (merge === 'always' || nowMs - this.lastTimeMs <= this.coalesceMs) &&
      this.index > 0;
    this.entries.length = this.index + 1;
    if (merges) this.entries[this.index] = text;
    else {
      this.entries.push(text);
      this.index++;
      if (this.entries.length > HISTORY_LIMIT) {
        this.entries.shift();
        this.index--;
      }
    }
    this.lastGroup = group;
    this.lastTimeMs = nowMs;
  }

  /** Steps back; returns the text now current. */
  undo(): string {
    if (this.canUndo) this.index--;
    this.lastGroup = null;
    return this.current;
  }

  /** Steps forward again; returns the text now current. */
  redo(): string {
    if (this.canRedo) this.index++;
    this.lastGroup = null;
    return this.current;
  }

  /** Starts again from a text (e.g. a newly opened file): one entry, nothing to undo. */
  reset(text: string): void {
    this.entries.length = 0;
    this.entries.push(text);
    this.index = 0;
    this.lastGroup = null;
  }
}
