/**
 * Family `legacy-piano` (seed 000): a Piano della Performance of the 2010s.
 *
 * Context data (`Popolazione residente: 188.579`), the programmes of the
 * linee programmatiche (`PRATO CITTA' SICURA: …`) and one card per project
 * (`Gli obiettivi di performance – Recupero Legalità e Sicurezza`) with its
 * Obiettivi text, Attività/Servizi, Assessore, fasi and units. The project's
 * indicators sit in a block printed before or after the card, with their
 * values glued in front of the name in reverse year order
 * (`6366Numero sinistri…` = 2014: 63, 2013: 66), the 2011 and 2012 columns of
 * the last rows printed apart as loose values followed by their year.
 */
import type { LayoutDocument, LayoutLine } from '../models/layout.js';
import type { ContextFact, Indicator, Objective } from '../models/plan.js';
import { valueAmbiguous } from '../pipeline/checks.js';
import type { ExtractContext, ExtractResult, Extractor } from './types.js';
import { collapseSpaces as clean, stems } from './shared/labels.js';
import { newAction, newIndicator, newObjective, provenanceOf } from './shared/model.js';
import { parseItalianNumber } from './shared/numbers.js';
import { parseTarget } from './shared/targets.js';
import { guessPolarity } from './shared/kinds.js';
import { findEntity, findPeriod } from './shared/document.js';

type Line = LayoutLine;

/* ------------------------------------------------------------------ */
/* Glued values                                                         */
/* ------------------------------------------------------------------ */

/** One value as printed: a number (Italian format, optional %), `n.d.`, `-`, or `Euro 386.650`. */
export interface GluedToken {
  raw: string;
  value: number | null;
}

const PREFIX_RE = /^(?:n\.d\.|Euro\s*|€\s*|[\d.,%\-–])+/;

/** Splits a line into the glued value prefix and the indicator name after it. */
export function splitPrefix(text: string): { prefix: string; name: string } {
  const m = PREFIX_RE.exec(text);
  if (!m) return { prefix: '', name: text };
  let prefix = m[0];
  // A trailing `.` or `,` belongs to no number (`n. fontanelli` starts the name).
  while (/[.,]$/.test(prefix) && !/n\.d\.$/.test(prefix)) prefix = prefix.slice(0, -1);
  return { prefix: prefix.trim(), name: text.slice(prefix.length).trim() };
}

function tokenAt(s: string, i: number): GluedToken[] {
  const out: GluedToken[] = [];
  const rest = s.slice(i);
  if (rest.startsWith('n.d.')) out.push({ raw: 'n.d.', value: null });
  const dash = /^[-–]/.exec(rest);
  if (dash) out.push({ raw: dash[0], value: null });
  const euro = /^(Euro\s*|€\s*)/.exec(rest);
  const offset = euro ? euro[0].length : 0;
  const body = rest.slice(offset);
  const candidates = new Set<string>();
  // Thousands-separated: 1.000, 10.000.000, 4.741.000, 20.000,5
  const th = /^[1-9]\d{0,2}(?:\.\d{3})+/.exec(body);
  if (th) {
    const groups = th[0].split('.');
    for (let g = 2; g <= groups.length; g++) candidates.add(groups.slice(0, g).join('.'));
  }
  // Plain integers of every length: 0, 5, 50, 505, …
  const digits = /^\d+/.exec(body)?.[0] ?? '';
  for (let len = 1; len <= digits.length; len++) {
    const d = digits.slice(0, len);
    if (d.length > 1 && d.startsWith('0')) break;
    candidates.add(d);
  }
  for (const c of candidates) {
    const after = body.slice(c.length);
    const forms = [c];
    const dec = /^,\d+/.exec(after);
    if (dec) for (let len = 2; len <= dec[0].length; len++) forms.push(c + dec[0].slice(0, len));
    for (const f of forms) {
      const pct = body.slice(f.length).startsWith('%') ? '%' : '';
      // `Euro 386.650` is one merged cell: its number is never split.
      if (euro && /^\d/.test(body.slice(f.length + pct.length))) continue;
      const raw = (euro ? euro[0] : '') + f + pct;
      out.push({ raw, value: parseItalianNumber(f) });
    }
  }
  return out;
}

