/**
 * Ingest normalizer: repairs the damage a text export did to a document
 * (`pdftotext` of an old office PDF, copy and paste), once, before any
 * extractor reads it. Every rule is general, about the export and not about a
 * family of documents:
 *
 * - **vertical words**: a heading printed with rotated text comes out one or
 *   two letters a line (`G` / `E` / `N` / … or `IN` / `T` / `E` …); a run of at
 *   least `minVerticalLetters` such lines is rejoined into one line with the
 *   word (`GENERALE`), at the place of its first letter (a column of marks,
 *   `X` / `-` / `-`, is no word: it needs three different letters);
 * - **glued years**: a column heading of years printed without spaces
 *   (`201420132012`) becomes one cell per year;
 * - **column dump with glued values**: a table whose rows came out with their
 *   values glued in front of the name, right-most column first
 *   (`6366Numero sinistri…` = 2014: 63, 2013: 66), the left columns of the
 *   last rows printed apart as loose values each closed by its year
 *   (`-` / `70` / `72` / `2011`), the other years as a heading line closing the
 *   block (`2013 2014`). The block becomes a table (`linearized:` reader id):
 *   a header row `'' | 2011 | 2012 | …` and one row per name, the values in
 *   their year's column; one value for a row of several years (a merged
 *   cell) spans every year column. The split of glued digits is the most
 *   plausible reading (same number of values as columns, values of similar
 *   size, thousands printed with a separator); when another reading comes
 *   close, a `value-ambiguous` (`glued`) finding says so.
 *
 * Lines that are rows of a table found by a reader are never touched. Each
 * repaired line keeps the page and line of its first source line (and the box
 * of all its source lines, when they have one); each repair is recorded in
 * `normalizeRepairs(doc)`.
 */
import type { LayoutCell, LayoutDocument, LayoutLine, LayoutPage } from '../../models/layout.js';
import type { StageContext, WorkingDocument } from '../context.js';
import { valueAmbiguous } from '../checks.js';
import { parseItalianNumber } from '../../extractors/shared/numbers.js';

/** Tolerances of the normalizer, each with its default. */
export interface NormalizeSettings {
  /** Fewest consecutive lines of one or two capital letters that are a vertical word. Default 3. */
  minVerticalLetters: number;
  /** Most values glued in front of one name. Default 4. */
  maxGluedValues: number;
  /** Cost margin under which a second reading of glued values is reported as a close alternative. Default 0.5. */
  ambiguityMargin: number;
  /** Most lines the name of one row of a column dump may wrap over. Default 4. */
  maxNameLines: number;
}

export const DEFAULT_NORMALIZE_SETTINGS: NormalizeSettings = { minVerticalLetters: 3, maxGluedValues: 4, ambiguityMargin: 0.5, maxNameLines: 4 };

/** One repair: what kind, where (the first source line), the text before and after. */
export interface Repair {
  kind: 'vertical-word' | 'glued-years' | 'glued-values';
  page: number;
  line: number;
  before: string;
  after: string;
}

/** A glued run that can also be read another way. */
export interface GluedAmbiguity {
  page: number;
  line: number;
  raw: string;
  reading: string;
  alternative: string;
}

export interface NormalizeResult {
  layout: LayoutDocument;
  repairs: Repair[];
  ambiguities: GluedAmbiguity[];
}

/* ------------------------------------------------------------------ */
/* Glued values                                                         */
/* ------------------------------------------------------------------ */

/** One value as printed: a number (Italian format, optional %), `n.d.`, `-`, or `Euro 386.650`. */
export interface GluedToken {
  raw: string;
  value: number | null;
}

const PREFIX_RE = /^(?:n\.d\.|Euro\s*|€\s*|[\d.,%\-–])+/;

/** Splits a line into the glued value prefix and the name after it. */
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
  // Thousands-separated: 1.000, 10.000.000, 4.741.000
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

/** Every way to read `s` as 1 to `max` glued values (at most 5000 readings). */
export function gluedReadings(s: string, max = DEFAULT_NORMALIZE_SETTINGS.maxGluedValues): GluedToken[][] {
  const results: GluedToken[][] = [];
  if (s.length > 200) return results;
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
    let lo = Infinity;
    let hi = -Infinity;
    for (const l of logs) {
      lo = Math.min(lo, l);
      hi = Math.max(hi, l);
    }
    cost += hi - lo;
  }
  // Thousands are printed with a separator: an unseparated 4-digit value is unlikely, 5 digits more so.
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
export function readGlued(s: string, expected: number, settings: NormalizeSettings = DEFAULT_NORMALIZE_SETTINGS): GluedReading {
  const readings = gluedReadings(s, settings.maxGluedValues)
    .map((tokens) => ({ tokens, cost: readingCost(tokens, expected) }))
    .sort((a, b) => a.cost - b.cost);
  if (readings.length === 0) return { tokens: [{ raw: s, value: null }], ambiguous: true, alternative: null };
  const best = readings[0]!;
  const second = readings[1];
  const close = second !== undefined && second.cost - best.cost < settings.ambiguityMargin;
  return { tokens: best.tokens, ambiguous: close, alternative: close ? second.tokens : null };
}

