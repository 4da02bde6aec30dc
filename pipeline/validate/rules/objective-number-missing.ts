import type { Objective } from '../../../models/plan.js';
import type { TableCell } from '../../../models/layout.js';
import { normalizeLabel } from '../../../extractors/shared/labels.js';
import { defineRule, type RuleInput } from '../rule.js';

/** A numbering label with no number after it: `OBIETTIVO N.`, `Obiettivo n. –`, `Scheda n°:`. */
const EMPTY_NUMBER = /\b(?:obiettivo|obbiettivo|scheda|progetto|ob\.?)\s*(?:n\.?|n°|nr\.?|numero)\s*°?\s*(?:$|[-–—:])/iu;
const CODE_HEADER = /^(?:n\.?|n°|nr\.?|num(?:ero)?\.?|cod(?:ice)?\.?|id|obiettivo\s+n\.?|ob\.?\s*n\.?|rif\.?)$/iu;
const CODE = /^(?:[A-Z]{1,6}[._\- ]?)?\d{1,3}(?:[._]\d{1,3}){0,3}$/u;

/** The line of the objective's heading, when it prints a numbering label without the number. */
function emptyHeading(doc: RuleInput, obj: Objective): { page: number; line: number; text: string; bbox?: [number, number, number, number] } | null {
  const { page, line } = obj.source;
  if (page === null || line === null || !doc.layout) return null;
  const lines = doc.layout.pages.flatMap((p) => p.lines);
  const k = lines.findIndex((l) => l.page === page && l.line === line);
  if (k < 0) return null;
  // The label may stand a line or two above the title the extractor placed the objective on.
  for (const l of lines.slice(Math.max(0, k - 3), k + 2)) {
    if (EMPTY_NUMBER.test(l.text.replace(/\s+/g, ' ').trim())) return { page: l.page, line: l.line, text: l.text.trim(), ...(l.bbox ? { bbox: l.bbox } : {}) };
  }
  return null;
}

/** A table row that names the objective's title, with the code printed in its number column. */
function tableCode(doc: RuleInput, obj: Objective): { code: string; cell: TableCell } | null {
  const title = normalizeLabel(obj.title ?? '');
  if (title.length < 12) return null;
  const head = title.slice(0, 40);
  for (const table of doc.layout?.tables ?? []) {
    const headers = new Map<number, string>();
    for (const c of table.cells) if (c.header) headers.set(c.col, c.text.trim());
    const rows = new Map<number, TableCell[]>();
    for (const c of table.cells) if (!c.header) rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
    for (const cells of rows.values()) {
      const named = cells.find((c) => normalizeLabel(c.text).startsWith(head));
      if (!named) continue;
      const code = cells.find((c) => c !== named && CODE.test(c.text.trim()) && (CODE_HEADER.test(headers.get(c.col) ?? '') || c.col === 0));
      if (code && (code.page !== obj.source.page || code.line !== obj.source.line)) return { code: code.text.trim(), cell: code };
    }
  }
  return null;
}

/**
 * An objective whose heading prints the numbering label without the number
 * (`OBIETTIVO N.`), while the summary table gives it one: the row number of
 * its allocation row, or the code in a table row that names its title.
 */
export const objectiveNumberMissing = defineRule({
  id: 'objective-number-missing',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Il titolo di un obiettivo non ha il numero, che la tabella riassuntiva invece gli dà.',
    en: 'An objective\'s heading lacks its number, which the summary table gives.',
  },
  messages: {
    missing: {
      it: 'L\'obiettivo «{title}» ha il titolo «{heading}» senza numero, ma la tabella riassuntiva lo elenca come {code}.',
      en: 'Objective "{title}" has the heading "{heading}" without a number, but the summary table lists it as {code}.',
    },
  },
  check(doc, report) {
    doc.objectives.forEach((obj, o) => {
      if (obj.code !== null && obj.code.trim() !== '') return;
      const heading = emptyHeading(doc, obj);
      if (!heading) return;
      const a = obj.allocation;
      const fromTable = a && a.row !== null && a.rowPrinted ? { code: String(a.row), related: a.source } : null;
      const found = fromTable ?? (() => {
        const t = tableCode(doc, obj);
        return t ? { code: t.code, related: { page: t.cell.page, line: t.cell.line, ...(t.cell.bbox ? { bbox: t.cell.bbox } : {}) } } : null;
      })();
      if (!found) return;
      const { text, ...at } = heading;
      report({
        messageId: 'missing',
        data: { title: obj.title.slice(0, 120), heading: text.replace(/\s+/g, ' '), code: found.code },
        path: ['objectives', o, 'code'],
        objectiveId: obj.id,
        source: at,
        related: found.related,
        raw: text,
        actual: null,
        expected: found.code,
        suggestion: { path: ['objectives', o, 'code'], value: found.code },
      });
    });
  },
});
