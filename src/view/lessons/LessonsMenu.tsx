/**
 * The Lessons menu: every lesson in scenarios/lessons/; choosing one opens `?lesson=NAME`.
 */

import { LESSON_NAMES, lessonRequested } from './lessonFiles.ts';
import './lessons.css';

/** The header's Lessons menu. */
export function LessonsMenu() {
  const current = lessonRequested(window.location.search) ?? '';
  return (
    <label
      className="field"
      title="Lessons for a class: explanation, a question, the run, the verdict"
    >
      <select
        className="select lessons-select"
        aria-label="Lessons"
        data-testid="lessons-select"
        value={LESSON_NAMES.includes(current) ? current : ''}
        onChange={(e) => {
          const name = e.target.value;
          if (name) window.location.assign(`?lesson=${encodeURIComponent(name)}`);
        }}
      >
        <option value="">Lessons</option>
        {LESSON_NAMES.map((name, i) => (
          <option key={name} value={name}>
            {`${i + 1}. ${name}`}
          </option>
        ))}
      </select>
    </label>
  );
}