const showReading = (tokens: GluedToken[]) => tokens.map((t) => t.raw).join(' | ');

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function unionBox(lines: readonly LayoutLine[]): LayoutLine['bbox'] {
  const boxes = lines.map((l) => l.bbox).filter((b): b is NonNullable<LayoutLine['bbox']> => b !== undefined);
  if (boxes.length === 0) return undefined;
  let [x0, y0, x1, y1] = boxes[0]!;
  for (const [a, b, c, d] of boxes) {
    x0 = Math.min(x0, a);
    y0 = Math.min(y0, b);
    x1 = Math.max(x1, c);
    y1 = Math.max(y1, d);
  }
  return [x0, y0, x1, y1];
}

/** A new line in place of `from` (its page and number, the box of all `sources`), with these cells. */
function lineFrom(from: LayoutLine, sources: readonly LayoutLine[], cells: LayoutCell[]): LayoutLine {
  const line: LayoutLine = { page: from.page, line: from.line, text: cells.map((c) => c.text).join('\t'), cells };
  const box = unionBox(sources);
  if (box) line.bbox = box;
  return line;
}

const cellsOf = (texts: readonly string[]): LayoutCell[] => texts.map((text, col) => ({ text, col }));

/* ------------------------------------------------------------------ */
/* Vertical words and glued years                                       */
/* ------------------------------------------------------------------ */

/** One or two letters of a vertical heading (`G`, `IN`, `.V`, `-S`). */
const LETTERS_RE = /^[A-ZÀ-Ý.\-–’']{1,2}$/u;
const GLUED_YEARS_RE = /^(?:(?:19|20)\d\d){2,}$/;

function verticalWords(lines: LayoutLine[], settings: NormalizeSettings, repairs: Repair[]): LayoutLine[] {
  const out: LayoutLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const isLetters = (l: LayoutLine) => !l.table && l.text.length < 12 && LETTERS_RE.test(l.text.replace(/\s+/g, ''));
    if (!isLetters(line)) {
      const t = line.table ? '' : clean(line.text);
      if (GLUED_YEARS_RE.test(t) && t.length <= 40) {
        const years = t.match(/(?:19|20)\d\d/g) ?? [];
        const repaired = lineFrom(line, [line], cellsOf(years));
        repairs.push({ kind: 'glued-years', page: line.page, line: line.line, before: t, after: years.join(' ') });
        out.push(repaired);
      } else out.push(line);
      i++;
      continue;
    }
    // The run: letter lines, blank lines between them allowed.
    const run: LayoutLine[] = [];
    const blanks: LayoutLine[] = [];
    let j = i;
    let lastLetter = i;
    while (j < lines.length) {
      const l = lines[j]!;
      if (isLetters(l)) {
        run.push(l);
        lastLetter = j;
      } else if (!l.table && l.text.trim() === '') blanks.push(l);
      else break;
      j++;
    }
    const word = run.map((l) => l.text.replace(/\s+/g, '')).join('');
    // A word, not a column of marks (`X` / `-` / `-` of a Gantt printed one cell a line).
    const letters = word.match(/\p{Lu}/gu) ?? [];
    if (run.length < settings.minVerticalLetters || new Set(letters).size < 3 || letters.length < word.length * 0.6) {
      out.push(line);
      i++;
      continue;
    }
    out.push(lineFrom(run[0]!, run, cellsOf([word])));
    repairs.push({ kind: 'vertical-word', page: run[0]!.page, line: run[0]!.line, before: run.map((l) => l.text.trim()).join(' '), after: word });
    i = lastLetter + 1;
  }
  return out;
}

/* ------------------------------------------------------------------ */
/* Column dumps with glued values                                       */
/* ------------------------------------------------------------------ */

const YEAR_RE = /^((?:19|20)\d\d)$/;
const YEARS_RE = /^(?:19|20)\d\d(?:\s+(?:19|20)\d\d)+$/;
const isValueStart = (t: string) => /^(?:n\.d\.|[-–]|\d|Euro\s|€)/.test(t) && !/^(?:19|20)\d\d(?:\s|$)/.test(t);
/** Lines a column dump may hold that are not its own: a page heading, a label. */
const isForeign = (t: string) => /^(Indicatori|Comune di [\p{Lu}][\p{L}]+)$/u.test(t);

