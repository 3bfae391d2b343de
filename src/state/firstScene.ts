/**
 * When the page has drawn its first scene: the first frame of the 3D view with the first
 * scenario's trajectory in it (src/view/scene/DrawProbe.tsx says so). What the first scene does
 * not need waits for it, so that it does not share the machine's cores with that frame: the score
 * worker's start (src/worker/client.ts) and the plots (src/view/app/App.tsx).
 *
 * A page whose 3D view cannot draw (no WebGL) would never say so: {@link FIRST_SCENE_FALLBACK_MS}
 * after the first trajectory is shown, what waits goes ahead anyway.
 */

/** How long after the first trajectory is shown what waits for the first scene goes ahead, ms. */
export const FIRST_SCENE_FALLBACK_MS = 10_000;

let drawn: () => void = () => {};
let isDrawn = false;
const firstScene = new Promise<void>((resolve) => (drawn = resolve)).then(() => {
  isDrawn = true;
});
let shown = false;

/** Resolves once the first scene is drawn (or the fallback delay has passed). */
export function firstSceneDrawn(): Promise<void> {
  return firstScene;
}

/** Whether the first scene has been drawn (or the fallback delay has passed), now. */
export function firstSceneWasDrawn(): boolean {
  return isDrawn;
}

/** Says that a frame with the first scenario's trajectory has been drawn. */
export function markFirstSceneDrawn(): void {
  drawn();
}

/** Says that the first trajectory is shown (starts the fallback delay, once). */
export function markFirstTrajectoryShown(): void {
  if (shown) return;
  shown = true;
  setTimeout(drawn, FIRST_SCENE_FALLBACK_MS);
}
