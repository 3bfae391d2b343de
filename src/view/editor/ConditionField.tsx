/**
 * A trigger condition (`when`), e.g. "rangeM < 1000 and rangeRateMps < 0": written to the text
 * as typed (the loader checks it in the worker and its problems come back here), with when the
 * maneuver fired in the last run beside it.
 */

import { useEffect, useId, useState } from 'react';
import { setAtPath, type PathArray } from '../../editing/jsonText.ts';
import { appStore } from '../../state/useAppStore.ts';

/** Props of `ConditionField`. */
export interface ConditionFieldProps {
  path: PathArray;
  value: unknown;
  /** Problems of the condition ('' when none). */
  issue: string;
  /** When the maneuver started in the last run, as text. */
  started: string;
}

/** A trigger condition (`when`): text, written to the file as typed. */
export function ConditionField({ path, value, issue, started }: ConditionFieldProps) {
  const id = useId();
  const show = typeof value === 'string' ? value : '';
  const [draft, setDraft] = useState(show);
  useEffect(() => setDraft(show), [show]);
  const key = path.join('.');
  return (
    <label className={`nf timing-value when${issue ? ' invalid' : ''}`} htmlFor={id} title={issue}>
      <span className="nf-top">
        <span className="nf-label">when</span>
        <span className="nf-hint">{started}</span>
      </span>
      <span className="nf-box">
        <input
          id={id}
          className="nf-input mono"
          type="text"
          spellCheck={false}
          autoComplete="off"
          aria-label="when (condition)"
          aria-invalid={issue !== '' || undefined}
          data-testid={`field-${key}`}
          value={draft}
          placeholder="rangeM < 1000 and rangeRateMps < 0"
          onChange={(e) => {
            setDraft(e.target.value);
            const text = e.target.value;
            appStore.getState().edit((t) => setAtPath(t, path, text), `field:${key}`);
          }}
        />
      </span>
    </label>
  );
}
