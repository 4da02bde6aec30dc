/**
 * The extractor registry: one extractor per layout family, in the order the
 * classifier breaks ties. Add a family here and in `docs/families.md`.
 */
import type { Extractor } from './types.js';
import { piao22Table } from './piao-2.2-table.js';
import { schedeObiettivo } from './schede-obiettivo.js';
import { performanceOrganizzativa } from './performance-organizzativa.js';
import { legacyPiano } from './legacy-piano.js';

export const extractors: readonly Extractor[] = [piao22Table, schedeObiettivo, performanceOrganizzativa, legacyPiano];

export type { Extractor, ExtractContext, ExtractResult } from './types.js';
