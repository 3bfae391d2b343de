/**
 * Export menu: downloads the plan's exchange files (CCSDS OEM KVN / XML, OPM, CDM-style, CZML,
 * STK .e), the same files `rpo-sim export` writes (README, "Exchange formats").
 */

import { useState } from 'react';
import type { ExportFormat } from '../../formats/export.ts';
import { EXPORT_LABELS } from './exportLabels.ts';
import { downloadExport } from './exportFiles.ts';

/** A select whose choice downloads that format's files. */
export function ExportMenu({ disabled }: { disabled: boolean }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <label className="button" title="Download the exchange files of the plan (EME2000, UTC)">
        Export
        <select
          data-testid="export-menu"
          value=""
          disabled={disabled}
          aria-label="Export format"
          onChange={(e) => {
            const format = e.target.value as ExportFormat | '';
            if (!format) return;
            setError(null);
            downloadExport(format).catch((err: unknown) => setError(String(err)));
          }}
        >
          <option value="">…</option>
          {Object.entries(EXPORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {error !== null && (
        <span className="export-error" role="alert" data-testid="export-error">
          export failed: {error}
        </span>
      )}
    </>
  );
}
