/**
 * Figures as files (browser only): a PNG drawn from a figure's SVG (./figure.ts) on a canvas of
 * the figure's size, and the browser's download of a figure.
 */

/**
 * The PNG of an SVG document, at `widthPx` x `heightPx`.
 * @param svg the SVG text (no external resources)
 * @param widthPx image width, px
 * @param heightPx image height, px
 */
export async function svgToPng(svg: string, widthPx: number, heightPx: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(widthPx, heightPx);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = widthPx;
    canvas.height = heightPx;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw a PNG (no 2D canvas)');
    ctx.drawImage(img, 0, 0, widthPx, heightPx);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('the PNG was not made'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Downloads `blob` as `name` (the browser's download).
 * @param blob the file's content
 * @param name file name
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A file name for a figure: the scenario's name as a slug, what the figure shows and its size,
 * e.g. "football-range-1600x900.png".
 * @param scenarioName the scenario's `name`
 * @param what e.g. "range", "scene"
 * @param widthPx width, px
 * @param heightPx height, px
 * @param ext "png" or "svg"
 */
export function figureFileName(
  scenarioName: string,
  what: string,
  widthPx: number,
  heightPx: number,
  ext: 'png' | 'svg',
): string {
  const slug =
    scenarioName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'scenario';
  return `${slug}-${what}-${widthPx}x${heightPx}.${ext}`;
}
