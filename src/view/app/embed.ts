/**
 * Embed mode (`?embed=1`): the app as a figure for a lecture slide or a learning-management page.
 * The scene, its HUD, the plots and the transport stay; the planner's panels (the plan editor,
 * Monte Carlo, the header's menus, the score card and events) and the autosaved draft do not.
 */

/**
 * Whether a page's query string asks for embed mode (`embed=1` or `embed=true`).
 * @param search `location.search`, e.g. "?scenario=football&embed=1"
 */
export function isEmbedQuery(search: string): boolean {
  const v = new URLSearchParams(search).get('embed');
  return v === '1' || v === 'true';
}

/** Whether this page is embedded (read once: the query does not change without a reload). */
export const EMBED: boolean = typeof window !== 'undefined' && isEmbedQuery(window.location.search);

/**
 * The full app's URL for an embedded page: the same query and fragment without `embed`.
 * @param href `location.href`
 */
export function fullAppUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('embed');
  return url.toString();
}
