/**
 * The title bar of an embedded page (`?embed=1`): the scenario's name and a link that opens the
 * same scenario in the full app, in a new tab.
 */

import { useAppStore } from '../../state/useAppStore.ts';
import { fullAppUrl } from './embed.ts';

/** The embedded page's header. */
export function EmbedHeader() {
  const mission = useAppStore((s) => s.mission);
  return (
    <header className="app-header embed-header" data-testid="embed-header">
      <div className="scenario-title" title={mission?.scenario.description ?? ''}>
        <span data-testid="scenario-title">{mission?.scenario.name ?? 'No scenario'}</span>
      </div>
      <a
        className="button small embed-open"
        data-testid="embed-open-full"
        href={fullAppUrl(window.location.href)}
        target="_blank"
        rel="noopener"
      >
        Open in RPO Sim
      </a>
    </header>
  );
}
