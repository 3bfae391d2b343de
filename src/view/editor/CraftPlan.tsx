/**
 * One spacecraft's maneuvers in the form: a header with its colour, id and delta-v, a card per
 * maneuver, and "Add" with a type to append one (600 s after the last, as a default).
 */

import { useState } from 'react';
import { setAtPath, valueAt } from '../../editing/jsonText.ts';
import {
  maneuverTypeName,
  maneuverTypes,
  newManeuver,
  type ManeuverType,
  type Schedule,
} from '../../editing/maneuvers.ts';
import type { ScenarioIssue } from '../../scenario/validate.ts';
import { appStore } from '../../state/useAppStore.ts';
import { formatDv } from '../model/format.ts';
import { CRAFT_PALETTE, type CraftView } from '../model/mission.ts';
import { InitialStateFields } from './InitialStateFields.tsx';
import { ManeuverCard } from './ManeuverCard.tsx';

/** Props of `CraftPlan`. */
export interface CraftPlanProps {
  craftIndex: number;
  /** The spacecraft as the text holds it. */
  value: unknown;
  /** Its last run (start times of its maneuvers, delta-v), if any. */
  craft: CraftView | undefined;
  issues: readonly ScenarioIssue[];
}

/** The schedule of maneuver `i` in the last run. */
function scheduleOf(craft: CraftView | undefined, i: number): Schedule {
  const rec = craft?.maneuvers[i];
  const prev = i === 0 ? 0 : (craft?.maneuvers[i - 1]?.endS ?? null);
  return { startS: rec?.startS ?? null, prevEndS: prev };
}

/** A spacecraft's plan. */
export function CraftPlan({ craftIndex, value, craft, issues }: CraftPlanProps) {
  const [addType, setAddType] = useState<ManeuverType>('impulse');
  const list = valueAt(value, ['maneuvers']);
  const maneuvers = Array.isArray(list) ? list : [];
  const id = valueAt(value, ['id']);
  const color =
    craft?.color ??
    (typeof valueAt(value, ['color']) === 'string'
      ? (valueAt(value, ['color']) as string)
      : CRAFT_PALETTE[craftIndex % CRAFT_PALETTE.length]!);
  const add = () => {
    const n = maneuvers.length;
    const m = newManeuver(addType, `${maneuverTypeName(addType)} ${n + 1}`);
    appStore
      .getState()
      .edit(
        (t) => setAtPath(t, ['spacecraft', craftIndex, 'maneuvers', n], m, { insert: true }),
        null,
      );
  };
  return (
    <section className="craft-plan" data-testid={`craft-plan-${craftIndex}`}>
      <header className="craft-plan-head">
        <span className="swatch" style={{ background: color }} />
        <span className="craft-plan-id">
          {typeof id === 'string' ? id : `spacecraft ${craftIndex + 1}`}
        </span>
        <span className="craft-plan-sub">
          {maneuvers.length} maneuver{maneuvers.length === 1 ? '' : 's'}
          {craft && <> · Δv {formatDv(craft.totalDvMps)}</>}
        </span>
      </header>
      <InitialStateFields craftIndex={craftIndex} value={value} issues={issues} />
      {maneuvers.length === 0 && <p className="editor-note">No maneuvers: a free drift.</p>}
      {maneuvers.map((m, i) => (
        <ManeuverCard
          key={i}
          craftIndex={craftIndex}
          index={i}
          count={maneuvers.length}
          value={m}
          schedule={scheduleOf(craft, i)}
          issues={issues}
        />
      ))}
      <div className="craft-plan-add">
        <select
          className="select"
          aria-label="type of the new maneuver"
          value={addType}
          onChange={(e) => setAddType(e.target.value as ManeuverType)}
        >
          {maneuverTypes().map((t) => (
            <option key={t} value={t}>
              {maneuverTypeName(t)}
            </option>
          ))}
        </select>
        <button type="button" className="button" data-testid="add-maneuver" onClick={add}>
          + Add maneuver
        </button>
      </div>
    </section>
  );
}
