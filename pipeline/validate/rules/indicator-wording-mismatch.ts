import type { Indicator, Target } from '../../../models/plan.js';
import { parseItalianNumber } from '../../../extractors/shared/numbers.js';
import { defineRule, type RuleInput } from '../rule.js';

/** A number the wording states: a count (`n. 25`, `almeno 200`) or a percentage (`il 40%`). */
export interface StatedQuantity {
  kind: 'count' | 'percent';
  value: number;
  text: string;
}

const NUM = String.raw`(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)`;
// Numbers that are not quantities: laws and acts (D.L. n. 13, art. 4), ordinals (Fase n. 1, Lotto 2), years.
const NOT_QUANTITY_BEFORE = /(?:\b(?:d\.?\s?l(?:gs)?|legge|l|art|artt|dpr|d\.?p\.?r|decreto|delibera(?:zione)?|regolamento|circolare|determina(?:zione)?|prot|comma|fase|azione|lotto|punto|obiettivo|allegato|modulo|step|livello|codice|cod|tipo|sez|sezione|cap|capitolo|missione|programma|ob)\.?\s*(?:[\d/.]+\s*)?)$/iu;
// A quantity in a clause that qualifies what is counted (`Studenti … avendo acquisito almeno 40 CFU`, `accessi superiori a 8 ore`).
const QUALIFIER_BEFORE = /\b(?:con|avendo|aventi|che\s+(?:hanno|abbiano)|dopo|oltre|entro|superiore\s+a|inferiore\s+a|sopra|sotto|fino\s+a)\b[^,;:()]*$/iu;
// A baseline printed in the wording (`Valore 2024: … 64%`, `baseline 45%`): not the target.
const BASELINE_BEFORE = /\b(?:valore\s+(?:19|20)\d\d|valore\s+di\s+partenza|situazione\s+di\s+partenza|baseline|dato\s+(?:19|20)\d\d|valore\s+attuale|valore\s+storico)\b/iu;
const COUNT = new RegExp(String.raw`\b(?:n\.?\s?°?|n°|numero|almeno(?:\s+n\.?)?|non\s+meno\s+di(?:\s+n\.?)?|minimo(?:\s+n\.?)?)\s*${NUM}(?!\s?%|\d|[/.]\d)`, 'giu');
const PERCENT = new RegExp(String.raw`(?<![\d,.])${NUM}\s?%`, 'gu');

/** The counts and percentages an indicator's wording states (`Verifica di n. 25 cantieri`, `il 40% delle segnalazioni`). */
export function statedQuantities(text: string): StatedQuantity[] {
  const out: StatedQuantity[] = [];
  const src = (text ?? '').slice(0, 10_000);
  const skip = (index: number) => QUALIFIER_BEFORE.test(src.slice(Math.max(0, index - 40), index)) || BASELINE_BEFORE.test(src.slice(0, index));
  for (const m of src.matchAll(COUNT)) {
    if (NOT_QUANTITY_BEFORE.test(src.slice(Math.max(0, m.index - 30), m.index)) || skip(m.index)) continue;
    const value = parseItalianNumber(m[1]!);
    if (value === null || (value >= 1900 && value <= 2100 && !/[.,]/.test(m[1]!))) continue;
    out.push({ kind: 'count', value, text: m[0] });
  }
  for (const m of src.matchAll(PERCENT)) {
    if (skip(m.index)) continue;
    const value = parseItalianNumber(m[1]!);
    if (value !== null) out.push({ kind: 'percent', value, text: m[0] });
  }
  return out;
}

/** Every count and percentage printed in a target (`Almeno n.32 vie su 45 (70%)` -> counts 32, 45; percent 70). */
export function targetQuantities(target: Target): { counts: number[]; percents: number[] } {
  const raw = target.raw ?? '';
  // `(100%)` alone is the percentage half of an activity score `5 (100%)` split from its number.
  if (/^\s*\(\s*\d+\s*%\s*\)\s*$/.test(raw)) return { counts: [], percents: [] };
  const percents = [...raw.matchAll(PERCENT)].map((m) => parseItalianNumber(m[1]!)).filter((v): v is number => v !== null);
  const counts = [...raw.replace(PERCENT, ' ').matchAll(new RegExp(String.raw`(?<![\d,]|\d[./])${NUM}(?![\d/])`, 'gu'))]
    .map((m) => parseItalianNumber(m[1]!))
    .filter((v): v is number => v !== null && !(Number.isInteger(v) && v >= 1900 && v <= 2100));
  // A target in a percentage column prints its numbers without the sign.
  if (target.unit === '%' && !raw.includes('%')) return { counts: [], percents: [...new Set([...percents, ...counts, ...(target.value !== null ? [target.value] : [])])] };
  return { counts, percents };
}

