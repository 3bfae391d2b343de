/**
 * One maneuver of the plan as a card: its number, type (changing it keeps the label and the
 * timing), label, move up / down, delete; when it starts; and its inputs, each with its unit.
 * Problems the loader found are shown on the input they are about, the others under the card.
 */

import { moveArrayItem, setAtPath, valueAt, type PathArray } from '../../editing/jsonText.ts';
import { asManeuver, timingOf, type RawManeuver } from '../../editing/maneuverJson.ts';
import {
  changeManeuverType,
  isManeuverType,
  maneuverFields,
  maneuverTypeName,
  maneuverTypes,
  type FieldSpec,
  type Schedule,
} from '../../editing/maneuvers.ts';
import type { ScenarioIssue } from '../../scenario/validate.ts';
import { appStore } from '../../state/useAppStore.ts';
import { issuesAt, unclaimedIssues } from '../model/issues.ts';
import { ListField } from './ListField.tsx';
import { NumberField, specFieldProps } from './NumberField.tsx';
import { TimingSwitch } from './TimingSwitch.tsx';
import { TimingValue } from './TimingValue.tsx';
import { Icon } from '../app/Icon.tsx';

/** Props of `ManeuverCard`. */
export interface ManeuverCardProps {
  craftIndex: number;
  index: number;
  /** Number of maneuvers of the spacecraft (for move down). */
  count: number;
  /** The maneuver as the text holds it. */
  value: unknown;
  schedule: Schedule;
  issues: readonly ScenarioIssue[];
}

const edit = (fn: (t: string) => string) => appStore.getState().edit(fn, null);

/** Paths (inside the maneuver) of the inputs of a field. */
function fieldPaths(f: FieldSpec): PathArray[] {
  return f.kind === 'optional-vector' || f.kind === 'list' ? [[f.key]] : [f.path];
}

