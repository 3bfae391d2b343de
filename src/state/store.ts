/**
 * The app store (zustand, vanilla: no React here; ./useAppStore.ts binds it to React).
 *
 * Slow state only: the loaded mission, load errors, whether playback runs and how fast, the
 * camera mode and the spacecraft in focus, and the plan being edited. Each changes on a click, a
 * key or an edit, never per frame. The current sim time is fast state and lives in the `SimClock`
 * held here (a stable object, never replaced): the frame loop advances it and the HUD, plots and
 * timeline follow it by subscribing.
 *
 * Plan editing: the scenario TEXT is the source of truth (`text`). Every edit (form, JSON editor,
 * drags) goes through `edit`, which records it in one undo history (TextHistory), autosaves it
 * and asks the simulation workers for the new trajectory, then for the new score. Results come
 * back newest first (src/worker/client.ts); a text that cannot be run keeps the last good
 * trajectory on screen and lists its problems (`issues`).
 *
 * Layering: physics (src/sim, src/scenario) -> view model (src/view/model) -> this store ->
 * React components (src/view). The physics runs in web workers (src/worker): it is not part of
 * the first load, and the page never freezes while a plan is recomputed.
 */

import { createStore, type StoreApi } from 'zustand/vanilla';
import { clearDraft, saveDraft, type Draft, type DraftStorage } from '../editing/autosave.ts';
import type { LocatedIssue } from '../editing/document.ts';
import { TextHistory } from '../editing/history.ts';
import { readJson } from '../editing/jsonText.ts';
import type { ScenarioIssue } from '../scenario/validate.ts';
import { DEFAULT_EXAMPLE, type ExampleScenario } from '../view/model/examples.ts';
import {
  adjacentStop,
  eventStops,
  missionFromTrajectory,
  withScore,
  type Mission,
  type TrajectoryPayload,
} from '../view/model/mission.ts';
import { createWorkerClient, type SimulationClient } from '../worker/client.ts';
import type { SimResponse, TrajectoryStage } from '../worker/protocol.ts';
import { RecycleQueue } from './recycling.ts';
import { SimClock } from './clock.ts';
import { editTiming as pageEditTiming, type EditTiming } from './editTiming.ts';

/** Playback speeds offered, sim seconds per wall second. */
export const SPEEDS = [1, 10, 60, 100, 300, 1000, 3000, 10000] as const;
/** Speed at start: 48 h in under 3 min. */
export const DEFAULT_SPEED = 1000;

/** Camera modes: around the target, following a spacecraft, or from a spacecraft at the target. */
export type CameraMode = 'orbit' | 'follow' | 'inspector';

/** Problems found in a scenario that was not loaded. */
export interface LoadError {
  /** File or example name. */
  sourceName: string;
  issues: ScenarioIssue[];
}

/** Whether the text being edited runs. */
export type DocStatus = 'running' | 'ok' | 'invalid';

/** A note about an autosaved draft found at start. */
export interface DraftNote {
  /** 'restored': the draft is open; 'available': something else was asked for, the draft waits. */
  kind: 'restored' | 'available';
  draft: Draft;
  /** The restored draft does not run: it is open as text, its problems listed in the editor. */
  hasProblems?: boolean;
}

/** Storage key of whether the plan editor was left open (so a reload reopens it). */
export const EDITOR_OPEN_KEY = 'rpo-sim:editor-open:v1';

/** Delay before an edit is scored, ms: a drag or a burst of typing is scored once it pauses. */
export const SCORE_DELAY_MS = 120;

/** How a scenario is loaded. */
export interface LoadOptions {
  /** Example name when it is a bundled example (kept for the menu and the URL). */
  exampleName?: string | null;
  /** Start playing after loading (default: keep playing if it was). */
  play?: boolean;
}

/** State and actions of the app. */
export interface AppState {
  /** The playback clock (fast state; the same object for the life of the store). */
  readonly clock: SimClock;
  /** Bundled examples, default first. */
  readonly examples: readonly ExampleScenario[];
  /** The mission shown, or null before the first successful load. */
  mission: Mission | null;
  /** Incremented on every successful load (a key that remounts the scene). */
  missionSerial: number;
  /** Example name of the mission shown (null: opened from a file). */
  exampleName: string | null;
  /** Problems of the last scenario that failed to load (the mission shown is unchanged). */
  loadError: LoadError | null;
  /** Mirrors `clock.playing`. */
  playing: boolean;
  /** Mirrors `clock.multiplier`, sim s per wall s. */
  speed: number;
  cameraMode: CameraMode;
  /** Spacecraft followed or looked from (camera modes `follow`, `inspector`). */
  focusCraftId: string | null;

  /** Whether a scenario is being validated and run. */
  loading: boolean;

