/**
 * The maneuver form: every spacecraft's maneuvers, read from the text being edited (not from the
 * last run), so it shows what the file says even while the file does not run. When the text is
 * not JSON at all, the form says so and the JSON view is where to fix it.
 */

import { useShallow } from 'zustand/react/shallow';
import { valueAt } from '../../editing/jsonText.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { addSpacecraftToPlan, newScenario } from '../whatif/newScenario.ts';
import { CraftPlan } from './CraftPlan.tsx';

/** Props of `ManeuverEditor`. */
export interface ManeuverEditorProps {
  /** Opens the JSON view (when the text must be fixed there). */
  onShowJson: () => void;
}

/** The maneuver form. */
export function ManeuverEditor({ onShowJson }: ManeuverEditorProps) {
  const { doc, crafts, issues } = useAppStore(
    useShallow((s) => ({ doc: s.docValue, crafts: s.mission?.crafts, issues: s.issues })),
  );
  const list = valueAt(doc, ['spacecraft']);
  if (doc === null || !Array.isArray(list)) {
    return (
      <div className="editor-empty" data-testid="form-unavailable">
        <p>
          {doc === null
            ? 'The scenario text is not valid JSON, so the form cannot read it.'
            : 'The scenario has no list of spacecraft.'}
        </p>
        <button type="button" className="button" onClick={onShowJson}>
          Fix it in the JSON view
        </button>
      </div>
    );
  }
  return (
    <div className="maneuver-editor" data-testid="maneuver-editor">
      {list.map((sc, i) => (
        <CraftPlan key={i} craftIndex={i} value={sc} craft={crafts?.[i]} issues={issues} />
      ))}
      <div className="craft-plan-add">
        <button
          type="button"
          className="button"
          data-testid="add-spacecraft"
          title="Add a spacecraft at rest on V-bar, 1 km behind the last one"
          onClick={addSpacecraftToPlan}
        >
          + Add spacecraft
        </button>
        <button
          type="button"
          className="button"
          data-testid="new-scenario"
          title="Replace the plan by a new one: a target on a GEO slot and one spacecraft at rest 1 km behind it (Ctrl+Z brings the plan back)"
          onClick={newScenario}
        >
          New scenario
        </button>
      </div>
    </div>
  );
}