const at = (ind: Indicator, field: string) => ind.cells?.[field] ?? null;

/** The layout line where a printed value starts, at or after a place (the target's own line when the model kept only the indicator's). */
function lineOf(layout: RuleInput['layout'], raw: string, from: { page: number | null; line: number | null }): { page: number; line: number; bbox?: [number, number, number, number] } | null {
  const head = raw.replace(/\s+/g, ' ').trim().slice(0, 12).toLowerCase();
  if (!layout || head.length < 2 || from.page === null || from.line === null) return null;
  const whole = raw.replace(/\s+/g, ' ').trim();
  // A table cell holding exactly the target, in the indicator's row or just below.
  for (const t of layout.tables) {
    const cell = t.cells.find((c) => !c.header && c.page === from.page && c.line >= from.line! && c.line <= from.line! + 3 && c.text.replace(/\s+/g, ' ').trim() === whole);
    if (cell) return { page: cell.page, line: cell.line, ...(cell.bbox ? { bbox: cell.bbox } : {}) };
  }
  for (const p of layout.pages) {
    for (const l of p.lines) {
      if (l.page < from.page || (l.page === from.page && l.line < from.line)) continue;
      if (l.page > from.page + 1) return null;
      const text = l.text.replace(/\s+/g, ' ').toLowerCase();
      const short = head.length < 4;
      if ((short ? text.trim() === head : text.includes(head)) || (head.startsWith(text.trim()) && text.trim().length >= 4)) return { page: l.page, line: l.line };
    }
  }
  return null;
}

/**
 * The wording of an indicator states a quantity (`Verifica di n. 25
 * cantieri`, `almeno 200 pratiche`, `il 40% delle segnalazioni`) that none of
 * its targets prints: two statements of one target that disagree.
 */
export const indicatorWordingMismatch = defineRule({
  id: 'indicator-wording-mismatch',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Il nome di un indicatore dice una quantità o una percentuale diversa dal suo target.',
    en: 'An indicator\'s wording states another quantity or percentage than its target.',
  },
  messages: {
    count: {
      it: 'L\'indicatore «{name}» ({objective}) dice «{stated}», ma il target è «{target}».',
      en: 'Indicator "{name}" ({objective}) says "{stated}", but the target is "{target}".',
    },
    percent: {
      it: 'L\'indicatore «{name}» ({objective}) dice «{stated}», ma il target è «{target}».',
      en: 'Indicator "{name}" ({objective}) says "{stated}", but the target is "{target}".',
    },
  },
  check(doc, report, { tolerance }) {
    doc.objectives.forEach((obj, o) => {
      obj.indicators.forEach((ind, i) => {
        // A quantity equal to the baseline is the starting point the wording recalls, not the target.
        const stated = statedQuantities(ind.name).filter((q) => ind.baseline?.value == null || Math.abs(ind.baseline.value - q.value) > tolerance);
        if (stated.length === 0) return;
        // Activity scales (5 = done) say nothing about a quantity.
        const targets = ind.targets.map((t, k) => ({ t, k, q: targetQuantities(t) })).filter(({ t }) => t.scale === null);
        for (const s of stated) {
          const printed = targets.filter(({ q }) => (s.kind === 'count' ? q.counts : q.percents).length > 0);
          if (printed.length === 0) continue;
          const agrees = printed.some(({ q }) => (s.kind === 'count' ? q.counts : q.percents).some((v) => Math.abs(v - s.value) <= tolerance));
          if (agrees) continue;
          const { t, k } = printed[0]!;
          report({
            messageId: s.kind,
            data: { name: ind.name, objective: obj.code ?? obj.id, stated: s.text.trim(), target: t.raw },
            path: ['objectives', o, 'indicators', i, 'targets', k],
            objectiveId: obj.id,
            source: at(ind, 'name') ?? ind.source,
            related: t.source ?? at(ind, 'target') ?? lineOf(doc.layout, t.raw, ind.source) ?? ind.source,
            raw: ind.name,
            actual: s.value,
            expected: t.raw,
          });
          return;
        }
      });
    });
  },
});
