import type { Objective } from '../../../models/plan.js';
import { defineRule } from '../rule.js';

/** The cells of an allocation row that turn the staff and the category into points, named by their column headers as printed. */
const ALLOCATION_CELLS = [
  ['categoryWeight', 'PESO %'],
  ['coefficient', 'COEFF. MULTIPLIC. DIP.'],
  ['totalCoefficient', 'TOTALE COEFF.'],
] as const;

/**
 * A weight or coefficient cell left blank where the same table gives the
 * others: a row of the fund allocation (performance organizzativa) that has
 * an amount but no peso, coefficient or total; an objective without a weight
 * beside objectives of the same level and parent that have one; an indicator
 * without a weight beside weighted indicators of the same objective. Blank
 * action weights are `weights-missing`.
 */
export const weightBlank = defineRule({
  id: 'weight-blank',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Cella di peso o coefficiente vuota dove la stessa tabella la riempie: riga con importo senza peso o coefficiente, obiettivo o indicatore senza peso accanto ad altri pesati.',
    en: 'Weight or coefficient cell left blank where the same table fills it: a row with an amount but no weight or coefficient, an objective or indicator without a weight beside weighted ones.',
  },
  messages: {
    allocation: {
      it: 'Obiettivo {objective}: la riga ha un importo di {amount} € ma le celle {cells} sono vuote: l\'importo non si può ricondurre ai coefficienti.',
      en: 'Objective {objective}: the row has an amount of €{amount} but its cells {cells} are blank: the amount cannot be traced to the coefficients.',
    },
    objective: {
      it: 'L\'obiettivo {objective} non ha un peso, mentre {weighted} dei {count} obiettivi dello stesso livello ce l\'hanno.',
      en: 'Objective {objective} has no weight, while {weighted} of the {count} objectives of the same level have one.',
    },
    indicator: {
      it: 'L\'indicatore «{indicator}» dell\'obiettivo {objective} non ha un peso, mentre {weighted} dei {count} indicatori dell\'obiettivo ce l\'hanno.',
      en: 'Indicator "{indicator}" of objective {objective} has no weight, while {weighted} of the objective\'s {count} indicators have one.',
    },
  },
  check(doc, report) {
    const name = (o: Objective) => o.code ?? o.id;
    doc.objectives.forEach((o, i) => {
      const a = o.allocation;
      if (!a || a.amount === null) return;
      const blank = ALLOCATION_CELLS.filter(([field]) => a[field] === null);
      if (blank.length === 0) return;
      report({
        messageId: 'allocation',
        data: { objective: name(o), amount: a.amount, cells: blank.map(([, header]) => `«${header}»`).join(', ') },
        path: ['objectives', i, 'allocation', blank[0]![0]],
        objectiveId: o.id,
        source: a.source,
        raw: a.amountRaw ?? undefined,
        actual: null,
      });
    });

    // Objectives: siblings are the objectives of one level under one parent.
    const groups = new Map<string, number[]>();
    doc.objectives.forEach((o, i) => {
      const key = `${o.level}\u0000${o.parentId ?? ''}`;
      const members = groups.get(key);
      if (members) members.push(i);
      else groups.set(key, [i]);
    });
    for (const members of groups.values()) {
      const weighted = members.filter((i) => doc.objectives[i]!.weight !== null);
      if (weighted.length === 0 || weighted.length === members.length) continue;
      const first = doc.objectives[weighted[0]!]!;
      for (const i of members) {
        const o = doc.objectives[i]!;
        if (o.weight !== null) continue;
        report({ messageId: 'objective', data: { objective: name(o), weighted: weighted.length, count: members.length }, path: ['objectives', i, 'weight'], objectiveId: o.id, source: o.cells?.weight ?? o.source, related: first.cells?.weight ?? first.source, actual: null });
      }
    }

    doc.objectives.forEach((o, oi) => {
      // `Dato` indicators inform and carry no weight.
      const counted = o.indicators.map((ind, i) => ({ ind, i })).filter(({ ind }) => ind.kind !== 'dato');
      const weighted = counted.filter(({ ind }) => ind.weight !== null);
      if (weighted.length === 0 || weighted.length === counted.length) return;
      for (const { ind, i } of counted) {
        if (ind.weight !== null) continue;
        const first = weighted[0]!.ind;
        report({ messageId: 'indicator', data: { indicator: ind.name, objective: name(o), weighted: weighted.length, count: counted.length }, path: ['objectives', oi, 'indicators', i, 'weight'], objectiveId: o.id, source: ind.cells?.weight ?? ind.source, related: first.cells?.weight ?? first.source, actual: null });
      }
    });
  },
});
