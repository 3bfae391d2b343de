/**
 * "New scenario" and "Add spacecraft" as edits of the plan: undo brings the plan back, and the
 * autosave and share links keep the new one like any other edit.
 */

import { addSpacecraft, blankScenarioText } from '../../editing/whatif.ts';
import { appStore } from '../../state/useAppStore.ts';
import { ghostStore } from '../../state/useGhosts.ts';
import { syncUrl } from '../app/readScenarioFile.ts';

/** File name a new scenario is downloaded as. */
export const NEW_SCENARIO_SOURCE = 'new-scenario.json';

/** Replaces the plan by a blank one (a target, one spacecraft at rest), framed by the camera. */
export function newScenario(): void {
  ghostStore.getState().beginWhatIf(false);
  appStore.setState({ exampleName: null, docSource: NEW_SCENARIO_SOURCE });
  syncUrl(null);
  appStore.getState().edit(() => blankScenarioText());
}

/** Adds a spacecraft at rest on V-bar behind the others. */
export function addSpacecraftToPlan(): void {
  ghostStore.getState().beginWhatIf(false);
  appStore.getState().edit(addSpacecraft);
}
