import type { LayoutLine } from '../../../models/layout.js';
import { parseItalianNumber } from '../../../extractors/shared/numbers.js';
import { formatNumberIt } from '../../messages.js';
import { defineRule } from '../rule.js';

/** An amount in euro as printed in prose: `€ 69.223,09`, `€.40,00`, `69.223,09 €`, `euro 69.223,09`. */
const AMOUNT = /(?:€\s*\.?\s*|\beuro\s+)(\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|\d+(?:,\d{1,2})?)|(\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?|\d+(?:,\d{1,2})?)\s*(?:€|\beuro\b)/giu;
/** Words of a sentence that states what a fund is or how it is split. */
const FUND_WORDS = /\b(?:complessiv\p{L}*|total\p{L}*|ammontare|fondo|risorse|attribuit\p{L}*|ripartit\p{L}*|ripartizione|destinat\p{L}*|finanziat\p{L}*|stanziat\p{L}*)\b/iu;
/** How far, as a share of the sum, a stated amount may be from it and still be taken for the table's total. */
const NEAR = 0.1;
/** Each row amount is rounded to the cent: their sum may differ from the total by up to half a cent per row. */
const HALF_CENT = 0.005;

interface Stated {
  value: number;
  raw: string;
  line: LayoutLine;
}

function statedAmounts(lines: readonly LayoutLine[]): Stated[] {
  const out: Stated[] = [];
  lines.forEach((line, k) => {
    if (line.table || !/€|euro/i.test(line.text)) return;
    // A sentence wraps: its fund words may be on the line above the amount.
    const context = `${(lines[k - 1]?.text ?? '').slice(-4000)} ${line.text.slice(0, 4000)}`;
    if (!FUND_WORDS.test(context)) return;
    // A prose line is short; a huge one (a file without line breaks) is read in its first part only.
    for (const m of line.text.slice(0, 4000).matchAll(AMOUNT)) {
      const raw = (m[1] ?? m[2])!;
      const value = parseItalianNumber(raw);
      if (value !== null && value > 0) out.push({ value, raw: m[0].trim(), line });
    }
  });
  return out;
}

/**
 * The amounts of the fund allocation table (performance organizzativa, field
 * `allocation`) against the total the text states for them: the stated
 * amount nearest to their sum (within 10%), when it differs from the sum by
 * more than the rounding of the rows (half a cent each) and the configured
 * tolerance. Stated amounts farther than 10% from the sum are other figures
 * (the whole budget, a single premium) and are not compared. A table with a
 * row without an amount is not compared: its sum is not known.
 */
export const fundTotalMismatch = defineRule({
  id: 'fund-total-mismatch',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Gli importi della tabella di ripartizione del fondo non sommano al totale che il testo dichiara.',
    en: 'The amounts of the fund allocation table do not add up to the total the text states.',
  },
  messages: {
    total: {
      it: 'Il testo dichiara {stated} €, ma gli importi delle {count} righe della tabella di ripartizione sommano a {sum} € (differenza {difference} €).',
      en: 'The text states €{stated}, but the amounts of the {count} rows of the allocation table add up to €{sum} (difference €{difference}).',
    },
  },
  check(doc, report, { tolerance }) {
    const rows = doc.objectives.map((o, i) => ({ o, i })).filter(({ o }) => o.allocation !== null);
    // A row without an amount (blank, or not read) leaves the sum unknown: nothing to compare.
    if (rows.length < 2 || !doc.layout || rows.some(({ o }) => o.allocation!.amount === null)) return;
    const sum = Math.round(rows.reduce((s, { o }) => s + o.allocation!.amount!, 0) * 100) / 100;
    if (sum <= 0) return;
    const stated = statedAmounts(doc.layout.pages.flatMap((p) => p.lines));
    const nearest = stated.sort((a, b) => Math.abs(a.value - sum) - Math.abs(b.value - sum))[0];
    if (!nearest) return;
    const difference = Math.abs(nearest.value - sum);
    if (difference > NEAR * sum || difference <= Math.max(tolerance, HALF_CENT * rows.length)) return;
    const first = rows[0]!.o.allocation!;
    report({
      messageId: 'total',
      data: { stated: nearest.value, count: rows.length, sum: formatNumberIt(sum), difference: formatNumberIt(Math.round(difference * 100) / 100) },
      path: ['objectives', rows[0]!.i, 'allocation', 'amount'],
      source: { page: nearest.line.page, line: nearest.line.line, ...(nearest.line.bbox ? { bbox: nearest.line.bbox } : {}) },
      related: first.source,
      raw: nearest.raw,
      actual: sum,
      expected: nearest.value,
    });
  },
});