/** Every way to read `s` as 1 to 4 glued values. */
export function gluedReadings(s: string, max = 4): GluedToken[][] {
  const results: GluedToken[][] = [];
  const walk = (i: number, acc: GluedToken[]) => {
    if (results.length > 5000) return;
    if (i === s.length) {
      if (acc.length > 0) results.push([...acc]);
      return;
    }
    if (acc.length === max) return;
    for (const t of tokenAt(s, i)) walk(i + t.raw.length, [...acc, t]);
  };
  walk(0, []);
  return results;
}

/**
 * How implausible a reading is (lower is better): the wrong number of values
 * for the row, values of very different size, four-digit numbers printed
 * without a thousands separator.
 */
export function readingCost(tokens: GluedToken[], expected: number): number {
  let cost = Math.abs(tokens.length - expected) * 3;
  const values = tokens.map((t) => t.value).filter((v): v is number => v !== null);
  if (values.length > 1) {
    const logs = values.map((v) => Math.log10(Math.abs(v) + 1));
    cost += Math.max(...logs) - Math.min(...logs);
  }
  // The document writes thousands with a separator: an unseparated 4-digit value is unlikely, 5 digits more so.
  if (tokens.some((t) => /^\d{4}(?!\d)/.test(t.raw))) cost += 2;
  for (const t of tokens) if (/^\d{5,}/.test(t.raw)) cost += 3;
  return cost;
}

export interface GluedReading {
  tokens: GluedToken[];
  ambiguous: boolean;
  alternative: GluedToken[] | null;
}

/** The most plausible reading of glued values, and whether another one comes close. */
export function readGlued(s: string, expected: number): GluedReading {
  const readings = gluedReadings(s)
    .map((tokens) => ({ tokens, cost: readingCost(tokens, expected) }))
    .sort((a, b) => a.cost - b.cost);
  if (readings.length === 0) return { tokens: [{ raw: s, value: null }], ambiguous: true, alternative: null };
  const best = readings[0]!;
  const second = readings[1];
  const close = second !== undefined && second.cost - best.cost < 0.5;
  return { tokens: best.tokens, ambiguous: close, alternative: close ? second.tokens : null };
}

const showReading = (tokens: GluedToken[]) => tokens.map((t) => t.raw).join(' | ');

/* ------------------------------------------------------------------ */
/* Indicator blocks                                                     */
/* ------------------------------------------------------------------ */

interface BlockRow {
  prefix: string;
  name: string;
  lines: Line[];
}

interface Block {
  lines: Line[];
  rows: BlockRow[];
  loose: Map<number, string[]>;
  start: number;
}

const YEAR_RE = /^((?:19|20)\d\d)$/;
const YEARS_RE = /^(?:19|20)\d\d(?:\s+(?:19|20)\d\d)+$/;
const isValueStart = (t: string) => /^(?:n\.d\.|[-–]|\d|Euro\s|€)/.test(t) && !/^(?:19|20)\d\d(?:\s|$)/.test(t);
const isSkippable = (t: string) => /^(Indicatori|Comune di [\p{Lu}][\p{L}]+)$/u.test(t);

function readBlock(lines: Line[], start: number): { block: Block; end: number } {
  const rows: BlockRow[] = [];
  const loose = new Map<number, string[]>();
  let pending: string[] = [];
  let i = start;
  const nextText = (j: number) => {
    for (let k = j + 1; k < lines.length; k++) {
      const t = clean(lines[k]!.text);
      if (t !== '') return t;
    }
    return '';
  };
  for (; i < lines.length; i++) {
    const t = clean(lines[i]!.text);
    if (t === '' || isSkippable(t)) continue;
    if (YEARS_RE.test(t)) {
      i++;
      break;
    }
    const year = YEAR_RE.exec(t);
    if (year) {
      loose.set(Number(year[1]), pending);
      pending = [];
      continue;
    }
    if (/^Gli obiettivi di performance/i.test(t)) break;
    const { prefix, name } = splitPrefix(t);
    if (prefix && name) rows.push({ prefix, name, lines: [lines[i]!] });
    else if (prefix) {
      const next = nextText(i);
      if (next && !isValueStart(next) && !YEAR_RE.test(next) && !YEARS_RE.test(next) && !isSkippable(next)) rows.push({ prefix, name: '', lines: [lines[i]!] });
      else pending.push(prefix);
    } else if (rows.length > 0) {
      const row = rows.at(-1)!;
      row.name = clean(`${row.name} ${t}`);
      row.lines.push(lines[i]!);
    } else break;
  }
  return { block: { lines: lines.slice(start, i), rows, loose, start }, end: i };
}

