/**
 * The plan's problems, one line each with its JSON path; picking one shows it in the JSON view.
 * Shown while the text does not run (the last good trajectory stays on screen meanwhile).
 */

import type { LocatedIssue } from '../../editing/document.ts';

/** Props of `IssueList`. */
export interface IssueListProps {
  issues: readonly LocatedIssue[];
  /** Shows an issue in the JSON view. */
  onPick: (issue: LocatedIssue) => void;
}

/** The problem list. */
export function IssueList({ issues, onPick }: IssueListProps) {
  if (issues.length === 0) return null;
  return (
    <section className="editor-issues" role="alert" data-testid="editor-issues">
      <header>
        {issues.length} problem{issues.length === 1 ? '' : 's'} — the scene shows the last plan that
        ran
      </header>
      <ul>
        {issues.map((i, k) => (
          <li key={k}>
            <button
              type="button"
              data-testid="editor-issue"
              title="Show in the JSON view"
              onClick={() => onPick(i)}
            >
              <code className="issue-path">{i.path === '' ? '(file)' : i.path}</code>
              <span className="issue-message">{i.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
