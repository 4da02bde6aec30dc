import { objectiveProse, type ProseLine } from '../../../extractors/shared/prose-dates.js';
import { defineRule } from '../rule.js';

/** Staff counted in words: all the people named, and those who are not responsabili (EQ, P.O., dirigenti). */
export interface StaffWords {
  all: number;
  staff: number;
  /** False when a group of people is named without a number (`agenti polizia locale`, `tutto il personale`). */
  complete: boolean;
  /** False when a number stands without saying who (`4+1(Dirigente)`): the words cannot be compared. */
  clear: boolean;
}

const MANAGER = /^(?:resp|responsabil|dirigent|e\.?\s?q\b|p\.?\s?o\b|posizion)/iu;
const STAFF_NOUN = /\b(?:agenti|dipendenti|personale|impiegati|operai|istruttori|collaboratori|tecnici|amministrativi|operatori|funzionari|dirigenti|assistenti)\b/iu;

/** Reads the people a staff text names (`n.1 resp.Area EQ+n.6 dipendenti area`, `2 istruttori, 1 operatore esperto`). */
export function staffWords(input: string | null | undefined): StaffWords | null {
  if (!input) return null;
  // A staff list is a line or two; a huge cell is not one.
  const raw = input.slice(0, 2000);
  // Words and numbers split by the table's narrow columns: `Responsabil e`, `di pendenti`, `n.15di pendenti`.
  // A breakdown in brackets (`3 dipendenti (2 assistenti sociali ed 1 istruttore)`) repeats the count before it.
  const unbracketed = raw.replace(/\([^()]*\)/g, ' ');
  const source = /\d/.test(unbracketed) ? unbracketed : raw;
  const text = source.replace(/responsabil\s+([ei])\b/giu, 'responsabil$1').replace(/\bdi\s+pendent/giu, 'dipendent').replace(/(\d)(?=\p{L})/gu, '$1 ').replace(/\s+/g, ' ');
  let all = 0;
  let staff = 0;
  let clear = true;
  let numbered = 0;
  const covered: [number, number][] = [];
  for (const m of text.matchAll(/(?:\bn\s?\.?\s?°?\s?|\bn°\s?|(?<![\d.,/]))(\d{1,3})(?![\d.,/])\s*(\(?\s*[\p{L}.][\p{L}.]*(?:\s+[\p{L}.]+){0,3})?/gu)) {
    const n = Number(m[1]);
    const who = (m[2] ?? '').replace(/^\(\s*/, '');
    if (!who || /^(?:[+,;/]|$)/.test(who)) clear = false;
    numbered++;
    all += n;
    if (!MANAGER.test(who) && !/\b(?:e\.?\s?q\.?|p\.?\s?o\.?|resp\.?)(?:\s|$)/iu.test(who)) staff += n;
    covered.push([m.index, m.index + m[0].length]);
  }
  // A responsabile named without a number is one person.
  for (const m of text.matchAll(/\b(?:resp\.|responsabil[ei])/giu)) {
    if (covered.some(([a, b]) => m.index >= a && m.index < b)) continue;
    all += 1;
    numbered++;
    covered.push([m.index, m.index + m[0].length]);
  }
  if (numbered === 0) return null;
  const rest = covered.reduce((s, [a, b]) => s.slice(0, a) + ' '.repeat(b - a) + s.slice(b), text);
  return { all, staff, complete: !STAFF_NOUN.test(rest), clear };
}

/** The sheet's own list of the staff involved: the line labelled «Personale da coinvolgere» and its continuation. */
export function sheetStaff(lines: readonly ProseLine[]): { line: ProseLine; text: string } | null {
  const k = lines.findIndex((l) => /\bpersonale\s+(?:da\s+coinvolgere|coinvolto)\b/iu.test(l.text));
  if (k < 0) return null;
  const first = lines[k]!;
  const parts = [first.text.replace(/^.*?(?:obiettivo|coinvolt[oa])\s*:?/iu, '')];
  for (const l of lines.slice(k + 1, k + 4)) {
    if (!l.text.trim() || /^\s*[\p{L}'’ ]{3,60}:/u.test(l.text)) break;
    parts.push(l.text);
  }
  return { line: first, text: parts.join(' ').trim() };
}

const say = (w: StaffWords) => (w.all === w.staff ? String(w.all) : `${w.all} (${w.staff} senza i responsabili)`);

/**
 * Staff counts stated twice that disagree: the N. DIP. column of the
 * weighting table against the staff its row names, and the row against
 * the staff the objective's sheet names (*Personale da coinvolgere*).
 */
export const staffCountMismatch = defineRule({
  id: 'staff-count-mismatch',
  stage: 'validate',
  severity: 'warning',
  description: {
    it: 'Il numero di dipendenti di un obiettivo è scritto due volte con due valori (colonna N. DIP., personale elencato, scheda).',
    en: 'An objective\'s staff count is stated twice with two values (N. DIP. column, staff listed, sheet).',
  },
  messages: {
    row: {
      it: 'Obiettivo {objective}: la colonna N. DIP. dice {count}, ma la stessa riga elenca «{staff}» ({words}).',
      en: 'Objective {objective}: the N. DIP. column says {count}, but the same row lists "{staff}" ({words}).',
    },
    sheet: {
      it: 'Obiettivo {objective}: la tabella elenca «{staff}» ({words}), la scheda «{sheet}» ({sheetWords}).',
      en: 'Objective {objective}: the table lists "{staff}" ({words}), the sheet "{sheet}" ({sheetWords}).',
    },
  },
  check(doc, report) {
    const spans = objectiveProse(doc.layout, doc.objectives);
    doc.objectives.forEach((obj, o) => {
      const a = obj.allocation;
      if (!a) return;
      const objective = obj.code ?? obj.id;
      const row = staffWords(a.staffRaw);
      const staffText = (a.staffRaw ?? '').replace(/\s+/g, ' ').trim();
      if (row && row.clear && a.staffCount !== null) {
        const n = a.staffCount;
        const off = row.staff > n || (row.complete && n !== row.all && n !== row.staff);
        if (off) {
          report({ messageId: 'row', data: { objective, count: n, staff: staffText, words: say(row) }, path: ['objectives', o, 'allocation', 'staffCount'], objectiveId: obj.id, source: a.source, related: a.source, raw: staffText, actual: n, expected: row.staff > n ? row.staff : row.all });
          return;
        }
      }
      const sheet = sheetStaff(spans[o] ?? []);
      const words = sheet ? staffWords(sheet.text) : null;
      if (!row || !words || !row.clear || !words.clear || !row.complete || !words.complete || row.staff === words.staff) return;
      report({
        messageId: 'sheet',
        data: { objective, staff: staffText, words: say(row), sheet: sheet!.text.replace(/\s+/g, ' '), sheetWords: say(words) },
        path: ['objectives', o, 'allocation', 'staffRaw'],
        objectiveId: obj.id,
        source: a.source,
        related: { page: sheet!.line.page, line: sheet!.line.line, ...(sheet!.line.bbox ? { bbox: sheet!.line.bbox } : {}) },
        raw: staffText,
        actual: row.staff,
        expected: words.staff,
      });
    });
  },
});
