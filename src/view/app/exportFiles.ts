/**
 * The Export menu's work: the plan on screen run again in the page with its ephemeris (the
 * physics and the writers load lazily on first use) and each file of the chosen format handed
 * to the browser as a download, named as `rpo-sim export` names it.
 */

import type { ExportFormat } from '../../formats/export.ts';
import { appStore } from '../../state/useAppStore.ts';

/**
 * Downloads the files of one export format for the plan text on screen.
 * @returns the names of the files downloaded
 * @throws Error with the scenario's problems when the text does not load
 */
export async function downloadExport(format: ExportFormat): Promise<string[]> {
  const text = appStore.getState().text;
  const [
    { exportRun },
    { loadScenario, formatIssues },
    { runScenario },
    { loadExpressionParserFor },
  ] = await Promise.all([
    import('../../formats/export.ts'),
    import('../../scenario/validate.ts'),
    import('../../sim/run.ts'),
    import('../../scenario/expressionParser.ts'),
  ]);
  // a plan with triggers needs the expression parser (mathjs), loaded only then
  await loadExpressionParserFor(text);
  const loaded = loadScenario(text);
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  const run = runScenario(loaded.scenario, { recordEphemeris: true, checkConstraints: false });
  const files = exportRun(run, format, { creationDate: new Date().toISOString() });
  for (const f of files) {
    const url = URL.createObjectURL(new Blob([f.text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = f.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return files.map((f) => f.name);
}
