/** Indicator types as printed (`Attività`, `Efficienza`, `Dato di Qualità`...) -> model kind. */
import type { IndicatorKind, Polarity } from '../../models/plan.js';
import { bestLabel, normalizeLabel } from './labels.js';

const KIND_LABELS = {
  attivita: 'attivita',
  efficienza: 'efficienza',
  efficacia: 'efficacia',
  economicita: 'economicita',
  qualita: 'qualita',
  temporale: 'temporale',
  dato: 'dato',
} as const satisfies Record<string, IndicatorKind>;

/** Reads an indicator type; `Dato ...` (data that does not count toward performance) is "dato". */
export function parseIndicatorKind(raw: string): IndicatorKind | null {
  const n = normalizeLabel(raw);
  if (n === '') return null;
  if (n.startsWith('dato')) return 'dato';
  const label = bestLabel(n.split(' ')[0]!, Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]);
  return label ? KIND_LABELS[label] : null;
}

/** True when a cell looks like an indicator type (used to realign shifted rows). */
export function isIndicatorKind(raw: string): boolean {
  return parseIndicatorKind(raw) !== null && raw.trim().split(/\s+/).length <= 3;
}

/**
 * Polarity from the indicator's name and target: payment timeliness and
 * delays are lower-is-better; otherwise higher-is-better for numeric targets.
 */
export function guessPolarity(name: string, kind: IndicatorKind | null): Polarity | null {
  const n = normalizeLabel(name);
  if (/tempestivita pagament|ritard|tempi medi|giorni impiegati|n giorni|durata|sinistri|incident/.test(n)) return 'lower-better';
  if (kind === 'dato') return null;
  return 'higher-better';
}
