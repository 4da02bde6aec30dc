import type { Period } from '../../../models/plan.js';
import type { ProseLine } from '../../../extractors/shared/prose-dates.js';
import { periodLine } from './prose-date-outside-period.js';
import { defineRule, type RuleInput } from '../rule.js';

const YEAR = String.raw`((?:19|20)\d\d)`;
/** The plan itself named with its period: PIAO, Piano della performance, PEG, PDO (not the DUP, the budget or other plans). */
const PLAN_NAMED = new RegExp(
  String.raw`\b(?:P\.?I\.?A\.?O\.?|Piano\s+integrato\s+di\s+attivit[àa]\s+e\s+(?:di\s+)?organizzazione|Piano\s+(?:delle|della)\s+performances?|Piano\s+esecutivo\s+di\s+gestione|P\.?E\.?G\.?|P\.?D\.?O\.?|Piano\s+dettagliato\s+degli\s+obiettivi)\b[^.;\n]{0,40}?\b${YEAR}\s*[-–/]\s*${YEAR}\b`,
  'iu',
);
const HEADING_WORDS = /^(?:piano|piao|sezione|obiettivi|performance|anno|annualità|esercizio|tabella|allegato|schede?|peg|pdo|programmazione|prospetto|riepilogo|elenco)\b/iu;
const HEADING_YEARS = new RegExp(String.raw`\b${YEAR}(?:\s*[-–/]\s*${YEAR})?\b`, 'u');

function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}

/** A line set as a heading: short, no closing punctuation, in capitals or opening with a heading word. */
function isHeading(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length < 4 || t.length > 80 || /[.;,:]$/.test(t)) return false;
  return isCapitals(t) || HEADING_WORDS.test(t);
}

const place = (l: ProseLine | { page: number; line: number; bbox?: [number, number, number, number] | undefined }) => ({ page: l.page, line: l.line, ...(l.bbox ? { bbox: l.bbox } : {}) });
const range = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);

function firstObjectiveAt(doc: RuleInput): { page: number; line: number } | null {
  const starts = doc.objectives.map((o) => o.source).filter((s): s is { page: number; line: number } => s.page !== null && s.line !== null);
  if (starts.length === 0) return null;
  return starts.reduce((a, b) => (b.page < a.page || (b.page === a.page && b.line < a.line) ? b : a));
}

/** Headings and header cells stating years other than the plan's: the first, and how many. */
function headingsOff(doc: RuleInput, plan: Period): { at: ProseLine; text: string; years: string; count: number } | null {
  const skip = new Set(doc.objectives.map((o) => `${o.source.page}:${o.source.line}`));
  const headers = doc.objectives.map((o) => o.scheda?.headerRaw?.replace(/\s+/g, ' ').trim()).filter((h): h is string => !!h);
  const off: { at: ProseLine; text: string; years: string }[] = [];
  const outside = (from: number, to: number, isRange: boolean, baselineOk: boolean) =>
    // A range inside the plan is a sheet's own span (`ANNO 2025 - 2026` in 2025-2027).
    isRange ? from < plan.from || to > plan.to : from < plan.from - (baselineOk ? 1 : 0) || from > plan.to;
  for (const page of doc.layout?.pages ?? []) {
    for (const l of page.lines) {
      const text = l.text.replace(/\s+/g, ' ').trim();
      if (l.table || skip.has(`${l.page}:${l.line}`) || headers.some((h) => text.includes(h) || h.includes(text)) || !isHeading(text)) continue;
      const m = HEADING_YEARS.exec(text);
      if (!m || PLAN_NAMED_OTHER.test(text)) continue;
      // A heading in small letters ends with its year (`Anno 2025`); other words after it are a table row or prose.
      if (!isCapitals(text) && !/^[\s.)\]]*$/.test(text.slice(m.index + m[0].length))) continue;
      const from = Number(m[1]);
      const to = Number(m[2] ?? m[1]);
      if (outside(from, to, m[2] !== undefined, false)) off.push({ at: { text, page: l.page, line: l.line, bbox: l.bbox }, text, years: range(from, to) });
    }
  }
  for (const table of doc.layout?.tables ?? []) {
    for (const c of table.cells) {
      if (!c.header) continue;
      const m = new RegExp(String.raw`^(?:[\p{L}.' ]{0,20}\s)?${YEAR}(?:\s*[-–/]\s*${YEAR})?$`, 'u').exec(c.text.trim());
      if (!m) continue;
      const from = Number(m[1]);
      const to = Number(m[2] ?? m[1]);
      // A year column just before the plan is the baseline.
      if (outside(from, to, m[2] !== undefined, true)) off.push({ at: { text: c.text, page: c.page, line: c.line, bbox: c.bbox }, text: c.text, years: range(from, to) });
    }
  }
  if (off.length === 0) return null;
  off.sort((a, b) => a.at.page - b.at.page || a.at.line - b.at.line);
  return { ...off[0]!, count: off.length };
}

