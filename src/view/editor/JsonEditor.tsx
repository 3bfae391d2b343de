/**
 * The JSON view of the plan (CodeMirror 6, a lazily loaded chunk): the same text as the form,
 * with completion and hover help from the scenario JSON Schema (codemirror-json-schema with
 * scenarios/scenario.schema.json), and the loader's problems underlined where they are (located
 * in the worker by their JSON paths, src/editing/document.ts).
 *
 * One text, one history: typing here is an edit of the store's text (a burst of typing is one
 * undo step), and a change from elsewhere (the form, a drag, undo) is applied here as the one
 * range that changed, so the cursor and the scroll stay. CodeMirror's own history is left out
 * (Ctrl+Z is the page's undo, src/view/app/useKeyboardShortcuts.ts).
 *
 * References:
 * [1] CodeMirror 6 reference manual (EditorView, transactions, annotations, @codemirror/lint
 *     `setDiagnostics`), https://codemirror.net/docs/ref/
 * [2] codemirror-json-schema 0.8 README, "custom usage" (`jsonCompletion`, `jsonSchemaHover`,
 *     `stateExtensions`).
 */

import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonLanguage } from '@codemirror/lang-json';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorSelection, EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  hoverTooltip,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import { useEffect, useRef } from 'react';
import schema from '../../../scenarios/scenario.schema.json';
import { textChange } from '../../editing/jsonText.ts';
import type { AppState } from '../../state/store.ts';
import { appStore } from '../../state/useAppStore.ts';
import { issueMarks } from '../model/issues.ts';
import { onRevealInJson } from './reveal.ts';

/** Marks transactions that bring the store's text in (not typed here: not sent back). */
const fromStore = Annotation.define<boolean>();

/** Colours of the app's dark theme. */
const theme = EditorView.theme(
  {
    '&': {
      height: '100%',
      fontSize: '12px',
      backgroundColor: '#0b1016',
      color: '#d8e0ea',
    },
    '.cm-scroller': {
      fontFamily: "ui-monospace, 'SF Mono', 'JetBrains Mono', Menlo, Consolas, monospace",
      lineHeight: '1.5',
    },
    '.cm-content': { caretColor: '#4cc2ff', padding: '6px 0' },
    '&.cm-focused .cm-cursor': { borderLeftColor: '#4cc2ff' },
    '&.cm-focused': { outline: 'none' },
    '.cm-gutters': {
      backgroundColor: '#0b1016',
      color: '#4d5a6a',
      border: 'none',
      borderRight: '1px solid #1f2a37',
    },
    '.cm-activeLineGutter': { backgroundColor: '#121a24', color: '#a9b4c2' },
    '.cm-activeLine': { backgroundColor: 'rgba(76, 194, 255, 0.045)' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
      { backgroundColor: 'rgba(76, 194, 255, 0.22)' },
    '.cm-matchingBracket': { backgroundColor: 'rgba(76, 194, 255, 0.18)', outline: 'none' },
    '.cm-foldGutter span': { color: '#4d5a6a' },
    '.cm-tooltip': {
      backgroundColor: '#131b25',
      color: '#d8e0ea',
      border: '1px solid #2a3747',
      borderRadius: '6px',
      boxShadow: '0 8px 24px rgba(0, 0, 0, 0.5)',
      maxWidth: '420px',
    },
    '.cm-tooltip-autocomplete > ul > li': { padding: '2px 8px' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
      backgroundColor: 'rgba(76, 194, 255, 0.22)',
      color: '#e7f6ff',
    },
    '.cm-completionInfo': { padding: '6px 10px' },
    '.cm-tooltip-hover': { padding: '6px 10px', fontSize: '12px' },
    '.cm-diagnostic': { padding: '4px 8px', fontFamily: 'system-ui, sans-serif' },
    '.cm-diagnostic-error': { borderLeft: '3px solid #ff4d4f' },
    '.cm-lintRange-error': {
      backgroundImage: 'none',
      textDecoration: 'underline wavy #ff4d4f',
      textUnderlineOffset: '3px',
      backgroundColor: 'rgba(255, 77, 79, 0.12)',
    },
    '.cm-lint-marker-error': { content: 'none' },
    '.cm-panels': { backgroundColor: '#0f151d', color: '#d8e0ea' },
  },
  { dark: true },
);

/** Token colours (dark, close to the app's accents). */
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#7cc7ff' },
  { tag: tags.string, color: '#a5d6a7' },
  { tag: tags.number, color: '#ffb86b' },
  { tag: [tags.bool, tags.null], color: '#c792ea' },
  { tag: tags.punctuation, color: '#6f7d8e' },
  { tag: tags.invalid, color: '#ff8a8b' },
]);

/** The diagnostics of the store's issues for the text shown. */
function diagnostics(s: AppState, docText: string): Diagnostic[] {
  // Issues are for `s.text`; while the editor shows another text they would be misplaced.
  if (s.text !== docText) return [];
  return issueMarks(docText, s.issues).map((m) => ({
    from: m.from,
    to: m.to,
    severity: 'error',
    message: m.message,
    source: 'rpo-sim',
  }));
}

/** The JSON view (default export for `React.lazy`). */
export default function JsonEditor() {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const start = appStore.getState();
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: start.text,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          lintGutter(),
          highlightSpecialChars(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          highlightActiveLine(),
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...foldKeymap,
            ...completionKeymap,
            ...lintKeymap,
            indentWithTab,
          ]),
          json(),
          jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
          hoverTooltip(jsonSchemaHover()),
          stateExtensions(schema as unknown as Parameters<typeof stateExtensions>[0]),
          syntaxHighlighting(highlight),
          theme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'Scenario JSON' }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged || u.transactions.some((t) => t.annotation(fromStore))) return;
            appStore.getState().setText(u.state.doc.toString(), 'json');
          }),
        ],
      }),
    });
    view.dispatch(setDiagnostics(view.state, diagnostics(start, start.text)));

    const unsub = appStore.subscribe((s, prev) => {
      const shown = view.state.doc.toString();
      if (s.text !== prev.text && s.text !== shown) {
        view.dispatch({
          changes: textChange(shown, s.text),
          annotations: [fromStore.of(true)],
        });
      }
      if (s.issues !== prev.issues || s.text !== prev.text) {
        // Keep the old underlines (mapped through the edit) until the new text's are known.
        if (s.docStatus === 'running') return;
        view.dispatch(setDiagnostics(view.state, diagnostics(s, view.state.doc.toString())));
      }
    });
    const unreveal = onRevealInJson((from, to) => {
      const n = view.state.doc.length;
      const a = Math.min(from, n);
      const b = Math.min(Math.max(a, to), n);
      view.dispatch({
        selection: EditorSelection.range(a, b),
        effects: EditorView.scrollIntoView(a, { y: 'center' }),
      });
      view.focus();
    });
    // Tests drive the editor through its view (no effect otherwise).
    (window as { __rpoJsonEditor?: EditorView }).__rpoJsonEditor = view;
    return () => {
      unsub();
      unreveal();
      view.destroy();
      const w = window as { __rpoJsonEditor?: EditorView };
      if (w.__rpoJsonEditor === view) delete w.__rpoJsonEditor;
    };
  }, []);
  return <div className="json-editor" ref={host} data-testid="json-editor" />;
}