/** Years of the glued values, in printed order (reversed: the last year first). */
const GLUED_YEARS = [2014, 2013, 2012, 2011];

function indicatorsOf(block: Block, objectiveId: string, baseYear: number, ctx: ExtractContext, firstIndex: number): Indicator[] {
  const looseCount = Math.max(block.loose.get(baseYear)?.length ?? 0, block.loose.get(baseYear + 1)?.length ?? 0);
  const years = GLUED_YEARS.map((y) => y - 2011 + baseYear);
  return block.rows.map((row, r) => {
    const withLoose = r >= block.rows.length - looseCount;
    const expected = withLoose ? 2 : 4;
    const reading = readGlued(row.prefix, expected);
    const indicator = newIndicator(`${objectiveId}/I${firstIndex + r + 1}`, row.name, provenanceOf(row.lines[0]!));
    indicator.polarity = guessPolarity(row.name, null);
    const values = new Map<number, string>();
    if (reading.tokens.length === 1 && expected > 1) {
      // One value for several years (a merged cell): kept, with no year.
      indicator.ambiguous = true;
      indicator.targets.push(parseTarget(reading.tokens[0]!.raw, null));
      ctx.report(valueAmbiguous, { messageId: 'year', data: { raw: reading.tokens[0]!.raw, name: row.name }, objectiveId, source: indicator.source });
    } else reading.tokens.forEach((t, k) => values.set(years[k]!, t.raw));
    if (withLoose) {
      const idx = r - (block.rows.length - looseCount);
      for (const y of [baseYear, baseYear + 1]) {
        const col = block.loose.get(y);
        if (col && col[idx] !== undefined && !values.has(y)) values.set(y, col[idx]!);
      }
    }
    const base = values.get(baseYear);
    if (base !== undefined) {
      const t = parseTarget(base, baseYear);
      indicator.baseline = { year: baseYear, value: t.value, raw: base };
    }
    for (const y of [baseYear + 1, baseYear + 2, baseYear + 3]) {
      const raw = values.get(y);
      if (raw !== undefined) indicator.targets.push(parseTarget(raw, y));
    }
    if (reading.ambiguous) {
      indicator.ambiguous = true;
      ctx.report(valueAmbiguous, {
        messageId: 'glued',
        data: { raw: row.prefix, reading: showReading(reading.tokens), alternative: reading.alternative ? showReading(reading.alternative) : '—' },
        objectiveId,
        source: indicator.source,
      });
    }
    return indicator;
  });
}

/* ------------------------------------------------------------------ */
/* Cards and programmes                                                 */
/* ------------------------------------------------------------------ */

