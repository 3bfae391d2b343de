/** Pieces the KVN messages (OEM, OPM, CDM) share. */

/** A value on one line (KVN has no continuation lines). */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/**
 * The six state-vector lines `X = ... [km]` .. `Z_DOT = ... [km/s]`, printed to 1e-6 km and
 * 1e-9 km/s, or 1e-9 km and 1e-12 km/s when `fine` (the OPM: an initial state read back to
 * 1e-6 m). @param x [r (m), v (m/s)]
 */
export function stateVectorLines(x: ArrayLike<number>, fine = false): string[] {
  const names = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
  const extra = fine ? 3 : 0;
  return names.map((n, i) =>
    i < 3
      ? `${n} = ${(x[i]! / 1000).toFixed(6 + extra)} [km]`
      : `${n} = ${(x[i]! / 1000).toFixed(9 + extra)} [km/s]`,
  );
}
