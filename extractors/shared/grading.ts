/**
 * Delay ladders (GRADUAZIONE) as printed in schede obiettivo:
 * `Nessun ritardo = 100%; ritardo fino a 30 gg. = 80%; ritardo da 30 a 60 gg.: 50%`
 * -> [{0, 100}, {30, 80}, {60, 50}]. A step "oltre N gg" has no upper bound (null).
 */
import type { Grading } from '../../models/plan.js';

// `= 80%`, `: 50%`, `=-70%` (a dash typo), and `= 80` when a word follows (a forgotten %).
const STEP_RE = /(?:=|:)\s*[-–]?\s*(\d{1,3}(?:[.,]\d+)?)(?:\s*%|(?=\s+\p{L}))/gu;
// A count of days starts where its digits start (`(?<!\d)`): tried inside a long run of digits too, it would
// be quadratic, and a match inside the run exists only when one from its start does.
const DAYS = String.raw`(?<!\d)(\d+)\s*(?:gg|giorni|gg\.|g\.)`;

function maxDelay(description: string): number | null | undefined {
  const d = description.toLowerCase();
  // "da 4 a 10 gg", "oltre 30 e fino 50 gg", "fino a 30 gg", "tra 30 e 60 giorni"
  const range = new RegExp(String.raw`(?:da|tra|oltre)\s*(\d+)\s*(?:gg\.?|giorni)?\s*(?:a|e|e fino a?|fino a?)\s*${DAYS}`).exec(d);
  if (range) return Number(range[2]);
  const upTo =
    new RegExp(String.raw`(?:fino a|entro|max|massimo|sino a|non superiore a|inferiore a)\s*${DAYS}`).exec(d) ??
    new RegExp(String.raw`${DAYS}\s*(?:di\s*)?ritardo`).exec(d);
  if (upTo && !/oltre/.test(d)) return Number(upTo[1]);
  if (/oltre|superiore/.test(d)) return null;
  if (/nessun ritardo|senza ritardo|rispetto del(?:la)? (?:termine|data|scadenza)|entro (?:il |la |l')?\d|entro il|entro la|^\s*rispetto/.test(d)) return 0;
  const days = new RegExp(DAYS).exec(d);
  if (days) return Number(days[1]);
  return undefined;
}

/** Parses a grading ladder; null when the text has no `= N%` step. */
export function parseGrading(raw: string): Grading | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const steps: Grading['steps'] = [];
  let from = 0;
  for (const m of text.matchAll(STEP_RE)) {
    const description = text.slice(from, m.index);
    from = m.index + m[0].length;
    let delay = maxDelay(description);
    // The first step of a ladder, without any delay words, is the deadline kept (`Affidamento entro un mese = 100%`).
    if (delay === undefined && steps.length === 0 && /entro|termine|scadenza/.test(description.toLowerCase()) && m[1] === '100') delay = 0;
    if (delay === undefined) continue;
    steps.push({ maxDelayDays: delay, percent: Number(m[1]!.replace(',', '.')) });
  }
  return { raw, steps };
}
