/**
 * The scenario's provenance as banners: its marking at the top and bottom of the page, as
 * classification banners are, and under the top one who wrote it, from which sources and under
 * which license. Nothing when the scenario has no `provenance`.
 */

import { useAppStore } from '../../state/useAppStore.ts';
import { provenanceSources } from '../../formats/provenance.ts';
import './coalition.css';

/**
 * The banner colour of a marking, after the US banner-line colours (CUI purple, CONFIDENTIAL
 * blue, SECRET red, TOP SECRET orange, UNCLASSIFIED green); a neutral grey for any other text.
 */
export function markingClass(marking: string): string {
  const m = marking.trim().toUpperCase();
  if (m.startsWith('TOP SECRET')) return 'marking-ts';
  if (m.startsWith('SECRET')) return 'marking-s';
  if (m.startsWith('CONFIDENTIAL')) return 'marking-c';
  if (m.startsWith('CUI') || m.startsWith('CONTROLLED')) return 'marking-cui';
  if (m.startsWith('UNCLASSIFIED')) return 'marking-u';
  return 'marking-other';
}

/** One banner: `top` (marking and the provenance) or `bottom` (the marking). */
export function ProvenanceBanner({ position }: { position: 'top' | 'bottom' }) {
  const p = useAppStore((s) => s.mission?.scenario.provenance);
  if (!p) return null;
  const marking = p.marking?.trim() ?? '';
  if (position === 'bottom' && marking === '') return null;
  const sources = provenanceSources(p);
  const who = [p.author, p.organization].filter((x) => x).join(', ');
  return (
    <div
      className={`marking-banner marking-${position} ${markingClass(marking)}`}
      data-testid={`provenance-${position}`}
      role={position === 'top' ? 'banner' : 'contentinfo'}
    >
      {marking !== '' && (
        <span className="marking-text" data-testid={`marking-${position}`}>
          {marking}
        </span>
      )}
      {position === 'top' && (who || sources.length > 0 || p.license) && (
        <span className="provenance-line" data-testid="provenance-details">
          {who && <span>by {who}</span>}
          {sources.length > 0 && (
            <span title={sources.join('\n')}>
              source{sources.length > 1 ? 's' : ''}:{' '}
              {sources.map((src, i) => (
                <span key={i}>
                  {i > 0 && '; '}
                  {/^https?:\/\//.test(src) ? (
                    <a href={src} target="_blank" rel="noreferrer noopener">
                      {src}
                    </a>
                  ) : (
                    src
                  )}
                </span>
              ))}
            </span>
          )}
          {p.license && <span>license {p.license}</span>}
        </span>
      )}
    </div>
  );
}