/** A maneuver card. */
export function ManeuverCard({
  craftIndex,
  index,
  count,
  value,
  schedule,
  issues,
}: ManeuverCardProps) {
  const path: PathArray = ['spacecraft', craftIndex, 'maneuvers', index];
  const listPath = path.slice(0, -1);
  const m = asManeuver(value);
  const type = isManeuverType(m.type) ? m.type : null;
  const fields = type ? maneuverFields(type) : [];
  const claimed: PathArray[] = [
    ...fields.flatMap((f) => fieldPaths(f).map((p) => [...path, ...p])),
    [...path, 'tS'],
    [...path, 'after'],
    [...path, 'when'],
    [...path, 'label'],
  ];
  const rest = unclaimedIssues(issues, path, claimed);
  const label = typeof m.label === 'string' ? m.label : '';
  const hasIssue = issuesAt(issues, path) !== '';
  return (
    <article
      className={`mcard${hasIssue ? ' invalid' : ''}`}
      data-testid={`maneuver-${craftIndex}-${index}`}
      aria-label={`Maneuver ${index + 1}: ${label || (type ?? 'unknown type')}`}
    >
      <div className="mcard-head">
        <span className="mcard-index">{index + 1}</span>
        <input
          className="mcard-label"
          type="text"
          aria-label="label"
          placeholder="(no label)"
          spellCheck={false}
          value={label}
          data-testid="maneuver-label"
          onChange={(e) => {
            const v = e.target.value;
            appStore
              .getState()
              .edit(
                (x) => setAtPath(x, [...path, 'label'], v === '' ? undefined : v),
                `field:${path.join('.')}.label`,
              );
          }}
        />
        <div className="mcard-tools">
          <button
            type="button"
            className="tool"
            title="Move up"
            aria-label="Move up"
            disabled={index === 0}
            onClick={() => edit((x) => moveArrayItem(x, listPath, index, index - 1))}
          >
            <Icon d="M8 3l5 6H3z" />
          </button>
          <button
            type="button"
            className="tool"
            title="Move down"
            aria-label="Move down"
            disabled={index >= count - 1}
            onClick={() => edit((x) => moveArrayItem(x, listPath, index, index + 1))}
          >
            <Icon d="M8 13L3 7h10z" />
          </button>
          <button
            type="button"
            className="tool danger"
            title="Delete (Ctrl+Z brings it back)"
            aria-label="Delete maneuver"
            data-testid="maneuver-delete"
            onClick={() => edit((x) => setAtPath(x, path, undefined))}
          >
            <Icon d="M4.5 3.4L8 6.9l3.5-3.5 1.1 1.1L9.1 8l3.5 3.5-1.1 1.1L8 9.1l-3.5 3.5-1.1-1.1L6.9 8 3.4 4.5z" />
          </button>
        </div>
      </div>
      <div className="mcard-kind">
        <select
          className="select mcard-type"
          aria-label="type"
          data-testid="maneuver-type"
          value={type ?? ''}
          onChange={(e) => {
            const t = e.target.value;
            if (isManeuverType(t)) edit((x) => setAtPath(x, path, changeManeuverType(m, t)));
          }}
        >
          {type === null && <option value="">{String(m.type ?? '(no type)')}</option>}
          {maneuverTypes().map((t) => (
            <option key={t} value={t}>
              {maneuverTypeName(t)}
            </option>
          ))}
        </select>
        <span className="mcard-start">start</span>
        <TimingSwitch path={path} maneuver={m} schedule={schedule} />
      </div>
      <div className="mcard-fields">
        <TimingValue
          path={path}
          maneuver={m}
          schedule={schedule}
          issue={issuesAt(issues, [...path, timingKeyOf(m)])}
        />
        {fields.map((f) => {
          if (f.kind === 'number') {
            return (
              <NumberField
                key={f.path.join('.')}
                {...specFieldProps(f, path, m, issues)}
                className={f.path.length > 1 && f.path[1] === 0 ? 'row-start' : undefined}
              />
            );
          }
          if (f.kind === 'choice') {
            const p = [...path, ...f.path];
            const v = valueAt(m, f.path);
            return (
              <label key={f.path.join('.')} className="nf">
                <span className="nf-label">{f.label}</span>
                <select
                  className="select nf-select"
                  aria-label={f.label}
                  value={typeof v === 'string' ? v : ''}
                  onChange={(e) => {
                    const c = e.target.value;
                    edit((x) => setAtPath(x, p, c));
                  }}
                >
                  {typeof v !== 'string' && <option value="">—</option>}
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
            );
          }
          if (f.kind === 'list') {
            return (
              <ListField
                key={f.key}
                path={[...path, f.key]}
                value={m[f.key]}
                spec={f}
                issues={issues}
              />
            );
          }
          const vec = m[f.key];
          const present = vec !== undefined;
          return (
            <div key={f.key} className="mcard-optional">
              <label className="check">
                <input
                  type="checkbox"
                  checked={present}
                  onChange={(e) => {
                    const on = e.target.checked;
                    edit((x) => setAtPath(x, [...path, f.key], on ? [0, 0, 0] : undefined));
                  }}
                />
                <span>{f.label}</span>
              </label>
              {present &&
                f.labels.map((l, j) => {
                  const p = [...path, f.key, j];
                  return (
                    <NumberField
                      key={j}
                      path={p}
                      value={valueAt(vec, [j])}
                      label={l}
                      unit={f.unit}
                      issue={
                        issuesAt(issues, p) || (j === 0 ? issuesAt(issues, [...path, f.key]) : '')
                      }
                    />
                  );
                })}
            </div>
          );
        })}
      </div>
      {rest.length > 0 && (
        <ul className="mcard-issues">
          {rest.map((i, k) => (
            <li key={k}>
              <code>{i.path.slice(formatPrefixLength(path))}</code> {i.message}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** The maneuver's timing key (tS when it has none). */
function timingKeyOf(m: RawManeuver): string {
  return timingOf(m).key ?? 'tS';
}

/** Length of the maneuver's formatted path, to show issue paths relative to it. */
function formatPrefixLength(path: PathArray): number {
  return `spacecraft[${String(path[1])}].maneuvers[${String(path[3])}]`.length;
}
