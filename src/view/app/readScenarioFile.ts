/**
 * Reads a scenario file chosen or dropped by the user and hands its text to the store (which
 * validates, runs, and either shows it or lists its problems).
 */

import { appStore } from '../../state/useAppStore.ts';

/**
 * Loads a `File` as a scenario.
 *
 * @param file the file from an input or a drop
 * @returns whether it loaded
 */
export async function readScenarioFile(file: File): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    appStore.setState({
      loadError: {
        sourceName: file.name,
        issues: [{ path: '', message: `could not read the file: ${String(err)}` }],
      },
    });
    return false;
  }
  const { looksLikeOpm } = await import('../../editing/spacecraftOpm.ts');
  if (looksLikeOpm(file.name, text)) return readOpmFile(file.name, text);
  const { looksLikeElements } = await import('../../editing/targetElements.ts');
  if (looksLikeElements(file.name, text)) return readElementsFile(file.name, text);
  const ok = await appStore.getState().loadText(text, file.name, { exampleName: null });
  if (ok) syncUrl(null);
  return ok;
}

/**
 * An element set (TLE, OMM in KVN, XML or JSON) sets the target of the plan on screen: its name,
 * its orbit (SGP4 at the epoch, then two-body), so the scene, plots, HUD and score card follow.
 * A malformed file lists its problem (line and field) and the plan stays.
 */
async function readElementsFile(fileName: string, text: string): Promise<boolean> {
  const [{ parseElementsFile, ElementsError }, { withTargetElements }] = await Promise.all([
    import('../../formats/elements.ts'),
    import('../../editing/targetElements.ts'),
  ]);
  const state = appStore.getState();
  let next: string;
  try {
    next = withTargetElements(state.text, parseElementsFile(text));
  } catch (err) {
    if (!(err instanceof ElementsError)) throw err;
    appStore.setState({
      loadError: { sourceName: fileName, issues: [{ path: '', message: err.message }] },
    });
    return false;
  }
  const ok = await state.loadText(next, state.docSource, { exampleName: null });
  if (ok) syncUrl(null);
  return ok;
}

/**
 * An OPM sets the initial state of the spacecraft in focus (or the first one) as an edit of the
 * plan on screen: undoable, autosaved, in the share link, and run. A malformed file lists its
 * problem (line and keyword) and the plan stays.
 */
async function readOpmFile(fileName: string, text: string): Promise<boolean> {
  const { withSpacecraftOpm } = await import('../../editing/spacecraftOpm.ts');
  const state = appStore.getState();
  let next: string;
  try {
    next = withSpacecraftOpm(state.text, state.focusCraftId, text);
  } catch (err) {
    appStore.setState({
      loadError: {
        sourceName: fileName,
        issues: [{ path: '', message: err instanceof Error ? err.message : String(err) }],
      },
    });
    return false;
  }
  appStore.setState({ loadError: null });
  state.setText(next, null);
  return true;
}

/**
 * Puts the example name in the URL (`?scenario=NAME`), or removes it for a file from disk.
 *
 * @param exampleName example shown, or null
 */
export function syncUrl(exampleName: string | null): void {
  const url = new URL(window.location.href);
  if (exampleName === null) url.searchParams.delete('scenario');
  else url.searchParams.set('scenario', exampleName);
  window.history.replaceState(null, '', url);
}
