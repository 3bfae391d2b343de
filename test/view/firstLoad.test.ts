// The page's first load (issue 18, item 4): what src/main.tsx imports statically, the scripts the
// page needs before its first scene, holds no physics-only module. The maneuver and constraint
// registries, zod schemas, the run, the scoring and the orbital-element libraries run in the
// simulation worker; the page gets what it shows from it (src/view/model/payload.ts). Each of
// them was in the first load before (about 110 kB gzip of its 492 kB).

import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Every module reached from src/main.tsx by static imports, each with the chain that reaches it. */
async function staticGraph(): Promise<Map<string, string[]>> {
  const result = await build({
    entryPoints: ['src/main.tsx'],
    bundle: true,
    write: false,
    format: 'esm',
    splitting: true,
    outdir: 'unused',
    metafile: true,
    logLevel: 'silent',
    loader: { '.css': 'empty', '.woff2': 'empty', '.woff': 'empty', '.ttf': 'empty' },
    external: ['*?worker&url', 'node:*'],
  });
  const inputs: Metafile['inputs'] = result.metafile.inputs;
  const chains = new Map<string, string[]>([['src/main.tsx', ['src/main.tsx']]]);
  const queue = ['src/main.tsx'];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const imp of inputs[from]?.imports ?? []) {
      if (imp.kind !== 'import-statement' || chains.has(imp.path) || !(imp.path in inputs))
        continue;
      chains.set(imp.path, [...chains.get(from)!, imp.path]);
      queue.push(imp.path);
    }
  }
  return chains;
}

describe("the page's first load", () => {
  it('imports no physics-only module statically', async () => {
    const graph = await staticGraph();
    // the view's own modules are there (the test reads the real graph)
    expect(graph.has('src/view/scene/SceneCanvas.tsx')).toBe(true);
    expect(graph.has('src/view/model/mission.ts')).toBe(true);
    const physicsOnly = [
      /^src\/maneuvers\/registry\.ts$/,
      /^src\/constraints\/registry\.ts$/,
      /^src\/scenario\/(derived|schemaParts|limits)\.ts$/,
      /^src\/sim\/(run|dynamics\/registry)\.ts$/,
      /^src\/scoring\/(report|evaluate)\.ts$/,
      /^src\/collision\//,
      /^src\/formats\/elements\.ts$/,
      /^node_modules\/(zod|ml-matrix|mathjs|astronomy-engine|satellite\.js)\//,
    ];
    const found = [...graph]
      .filter(([path]) => physicsOnly.some((re) => re.test(path)))
      .map(([, chain]) => chain.join(' <- '));
    expect(found).toEqual([]);
  });
});
