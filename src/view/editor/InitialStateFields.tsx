/**
 * A spacecraft's initial state in the form: position (m) and velocity (m/s) in RIC, one
 * unit-labelled field per component, edited like every other field of the plan. An initial state
 * given another way (an element set) is named, to be edited in the JSON view.
 */

import { valueAt } from '../../editing/jsonText.ts';
import type { ScenarioIssue } from '../../scenario/validate.ts';
import { issuesAt } from '../model/issues.ts';
import { NumberField } from './NumberField.tsx';

/** Props of `InitialStateFields`. */
export interface InitialStateFieldsProps {
  craftIndex: number;
  /** The spacecraft as the text holds it. */
  value: unknown;
  issues: readonly ScenarioIssue[];
}

const VECTORS = [
  { key: 'positionM', name: 'r', unit: 'm' },
  { key: 'velocityMps', name: 'v', unit: 'm/s' },
] as const;

/** The initial-state fields of one spacecraft. */
export function InitialStateFields({ craftIndex, value, issues }: InitialStateFieldsProps) {
  const initial = valueAt(value, ['initial']);
  const frame = valueAt(initial, ['frame']);
  if (frame !== 'RIC') {
    return (
      <p className="editor-note">
        Initial state: {typeof frame === 'string' ? `"${frame}"` : 'not given'} (edit it in the JSON
        view).
      </p>
    );
  }
  return (
    <div className="mcard initial-state" data-testid={`initial-state-${craftIndex}`}>
      <div className="mcard-head">Initial state (RIC)</div>
      <div className="mcard-fields">
        {VECTORS.map((vec) =>
          (['R', 'I', 'C'] as const).map((axis, k) => {
            const path = ['spacecraft', craftIndex, 'initial', vec.key, k];
            return (
              <NumberField
                key={`${vec.key}.${k}`}
                path={path}
                value={valueAt(initial, [vec.key, k])}
                label={`${vec.name} ${axis}`}
                unit={vec.unit}
                issue={issuesAt(issues, path)}
                className={k === 0 ? 'row-start' : undefined}
              />
            );
          }),
        )}
      </div>
    </div>
  );
}
