import type { Objective } from '../../../models/plan.js';
import { datesIn, formatDateIt } from '../../../extractors/shared/dates.js';
import { monthsBetween, objectiveProse, proseDates, yearOf, type ProseDate, type ProseLine } from '../../../extractors/shared/prose-dates.js';
import { defineRule } from '../rule.js';

/** A period as a statement gives it: its ends (ISO date or year) and, for a duration word without dates, its length. */
export interface StatedPeriod {
  from: string | null;
  to: string | null;
  months: number | null;
  text: string;
}

/** The label of the line that states a sheet's own period. */
const PERIOD_LABEL = /\b(?:tempi\s+di\s+(?:attuazione|realizzazione)|tempistica|durata(?:\s+del(?:l'|l’)?\s*(?:progetto|obiettivo))?|periodo\s+di\s+(?:attuazione|riferimento|realizzazione)|arco\s+temporale)\s*:?/iu;

/** Digits of a year split by a column break (`31/12/202 5`, `202 3`) joined again. */
const joinSplitYears = (raw: string) => raw.replace(/\b((?:19|20)\d)\s(\d)\b/g, '$1$2');

/** The period a short text states (a table cell, a *Tempi di attuazione* line): from the first start to the last end. */
export function statedPeriod(raw: string | null | undefined): StatedPeriod | null {
  if (!raw) return null;
  const text = joinSplitYears(raw);
  const found = proseDates(text).filter((d) => !d.names);
  if (found.length === 0) {
    // A cell that kept only the dates of a longer sentence (`15/06/2025 ed il 31/12/2025`).
    const dates = datesIn(text);
    if (dates.length > 0) return { from: dates.length > 1 ? dates[0]! : null, to: dates[dates.length - 1]!, months: null, text: raw.trim() };
    const year = /^\s*(?:anno\s+)?((?:19|20)\d\d)\s*\.?\s*$/i.exec(text.replace(PERIOD_LABEL, ''));
    return year ? { from: year[1]!, to: year[1]!, months: null, text: raw.trim() } : null;
  }
  const from = found.map((d) => d.from).find((v): v is string => v !== null) ?? null;
  const to = [...found].reverse().map((d) => d.to).find((v): v is string => v !== null) ?? null;
  const duration = found.find((d) => d.kind === 'duration');
  return { from, to, months: from === null && to === null && duration ? duration.months ?? null : null, text: raw.trim() };
}

const sameEnd = (a: string, b: string) => (a.length === 4 || b.length === 4 ? yearOf(a) === yearOf(b) : a === b);
const shown = (v: string | null) => (v === null ? '…' : v.length === 4 ? v : formatDateIt(v));
const span = (p: StatedPeriod) => (p.from === null && p.to === null ? `${p.months} mesi` : p.from === null ? `fino al ${shown(p.to)}` : `${shown(p.from)} - ${shown(p.to)}`);

/** Two statements of one period that disagree, or null. */
export function periodsDisagree(a: StatedPeriod, b: StatedPeriod): boolean {
  const monthsOf = (p: StatedPeriod) => (p.from !== null && p.to !== null ? monthsBetween(p.from, p.to) : null);
  if (a.months !== null || b.months !== null) {
    const m1 = a.months ?? monthsOf(a);
    const m2 = b.months ?? monthsOf(b);
    return m1 !== null && m2 !== null && m1 !== m2;
  }
  if (a.from !== null && b.from !== null && !sameEnd(a.from, b.from)) return true;
  return a.to !== null && b.to !== null && !sameEnd(a.to, b.to);
}

const place = (l: ProseLine) => ({ page: l.page, line: l.line, ...(l.bbox ? { bbox: l.bbox } : {}) });

/** The line of an objective's prose that states its period, with what it states. */
export function sheetPeriod(lines: readonly ProseLine[]): { line: ProseLine; period: StatedPeriod } | null {
  for (const line of lines) {
    const m = PERIOD_LABEL.exec(line.text);
    if (!m) continue;
    const period = statedPeriod(line.text.slice(m.index + m[0].length));
    if (period) return { line, period };
  }
  return null;
}

function durationsWithRange(lines: readonly ProseLine[]): { line: ProseLine; d: ProseDate }[] {
  return lines.flatMap((line) => proseDates(joinSplitYears(line.text)).filter((d) => d.kind === 'duration' && !d.names && d.from !== null && d.to !== null && d.months).map((d) => ({ line, d })));
}

/**
 * One period stated twice that disagrees: a duration word against the dates
 * printed with it (`BIENNALE 01/01/2024 - 31/12/2026`), or the period of an
 * objective's row in the summary table against its sheet's *Tempi di
 * attuazione*.
 */
export const periodStatedTwice = defineRule({
  id: 'period-stated-twice',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Un periodo o una durata scritti due volte non coincidono (durata e date, tabella e scheda).',
    en: 'A period or duration stated twice disagrees (duration and dates, table and sheet).',
  },
  messages: {
    duration: {
      it: 'L\'obiettivo {objective} dice «{text}»: «{word}» sono {months} mesi, ma le date ne coprono {actual}.',
      en: 'Objective {objective} says "{text}": "{word}" is {months} months, but the dates cover {actual}.',
    },
    table: {
      it: 'Per l\'obiettivo {objective} la tabella dà il periodo «{table}» ({tableSpan}), la scheda «{sheet}» ({sheetSpan}).',
      en: 'For objective {objective} the table gives the period "{table}" ({tableSpan}), the sheet "{sheet}" ({sheetSpan}).',
    },
  },
  check(doc, report) {
    const spans = objectiveProse(doc.layout, doc.objectives);
    const seen = new Set<string>();
    doc.objectives.forEach((obj: Objective, o) => {
      const lines = spans[o] ?? [];
      const objective = obj.code ?? obj.id;
      for (const { line, d } of durationsWithRange(lines)) {
        const actual = monthsBetween(d.from!, d.to!);
        const key = `${line.page}:${line.line}:${d.index}`;
        if (actual === d.months || seen.has(key)) continue;
        seen.add(key);
        const word = /^\S+/.exec(d.text)![0];
        report({ messageId: 'duration', data: { objective, text: d.text.replace(/\s+/g, ' '), word, months: d.months!, actual }, path: ['objectives', o], objectiveId: obj.id, source: place(line), related: place(line), raw: d.text, actual, expected: d.months! });
      }
      const table = statedPeriod(obj.allocation?.periodRaw);
      const sheet = sheetPeriod(lines);
      if (!table || !sheet || !periodsDisagree(table, sheet.period)) return;
      report({
        messageId: 'table',
        data: { objective, table: obj.allocation!.periodRaw!.replace(/\s+/g, ' ').trim(), tableSpan: span(table), sheet: sheet.period.text.replace(/\s+/g, ' '), sheetSpan: span(sheet.period) },
        path: ['objectives', o, 'allocation', 'periodRaw'],
        objectiveId: obj.id,
        source: obj.allocation!.source,
        related: place(sheet.line),
        raw: obj.allocation!.periodRaw!,
        actual: span(table),
        expected: span(sheet.period),
      });
    });
  },
});
