/** Pieces the KVN messages (OEM, OPM, CDM) share. */

/** A value on one line (KVN has no continuation lines). */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/**
 * The six state-vector lines `X = ... [km]` .. `Z_DOT = ... [km/s]`, printed to 1e-6 km and
 * 1e-9 km/s. @param x [r (m), v (m/s)]
 */
export function stateVectorLines(x: ArrayLike<number>): string[] {
  const names = ['X', 'Y', 'Z', 'X_DOT', 'Y_DOT', 'Z_DOT'];
  return names.map((n, i) =>
    i < 3
      ? `${n} = ${(x[i]! / 1000).toFixed(6)} [km]`
      : `${n} = ${(x[i]! / 1000).toFixed(9)} [km/s]`,
  );
}
