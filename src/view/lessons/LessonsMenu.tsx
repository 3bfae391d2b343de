/**
 * The Lessons menu: every lesson in scenarios/lessons/; choosing one opens `?lesson=NAME`.
 */

import { LESSON_NAMES, lessonRequested } from './lessonFiles.ts';
import './lessons.css';

/** The header's Lessons menu. */
export function LessonsMenu() {
  const current = lessonRequested(window.location.search) ?? '';
  return (
    <label className="field">
      <span className="field-label">Lessons</span>
      <select
        className="select lessons-select"
        data-testid="lessons-select"
        value={LESSON_NAMES.includes(current) ? current : ''}
        onChange={(e) => {
          const name = e.target.value;
          if (name) window.location.assign(`?lesson=${encodeURIComponent(name)}`);
        }}
      >
        <option value="">(none)</option>
        {LESSON_NAMES.map((name, i) => (
          <option key={name} value={name}>
            {`${i + 1}. ${name}`}
          </option>
        ))}
      </select>
    </label>
  );
}
