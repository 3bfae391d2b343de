/**
 * The campaign view of the Monte Carlo panel: one or two scenario fields with their values (the
 * `--set PATH=SPEC` syntax of `rpo-sim sweep`), trials and seed, Run and Cancel; a file input for
 * a sweep written by `rpo-sim sweep --json`; then two heatmaps over the sweep, P(violation) (any,
 * or one kind) and delta-v p50 of one spacecraft, with the hovered cell's figures (the 95 % Wilson
 * interval, the counts, delta-v and minimum-range percentiles) below; a click on a cell opens that
 * variant as the plan shown.
 */

import type { ViolationKind } from '../../events/detectors.ts';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SweepResult, SweepRow } from '../../montecarlo/sweep.ts';
import { useAppStore } from '../../state/useAppStore.ts';
import { runBlocker } from './controller.ts';
import {
  formatCount,
  formatDvFine,
  formatInterval,
  formatPercent,
  formatRangeFine,
  kindLabel,
} from './format.ts';
import { parseSeed, parseTrials } from './inputs.ts';
import { useMonteCarlo } from './montecarloStore.ts';
import {
  cancelSweep,
  loadSweepFile,
  openVariant,
  parseSweepFields,
  runSweep,
} from './sweepController.ts';
import { RunControls } from './RunControls.tsx';
import { SweepHeatmap, type HeatCell } from './SweepHeatmap.tsx';
import { sweepStore, useSweep } from './sweepStore.ts';

