/**
 * A number input bound to a JSON path of the plan, with its unit beside it ("dv R [m/s]" is its
 * accessible name). What is typed is kept as typed while it is not a number yet ("-", "1e"), and
 * marked, and the text keeps its last number; every keystroke that reads as a number is an edit of
 * the text (one undo step per burst of typing). Leaving the field, or a change of the text from
 * elsewhere (undo, the JSON view, a drag), shows what the text holds.
 */

import { useEffect, useId, useState } from 'react';
import { setAtPath, valueAt, type PathArray } from '../../editing/jsonText.ts';
import { fieldName, parseNumberInput, type NumberFieldSpec } from '../../editing/maneuvers.ts';
import type { ScenarioIssue } from '../../scenario/validate.ts';
import { appStore } from '../../state/useAppStore.ts';
import { formatHms } from '../model/format.ts';
import { issuesAt } from '../model/issues.ts';

/** Props of `NumberField`. */
export interface NumberFieldProps {
  /** Absolute JSON path of the number. */
  path: PathArray;
  /** The value in the text (anything: the text may hold a wrong type). */
  value: unknown;
  label: string;
  unit: string;
  integer?: boolean;
  /** Empty removes the key. */
  optional?: boolean;
  placeholder?: string;
  /** Problems the loader found at this path ('' when none). */
  issue?: string;
  /** Small text beside the label (e.g. the time as hh:mm:ss); also the input's tooltip. */
  hint?: string;
  /** Extra class of the field. */
  className?: string;
}

/**
 * The props of the input a maneuver module declares (`f`), inside the object at `base` whose
 * value is `owner`: its path, value, label, unit, options, problems, and a time hint (hh:mm:ss)
 * for a time of a minute or more.
 */
export function specFieldProps(
  f: NumberFieldSpec,
  base: PathArray,
  owner: unknown,
  issues: readonly ScenarioIssue[],
): NumberFieldProps {
  const path = [...base, ...f.path];
  const value = valueAt(owner, f.path);
  return {
    path,
    value,
    label: f.label,
    unit: f.unit,
    integer: f.integer,
    optional: f.optional,
    placeholder: f.placeholder,
    issue: issuesAt(issues, path),
    hint: f.unit === 's' && typeof value === 'number' && value >= 60 ? formatHms(value) : undefined,
  };
}

/** How a value of the text reads in the input. */
function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A unit-labelled number input. */
export function NumberField({
  path,
  value,
  label,
  unit,
  integer = false,
  optional = false,
  placeholder,
  issue = '',
  hint,
  className,
}: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(() => show(value));
  // The text changed elsewhere: show it, unless the draft already means the same number.
  useEffect(() => {
    setDraft((d) => (parseNumberInput(d, integer) === value ? d : show(value)));
  }, [value, integer]);
  const parsed = parseNumberInput(draft, integer);
  const typedWrong = draft.trim() !== '' && parsed === null;
  const missing = draft.trim() === '' && !optional;
  const problem = typedWrong
    ? `not a ${integer ? 'whole ' : ''}number: nothing was changed`
    : missing
      ? 'required'
      : issue;
  const name = fieldName(label, unit);
  const key = path.join('.');
  return (
    <label
      className={`nf${problem ? ' invalid' : ''}${className ? ` ${className}` : ''}`}
      htmlFor={id}
      title={problem || hint || undefined}
    >
      <span className="nf-top">
        <span className="nf-label">{label}</span>
        {hint && <span className="nf-hint">{hint}</span>}
      </span>
      <span className="nf-box">
        <input
          id={id}
          className="nf-input"
          type="text"
          inputMode="decimal"
          spellCheck={false}
          autoComplete="off"
          aria-label={name}
          aria-invalid={problem !== '' || undefined}
          data-testid={`field-${key}`}
          value={draft}
          placeholder={placeholder}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            const v = parseNumberInput(text, integer);
            const store = appStore.getState();
            if (v !== null) store.edit((t) => setAtPath(t, path, v), `field:${key}`);
            else if (text.trim() === '' && optional)
              store.edit((t) => setAtPath(t, path, undefined), `field:${key}`);
          }}
          // Leaving the field shows what the text holds (the source of truth).
          onBlur={() => setDraft(show(value))}
        />
        {unit !== '' && <span className="nf-unit">{unit}</span>}
      </span>
    </label>
  );
}
