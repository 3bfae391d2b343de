/**
 * A list input of the maneuver form (e.g. a multi-waypoint transfer's points): each item with the
 * same unit-labelled number inputs, a button to remove it and one to add an item after the last
 * (a copy of the last, so a new waypoint starts where the path ends). Every change is an edit of
 * the text, so undo, autosave and share links keep working.
 */

import { formatPath, setAtPath, type PathArray } from '../../editing/jsonText.ts';
import type { ListFieldSpec } from '../../maneuvers/module.ts';
import type { ScenarioIssue } from '../../scenario/validate.ts';
import { appStore } from '../../state/useAppStore.ts';
import { Icon } from '../app/Icon.tsx';
import { isUnder } from '../model/issues.ts';
import { NumberField, specFieldProps } from './NumberField.tsx';

/** Props of `ListField`. */
export interface ListFieldProps {
  /** Absolute JSON path of the list. */
  path: PathArray;
  /** The list as the text holds it (anything: the text may hold a wrong type). */
  value: unknown;
  spec: ListFieldSpec;
  issues: readonly ScenarioIssue[];
}

const edit = (fn: (t: string) => string) => appStore.getState().edit(fn, null);

/** A list of items, each with its inputs. */
export function ListField({ path, value, spec, issues }: ListFieldProps) {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  // problems of the list itself (too few items, not a list); those of an item show on its inputs
  const at = formatPath(path);
  const own = issues
    .filter((i) => isUnder(i.path, at) && !i.path.slice(at.length).startsWith('['))
    .map((i) => i.message)
    .join('; ');
  return (
    <div className="mcard-list" data-testid={`list-${spec.key}`}>
      {items.map((item, i) => (
        <div key={i} className="mcard-list-item" aria-label={`${spec.label} ${i + 1}`}>
          <div className="mcard-list-head">
            <span>
              {spec.label} {i + 1}
            </span>
            <button
              type="button"
              className="tool danger"
              title={`Remove ${spec.label} ${i + 1}`}
              aria-label={`Remove ${spec.label} ${i + 1}`}
              disabled={items.length <= spec.minItems}
              onClick={() => edit((x) => setAtPath(x, [...path, i], undefined))}
            >
              <Icon d="M4.5 3.4L8 6.9l3.5-3.5 1.1 1.1L9.1 8l3.5 3.5-1.1 1.1L8 9.1l-3.5 3.5-1.1-1.1L6.9 8 3.4 4.5z" />
            </button>
          </div>
          {spec.fields.map((f) => (
            <NumberField
              key={f.path.join('.')}
              {...specFieldProps(f, [...path, i], item, issues)}
            />
          ))}
        </div>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() =>
          edit((x) =>
            setAtPath(x, [...path, items.length], structuredClone(items.at(-1) ?? spec.newItem), {
              insert: true,
            }),
          )
        }
      >
        Add {spec.label}
      </button>
      {own !== '' && <p className="mcard-list-issue">{own}</p>}
    </div>
  );
}