/** A swept value as a label: numbers as written, strings unquoted. */
function valueLabel(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The distinct values of one field, in order of first appearance. */
function axisValues(rows: readonly SweepRow[], i: number): unknown[] {
  const seen: string[] = [];
  const out: unknown[] = [];
  for (const r of rows) {
    const key = JSON.stringify(r.values[i]);
    if (!seen.includes(key)) {
      seen.push(key);
      out.push(r.values[i]);
    }
  }
  return out;
}

/** Violation kinds present in any row of spacecraft `ci`. */
function kindsOf(result: SweepResult, ci: number): string[] {
  const kinds: string[] = [];
  for (const row of result.variants)
    for (const k of Object.keys(row.spacecraft[ci]?.violations ?? {}))
      if (!kinds.includes(k)) kinds.push(k);
  return kinds;
}

/** The figures of one variant, for the readout under the maps. */
function readout(result: SweepResult, index: number, ci: number, kind: string): string {
  const row = result.variants[index]!;
  const label = row.values.map((v, i) => `${result.parameters[i]} = ${valueLabel(v)}`).join(', ');
  if (row.error !== null) return `Variant ${index + 1} (${label}): invalid: ${row.error}`;
  const c = row.spacecraft[ci];
  if (!c) return `Variant ${index + 1} (${label}): no such spacecraft`;
  const p = kind === 'any' ? c.anyViolation : c.violations[kind as keyof typeof c.violations];
  const what = kind === 'any' ? 'P(any violation)' : `P(${kindLabel(kind as ViolationKind)})`;
  const prob = p
    ? `${what} ${formatPercent(p.p)}, 95 % Wilson interval ${formatInterval(p.lo, p.hi)} (${formatCount(p.count)} of ${formatCount(row.flown)} trials flown)`
    : `${what}: not possible in this plan`;
  return `Variant ${index + 1} (${label}), ${c.id}: ${prob}; delta-v p5/p50/p95 ${formatDvFine(c.totalDvMps.p5)} / ${formatDvFine(c.totalDvMps.p50)} / ${formatDvFine(c.totalDvMps.p95)}; minimum range p50 ${formatRangeFine(c.minRangeM.p50)}${row.failed > 0 ? `; ${formatCount(row.failed)} trials could not be flown` : ''}. Click to open it.`;
}

/** Saves the sweep shown as rpo-sweep v1 JSON (what `rpo-sim sweep --json` writes). */
function saveJson(result: SweepResult): void {
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'sweep.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** The campaign view. */
export function SweepSection() {
  const s = useSweep(
    useShallow((x) => ({
      path1: x.path1,
      spec1: x.spec1,
      path2: x.path2,
      spec2: x.spec2,
      status: x.status,
      variantCount: x.variantCount,
      variantsDone: x.variantsDone,
      trialsDone: x.trialsDone,
      elapsedS: x.elapsedS,
      result: x.result,
      origin: x.origin,
      error: x.error,
      note: x.note,
      craftIndex: x.craftIndex,
    })),
  );
  const mc = useMonteCarlo(useShallow((x) => ({ trialsText: x.trialsText, seedText: x.seedText })));
  const { mission, docStatus, text } = useAppStore(
    useShallow((x) => ({ mission: x.mission, docStatus: x.docStatus, text: x.text })),
  );
  const [hovered, setHovered] = useState<number | null>(null);
  const [kind, setKind] = useState('any');
  const fields = parseSweepFields(s, text);
  const trials = parseTrials(mc.trialsText);
  const seed = parseSeed(mc.seedText);
  const blocker = runBlocker(mission !== null, docStatus);
  const running = s.status === 'running';
  const canRun = fields.ok && trials.ok && seed.ok && blocker === null;
  const problem = !fields.ok
    ? fields.message
    : !trials.ok
      ? trials.message
      : !seed.ok
        ? seed.message
        : blocker;
  const variantCount = fields.ok ? fields.axes.reduce((n, a) => n * a.values.length, 1) : 0;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (canRun) void runSweep();
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) loadSweepFile(await file.text(), file.name);
  };

  const result = s.result;
  const crafts = result ? Math.max(1, ...result.variants.map((r) => r.spacecraft.length)) : 1;
  const ci = Math.min(s.craftIndex, crafts - 1);
  const kinds = result ? kindsOf(result, ci) : [];
  const shownKind = kind === 'any' || kinds.includes(kind) ? kind : 'any';
  const twoFields = (result?.parameters.length ?? 1) === 2;
  const rowsAxis = result ? axisValues(result.variants, 0) : [];
  const colsAxis = result && twoFields ? axisValues(result.variants, 1) : [''];
  const craftIds = result?.variants.find((r) => r.spacecraft.length > 0)?.spacecraft ?? [];

  const pCells: HeatCell[] = [];
  const dvCells: HeatCell[] = [];
  let dvMin = Infinity;
  let dvMax = -Infinity;
  let pMax = 0;
  const rowKeys = rowsAxis.map((v) => JSON.stringify(v));
  const colKeys = colsAxis.map((v) => JSON.stringify(v));
  result?.variants.forEach((row, index) => {
    const at = {
      row: rowKeys.indexOf(JSON.stringify(row.values[0])),
      col: twoFields ? colKeys.indexOf(JSON.stringify(row.values[1])) : 0,
    };
    const label = row.values.map((v, i) => `${result.parameters[i]} = ${valueLabel(v)}`);
    const c = row.error === null ? row.spacecraft[ci] : undefined;
    const p =
      c === undefined
        ? undefined
        : shownKind === 'any'
          ? c.anyViolation
          : c.violations[shownKind as keyof typeof c.violations];
    const pValue = p && Number.isFinite(p.p) ? p.p : null;
    const dv = c && Number.isFinite(c.totalDvMps.p50) ? c.totalDvMps.p50 : null;
    if (pValue !== null) pMax = Math.max(pMax, p!.hi);
    if (dv !== null) {
      dvMin = Math.min(dvMin, dv);
      dvMax = Math.max(dvMax, dv);
    }
    const why = row.error !== null ? `invalid: ${row.error}` : 'no trial flown';
    pCells.push({
      index,
      ...at,
      value: pValue,
      text: pValue === null ? '' : formatPercent(pValue).replace(' %', ''),
      title:
        pValue === null
          ? `${label.join(', ')}: ${why}`
          : `${label.join(', ')}: P = ${formatPercent(p!.p)}, 95 % Wilson ${formatInterval(p!.lo, p!.hi)} (${p!.count} of ${row.flown})`,
      data:
        p === undefined
          ? { error: row.error ?? '' }
          : { p: String(p.p), lo: String(p.lo), hi: String(p.hi), count: String(p.count) },
    });
    dvCells.push({
      index,
      ...at,
      value: dv,
      text: dv === null ? '' : formatDvFine(dv).replace(' m/s', ''),
      title:
        dv === null
          ? `${label.join(', ')}: ${why}`
          : `${label.join(', ')}: delta-v p50 ${formatDvFine(dv)} (p5 ${formatDvFine(c!.totalDvMps.p5)}, p95 ${formatDvFine(c!.totalDvMps.p95)})`,
      data:
        c === undefined
          ? { error: row.error ?? '' }
          : {
              'dv-p5': String(c.totalDvMps.p5),
              'dv-p50': String(c.totalDvMps.p50),
              'dv-p95': String(c.totalDvMps.p95),
            },
    });
  });
  if (!(dvMin <= dvMax)) [dvMin, dvMax] = [0, 0];
  const kindName = shownKind === 'any' ? 'any violation' : kindLabel(shownKind as ViolationKind);

  let status: string | null = null;
  if (running)
    status = `Running variant ${Math.min(s.variantsDone + 1, s.variantCount)} of ${s.variantCount} (${formatCount(s.trialsDone)} trials done)… ${s.elapsedS.toFixed(1)} s`;
  else if (result && s.origin?.kind === 'file')
    status = `${s.origin.name}: ${result.variants.length} variants of ${result.scenario}, ${formatCount(result.trials)} trials each, seed ${result.seed}${result.interrupted ? ' (interrupted)' : ''}.`;
  else if (result && s.status === 'done')
    status = `${result.variants.length} variants of ${result.scenario}, ${formatCount(result.trials)} trials each, seed ${result.seed}, in ${s.elapsedS.toFixed(1)} s.`;
  else if (result && s.status === 'cancelled')
    status = `Cancelled after ${result.variants.length} of ${s.variantCount} variants.`;

  return (
    <div className="sweep" data-testid="sweep" data-status={s.status}>
      <form className="sweep-form" onSubmit={onSubmit}>
        {(
          [
            ['path1', 'spec1', 'Field'],
            ['path2', 'spec2', 'Second field (optional)'],
          ] as const
        ).map(([pathKey, specKey, label], k) => (
          <div className="sweep-axis" key={pathKey}>
            <label className="mc-field sweep-path">
              <span className="field-label">{label}</span>
              <input
                className="mc-input"
                spellCheck={false}
                placeholder="spacecraft[0].maneuvers[0].tS"
                data-testid={`sweep-path-${k + 1}`}
                value={s[pathKey]}
                onChange={(e) => sweepStore.getState().setField(pathKey, e.target.value)}
              />
            </label>
            <label className="mc-field sweep-spec">
              <span className="field-label">Values</span>
              <input
                className="mc-input"
                spellCheck={false}
                placeholder="start:step:stop or a,b,c"
                data-testid={`sweep-spec-${k + 1}`}
                value={s[specKey]}
                onChange={(e) => sweepStore.getState().setField(specKey, e.target.value)}
              />
            </label>
          </div>
        ))}
        <RunControls
          testIdPrefix="sweep"
          trialsLabel="Trials per variant"
          canRun={canRun}
          runTitle={problem ?? 'Run the Monte Carlo of every variant on background workers'}
          running={running}
          onCancel={cancelSweep}
        />
      </form>
      <p className={`mc-note${problem ? ' warn' : ''}`} data-testid="sweep-hint">
        {problem ??
          `${variantCount} variant${variantCount === 1 ? '' : 's'} of the plan shown, each with the same seed (common random numbers). Values: start:step:stop (inclusive) or a comma list, as rpo-sim sweep --set.`}
      </p>
      <div className="sweep-files">
        <label className="button sweep-load" title="Show a sweep written by rpo-sim sweep --json">
          Load sweep JSON…
          <input
            type="file"
            accept=".json,application/json"
            data-testid="sweep-file"
            onChange={(e) => void onFile(e)}
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="sweep-save"
          disabled={!result || running}
          title="Save the sweep shown as rpo-sweep v1 JSON (what rpo-sim sweep --json writes)"
          onClick={() => result && saveJson(result)}
        >
          Save JSON
        </button>
      </div>
      {running && (
        <div className="mc-progress running">
          <div
            className="mc-bar"
            role="progressbar"
            aria-label="Variants done"
            aria-valuemin={0}
            aria-valuemax={s.variantCount}
            aria-valuenow={s.variantsDone}
          >
            <div
              className="mc-bar-fill"
              style={{
                width: `${((100 * s.variantsDone) / Math.max(1, s.variantCount)).toFixed(2)}%`,
              }}
            />
          </div>
        </div>
      )}
      {status && (
        <p className="mc-status" data-testid="sweep-status">
          {status}
        </p>
      )}
      {s.error && (
        <p className="mc-note error" data-testid="sweep-error">
          {s.error}
        </p>
      )}
      {result && result.variants.length > 0 && (
        <section className="mc-section">
          <h3>
            Over the sweep
            <span className="sweep-selects">
              <select
                className="select mc-craft-select"
                value={shownKind}
                data-testid="sweep-kind"
                aria-label="Violation kind drawn"
                onChange={(e) => setKind(e.target.value)}
              >
                <option value="any">any violation</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k as ViolationKind)}
                  </option>
                ))}
              </select>
              {craftIds.length > 1 && (
                <select
                  className="select mc-craft-select"
                  value={ci}
                  aria-label="Spacecraft drawn"
                  onChange={(e) => sweepStore.getState().setCraftIndex(Number(e.target.value))}
                >
                  {craftIds.map((c, i) => (
                    <option key={c.id} value={i}>
                      {c.id}
                    </option>
                  ))}
                </select>
              )}
            </span>
          </h3>
          <SweepHeatmap
            title={`P(${kindName}), per cent${craftIds.length > 1 ? `, ${craftIds[ci]?.id}` : ''}`}
            rowLabels={rowsAxis.map(valueLabel)}
            colLabels={colsAxis.map(valueLabel)}
            rowName={result.parameters[0]!}
            colName={twoFields ? result.parameters[1]! : ''}
            cells={pCells}
            min={0}
            max={pMax > 0 ? pMax : 1}
            formatEnd={formatPercent}
            ramp="risk"
            hovered={hovered}
            onHover={setHovered}
            onOpen={(i) => void openVariant(i)}
            testId="sweep-p"
          />
          <SweepHeatmap
            title={`Delta-v flown, median (p50), m/s${craftIds.length > 1 ? `, ${craftIds[ci]?.id}` : ''}`}
            rowLabels={rowsAxis.map(valueLabel)}
            colLabels={colsAxis.map(valueLabel)}
            rowName={result.parameters[0]!}
            colName={twoFields ? result.parameters[1]! : ''}
            cells={dvCells}
            min={dvMin}
            max={dvMax}
            formatEnd={formatDvFine}
            ramp="cost"
            hovered={hovered}
            onHover={setHovered}
            onOpen={(i) => void openVariant(i)}
            testId="sweep-dv"
          />
          <p className="mc-note sweep-readout" data-testid="sweep-readout">
            {hovered !== null && result.variants[hovered]
              ? readout(result, hovered, ci, shownKind)
              : 'Hover over a cell for its figures (with the 95 % Wilson interval); click it to open that variant as the plan shown.'}
          </p>
        </section>
      )}
      {s.note && (
        <p className="mc-note" data-testid="sweep-note">
          {s.note}
        </p>
      )}
    </div>
  );
}
