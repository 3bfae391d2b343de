/**
 * Opens a lesson (`?lesson=NAME`): its scenario loads paused, like any example, from
 * scenarios/lessons/NAME.json; an unknown name lists the lessons there and opens the default
 * example instead, so the page is never blank.
 */

import type { StoreApi } from 'zustand';
import type { AppState } from '../../state/store.ts';
import { DEFAULT_EXAMPLE } from '../model/examples.ts';
import { LESSON_NAMES, lessonText } from './lessonFiles.ts';

/**
 * Loads the lesson `name` into the store; false (and the problem shown) when it does not load.
 *
 * @param name file name in scenarios/lessons/ without .json
 * @param store the app's store
 */
export async function openLesson(name: string, store: StoreApi<AppState>): Promise<boolean> {
  const text = await lessonText(name);
  if (text === null) {
    await store.getState().loadExample(DEFAULT_EXAMPLE, { play: false });
    store.setState({
      loadError: {
        sourceName: `?lesson=${name}`,
        issues: [{ path: '', message: `no lesson "${name}"; lessons: ${LESSON_NAMES.join(', ')}` }],
      },
    });
    return false;
  }
  const ok = await store
    .getState()
    .loadText(text, `lessons/${name}.json`, { play: false, exampleName: null });
  if (!ok) {
    const error = store.getState().loadError;
    await store.getState().loadExample(DEFAULT_EXAMPLE, { play: false });
    store.setState({ loadError: error });
  }
  return ok;
}