/** Values touching a name: a digit, `%` or `-` right before a letter. */
const GLUED_NAME_RE = /^(?:n\.d\.|Euro\s*|€\s*|[\d.,%\-–])*[\d%\-–.]\p{L}/u;

interface DumpRow {
  prefix: string;
  name: string;
  lines: LayoutLine[];
}

interface Dump {
  rows: DumpRow[];
  /** Year -> the loose values printed before it, top to bottom. */
  loose: Map<number, string[]>;
  /** The years of the closing heading line (`2013 2014`). */
  heading: number[];
  headingLine: LayoutLine;
  /** Lines of the block that are not its own (kept as lines). */
  foreign: LayoutLine[];
  end: number;
}

/** Reads a column dump starting at `start`; null when the lines there are not one (no glued row, no closing year heading). */
function readDump(lines: readonly LayoutLine[], start: number, settings: NormalizeSettings): Dump | null {
  const rows: DumpRow[] = [];
  const loose = new Map<number, string[]>();
  const foreign: LayoutLine[] = [];
  let pending: string[] = [];
  const nextText = (j: number) => {
    for (let k = j + 1; k < lines.length; k++) {
      if (lines[k]!.table) return '';
      const t = clean(lines[k]!.text);
      if (t !== '') return t;
    }
    return '';
  };
  for (let i = start; i < lines.length && i < start + 120; i++) {
    const line = lines[i]!;
    if (line.table) return null;
    const t = clean(line.text);
    if (t === '' || isForeign(t)) {
      foreign.push(line);
      continue;
    }
    if (YEARS_RE.test(t)) {
      // A dump has a row whose values touch its name (`6366Numero`, `Euro 386.650Progetto`).
      if (!rows.some((r) => r.name !== '' && GLUED_NAME_RE.test(clean(r.lines[0]!.text)))) return null;
      const heading = (t.match(/(?:19|20)\d\d/g) ?? []).map(Number);
      return { rows, loose, heading, headingLine: line, foreign, end: i + 1 };
    }
    const year = YEAR_RE.exec(t);
    if (year) {
      loose.set(Number(year[1]), pending);
      pending = [];
      continue;
    }
    const { prefix, name } = splitPrefix(t);
    if (prefix && name) {
      rows.push({ prefix, name, lines: [line] });
    } else if (prefix) {
      const next = nextText(i);
      if (next && !isValueStart(next) && !YEAR_RE.test(next) && !YEARS_RE.test(next) && !isForeign(next)) rows.push({ prefix, name: '', lines: [line] });
      else pending.push(prefix);
    } else if (rows.length > 0 && rows.at(-1)!.lines.length <= settings.maxNameLines && t.length <= 200) {
      // The name goes on on the next line (`… sulla` / `Tecnologia`).
      const row = rows.at(-1)!;
      row.name = clean(`${row.name} ${t}`);
      row.lines.push(line);
    } else return null;
  }
  return null;
}

/** The table lines of a column dump: a header row of its years and one row per name, values in their year's column. */
function dumpTable(dump: Dump, id: string, settings: NormalizeSettings, ambiguities: GluedAmbiguity[]): LayoutLine[] {
  const years = [...new Set([...dump.loose.keys(), ...dump.heading])].sort((a, b) => a - b);
  const looseYears = years.filter((y) => dump.loose.has(y));
  const looseCount = Math.max(0, ...looseYears.map((y) => dump.loose.get(y)!.length));
  const out: LayoutLine[] = [];
  // The header row goes first, at the block's first row (its years are printed below, maybe on the next page).
  const top = dump.rows[0]!.lines[0]!;
  const header = lineFrom(top, top.page === dump.headingLine.page ? [dump.headingLine] : [], cellsOf(['', ...years.map(String)]));
  header.table = { id, row: 0 };
  out.push(header);
  dump.rows.forEach((row, r) => {
    const withLoose = r >= dump.rows.length - looseCount;
    // Glued values are the row's columns right to left: every year, or those the loose columns leave.
    const gluedYears = (withLoose ? years.filter((y) => !looseYears.includes(y)) : years).slice().reverse();
    const reading = readGlued(row.prefix, gluedYears.length, settings);
    if (reading.ambiguous)
      ambiguities.push({
        page: row.lines[0]!.page,
        line: row.lines[0]!.line,
        raw: row.prefix,
        reading: showReading(reading.tokens),
        alternative: reading.alternative ? showReading(reading.alternative) : '—',
      });
    const values = new Map<number, string>();
    let merged: string | null = null;
    if (reading.tokens.length === 1 && gluedYears.length > 1 && !withLoose) merged = reading.tokens[0]!.raw;
    else reading.tokens.forEach((t, k) => gluedYears[k] !== undefined && values.set(gluedYears[k]!, t.raw));
    if (withLoose) {
      const idx = r - (dump.rows.length - looseCount);
      for (const y of looseYears) {
        const col = dump.loose.get(y)!;
        const at = idx - (looseCount - col.length);
        if (at >= 0 && col[at] !== undefined && !values.has(y)) values.set(y, col[at]!);
      }
    }
    const cells: LayoutCell[] = [{ text: row.name, col: 0 }];
    if (merged !== null) cells.push({ text: merged, col: 1, colSpan: years.length });
    else years.forEach((y, k) => cells.push({ text: values.get(y) ?? '', col: k + 1 }));
    const line = lineFrom(row.lines[0]!, row.lines, cells);
    line.table = { id, row: r + 1 };
    out.push(line);
  });
  return out;
}

