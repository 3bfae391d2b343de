/**
 * Small dense matrices for the collision-probability code: row-major Float64Arrays of n x n
 * (3 or 6), written out plainly (no library) since they are few and small. Cold path: these
 * allocate their results. ml-matrix only for the symmetric eigen-decomposition.
 */

import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** C = A B for n x n matrices. */
export function matMul(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return c;
}

/** A^T for an n x n matrix. */
export function transpose(a: ArrayLike<number>, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j]!;
  return t;
}

/** A P A^T, symmetrized (the congruence that maps a covariance through a linear map A). */
export function congruence(a: ArrayLike<number>, p: ArrayLike<number>, n: number): Float64Array {
  return symmetrize(matMul(matMul(a, p, n), transpose(a, n), n), n);
}

/** (A + A^T) / 2, in place; returns A. */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (a[i * n + j]! + a[j * n + i]!);
      a[i * n + j] = m;
      a[j * n + i] = m;
    }
  }
  return a;
}

/** A + B, element by element. */
export function matAdd(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const c = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = a[i]! + b[i]!;
  return c;
}

/**
 * Lower-triangular L with L L^T = A for a symmetric positive semi-definite n x n matrix. A pivot
 * that rounding leaves slightly negative (above -1e-10 of its diagonal) is taken as zero and its
 * column left zero, so singular covariances (a state known exactly along some direction) sample
 * correctly.
 * @throws RangeError when A is not positive semi-definite, naming the pivot
 */
export function choleskyPsd(a: ArrayLike<number>, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! * l[j * n + k]!;
    const scale = Math.abs(a[j * n + j]!);
    if (d < -1e-10 * scale || !Number.isFinite(d)) {
      throw new RangeError(`covariance is not positive semi-definite (pivot ${j + 1} is ${d})`);
    }
    if (d <= 1e-14 * scale || d <= 0) continue;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** The 3 x 3 block of a 6 x 6 matrix starting at (row, col). */
export function block3(a: ArrayLike<number>, row: number, col: number): Float64Array {
  const b = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) b[i * 3 + j] = a[(row + i) * 6 + col + j]!;
  return b;
}

/** The 6 x 6 block-diagonal matrix diag(R, R) of a 3 x 3 R. */
export function blockDiag6(r: ArrayLike<number>): Float64Array {
  const m = new Float64Array(36);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      m[i * 6 + j] = r[i * 3 + j]!;
      m[(i + 3) * 6 + j + 3] = r[i * 3 + j]!;
    }
  }
  return m;
}

/**
 * The nearest positive semi-definite matrix by eigenvalue clipping (NASA CARA's CovRemEigValClip
 * with a zero floor): negative eigenvalues of the symmetric matrix are set to zero.
 * @returns the matrix (the input itself when nothing was clipped) and whether it was changed
 */
export function clipToPsd(
  a: ArrayLike<number>,
  n: number,
): { matrix: Float64Array; clipped: boolean } {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([]);
    for (let j = 0; j < n; j++) rows[i]!.push(0.5 * (a[i * n + j]! + a[j * n + i]!));
  }
  const eig = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const out = Float64Array.from(a as ArrayLike<number>);
  if (values.every((v) => v >= 0)) return { matrix: out, clipped: false };
  const vec = eig.eigenvectorMatrix;
  out.fill(0);
  for (let k = 0; k < n; k++) {
    const l = Math.max(0, values[k]!);
    if (l === 0) continue;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) out[i * n + j]! += l * vec.get(i, k) * vec.get(j, k);
  }
  return { matrix: symmetrize(out, n), clipped: true };
}