  /** The scenario text being edited: the source of truth ('' before the first load). */
  text: string;
  /** File or example the text came from (download name, restore note). */
  docSource: string;
  /** `text` parsed as JSON, or null when it is not valid JSON (what the form reads). */
  docValue: unknown;
  /** Problems of `text` (empty when it runs), located in it. */
  issues: LocatedIssue[];
  docStatus: DocStatus;
  canUndo: boolean;
  canRedo: boolean;
  /** Incremented on every trajectory shown (loads and edits, previews and exact runs). */
  trajectorySerial: number;
  /** Whether the trajectory shown is an edit's preview (coarser step) or the exact run. */
  trajectoryStage: TrajectoryStage;
  /** Whether the plan editor is open (and the drag handles shown). */
  editorOpen: boolean;
  draftNote: DraftNote | null;
  /** Why the last autosave failed, or null. */
  autosaveError: string | null;

  /**
   * Loads scenario text; on failure keeps the current mission and sets `loadError`. When loads
   * overlap, the last one started wins and the others resolve false.
   * @returns true when loaded
   */
  loadText(text: string, sourceName: string, options?: LoadOptions): Promise<boolean>;
  /**
   * Stops the scenario being loaded (however long its run would take): the load fails with "the
   * run was cancelled" and the mission shown stays.
   */
  cancelLoad(): void;
  /** Loads a bundled example by name; an unknown name is a load error. */
  loadExample(name: string, options?: LoadOptions): Promise<boolean>;
  dismissError(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Sets the speed, sim s per wall s. */
  setSpeed(multiplier: number): void;
  /** One step along `SPEEDS`. */
  stepSpeed(dir: 1 | -1): void;
  /** Moves the clock to `tS`, s since the epoch. */
  seek(tS: number): void;
  /** Jumps to the next (1) or previous (-1) event. */
  stepEvent(dir: 1 | -1): void;
  setCameraMode(mode: CameraMode): void;
  setFocusCraft(id: string): void;

  /**
   * Edits the plan: `transform` maps the current text to the new one (src/editing/jsonText.ts).
   * Recorded for undo (edits of one `group` close in time are one step; with `gesture`, every
   * edit of the group is, e.g. the steps of one drag), autosaved, and run.
   */
  edit(transform: (text: string) => string, group?: string | null, gesture?: boolean): void;
  /** Replaces the whole text (the JSON editor). */
  setText(text: string, group?: string | null): void;
  undo(): void;
  redo(): void;
  setEditorOpen(open: boolean): void;
  setDraftNote(note: DraftNote | null): void;
  /** Forgets the autosaved draft; a restored draft is replaced by the scenario it came from. */
  discardDraft(): Promise<void>;
  /** Opens the draft offered by an 'available' note (as text with its problems if it does not run). */
  openDraft(): Promise<boolean>;
  /**
   * Makes a draft that does not run (invalid, or not even JSON) the text being edited, over the
   * mission shown: its problems are listed in the opened editor, the next edit continues it, and
   * the note says it was restored. A draft is never replaced by a scenario it did not come from.
   */
  restoreDraftText(draft: Draft): void;
  /** The simulation client this store runs texts with (the ghosts ask it too: ./ghosts.ts). */
  simulator(): SimulationClient;
}

/** Options of `createAppStore`. */
export interface AppStoreOptions {
  examples?: readonly ExampleScenario[];
  clock?: SimClock;
  speed?: number;
  /** Runs scenario texts (default: two web workers; node: pass `createInProcessClient()`). */
  simulator?: SimulationClient;
  /** Where drafts are autosaved (the page: localStorage); none: no autosave. */
  storage?: DraftStorage | null;
  /** Edit timing probe (the page's by default). */
  editTiming?: EditTiming;
  /** Delay before an edit is scored, ms. */
  scoreDelayMs?: number;
}

/** A '1' / '0' flag from storage (false when missing or unreadable). */
function readFlag(storage: DraftStorage | null, key: string): boolean {
  try {
    return storage?.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** Creates the store (one per app; tests make their own). */
export function createAppStore(options: AppStoreOptions = {}): StoreApi<AppState> {
  const clock = options.clock ?? new SimClock();
  clock.setMultiplier(options.speed ?? DEFAULT_SPEED);
  let sim: SimulationClient | null = options.simulator ?? null;
  const simulator = () => (sim ??= createWorkerClient());
  const storage = options.storage ?? null;
  const timing = options.editTiming ?? pageEditTiming;
  const scoreDelayMs = options.scoreDelayMs ?? SCORE_DELAY_MS;
  const history = new TextHistory('');
  let stops: number[] = [];
  let loadTicket = 0;
  /**
   * Newest trajectory and score responses shown (older ones are dropped). A trajectory's rank
   * orders the exact run of a request after its preview: `2 id + (exact ? 1 : 0)`.
   */
  let shownTrajectoryRank = 0;
  let shownScoreId = 0;
  /** The text whose trajectory is shown. */
  let missionText = '';
  /** The trajectory shown (its buffers are recycled once a newer one replaces it). */
  let shownTrajectory: TrajectoryPayload | null = null;
  const replacedTrajectories = new RecycleQueue((t) => simulator().recycle(t));
  /** Makes `t` the trajectory shown; the one it replaces goes back to the worker later. */
  const showTrajectory = (t: TrajectoryPayload) => {
    if (shownTrajectory) replacedTrajectories.replaced(shownTrajectory);
    shownTrajectory = t;
  };
  let scoreTimer: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<AppState>()((set, get) => {
    /** Asks for the score of `text` (after `delayMs`); shown if the trajectory shown is its. */
    const requestScore = (text: string, delayMs: number) => {
      if (scoreTimer !== null) clearTimeout(scoreTimer);
      scoreTimer = setTimeout(() => {
        scoreTimer = null;
        void simulator()
          .score(text)
          .result.then((res) => {
            if (!res || !res.ok || res.kind !== 'score' || res.id <= shownScoreId) return;
            const m = get().mission;
            if (!m || text !== missionText) return;
            shownScoreId = res.id;
            set({ mission: withScore(m, res.report, res.violationTitles) });
          });
      }, delayMs);
    };

    /**
     * Shows the trajectory of an edit (a preview or the exact run), or its problems, if nothing
     * newer is shown. The text runs once its preview does: its problems go; it is 'ok' once the
     * exact run is shown, and scored after that.
     */
    const applyEdit = (res: SimResponse | null, text: string) => {
      // A failure keeps its request's kind (a preview's problems are the text's).
      if (!res || res.kind === 'score' || res.kind === 'ghost') return;
      const exact = !res.ok || res.stage === 'exact';
      const rank = 2 * res.id + (exact ? 1 : 0);
      if (rank <= shownTrajectoryRank) {
        // Never shown: nothing reads it.
        if (res.ok) simulator().recycle(res.trajectory);
        return;
      }
      const s = get();
      const current = text === s.text;
      if (!res.ok) {
        if (current) set({ issues: res.issues, docStatus: 'invalid' });
        return;
      }
      shownTrajectoryRank = rank;
      missionText = text;
      showTrajectory(res.trajectory);
      const mission = missionFromTrajectory(res.trajectory, s.docSource, s.mission);
      stops = eventStops(mission);
      clock.setEnd(mission.durationS);
      set({
        mission,
        trajectorySerial: s.trajectorySerial + 1,
        trajectoryStage: res.stage,
        ...(current
          ? { issues: [], docStatus: exact ? ('ok' as const) : ('running' as const) }
          : {}),
      });
      timing.shown(res.id, res.stage, res.computeMs);
      if (exact) requestScore(text, scoreDelayMs);
    };

    /** Makes `text` current (after an edit, undo or redo): form, autosave, run. */
    const commitText = (text: string) => {
      set({
        text,
        docValue: readJson(text),
        docStatus: 'running',
        canUndo: history.canUndo,
        canRedo: history.canRedo,
      });
      if (storage) {
        const error = saveDraft(storage, {
          text,
          source: get().docSource,
          savedAtMs: Date.now(),
        });
        if (error !== get().autosaveError) set({ autosaveError: error });
      }
      const ticket = simulator().trajectory(text, (preview) => applyEdit(preview, text));
      timing.begin(ticket.id);
      void ticket.result.then((res) => applyEdit(res, text));
    };

    return {
      clock,
      examples: options.examples ?? [],
      mission: null,
      missionSerial: 0,
      exampleName: null,
      loadError: null,
      playing: clock.playing,
      speed: clock.multiplier,
      cameraMode: 'orbit',
      focusCraftId: null,
      loading: false,
      text: '',
      docSource: '',
      docValue: null,
      issues: [],
      docStatus: 'ok',
      canUndo: false,
      canRedo: false,
      trajectorySerial: 0,
      trajectoryStage: 'exact',
      editorOpen: readFlag(storage, EDITOR_OPEN_KEY),
      draftNote: null,
      autosaveError: null,

      async loadText(text, sourceName, opts = {}) {
        const ticket = ++loadTicket;
        set({ loading: true });
        const req = simulator().trajectory(text);
        const res = await req.result;
        if (ticket !== loadTicket) return false;
        if (!res || res.kind !== 'trajectory') {
          set({ loading: false });
          return false;
        }
        if (!res.ok) {
          set({
            loading: false,
            loadError: {
              sourceName,
              issues: res.issues.map(({ path, message }) => ({ path, message })),
            },
          });
          return false;
        }
        shownTrajectoryRank = Math.max(shownTrajectoryRank, 2 * res.id + 1);
        missionText = text;
        showTrajectory(res.trajectory);
        const mission = missionFromTrajectory(res.trajectory, sourceName, null);
        const wasPlaying = clock.playing;
        stops = eventStops(mission);
        clock.reset(0, mission.durationS);
        history.reset(text);
        const prev = get().focusCraftId;
        set({
          mission,
          loading: false,
          missionSerial: get().missionSerial + 1,
          trajectorySerial: get().trajectorySerial + 1,
          trajectoryStage: 'exact',
          exampleName: opts.exampleName ?? null,
          loadError: null,
          text,
          docSource: sourceName,
          docValue: readJson(text),
          issues: [],
          docStatus: 'ok',
          canUndo: false,
          canRedo: false,
          focusCraftId: mission.crafts.some((c) => c.id === prev)
            ? prev
            : (mission.crafts[0]?.id ?? null),
        });
        requestScore(text, 0);
        if (opts.play ?? wasPlaying) clock.play();
        return true;
      },

      cancelLoad() {
        if (get().loading) simulator().cancelTrajectory();
      },

      async loadExample(name, opts = {}) {
        const example = get().examples.find((e) => e.name === name);
        if (!example) {
          const known = get()
            .examples.map((e) => e.name)
            .join(', ');
          set({
            loadError: {
              sourceName: name,
              issues: [
                { path: '', message: `no example named "${name}"; the examples are: ${known}` },
              ],
            },
          });
          return false;
        }
        return await get().loadText(example.text, `${example.name}.json`, {
          ...opts,
          exampleName: name,
        });
      },

      dismissError: () => set({ loadError: null }),
      play: () => clock.play(),
      pause: () => clock.pause(),
      togglePlay: () => (clock.playing ? clock.pause() : clock.play()),
      setSpeed: (multiplier) => clock.setMultiplier(multiplier),
      stepSpeed(dir) {
        const i = SPEEDS.findIndex((s) => s >= clock.multiplier);
        const cur = i < 0 ? SPEEDS.length - 1 : i;
        const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, cur + dir))]!;
        clock.setMultiplier(next);
      },
      seek: (tS) => clock.seek(tS),
      stepEvent(dir) {
        const t = adjacentStop(stops, clock.tS, dir);
        if (t !== null) clock.seek(t);
        else if (dir < 0) clock.seek(clock.startS);
        else clock.seek(clock.endS);
      },
      setCameraMode: (mode) => set({ cameraMode: mode }),
      setFocusCraft: (id) => set({ focusCraftId: id }),

      edit(transform, group = null, gesture = false) {
        const before = get().text;
        const next = transform(before);
        if (next === before) return;
        history.push(next, group, Date.now(), gesture ? 'always' : 'timed');
        commitText(next);
      },
      setText(text, group = 'json') {
        get().edit(() => text, group);
      },
      undo() {
        if (!history.canUndo) return;
        commitText(history.undo());
      },
      redo() {
        if (!history.canRedo) return;
        commitText(history.redo());
      },
      setEditorOpen(open) {
        set({ editorOpen: open });
        try {
          storage?.setItem(EDITOR_OPEN_KEY, open ? '1' : '0');
        } catch {
          // a preference: nothing lost when it cannot be kept
        }
      },
      setDraftNote: (note) => set({ draftNote: note }),

      async discardDraft() {
        const note = get().draftNote;
        if (storage) clearDraft(storage);
        set({ draftNote: null });
        if (note?.kind !== 'restored') return;
        const source = note.draft.source.replace(/\.json$/, '');
        const known = get().examples.some((e) => e.name === source);
        await get().loadExample(known ? source : DEFAULT_EXAMPLE);
      },

      async openDraft() {
        const note = get().draftNote;
        if (!note) return false;
        const ok = await get().loadText(note.draft.text, note.draft.source, {
          exampleName: null,
        });
        if (ok) set({ draftNote: { kind: 'restored', draft: note.draft } });
        else get().restoreDraftText(note.draft);
        return ok;
      },

      simulator,

      restoreDraftText(draft) {
        history.reset(draft.text);
        set({
          docSource: draft.source,
          editorOpen: true,
          loadError: null,
          draftNote: { kind: 'restored', draft, hasProblems: true },
        });
        commitText(draft.text);
      },
    };
  });

  // The clock stops by itself at the end: keep the store's mirror in step.
  clock.subscribe((c, change) => {
    if (change !== 'state') return;
    const s = store.getState();
    if (s.playing !== c.playing || s.speed !== c.multiplier) {
      store.setState({ playing: c.playing, speed: c.multiplier });
    }
  });
  return store;
}
