/**
 * The layout stage, after ingest and before recognition, the same for every
 * reader: export damage repaired once for everyone, then the tables the
 * readers marked assembled into grids.
 */
import type { Stage } from '../context.js';
import { assembleTables, DEFAULT_TABLE_SETTINGS, type TableSettings } from './tables.js';
import { normalizeExport } from '../ingest/normalize.js';

export function layoutStage(settings: TableSettings = DEFAULT_TABLE_SETTINGS): Stage {
  return (doc, ctx) => {
    if (doc.layout) doc.layout = assembleTables(normalizeExport(doc, ctx), settings);
    return doc;
  };
}

export { assembleTables, DEFAULT_TABLE_SETTINGS, type TableSettings } from './tables.js';
