/**
 * What kind of value a cell or label holds, from its text alone: the evidence
 * that confirms a column's role (a weight column holds percentages or small
 * numbers, a code column short codes, a Gantt column X marks) and that tells an
 * objective heading from a section heading.
 */
import { parseItalianDate } from '../shared/dates.js';
import { parseItalianNumber, parsePercent } from '../shared/numbers.js';

export type ValueKind = 'empty' | 'mark' | 'code' | 'percent' | 'number' | 'date' | 'comparison' | 'year' | 'text';

/**
 * An objective or result code as printed: `FIN.01`, `OB.1.1`, `O1.1.1`, `RA3.1.1`, `01.01`, `CAR-01`, `D.1`,
 * `S1`, `3.1`, `n. 4`, `OP.2`, `Tras_1`: letters (up to six, with dots) and numbers joined by `.`, `-`, `_`.
 */
export const CODE_SOURCE = String.raw`(?:[A-Z]{1,6}\.?(?:[-_]?\d{1,3})(?:[._-]\d{1,3}){0,4}[a-z]?|\d{1,3}(?:[._]\d{1,3}){1,4}|[A-Z]{1,6}(?:[._-][A-Z0-9]{1,6}){1,3})`;
const CODE_ONLY = new RegExp(`^(?:n\\.?\\s?|nr\\.?\\s?|n°\\s?)?(${CODE_SOURCE}|\\d{1,3})\\.?$`, 'i');
/** A code at the start of a text, then a separator and a title: `FIN.01 - Riduzione …`, `S1 - Tutela …`, `OB.1 – Sanità …`. */
export const CODE_TITLE = new RegExp(`^(${CODE_SOURCE})\\s*(?:[-–—:)]|\\.\\s)\\s*(\\S.*)$`);

/** The printed code of a cell that holds only a code (`n. 0` -> `0`), else null. */
export function codeOf(text: string): string | null {
  const m = CODE_ONLY.exec(text.trim());
  return m ? m[1]! : null;
}

/** A cell `CODE - title` split into its code and title; null when it does not start with a code. */
export function splitCodeTitle(text: string): { code: string; title: string } | null {
  const m = CODE_TITLE.exec(text.trim());
  if (!m) return null;
  // A title that starts with a year or a date is not after a code (`2025 - Approvazione`).
  if (/^(?:19|20)\d\d$/.test(m[1]!)) return null;
  return { code: m[1]!, title: m[2]!.trim() };
}

export function valueKind(raw: string): ValueKind {
  const text = raw.trim();
  if (text === '' || /^[-–—/]$/.test(text)) return 'empty';
  if (/^[xX✓✔●■]$/.test(text)) return 'mark';
  if (/^(?:19|20)\d\d$/.test(text)) return 'year';
  if (/^(<=|>=|≤|≥|<|>|=|almeno|non (?:inferiore|superiore)|entro|max|min)/i.test(text) && text.length <= 40) return 'comparison';
  if (text.length <= 40 && parseItalianDate(text).status === 'ok' && /\d/.test(text)) return 'date';
  if (parsePercent(text) !== null && text.length <= 12) return 'percent';
  if (parseItalianNumber(text) !== null && text.length <= 16) return 'number';
  if (text.length <= 14 && codeOf(text) !== null) return 'code';
  return 'text';
}

/** Share of non-empty values of each kind. */
export function kindProfile(values: readonly string[]): Partial<Record<ValueKind, number>> & { filled: number } {
  const counts: Partial<Record<ValueKind, number>> = {};
  let filled = 0;
  for (const v of values) {
    const k = valueKind(v);
    if (k === 'empty') continue;
    filled++;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const out: Partial<Record<ValueKind, number>> & { filled: number } = { filled };
  for (const [k, n] of Object.entries(counts)) out[k as ValueKind] = n / Math.max(1, filled);
  return out;
}
