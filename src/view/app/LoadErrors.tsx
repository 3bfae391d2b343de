/**
 * Problems of a scenario that failed to load, one per line with its JSON path, over the app; the
 * scenario shown before stays loaded.
 */

import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';

/** The load error panel (nothing when there is no error). */
export function LoadErrors() {
  const { error, dismiss, mission } = useAppStore(
    useShallow((s) => ({ error: s.loadError, dismiss: s.dismissError, mission: s.mission })),
  );
  if (!error) return null;
  const n = error.issues.length;
  return (
    <div className="load-errors" role="alert" data-testid="load-errors">
      <div className="load-errors-head">
        <div>
          <strong>
            Could not load <code>{error.sourceName}</code>
          </strong>
          <span className="load-errors-count">
            {n} problem{n === 1 ? '' : 's'}
          </span>
        </div>
        <button
          type="button"
          className="button icon"
          aria-label="Dismiss"
          data-testid="dismiss-errors"
          onClick={dismiss}
        >
          ×
        </button>
      </div>
      <ul className="issue-list">
        {error.issues.map((i, k) => (
          <li key={k} data-testid="load-issue">
            <code className="issue-path">{i.path === '' ? '(file)' : i.path}</code>
            <span className="issue-message">{i.message}</span>
          </li>
        ))}
      </ul>
      {mission && (
        <p className="load-errors-foot">
          Still showing <em>{mission.scenario.name}</em>.
        </p>
      )}
    </div>
  );
}