const CARD_RE = /^Gli obiettivi di performance\s*[–—-]\s*(.*)$/i;
const NAMES_RE = /^(?:[\p{Lu}][\p{L}'’]+\s*,?\s*)+$/u;

interface Card {
  objective: Objective;
  start: number;
  end: number;
  text: string;
}

function readCard(lines: Line[], start: number, id: string): Card {
  const head = lines[start]!;
  const titleParts = [CARD_RE.exec(clean(head.text))![1]!];
  let state: 'title' | 'description' | 'services' | 'assessori' | 'fasi' | 'units' = 'title';
  const description: string[] = [];
  const services: string[] = [];
  const assessori: string[] = [];
  const fasi: { text: string; line: Line }[] = [];
  const units: string[] = [];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const t = clean(lines[i]!.text);
    if (t === '') continue;
    if (CARD_RE.test(t)) break;
    if (t === 'Obiettivi') {
      state = 'description';
      continue;
    }
    if (/^Attività\/Servizi$/i.test(t)) {
      state = 'services';
      continue;
    }
    if (t === 'Indicatori' && state !== 'units') continue;
    if (/^Assessore\s*:/i.test(t)) {
      state = 'assessori';
      assessori.push(t.replace(/^Assessore\s*:\s*/i, ''));
      continue;
    }
    if (/^(?:(?:19|20)\d\d){2,}$/.test(t)) continue; // fasi year header `201420132012`
    if (t === 'Fasi') {
      state = 'units';
      continue;
    }
    // The next page's indicator block ends the card (some cards have no `Fasi`).
    if ((state === 'assessori' || state === 'fasi' || state === 'units') && isValueStart(t)) break;
    if (state === 'units' && (isSkippable(t) || /^Piano delle Performance/i.test(t))) break;
    switch (state) {
      case 'title':
        titleParts.push(t);
        break;
      case 'description':
        description.push(t);
        break;
      case 'services':
        services.push(t);
        break;
      case 'assessori': {
        const prev = assessori.at(-1) ?? '';
        if (NAMES_RE.test(t) && (prev.endsWith(',') || /\p{Lu}[\p{L}]+$/u.test(prev)) && t.split(/\s+/).length <= 6 && !/^(?:Realizzazione|Revisione|Approvazione|Nuova|Redazione)\b/.test(t)) {
          assessori[assessori.length - 1] = `${prev} ${t}`;
          break;
        }
        state = 'fasi';
        fasi.push({ text: t, line: lines[i]! });
        break;
      }
      case 'fasi': {
        const prev = fasi.at(-1);
        // A fase wraps when the next line starts lower case or with `(`, or the line before ends with a hyphen.
        if (prev && (/^[\p{Ll}(]/u.test(t) || /[-–]$/.test(prev.text) || /\b(?:e|di|del|della|sul|per)$/.test(prev.text))) prev.text = `${prev.text} ${t}`;
        else fasi.push({ text: t, line: lines[i]! });
        break;
      }
      case 'units':
        units.push(t);
        break;
    }
  }
  const title = clean(titleParts.join(' '));
  const objective = newObjective(id, 'progetto', title, provenanceOf(head));
  objective.description = clean(description.join(' ')) || null;
  objective.assessori = assessori
    .join(' ')
    .split(',')
    .map(clean)
    .filter((n) => n !== '');
  objective.involvedUnits = [...services, ...units];
  objective.actions = fasi.map((f, k) => {
    const action = newAction(`${id}/F${k + 1}`, clean(f.text), provenanceOf(f.line));
    action.n = k + 1;
    return action;
  });
  return { objective, start, end: i, text: [title, ...description, ...fasi.map((f) => f.text), ...services, ...units].join(' ') };
}

const PROGRAMME_RE = /^([\p{Lu}][\p{Lu}'’ ]{5,}):\s*(.*)$/u;

function readProgrammes(lines: Line[], firstCard: number): Objective[] {
  const programmes: Objective[] = [];
  let current: { objective: Objective; text: string[] } | null = null;
  const limit = firstCard < 0 ? lines.length : firstCard;
  for (let i = 0; i < limit; i++) {
    const t = clean(lines[i]!.text);
    if (t === '') continue;
    const m = PROGRAMME_RE.exec(t);
    if (m) {
      if (current) current.objective.description = clean(current.text.join(' '));
      const objective = newObjective(`P${programmes.length + 1}`, 'programma', clean(m[1]!), provenanceOf(lines[i]!));
      current = { objective, text: [m[2]!] };
      programmes.push(objective);
      continue;
    }
    if (!current) continue;
    if (/^(?:Piano delle Performance|Comune di)\b/i.test(t) || t === '.') {
      current.objective.description = clean(current.text.join(' '));
      current = null;
      continue;
    }
    current.text.push(t);
  }
  if (current) current.objective.description = clean(current.text.join(' '));
  return programmes;
}

/** Cosine similarity of the two texts' sets of Italian stems (longer texts are not favoured). */
function stemOverlap(a: string, b: string): number {
  const sa = new Set(stems(a).filter((s) => s.length > 4));
  const sb = new Set(stems(b).filter((s) => s.length > 4));
  if (sa.size === 0 || sb.size === 0) return 0;
  let hit = 0;
  for (const s of sa) if (sb.has(s)) hit++;
  return hit / Math.sqrt(sa.size * sb.size);
}

const CONTEXT_RE = /^([\p{Lu}][^:]{2,60}):\s*(.+)$/u;

function readContext(lines: Line[], until: number): ContextFact[] {
  const facts: ContextFact[] = [];
  for (let i = 0; i < until; i++) {
    const t = clean(lines[i]!.text);
    if (t.length > 90) continue;
    const m = CONTEXT_RE.exec(t);
    if (!m || PROGRAMME_RE.test(t)) continue;
    const raw = m[2]!.trim();
    const number = /^(?:[\p{L}]+\s+)?(\d[\d.,]*)$/u.exec(raw);
    facts.push({ label: m[1]!.trim(), value: number ? parseItalianNumber(number[1]!) : null, raw, source: provenanceOf(lines[i]!) });
  }
  return facts;
}

function extract(layout: LayoutDocument, ctx: ExtractContext): ExtractResult {
  const lines = layout.pages.flatMap((p) => p.lines);
  const firstCard = lines.findIndex((l) => CARD_RE.test(clean(l.text)));
  const programmeStart = lines.findIndex((l) => /linee programmatiche/i.test(l.text));
  const period = findPeriod(layout, 60);
  const baseYear = period ? period.from - 1 : 2011;

  const cards: Card[] = [];
  const blocks: Block[] = [];
  for (let i = Math.max(0, programmeStart); i < lines.length; ) {
    const t = clean(lines[i]!.text);
    if (CARD_RE.test(t)) {
      const card = readCard(lines, i, `PR${String(cards.length + 1).padStart(2, '0')}`);
      cards.push(card);
      i = card.end;
    } else if (isValueStart(t)) {
      const { block, end } = readBlock(lines, i);
      if (block.rows.length > 0) blocks.push(block);
      i = Math.max(end, i + 1);
    } else i++;
  }

  // A block belongs to the project printed right after it on the same page, or to the one before it:
  // the one whose text shares more words with the indicator names.
  const counters = new Map<Card, number>();
  for (const block of blocks) {
    const next = cards.find((c) => c.start >= block.start) ?? null;
    const prev = [...cards].reverse().find((c) => c.start < block.start) ?? null;
    const names = block.rows.map((r) => r.name).join(' ');
    let card = next ?? prev;
    if (next && prev && stemOverlap(names, prev.text) > stemOverlap(names, next.text)) {
      card = prev;
      ctx.report(valueAmbiguous, {
        messageId: 'block',
        data: { first: block.rows[0]!.name.slice(0, 60), title: prev.objective.title },
        objectiveId: prev.objective.id,
        source: provenanceOf(block.lines[0]!),
      });
    }
    if (!card) continue;
    const n = counters.get(card) ?? 0;
    const indicators = indicatorsOf(block, card.objective.id, baseYear, ctx, n);
    counters.set(card, n + indicators.length);
    card.objective.indicators.push(...indicators);
  }

  const programmes = readProgrammes(lines, firstCard);
  for (const card of cards) {
    const text = `${card.objective.title} ${card.objective.description ?? ''}`;
    const scored = programmes
      .map((p) => ({ p, score: stemOverlap(text, `${p.title} ${p.description ?? ''}`) }))
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best || best.score === 0) continue;
    card.objective.parentId = best.p.id;
    ctx.report(valueAmbiguous, {
      messageId: 'parent',
      data: { title: card.objective.title, parent: best.p.title, score: `${Math.round(best.score * 100)}%` },
      objectiveId: card.objective.id,
      path: ['parentId'],
      source: card.objective.source,
    });
  }
  const years = period ? Array.from({ length: period.to - period.from + 1 }, (_, k) => period.from + k) : [];
  for (const o of [...programmes, ...cards.map((c) => c.objective)]) o.years = years;

  return {
    entity: findEntity(layout, 60),
    period,
    objectives: [...programmes, ...cards.map((c) => c.objective)],
    context: readContext(lines, programmeStart < 0 ? Math.min(lines.length, 300) : programmeStart),
  };
}

export const legacyPiano: Extractor = {
  family: 'legacy-piano',
  description: 'Piano della Performance (anni 2010): dati di contesto, programmi, schede progetto con fasi e indicatori per anno.',
  checks: [valueAmbiguous],
  extract,
};
