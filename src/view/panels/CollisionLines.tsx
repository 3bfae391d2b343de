/**
 * The collision probability of the score card (report `collision` block): per closest approach
 * of a spacecraft to the target and of a pair, the Pc to read and its method, the 2D Pc with its
 * short-encounter test, the 3D Pc and the Monte Carlo estimate with its 95 % interval, and an
 * honest note when the 2D method is not valid there. Rows jump the clock to the closest approach.
 */

import type { CollisionReport, ConjunctionReport } from '../../collision/scenarioPc.ts';
import { formatMet } from '../model/format.ts';

/** A probability in 3 significant digits (0 as 0). */
export function formatProbability(p: number): string {
  return p === 0 ? '0' : p.toExponential(2);
}

const METHOD_TEXT: Record<string, string> = {
  'foster-2d': '2D (Foster)',
  'coppola-3d': '3D (Coppola, CW model)',
  'hall-3d-nc': '3D (Hall)',
  'monte-carlo-cw': 'Monte Carlo',
  'monte-carlo-two-body': 'Monte Carlo',
};

/** What the Pc's method leaves out, or null when the method holds. */
function validityNote(k: ConjunctionReport): string | null {
  if (k.method === 'foster-2d' && !k.valid2d)
    return '2D method not valid here (long encounter): read the 3D or Monte Carlo Pc';
  if (!k.valid2d) return '2D Pc not valid here (long encounter)';
  if (k.consistent2d === false) return '2D Pc outside the Monte Carlo 99.9 % interval';
  if (k.valid3d === false) return '3D Pc fails its usage test: read the Monte Carlo Pc';
  return null;
}

function ConjunctionLine({ k, seek }: { k: ConjunctionReport; seek: (tS: number) => void }) {
  const mc = k.pcMonteCarlo;
  const note = validityNote(k);
  const id = k.ids.join('-');
  return (
    <li
      className="clickable"
      data-testid={`score-pc-${id}`}
      data-method={k.method}
      title="Jump to the closest approach"
      onClick={() => seek(k.tS)}
    >
      <span className="objective-mark">{note === null ? '·' : '!'}</span>
      <span className="objective-label">
        {k.ids[0]} / {k.ids[1]}: Pc {formatProbability(k.pc)} ({METHOD_TEXT[k.method] ?? k.method})
      </span>
      <span className="objective-detail">
        at {formatMet(k.tS)} · 2D {formatProbability(k.pc2d)} ({k.valid2d ? 'valid' : 'not valid'})
        {k.pc3d !== null && ` · 3D ${formatProbability(k.pc3d)}`}
        {mc &&
          ` · Monte Carlo ${formatProbability(mc.p)}, 95 % [${formatProbability(mc.lo)}, ${formatProbability(mc.hi)}], ${mc.trials} trials`}
        {note !== null && <span className="pc-note"> · {note}</span>}
      </span>
    </li>
  );
}

/** The collision lines of the score card; nothing when the scenario assesses none. */
export function CollisionLines({
  collision,
  seek,
}: {
  collision: CollisionReport | undefined;
  seek: (tS: number) => void;
}) {
  if (!collision) return null;
  return (
    <ul className="objectives constraint-list" data-testid="score-collision">
      <li>
        <span className="objective-mark" />
        <span className="objective-label">
          Collision probability
          {collision.hardBodyRadiusM !== null &&
            ` (hard-body radius ${collision.hardBodyRadiusM} m, covariance ${collision.covariancePropagation})`}
        </span>
      </li>
      {collision.conjunctions.map((k) => (
        <ConjunctionLine key={k.ids.join('-')} k={k} seek={seek} />
      ))}
      {collision.skipped.map((s) => (
        <li key={s} className="missed" data-testid="score-pc-skipped">
          <span className="objective-mark">–</span>
          <span className="objective-detail">not assessed: {s}</span>
        </li>
      ))}
    </ul>
  );
}
