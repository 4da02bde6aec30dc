import type { Objective, ScoringTables } from '../../../models/plan.js';
import { defineRule } from '../rule.js';

const bracketFor = (tables: ScoringTables, staffCount: number) =>
  tables.staffBrackets.find((b) => b.min !== null && staffCount >= b.min && (b.max === null || staffCount <= b.max)) ?? null;

/** The coefficient of a staff count under the brackets, or null when no bracket holds it. */
export function coefficientFor(tables: ScoringTables, staffCount: number): number | null {
  return bracketFor(tables, staffCount)?.coefficient ?? null;
}

/** Pool of the allocation: the whole entity for generale/intersettoriale rows, else the settore's first word. */
function poolKey(o: Objective): string | null {
  const a = o.allocation!;
  if (a.group === 'generale' || a.group === 'intersettoriale') return 'ente';
  const m = /SETTORE\s+([\p{L}]+)/iu.exec(o.sector ?? o.unit ?? '');
  return m ? m[1]!.toUpperCase() : null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Printed totals of the performance-organizzativa table that do not follow
 * from their inputs and the entity's weighting tables: peso of the category,
 * coefficient of the staff count, total = peso x coefficient, and amounts
 * proportional to the total within a settore (same euro per point).
 */
export const computedMismatch = defineRule({
  id: 'computed-mismatch',
  stage: 'validate',
  severity: 'error',
  description: {
    it: 'Un totale, un coefficiente o un importo stampato non segue dai suoi dati e dalle tabelle di pesatura dell\'ente.',
    en: 'A printed total, coefficient or amount does not follow from its inputs and the entity\'s weighting tables.',
  },
  messages: {
    peso: {
      it: 'Obiettivo {objective}: il peso stampato per la categoria «{category}» è {actual}, la tabella di pesatura dice {expected}.',
      en: 'Objective {objective}: the weight printed for category "{category}" is {actual}, the weighting table says {expected}.',
    },
    coefficient: {
      it: 'Obiettivo {objective}: con {staff} dipendenti coinvolti il coefficiente è {expected} ({bracket}), non {actual}.',
      en: 'Objective {objective}: with {staff} staff involved the coefficient is {expected} ({bracket}), not {actual}.',
    },
    total: {
      it: 'Obiettivo {objective}: il totale coefficiente stampato è {actual}, ma peso {peso} × coefficiente {coefficient} = {expected}.',
      en: 'Objective {objective}: the printed total coefficient is {actual}, but weight {peso} × coefficient {coefficient} = {expected}.',
    },
    amount: {
      it: 'Obiettivo {objective}: l\'importo {actual} € non è proporzionale al totale coefficiente {total} come gli altri obiettivi del gruppo {pool} ({rate} € per punto): atteso {expected} €.',
      en: 'Objective {objective}: amount €{actual} is not proportional to total coefficient {total} like the other objectives of group {pool} (€{rate} per point): expected €{expected}.',
    },
  },
  check(doc, report, { tolerance }) {
    const tables = doc.scoring ?? null;
    const rows = doc.objectives.map((o, i) => ({ o, i })).filter(({ o }) => o.allocation !== null);
    for (const { o, i } of rows) {
      const a = o.allocation!;
      const objective = o.code ?? o.id;
      const base = { objectiveId: o.id, source: a.source };
      if (tables && a.category && a.categoryWeight !== null) {
        const cat = tables.categories.find((c) => c.name === a.category);
        if (cat && Math.abs(cat.weight - a.categoryWeight) > tolerance)
          report({ ...base, messageId: 'peso', data: { objective, category: a.category, actual: a.categoryWeight, expected: cat.weight }, path: ['objectives', i, 'allocation', 'categoryWeight'], actual: a.categoryWeight, expected: cat.weight });
      }
      if (tables && a.staffCount !== null && a.coefficient !== null) {
        const bracket = bracketFor(tables, a.staffCount);
        if (bracket && Math.abs(bracket.coefficient - a.coefficient) > tolerance)
          report({ ...base, messageId: 'coefficient', data: { objective, staff: a.staffCount, expected: bracket.coefficient, actual: a.coefficient, bracket: bracket.raw }, path: ['objectives', i, 'allocation', 'coefficient'], actual: a.coefficient, expected: bracket.coefficient });
      }
      if (a.categoryWeight !== null && a.coefficient !== null && a.totalCoefficient !== null) {
        const expected = a.categoryWeight * a.coefficient;
        if (Math.abs(expected - a.totalCoefficient) > tolerance)
          report({ ...base, messageId: 'total', data: { objective, actual: a.totalCoefficient, peso: a.categoryWeight, coefficient: a.coefficient, expected: expected }, path: ['objectives', i, 'allocation', 'totalCoefficient'], actual: a.totalCoefficient, expected });
      }
    }
    // Amounts: within a pool every point of total coefficient is worth the same.
    const funded = rows.filter(({ o }) => o.allocation!.amount !== null && o.allocation!.totalCoefficient);
    const rate = (o: Objective) => o.allocation!.amount! / o.allocation!.totalCoefficient!;
    const keys = funded.map(({ o }) => poolKey(o));
    const pools = new Map<string, number[]>();
    keys.forEach((k, j) => k && pools.set(k, [...(pools.get(k) ?? []), rate(funded[j]!.o)]));
    // A row without a settore belongs to the neighbouring pool whose rate is closest.
    keys.forEach((k, j) => {
      if (k) return;
      const near = [keys[j - 1], keys[j + 1]].filter((x): x is string => !!x);
      const r = rate(funded[j]!.o);
      keys[j] = near.sort((x, y) => Math.abs(median(pools.get(x)!) - r) - Math.abs(median(pools.get(y)!) - r))[0] ?? null;
    });
    funded.forEach(({ o, i }, j) => {
      const key = keys[j];
      if (!key || (pools.get(key)?.length ?? 0) < 2) return;
      const a = o.allocation!;
      const perPoint = median(pools.get(key)!);
      const expected = Math.round(perPoint * a.totalCoefficient! * 100) / 100;
      if (Math.abs(expected - a.amount!) > Math.max(0.05, tolerance) * Math.max(1, a.totalCoefficient! / 10))
        report({
          objectiveId: o.id, source: a.source, messageId: 'amount',
          data: { objective: o.code ?? o.id, actual: a.amount!, total: a.totalCoefficient!, pool: key === 'ente' ? 'generale/intersettoriale' : `SETTORE ${key}`, rate: Math.round(perPoint * 100) / 100, expected: expected },
          path: ['objectives', i, 'allocation', 'amount'], raw: a.amountRaw ?? undefined, actual: a.amount!, expected,
        });
    });
  },
});
