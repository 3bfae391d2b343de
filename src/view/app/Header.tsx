/**
 * The title bar: app name, the scenario shown, the examples menu, opening a file from disk,
 * downloading the plan, its share link, the plan editor switch, and the keyboard shortcuts.
 */

import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import { downloadPlan } from './planFile.ts';
import { readScenarioFile, syncUrl } from './readScenarioFile.ts';
import { ShareButton } from './ShareButton.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { MonteCarloButton } from '../montecarlo/MonteCarloButton.tsx';
import { blurAfterClick } from './blurAfterClick.ts';
import { Icon } from './Icon.tsx';
import { LessonsMenu } from '../lessons/LessonsMenu.tsx';

const SHORTCUTS: [string, string][] = [
  ['Space', 'play / pause'],
  ['[  ]', 'previous / next event'],
  ['←  →', 'step back / forward (1 % of the run)'],
  ['-  +', 'slower / faster'],
  ['Home  End', 'start / end'],
  ['C  F  V', 'camera: target / follow / inspector view'],
  ['E', 'open / close the plan editor'],
  ['Ctrl+Z', 'undo (Ctrl+Shift+Z or Ctrl+Y: redo)'],
];

/** The header bar. */
export function Header() {
  const {
    mission,
    examples,
    exampleName,
    loadExample,
    loading,
    cancelLoad,
    editorOpen,
    setEditorOpen,
  } = useAppStore(
    useShallow((s) => ({
      mission: s.mission,
      examples: s.examples,
      exampleName: s.exampleName,
      loadExample: s.loadExample,
      loading: s.loading,
      cancelLoad: s.cancelLoad,
      editorOpen: s.editorOpen,
      setEditorOpen: s.setEditorOpen,
    })),
  );
  useEffect(() => {
    document.title = mission ? `${mission.scenario.name} — RPO Sim` : 'RPO Sim';
  }, [mission]);
  const fileInput = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  return (
    <header className="app-header">
      <div className="brand">
        <svg viewBox="0 0 24 24" className="brand-mark" aria-hidden="true">
          <circle cx="12" cy="12" r="3.2" />
          <ellipse cx="12" cy="12" rx="10" ry="5" fill="none" strokeWidth="1.4" />
        </svg>
        <span className="brand-name">RPO Sim</span>
      </div>
      <div className="scenario-title" title={mission?.scenario.description ?? ''}>
        <span data-testid="scenario-title">{mission?.scenario.name ?? 'No scenario'}</span>
        {mission && <span className="scenario-source">{mission.sourceName}</span>}
        {loading && (
          <span className="loading-badge" data-testid="loading">
            running scenario…{' '}
            <button
              type="button"
              className="button small"
              data-testid="cancel-load"
              title="Stop this run; the scenario shown stays"
              onClick={cancelLoad}
            >
              Cancel
            </button>
          </span>
        )}
      </div>
      <div className="header-actions">
        <label className="field">
          <span className="field-label">Example</span>
          <select
            className="select"
            data-testid="examples-select"
            value={exampleName ?? ''}
            onChange={(e) => {
              const name = e.target.value;
              if (name) {
                void loadExample(name).then((ok) => {
                  if (ok) syncUrl(name);
                });
              }
              e.target.blur();
            }}
          >
            {exampleName === null && <option value="">(file)</option>}
            {examples
              .filter((ex) => ex.group === undefined)
              .map((ex) => (
                <option key={ex.name} value={ex.name} title={ex.title}>
                  {ex.name}
                </option>
              ))}
            {examples.some((ex) => ex.group === 'Events') && (
              <optgroup label="Events" data-testid="examples-events">
                {examples
                  .filter((ex) => ex.group === 'Events')
                  .map((ex) => (
                    <option key={ex.name} value={ex.name} title={ex.title}>
                      {ex.name.slice('events/'.length)}
                    </option>
                  ))}
              </optgroup>
            )}
          </select>
        </label>
        <LessonsMenu />
        <button
          type="button"
          className="button"
          data-testid="open-file"
          title="Open a scenario JSON file, a TLE / OMM file to set the target, or an OPM to set the initial state of the spacecraft in focus (or drop one on the page)"
          onClick={() => fileInput.current?.click()}
        >
          Open…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json,.tle,.txt,.xml,.opm"
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void readScenarioFile(f);
            e.target.value = '';
          }}
        />
        <button
          type="button"
          className="button with-icon"
          title="Download the plan as a .json file (rpo-sim run reads it as it is)"
          aria-label="Download .json"
          data-testid="download"
          disabled={!mission}
          onClick={downloadPlan}
        >
          <Icon d="M7.2 1.5h1.6v7.1l2.4-2.4 1.1 1.1L8 11.6 3.7 7.3l1.1-1.1 2.4 2.4zM2 12.8h12v1.7H2z" />
          Save
        </button>
        <ShareButton />
        <ExportMenu disabled={!mission} />
        <MonteCarloButton />
        <button
          type="button"
          className={`button with-icon edit-toggle${editorOpen ? ' active' : ''}`}
          aria-pressed={editorOpen}
          title="Edit the plan: maneuvers, JSON, drag targets and burns (E)"
          data-testid="edit-plan"
          onClick={(e) => {
            setEditorOpen(!editorOpen);
            blurAfterClick(e);
          }}
        >
          <Icon d="M11.3 1.8l2.9 2.9-8.4 8.4-3.6.7.7-3.6zM10.2 4.9l-6 6-.3 1.2 1.2-.3 6-6z" />
          Edit plan
        </button>
        <button
          type="button"
          className="button icon"
          aria-expanded={help}
          title="Keyboard shortcuts"
          onClick={() => setHelp((h) => !h)}
        >
          ?
        </button>
        {help && (
          <div className="shortcuts panel-glass" role="dialog" aria-label="Keyboard shortcuts">
            <dl>
              {SHORTCUTS.map(([k, what]) => (
                <div key={k}>
                  <dt>
                    <kbd>{k}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
            <p>Drop a scenario file anywhere to open it.</p>
          </div>
        )}
      </div>
    </header>
  );
}
