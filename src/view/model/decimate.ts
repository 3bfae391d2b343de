/**
 * Decimation of long time series for line plots: M4 aggregation [1].
 *
 * For each pixel column the first, minimum, maximum and last samples are kept, in time order. A
 * line through them draws, at that width, exactly the pixels the full series would: inside a
 * column the full line spans [min, max] and enters and leaves at the first and last values. So
 * 172,800 samples become at most 4 per pixel column (~2,400 for a 600 px plot), and the plot
 * stays interactive; zooming re-decimates the visible window.
 *
 * References:
 * [1] U. Jugel, Z. Jerzak, G. Hackenbroich, V. Markl, "M4: A Visualization-Oriented Time Series
 *     Data Aggregation", PVLDB 7(10), 2014.
 */

/** A decimated series: times and values, same length. */
export interface DecimatedSeries {
  /** Abscissae (the caller's unit: e.g. hours since epoch). */
  x: Float64Array;
  /** Ordinates (the caller's unit). */
  y: Float64Array;
}

/** Where to read a series inside a flat array. */
export interface SeriesSource {
  /** Sample times, s (non-decreasing). */
  tS: ArrayLike<number>;
  /** Values: sample k is `values[k * stride + offset]`. */
  values: ArrayLike<number>;
  stride: number;
  offset: number;
  /** Number of samples. */
  count: number;
}

/** First index with `tS[k] >= t` (binary search; `count` if none). */
export function lowerBound(tS: ArrayLike<number>, count: number, t: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tS[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * M4 decimation of the samples in [t0S, t1S] (plus one sample either side, so the line reaches
 * the plot edges) into `buckets` columns.
 *
 * @param src the series
 * @param t0S window start, s
 * @param t1S window end, s
 * @param buckets number of pixel columns (>= 1)
 * @param xScale multiplies times on output (e.g. 1/3600 for hours)
 * @param yScale multiplies values on output (e.g. 1/1000 for km)
 */
export function decimateM4(
  src: SeriesSource,
  t0S: number,
  t1S: number,
  buckets: number,
  xScale = 1,
  yScale = 1,
): DecimatedSeries {
  const n = src.count;
  const { tS, values, stride, offset } = src;
  if (n === 0) return { x: new Float64Array(0), y: new Float64Array(0) };
  const first = Math.max(0, lowerBound(tS, n, t0S) - 1);
  const last = Math.min(n - 1, lowerBound(tS, n, t1S));
  const span = t1S - t0S;
  const nb = Math.max(1, Math.floor(buckets));
  // Few samples: no aggregation needed.
  if (last - first + 1 <= 4 * nb || !(span > 0)) {
    const m = last - first + 1;
    const x = new Float64Array(m);
    const y = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      x[k] = tS[first + k]! * xScale;
      y[k] = values[(first + k) * stride + offset]! * yScale;
    }
    return { x, y };
  }
  const outIdx: number[] = [];
  let k = first;
  while (k <= last) {
    const b = Math.min(nb - 1, Math.max(0, Math.floor(((tS[k]! - t0S) / span) * nb)));
    // Samples outside the window get their own column (the one either side).
    const endT = tS[k]! < t0S ? t0S : tS[k]! > t1S ? Infinity : t0S + ((b + 1) * span) / nb;
    const startK = k;
    let minK = k;
    let maxK = k;
    let minV = values[k * stride + offset]!;
    let maxV = minV;
    k++;
    while (k <= last && tS[k]! < endT) {
      const v = values[k * stride + offset]!;
      if (v < minV) {
        minV = v;
        minK = k;
      } else if (v > maxV) {
        maxV = v;
        maxK = k;
      }
      k++;
    }
    const endK = k - 1;
    // The four samples in time order, each once.
    const a = Math.min(minK, maxK);
    const c = Math.max(minK, maxK);
    outIdx.push(startK);
    if (a > startK) outIdx.push(a);
    if (c > a && c > startK) outIdx.push(c);
    if (endK > c && endK > startK) outIdx.push(endK);
  }
  const x = new Float64Array(outIdx.length);
  const y = new Float64Array(outIdx.length);
  for (let j = 0; j < outIdx.length; j++) {
    const i = outIdx[j]!;
    x[j] = tS[i]! * xScale;
    y[j] = values[i * stride + offset]! * yScale;
  }
  return { x, y };
}