/** Headings naming another document with its years (`Bilancio di previsione 2026-2028`, `DUP 2024/2026`, `Mandato 2009-2014`). */
const PLAN_NAMED_OTHER = /\b(?:bilancio|dup|documento\s+unico|mandato|consiliatura|legislatura|ptpct|anticorruzione|triennale\s+(?:per|dei|delle|della)|informatica|fabbisogni|azioni\s+positive|lavori\s+pubblici)\b/iu;

/**
 * The document names another period than its plan: a section or table
 * headed with another year, or an introduction that calls the plan by
 * another period than the sheets. Each is reported once per document.
 */
export const planPeriodConflict = defineRule({
  id: 'plan-period-conflict',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Il documento nomina un periodo diverso da quello del piano: un titolo o una tabella di un altro anno, o un\'introduzione che chiama il piano con un altro periodo.',
    en: 'The document names another period than the plan\'s: a heading or table of another year, or an introduction calling the plan by another period.',
  },
  messages: {
    heading: {
      it: 'Il titolo «{text}» è per {years}, ma il piano è {plan} ({count} titoli o intestazioni di tabella con altri anni).',
      en: 'Heading "{text}" is for {years}, but the plan is {plan} ({count} headings or table headers with other years).',
    },
    introduction: {
      it: 'L\'introduzione nomina «{text}» ({years}), ma le schede sono per {plan}.',
      en: 'The introduction names "{text}" ({years}), but the sheets are for {plan}.',
    },
  },
  check(doc, report) {
    const plan = doc.period;
    if (!plan || !doc.layout) return;
    const planText = range(plan.from, plan.to);
    const planAt = periodLine(doc, plan);
    const first = firstObjectiveAt(doc);
    const sheetAt = doc.objectives.find((o) => o.scheda?.period)?.source ?? (planAt ? place(planAt) : first);
    // Introduction: the prose before the first objective, read across line breaks.
    const intro: ProseLine[] = [];
    for (const page of doc.layout.pages) {
      for (const l of page.lines) {
        if (first && (l.page > first.page || (l.page === first.page && l.line >= first.line))) break;
        if (!l.table && l.text.trim()) intro.push({ text: l.text, page: l.page, line: l.line, bbox: l.bbox });
      }
    }
    const starts: number[] = [];
    let text = '';
    for (const l of intro.slice(0, 2000)) {
      starts.push(text.length);
      text += l.text.replace(/\s+/g, ' ').trim() + ' ';
    }
    for (const m of text.matchAll(new RegExp(PLAN_NAMED.source, 'giu'))) {
      const from = Number(m[1]);
      const to = Number(m[2]);
      if (from === plan.from && to === plan.to) continue;
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1]! <= m.index) k++;
      report({ messageId: 'introduction', data: { text: m[0].trim(), years: range(from, to), plan: planText }, path: ['period'], source: place(intro[k]!), related: sheetAt, raw: m[0], actual: range(from, to), expected: planText });
      break;
    }
    const off = headingsOff(doc, plan);
    if (off) report({ messageId: 'heading', data: { text: off.text, years: off.years, plan: planText, count: off.count }, path: ['period'], source: place(off.at), related: planAt ? place(planAt) : first, raw: off.text, actual: off.years, expected: planText });
  },
});
