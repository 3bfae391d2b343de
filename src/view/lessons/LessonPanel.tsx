/**
 * The lesson panel: the explanation step by step (each step may set the clock and the camera),
 * the question the student answers before playing, the run, and the verdict: the answer against
 * the value measured on the simulator's own run of the scenario shown, with the closed form
 * evaluated on the same run and the tolerance with its reason. Printing shows every step, the
 * formulas, the question, the answer and the figure (see lessons.css).
 */

import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LESSON_UNITS, type LessonSpec } from '../../scenario/lesson.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { judgeLessonAnswer, measureLesson, type LessonMeasurement } from '../../scoring/lesson.ts';
import { SPEEDS } from '../../state/store.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { formatMet } from '../model/format.ts';
import { useClockListener } from '../useClockListener.ts';
import { Formula } from './Formula.tsx';
import { LessonFigure } from './LessonFigure.tsx';
import './lessons.css';

/** Playback lasting about this many seconds of wall time, s. */
const PLAY_WALL_S = 20;

type Measured = { ok: true; m: LessonMeasurement } | { ok: false; message: string } | null;

/** A value in a unit, to four significant figures, with the unit. */
function formatIn(si: number, unit: keyof typeof LESSON_UNITS): string {
  return `${Number((si / LESSON_UNITS[unit].si).toPrecision(4))} ${unit}`;
}

