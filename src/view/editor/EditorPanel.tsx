/**
 * The plan editor beside the scene (a lazily loaded chunk): the maneuver form and the JSON view
 * of the same text (CodeMirror, loaded when first opened, then kept), undo and redo, whether the
 * plan runs, and its problems.
 */

import { lazy, Suspense, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LocatedIssue } from '../../editing/document.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { IssueList } from './IssueList.tsx';
import { ManeuverEditor } from './ManeuverEditor.tsx';
import { revealInJson } from './reveal.ts';
import { Icon } from '../app/Icon.tsx';

const JsonEditor = lazy(() => import('./JsonEditor.tsx'));

type Tab = 'form' | 'json';

/** The editor panel (default export for `React.lazy`). */
export default function EditorPanel() {
  const [tab, setTab] = useState<Tab>('form');
  const [jsonOpened, setJsonOpened] = useState(false);
  const { issues, status, canUndo, canRedo, undo, redo, autosaveError, setOpen } = useAppStore(
    useShallow((s) => ({
      issues: s.issues,
      status: s.docStatus,
      canUndo: s.canUndo,
      canRedo: s.canRedo,
      undo: s.undo,
      redo: s.redo,
      autosaveError: s.autosaveError,
      setOpen: s.setEditorOpen,
    })),
  );
  const show = (t: Tab) => {
    setTab(t);
    if (t === 'json') setJsonOpened(true);
  };
  const pick = (i: LocatedIssue) => {
    show('json');
    revealInJson(i.from, i.to);
  };
  return (
    <aside className="editor" data-testid="editor" aria-label="Plan editor">
      <header className="editor-head">
        <div className="editor-tabs" role="tablist" aria-label="Editor view">
          {(['form', 'json'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'active' : ''}
              data-testid={`tab-${t}`}
              onClick={() => show(t)}
            >
              {t === 'form' ? 'Maneuvers' : 'JSON'}
            </button>
          ))}
        </div>
        <div className="editor-tools">
          <button
            type="button"
            className="tool"
            title="Undo (Ctrl+Z)"
            aria-label="Undo"
            data-testid="undo"
            disabled={!canUndo}
            onClick={undo}
          >
            <Icon d="M5.5 3L1.5 7l4 4V8.2h4.2a2.8 2.8 0 010 5.6H7v1.7h2.7a4.5 4.5 0 000-9H5.5z" />
          </button>
          <button
            type="button"
            className="tool"
            title="Redo (Ctrl+Shift+Z)"
            aria-label="Redo"
            data-testid="redo"
            disabled={!canRedo}
            onClick={redo}
          >
            <Icon d="M10.5 3l4 4-4 4V8.2H6.3a2.8 2.8 0 000 5.6H9v1.7H6.3a4.5 4.5 0 010-9h4.2z" />
          </button>
          <button
            type="button"
            className="tool"
            title="Close the editor (E)"
            aria-label="Close the editor"
            onClick={() => setOpen(false)}
          >
            <Icon d="M4.5 3.4L8 6.9l3.5-3.5 1.1 1.1L9.1 8l3.5 3.5-1.1 1.1L8 9.1l-3.5 3.5-1.1-1.1L6.9 8 3.4 4.5z" />
          </button>
        </div>
      </header>
      <div
        className={`editor-status status-${status}`}
        data-testid="doc-status"
        data-status={status}
      >
        <span className="status-dot" />
        {status === 'running'
          ? 'Running the plan…'
          : status === 'ok'
            ? 'Plan runs · autosaved'
            : `${issues.length} problem${issues.length === 1 ? '' : 's'} · showing the last plan that ran`}
        {autosaveError && (
          <span className="status-warn" title={autosaveError}>
            {' '}
            · not autosaved
          </span>
        )}
      </div>
      <div className="editor-body">
        <div className="editor-pane" hidden={tab !== 'form'}>
          <ManeuverEditor onShowJson={() => show('json')} />
        </div>
        {jsonOpened && (
          <div className="editor-pane json-pane" hidden={tab !== 'json'}>
            <Suspense fallback={<div className="editor-note">Loading the JSON editor…</div>}>
              <JsonEditor />
            </Suspense>
          </div>
        )}
      </div>
      <IssueList issues={issues} onPick={pick} />
    </aside>
  );
}
