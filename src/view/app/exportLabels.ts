/** The Export menu's entries (a type-only import: the menu loads none of the writers). */

import type { ExportFormat } from '../../formats/export.ts';

/** Menu text of each format of `rpo-sim export`. */
export const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = {
  oem: 'CCSDS OEM (KVN), one per object',
  'oem-xml': 'CCSDS OEM (XML), one per object',
  opm: 'CCSDS OPM with maneuvers, per spacecraft',
  cdm: 'Closest approaches (CDM-style), per pair',
  czml: 'CZML for Cesium',
  'stk-e': 'STK ephemeris (.e), one per object',
};
