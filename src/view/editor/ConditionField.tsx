/**
 * A trigger condition (`when`), e.g. "rangeM < 1000 and rangeRateMps < 0": written to the text
 * as typed (the loader checks it in the worker and its problems come back here), with when the
 * maneuver fired in the last run beside it.
 *
 * The input completes the names of the trigger language as a code editor does, so an author finds
 * the variables and functions without the README: a list opens while an identifier is typed
 * (Ctrl+Space opens it anywhere), ArrowDown / ArrowUp choose, Enter or Tab accept, Escape closes.
 * It follows the ARIA combobox pattern [1]: focus stays in the input and the chosen option is
 * named by `aria-activedescendant`.
 *
 * References:
 * [1] W3C, "ARIA Authoring Practices Guide: Combobox pattern", "Editable combobox with list
 *     autocomplete", https://www.w3.org/WAI/ARIA/apg/patterns/combobox/.
 */

import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  conditionCompletions,
  type ConditionCompletionOption,
  type ConditionCompletions,
} from '../../editing/conditionCompletion.ts';
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

/** An open completion list: the names offered for `text`, and where the list sits. */
interface OpenList extends ConditionCompletions {
  /** The field's text the list was made for; any other text closes it. */
  readonly text: string;
  /** Shown above the input, where there is more room than below. */
  readonly above: boolean;
}

/** Tallest the list gets, px (`.when-completions` max-height in styles.css). */
const LIST_MAX_HEIGHT_PX = 200;

/**
 * Whether the list should open above the input: the editor panel scrolls, and a list that runs
 * past the panel's bottom edge would be cut off by it.
 */
function opensAbove(input: HTMLElement | null): boolean {
  if (input === null) return false;
  const box = input.getBoundingClientRect();
  let top = 0;
  let bottom = window.innerHeight;
  // The list is positioned inside the field's label: what clips it is a scrolling ancestor of that.
  for (let el = input.closest('label')?.parentElement; el; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if (overflow !== 'visible') {
      const clip = el.getBoundingClientRect();
      top = Math.max(top, clip.top);
      bottom = Math.min(bottom, clip.bottom);
      break;
    }
  }
  const below = bottom - box.bottom;
  return below < LIST_MAX_HEIGHT_PX && box.top - top > below;
}