/** Whether the next non-blank line (not in a table) reads as a name, not as a value or a year. */
function nameFollows(lines: readonly LayoutLine[], i: number): boolean {
  for (let k = i + 1; k < lines.length && k < i + 4; k++) {
    const l = lines[k]!;
    if (l.table) return false;
    const t = clean(l.text);
    if (t === '') continue;
    return /^\p{L}/u.test(t) && !isForeign(t);
  }
  return false;
}

function columnDumps(lines: LayoutLine[], settings: NormalizeSettings, repairs: Repair[], ambiguities: GluedAmbiguity[], ids: { n: number }): LayoutLine[] {
  const out: LayoutLine[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const t = line.table ? '' : clean(line.text);
    // A dump starts with a row: values touching its name, or values alone with the name on the next line.
    const starts = t !== '' && isValueStart(t) && (GLUED_NAME_RE.test(t) || (splitPrefix(t).name === '' && nameFollows(lines, i)));
    const dump = starts ? readDump(lines, i, settings) : null;
    if (!dump) {
      out.push(line);
      i++;
      continue;
    }
    ids.n++;
    const table = dumpTable(dump, `linearized:normalize-${ids.n}`, settings, ambiguities);
    for (const [k, row] of dump.rows.entries())
      repairs.push({ kind: 'glued-values', page: row.lines[0]!.page, line: row.lines[0]!.line, before: row.lines.map((l) => clean(l.text)).join(' '), after: table[k + 1]!.text });
    out.push(...table, ...dump.foreign);
    i = dump.end;
  }
  return out;
}

/* ------------------------------------------------------------------ */
/* The stage                                                            */
/* ------------------------------------------------------------------ */

/** Repairs the text-export damage of a layout (pure: the input is not changed). */
export function normalizeLayout(layout: LayoutDocument, settings: NormalizeSettings = DEFAULT_NORMALIZE_SETTINGS): NormalizeResult {
  const repairs: Repair[] = [];
  const ambiguities: GluedAmbiguity[] = [];
  const ids = { n: 0 };
  const sourcePages = layout?.pages ?? [];
  const words = sourcePages.map((page) => verticalWords(page.lines, settings, repairs));
  // A column dump can run over a page break: it is looked for in the whole document, and its
  // lines go back to the pages they are on.
  const all = columnDumps(words.flat(), settings, repairs, ambiguities, ids);
  const byPage = new Map<number, LayoutLine[]>();
  for (const line of all) {
    const list = byPage.get(line.page);
    if (list) list.push(line);
    else byPage.set(line.page, [line]);
  }
  const pages: LayoutPage[] = sourcePages.map((page) => ({ ...page, lines: byPage.get(page.number) ?? [] }));
  return { layout: { ...layout, pages }, repairs, ambiguities };
}

const recorded = new WeakMap<WorkingDocument, Repair[]>();

/** The repairs the normalizer made to a document's layout (empty when none, or before the layout stage). */
export function normalizeRepairs(doc: WorkingDocument): readonly Repair[] {
  return recorded.get(doc) ?? [];
}

/**
 * Normalizes `doc.layout` in place of the old one and returns it; glued
 * values read in more than one way become `value-ambiguous` findings.
 */
export function normalizeExport(doc: WorkingDocument, ctx: StageContext, settings: NormalizeSettings = DEFAULT_NORMALIZE_SETTINGS): LayoutDocument {
  if (!doc.layout) return { pages: [], tables: [] };
  const result = normalizeLayout(doc.layout, settings);
  recorded.set(doc, result.repairs);
  for (const a of result.ambiguities)
    ctx.report(doc, valueAmbiguous, { messageId: 'glued', data: { raw: a.raw, reading: a.reading, alternative: a.alternative }, source: { page: a.page, line: a.line } });
  doc.layout = result.layout;
  return result.layout;
}
