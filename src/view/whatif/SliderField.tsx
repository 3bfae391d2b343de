/**
 * A slider with its label, unit and value, bound to one number of the plan. Its range is set
 * when it is grabbed (symmetric about zero, at least `minSpan`, twice the value: see
 * `sliderSpan`) and kept for the whole gesture, so the value under the pointer never jumps.
 * Grabbing it starts a what-if (the run shown becomes the previous run, the camera frames the
 * result); each move is an edit of the text, and one gesture is one undo step.
 */

import { useId, useRef, useState } from 'react';
import { sliderSpan } from '../../editing/whatif.ts';
import { appStore } from '../../state/useAppStore.ts';
import { ghostStore } from '../../state/useGhosts.ts';

/** Props of `SliderField`. */
export interface SliderFieldProps {
  label: string;
  /** Unit of the value, e.g. "m/s". */
  unit: string;
  value: number;
  /** Smallest half-width of the range (same unit). */
  minSpan: number;
  /** Steps across the range. */
  steps?: number;
  /** Decimals shown. */
  digits: number;
  /** The text with the new value. */
  apply: (text: string, value: number) => string;
  testId: string;
}

let gestures = 0;

/** A what-if slider. */
export function SliderField({
  label,
  unit,
  value,
  minSpan,
  steps = 1000,
  digits,
  apply,
  testId,
}: SliderFieldProps) {
  const id = useId();
  const [span, setSpan] = useState(() => sliderSpan(value, minSpan));
  const gesture = useRef<string | null>(null);
  const begin = () => {
    if (gesture.current !== null) return;
    gesture.current = `whatif:${testId}:${++gestures}`;
    setSpan(sliderSpan(value, minSpan));
    ghostStore.getState().beginWhatIf();
  };
  const end = () => {
    gesture.current = null;
  };
  return (
    <div className="whatif-slider">
      <label htmlFor={id}>
        {label} <span className="unit">[{unit}]</span>
      </label>
      <input
        id={id}
        type="range"
        min={-span}
        max={span}
        step={(2 * span) / steps}
        value={Math.min(span, Math.max(-span, value))}
        aria-label={`${label} [${unit}]`}
        data-testid={testId}
        onPointerDown={begin}
        onKeyDown={begin}
        onPointerUp={end}
        onKeyUp={end}
        onBlur={end}
        onChange={(e) => {
          begin();
          const v = Number(e.target.value);
          appStore.getState().edit((t) => apply(t, v), gesture.current, true);
        }}
      />
      <output htmlFor={id} className="whatif-value" data-testid={`${testId}-value`}>
        {value.toFixed(digits)} {unit}
      </output>
    </div>
  );
}