/** A trigger condition (`when`): text, written to the file as typed, with name completion. */
export function ConditionField({ path, value, issue, started }: ConditionFieldProps) {
  const id = useId();
  const listId = `${id}-completions`;
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLSpanElement>(null);
  /** Where to put the caret once an accepted completion is in the input. */
  const caret = useRef<number | null>(null);
  const show = typeof value === 'string' ? value : '';
  const [draft, setDraft] = useState(show);
  const [list, setList] = useState<OpenList | null>(null);
  const [active, setActive] = useState(0);
  useEffect(() => setDraft(show), [show]);
  const key = path.join('.');
  // A change from elsewhere (undo, the JSON view) leaves a list made for other text: hide it.
  const open = list !== null && list.text === draft ? list : null;
  const current = open === null ? 0 : Math.min(active, open.options.length - 1);

  // One path for typing and completing, so a completion merges into the burst of typing (undo).
  const commit = (text: string) => {
    setDraft(text);
    appStore.getState().edit((t) => setAtPath(t, path, text), `field:${key}`);
  };

  const complete = (text: string, cursor: number, explicit: boolean) => {
    const result = conditionCompletions(text, cursor, { explicit });
    if (result === null) {
      setList(null);
      return;
    }
    setList({ ...result, text, above: open?.above ?? opensAbove(inputRef.current) });
    setActive(0);
  };

  const accept = (option: ConditionCompletionOption | undefined) => {
    if (open === null || option === undefined) return;
    const text = draft.slice(0, open.from) + option.apply + draft.slice(open.to);
    caret.current = open.from + option.apply.length;
    setList(null);
    if (text !== draft) commit(text);
  };

  // After an accepted completion is rendered, the caret goes after the inserted text.
  useLayoutEffect(() => {
    const at = caret.current;
    if (at === null || inputRef.current === null) return;
    caret.current = null;
    inputRef.current.setSelectionRange(at, at);
  });

  // Keep the chosen option in view inside the list (not by scrolling the panel).
  useLayoutEffect(() => {
    const listEl = listRef.current;
    const item = listEl?.children[current] as HTMLElement | undefined;
    if (open === null || listEl == null || item === undefined) return;
    if (item.offsetTop < listEl.scrollTop) listEl.scrollTop = item.offsetTop;
    else if (item.offsetTop + item.offsetHeight > listEl.scrollTop + listEl.clientHeight) {
      listEl.scrollTop = item.offsetTop + item.offsetHeight - listEl.clientHeight;
    }
  }, [open, current]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.ctrlKey && (e.key === ' ' || e.code === 'Space') && !e.altKey && !e.metaKey) {
      e.preventDefault();
      const input = e.currentTarget;
      complete(input.value, input.selectionStart ?? input.value.length, true);
      return;
    }
    if (open === null) return;
    const count = open.options.length;
    switch (e.key) {
      case 'ArrowDown':
        setActive((current + 1) % count);
        break;
      case 'ArrowUp':
        setActive((current - 1 + count) % count);
        break;
      case 'Enter':
        accept(open.options[current]);
        break;
      case 'Tab':
        // Shift+Tab leaves the field as usual.
        if (e.shiftKey) {
          setList(null);
          return;
        }
        accept(open.options[current]);
        break;
      case 'Escape':
        setList(null);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'Home':
      case 'End':
        // The caret leaves the name: close, and let the key move it.
        setList(null);
        return;
      default:
        return;
    }
    e.preventDefault();
    // Escape closes the list only, not whatever else listens for it.
    e.stopPropagation();
  };

  return (
    <label className={`nf timing-value when${issue ? ' invalid' : ''}`} htmlFor={id} title={issue}>
      <span className="nf-top">
        <span className="nf-label">when</span>
        <span className="nf-hint">{started}</span>
      </span>
      <span className="nf-box">
        <input
          ref={inputRef}
          id={id}
          className="nf-input mono"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open !== null}
          aria-controls={listId}
          aria-activedescendant={open !== null ? `${listId}-${current}` : undefined}
          spellCheck={false}
          autoComplete="off"
          aria-label="when (condition)"
          aria-invalid={issue !== '' || undefined}
          data-testid={`field-${key}`}
          value={draft}
          placeholder="rangeM < 1000 and rangeRateMps < 0"
          onChange={(e) => {
            const text = e.target.value;
            commit(text);
            // Deleting narrows an open list but does not open one.
            const inputType = (e.nativeEvent as InputEvent).inputType ?? '';
            if (inputType.startsWith('delete') && open === null) return;
            complete(text, e.target.selectionStart ?? text.length, false);
          }}
          onKeyDown={onKeyDown}
          onClick={() => setList(null)}
          onBlur={() => setList(null)}
        />
      </span>
      {/* Spans, not ul/li: a label holds phrasing content only. */}
      <span
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label="names of the condition language"
        className={`when-completions${open?.above ? ' above' : ''}`}
        data-testid="when-completions"
        hidden={open === null}
        onMouseDown={(e) => e.preventDefault()}
      >
        {open?.options.map((option, i) => (
          <span
            key={option.label}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            className="when-completion"
            data-kind={option.kind}
            onMouseDown={(e) => {
              // Keep the focus (and the caret) in the input.
              e.preventDefault();
              accept(option);
            }}
            onMouseMove={() => {
              if (i !== current) setActive(i);
            }}
          >
            <span className="when-completion-label mono">{option.label}</span>
            <span className="when-completion-detail">{option.detail}</span>
          </span>
        ))}
      </span>
    </label>
  );
}
