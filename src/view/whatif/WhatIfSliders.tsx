/**
 * The what-if sliders of the spacecraft in focus: its initial state in RIC (position, m;
 * velocity, m/s) and the delta-v of each of its impulses (RIC, m/s). They read the text being
 * edited, so they follow undo, the form and the JSON view.
 */

import { useShallow } from 'zustand/react/shallow';
import {
  impulsesOf,
  initialRic,
  setImpulseDv,
  setInitial,
  type InitialVector,
} from '../../editing/whatif.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { SliderField } from './SliderField.tsx';

const AXES = ['R', 'I', 'C'] as const;

/** Smallest slider half-widths: position, m; velocity and delta-v, m/s. */
const MIN_SPAN = { positionM: 2000, velocityMps: 0.5 } as const;

/** Props of `WhatIfSliders`. */
export interface WhatIfSlidersProps {
  craftIndex: number;
}

/** The sliders of one spacecraft. */
export function WhatIfSliders({ craftIndex }: WhatIfSlidersProps) {
  const { text, id } = useAppStore(
    useShallow((s) => ({ text: s.text, id: s.mission?.crafts[craftIndex]?.id })),
  );
  const initial = initialRic(text, craftIndex);
  const impulses = impulsesOf(text, craftIndex);
  const vectors: [InitialVector, string, string, number][] = [
    ['positionM', 'Initial position', 'm', 0],
    ['velocityMps', 'Initial velocity', 'm/s', 3],
  ];
  return (
    <div className="whatif-sliders" data-testid="whatif-sliders">
      {initial ? (
        vectors.map(([vector, title, unit, digits]) => (
          <fieldset key={vector}>
            <legend>
              {title} of {id} (RIC)
            </legend>
            {AXES.map((axis, k) => (
              <SliderField
                key={axis}
                label={axis}
                unit={unit}
                value={initial[vector][k]!}
                minSpan={MIN_SPAN[vector]}
                digits={digits}
                testId={`whatif-${vector}-${axis}`}
                apply={(t, v) => setInitial(t, craftIndex, vector, k as 0 | 1 | 2, v)}
              />
            ))}
          </fieldset>
        ))
      ) : (
        <p className="hud-dim">
          The initial state of {id} is not given in RIC: edit it in the JSON view.
        </p>
      )}
      {impulses.map((m) => (
        <fieldset key={m.maneuverIndex}>
          <legend>Δv of {m.label} (RIC)</legend>
          {AXES.map((axis, k) => (
            <SliderField
              key={axis}
              label={axis}
              unit="m/s"
              value={m.dvMps[k]!}
              minSpan={MIN_SPAN.velocityMps}
              digits={3}
              testId={`whatif-dv-${m.maneuverIndex}-${axis}`}
              apply={(t, v) => setImpulseDv(t, craftIndex, m.maneuverIndex, k as 0 | 1 | 2, v)}
            />
          ))}
        </fieldset>
      ))}
    </div>
  );
}