/** Measures the lesson of the scenario shown (after the first paint: a run takes a moment). */
function useMeasurement(scenario: Scenario): Measured {
  const [measured, setMeasured] = useState<Measured>(null);
  useEffect(() => {
    setMeasured(null);
    const timer = setTimeout(() => {
      try {
        setMeasured({ ok: true, m: measureLesson(scenario) });
      } catch (err) {
        setMeasured({ ok: false, message: err instanceof Error ? err.message : String(err) });
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [scenario]);
  return measured;
}

/** The lesson panel (the scenario shown has a `lesson` block). */
export default function LessonPanel() {
  const { scenario, sourceName, clock, seek, play, pause, setSpeed, setCameraMode } = useAppStore(
    useShallow((s) => ({
      scenario: s.mission!.scenario,
      sourceName: s.mission!.sourceName,
      clock: s.clock,
      seek: s.seek,
      play: s.play,
      pause: s.pause,
      setSpeed: s.setSpeed,
      setCameraMode: s.setCameraMode,
    })),
  );
  const lesson = scenario.lesson as LessonSpec;
  const atTS = lesson.answer.measure.atTS;
  const measured = useMeasurement(scenario);
  const [stepIndex, setStepIndex] = useState(0);
  const [answerText, setAnswerText] = useState('');
  const [choice, setChoice] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [reached, setReached] = useState(false);
  useClockListener(clock, (c) => setReached(c.tS >= atTS - 1e-6), [atTS]);

  const showStep = (i: number) => {
    setStepIndex(i);
    const set = lesson.steps[i]?.set;
    if (set?.tS !== undefined) seek(set.tS);
    if (set?.camera !== undefined) setCameraMode(set.camera);
  };
  // the first step's state, once per lesson file (an edit of the plan keeps the step and clock)
  useEffect(() => showStep(0), [sourceName]);

  const q = lesson.question;
  const answer =
    q.kind === 'number'
      ? Number(answerText.trim().replace(',', '.').replace('\u2212', '-'))
      : (choice ?? NaN);
  const answered =
    q.kind === 'number' ? answerText.trim() !== '' && Number.isFinite(answer) : choice !== null;
  const verdict = useMemo(
    () => (measured?.ok && submitted ? judgeLessonAnswer(measured.m, answer) : null),
    [measured, submitted, answer],
  );

  const submit = () => {
    setSubmitted(true);
    seek(0);
    const fit = SPEEDS.filter((v) => v <= scenario.durationS / PLAY_WALL_S);
    setSpeed(fit.length > 0 ? fit[fit.length - 1]! : SPEEDS[0]);
    play();
  };
  const skip = () => {
    pause();
    seek(atTS);
  };
  const retry = () => {
    setSubmitted(false);
    setAnswerText('');
    setChoice(null);
    pause();
    seek(0);
  };
  const step = lesson.steps[stepIndex]!;
  const m = measured?.ok ? measured.m : null;
  const unit = m?.unit ?? (q.kind === 'number' ? q.unit : 'm');
  const keyLabel = `the spacecraft at ${formatMet(m?.keyMomentTS ?? atTS)}`;

  return (
    <aside className="lesson-panel panel-glass" data-testid="lesson-panel" aria-label="Lesson">
      <header className="lesson-head">
        <span className="lesson-source">{sourceName}</span>
        <h2 data-testid="lesson-title">{lesson.title}</h2>
        {lesson.summary && <p className="lesson-summary">{lesson.summary}</p>}
      </header>

      <section className="lesson-step lesson-screen-only" data-testid="lesson-step">
        <p>{step.text}</p>
        {step.formula && <Formula tex={step.formula} />}
        <div className="lesson-nav">
          <button
            type="button"
            className="button small"
            disabled={stepIndex === 0}
            onClick={() => showStep(stepIndex - 1)}
          >
            ‹ Back
          </button>
          <span>
            step {stepIndex + 1} of {lesson.steps.length}
          </span>
          <button
            type="button"
            className="button small"
            data-testid="lesson-next"
            disabled={stepIndex === lesson.steps.length - 1}
            onClick={() => showStep(stepIndex + 1)}
          >
            Next ›
          </button>
        </div>
      </section>

      <section className="lesson-print-only lesson-all-steps">
        {lesson.steps.map((st, i) => (
          <div key={i}>
            <p>{st.text}</p>
            {st.formula && <Formula tex={st.formula} />}
          </div>
        ))}
      </section>

      <section className="lesson-question" data-testid="lesson-question">
        <h3>Predict, then play</h3>
        <p>{q.text}</p>
        {q.kind === 'number' ? (
          <label className="lesson-answer lesson-screen-only">
            <input
              type="text"
              inputMode="decimal"
              data-testid="lesson-answer"
              disabled={submitted}
              value={answerText}
              onChange={(e) => setAnswerText(e.target.value)}
              onKeyDown={(e) => {
                e.stopPropagation();
                if (e.key === 'Enter' && answered && !submitted) submit();
              }}
            />
            <span className="lesson-unit">{q.unit}</span>
          </label>
        ) : (
          <ol className="lesson-choices">
            {q.choices.map((c, i) => (
              <li key={i}>
                <label>
                  <input
                    type="radio"
                    name="lesson-choice"
                    data-testid={`lesson-choice-${i}`}
                    className="lesson-screen-only"
                    disabled={submitted}
                    checked={choice === i}
                    onChange={() => setChoice(i)}
                  />{' '}
                  {c.text}
                </label>
              </li>
            ))}
          </ol>
        )}
        <div className="lesson-actions lesson-screen-only">
          {!submitted ? (
            <button
              type="button"
              className="button primary"
              data-testid="lesson-submit"
              disabled={!answered}
              onClick={submit}
            >
              Lock in and play
            </button>
          ) : (
            <>
              <button type="button" className="button" data-testid="lesson-skip" onClick={skip}>
                Skip to {formatMet(atTS)}
              </button>
              <button type="button" className="button" data-testid="lesson-retry" onClick={retry}>
                Try again
              </button>
            </>
          )}
          <button
            type="button"
            className="button"
            data-testid="lesson-key-moment"
            onClick={() => {
              pause();
              seek(m?.keyMomentTS ?? atTS);
            }}
          >
            Key moment
          </button>
          <button
            type="button"
            className="button"
            data-testid="lesson-print"
            onClick={() => window.print()}
          >
            Print
          </button>
        </div>
      </section>

      {measured && !measured.ok && (
        <p className="lesson-error" role="alert" data-testid="lesson-error">
          This lesson cannot be checked: {measured.message}
        </p>
      )}
      {submitted && !reached && m && (
        <p className="lesson-wait lesson-screen-only" data-testid="lesson-wait">
          The verdict comes at {formatMet(atTS)}, when the run gets there.
        </p>
      )}
      {verdict && reached && m && (
        <section
          className={`lesson-verdict lesson-screen-only ${verdict.correct ? 'right' : 'wrong'}`}
          data-testid="lesson-verdict"
          data-correct={verdict.correct}
          role="status"
        >
          <h3>{verdict.correct ? 'Right.' : 'Not this time.'}</h3>
          <p>
            Your answer:{' '}
            {q.kind === 'number' ? `${answer} ${q.unit}` : `“${q.choices[answer]?.text ?? ''}”`}
            {q.kind === 'choice' && !verdict.correct && (
              <>; the run says: “{q.choices[m.correctChoice!]!.text}”</>
            )}
          </p>
          <AnswerNumbers m={m} lesson={lesson} unit={unit} agrees={verdict.closedFormAgrees} />
        </section>
      )}

      {m && (
        <section className="lesson-print-only lesson-key">
          <h3>Answer</h3>
          {q.kind === 'choice' && <p>“{q.choices[m.correctChoice!]!.text}”</p>}
          <AnswerNumbers
            m={m}
            lesson={lesson}
            unit={unit}
            agrees={Math.abs(m.closedFormSi - m.measuredSi) <= m.toleranceSi}
          />
        </section>
      )}
      {m && <LessonFigure paths={m.paths} keyLabel={keyLabel} />}
      <a className="lesson-exit lesson-screen-only" href="?">
        Leave the lesson
      </a>
    </aside>
  );
}

/** The run's value, each model's, the closed form and the tolerance with why. */
function AnswerNumbers(props: {
  m: LessonMeasurement;
  lesson: LessonSpec;
  unit: keyof typeof LESSON_UNITS;
  agrees: boolean;
}) {
  const { m, lesson, unit, agrees } = props;
  const a = lesson.answer;
  return (
    <dl className="lesson-numbers">
      <dt>
        The run ({a.measure.quantity} of {a.measure.spacecraft})
      </dt>
      <dd data-testid="lesson-measured">{formatIn(m.measuredSi, unit)}</dd>
      {m.byModel.length > 1 && (
        <>
          <dt>Each model</dt>
          <dd>{m.byModel.map((b) => `${b.model}: ${formatIn(b.valueSi, unit)}`).join('; ')}</dd>
        </>
      )}
      <dt>Closed form, with the run's numbers</dt>
      <dd data-testid="lesson-closed-form">
        {formatIn(m.closedFormSi, unit)}
        {agrees ? '' : ' (outside the tolerance of the run: see the explanation)'}
      </dd>
      <dd className="lesson-closed-formula">
        <Formula tex={a.closedForm.formula} />
      </dd>
      <dt>Tolerance</dt>
      <dd data-testid="lesson-tolerance">
        ± {formatIn(m.toleranceSi, unit)}: {a.tolerance.why}
      </dd>
    </dl>
  );
}
