/**
 * Dates written in Italian prose: deadlines, starts, periods and durations as
 * they appear in descriptions, phases and *Tempi di attuazione*:
 *
 * - periods: `nel periodo compreso tra il 1° marzo 2024 e il 30 giugno 2025`,
 *   `dal 01/01/2025 al 31/12/2025`, `01/01/2025 – 31/12/2025`, `dal 2025 al
 *   2026`, `Gennaio – dicembre 2025`, `2024 - 2025 - 2026`, `2025/2027`;
 * - deadlines: `entro il 30/06/2025`, `entro giugno 2025`, `entro il mese di
 *   dicembre`, `entro il 2025`, `entro l'anno`, `con termine nel 2029`,
 *   `conclusione nel 2028`, `fino al 30 marzo 2025`;
 * - starts: `a decorrere dal 1° marzo`, `a partire dal 2025`, `avvio nel 2024`;
 * - durations: `annuale`, `semestrale`, `biennale`, `biennio`, `triennale`,
 *   `triennio`, `quadriennale`, with the period printed right after them
 *   (`BIENNALE 01/01/2024 - 31/12/2025`, `triennio 2024-2026`).
 *
 * Single dates are read with `parseItalianDate` (extractors/shared/dates.ts).
 * A value is an ISO date (`2025-06-30`) or a year (`2025`) when the text gives
 * only the year; a month without a year takes `contextYear`, or stays unknown.
 */
import { MONTHS_IT, parseItalianDate } from './dates.js';

export type ProseDateKind = 'deadline' | 'start' | 'period' | 'duration';

/** One date statement found in prose. */
export interface ProseDate {
  kind: ProseDateKind;
  /** Start of the period (ISO date or `YYYY`), null when the text gives none. */
  from: string | null;
  /** End of the period or the deadline (ISO date or `YYYY`), null when the text gives none. */
  to: string | null;
  /** For durations: the length the word says, in months (biennale = 24). */
  months?: number;
  /** True for a range of years or dates printed without any word around it (`2024-2026`). */
  bare?: boolean;
  /** For durations: the word qualifies a named document (`Piano triennale 2021-2023`, `progetto triennale 2023/2025`), not the span of the text around it. */
  names?: boolean;
  /** The text matched, as printed. */
  text: string;
  /** Offset of `text` in the input. */
  index: number;
}

const MONTH = `(?:${MONTHS_IT.join('|')})`;
const NUM_DATE = String.raw`\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})(?!\d)`;
const WORD_DATE = String.raw`\d{1,2}(?:\s?°)?\s${MONTH}(?:\s(?:19|20)\d\d)?`;
/** A single date: `31/12/2025`, `1° marzo 2024`, `1° marzo`. */
const DATE = `(?:${NUM_DATE}|${WORD_DATE})`;
const YEAR = String.raw`(?:19|20)\d\d(?!\d)`;
const DASH = String.raw`\s?[-–—/]\s?`;
const ART = String.raw`(?:(?:il|l'|l’|la\s(?:data\s)?del|al|dal)\s?)?`;

const DURATIONS: [RegExp, number][] = [
  [/^semestral/i, 6],
  [/^trimestral/i, 3],
  [/^annual/i, 12],
  [/^bienn/i, 24],
  [/^trienn/i, 36],
  [/^quadrienn/i, 48],
  [/^quinquenn/i, 60],
];
const DURATION_WORD = String.raw`(?:semestrale|trimestrale|annuale|biennale|biennio|triennale|triennio|quadriennale|quadriennio|quinquennale|quinquennio)`;

const monthNumber = (word: string) => MONTHS_IT.indexOf(word.toLowerCase() as (typeof MONTHS_IT)[number]) + 1;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function validIso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDay(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** One date token as ISO; `1° marzo` without a year takes the context year. */
function readDate(token: string, contextYear: number | null): string | null {
  const dm = new RegExp(String.raw`^(\d{1,2})(?:\s*°)?\s+(${MONTH})$`, 'i').exec(token.trim());
  if (dm) return contextYear === null ? null : validIso(contextYear, monthNumber(dm[2]!), Number(dm[1]));
  const parsed = parseItalianDate(token);
  return parsed.status === 'ok' ? parsed.iso : null;
}

interface Pattern {
  kind: ProseDateKind;
  re: RegExp;
  read(m: RegExpExecArray, contextYear: number | null): Omit<ProseDate, 'text' | 'index' | 'kind'> | null;
}

/** Patterns are written with `\\s` for one space and `\\s?` for an optional one; printed text may have runs of them (line breaks included). */
const g = (src: string) => new RegExp(src.replace(/\\s\?/g, '\\s*').replace(/\\s(?![*+?])/g, '\\s+'), 'giu');

function durationMonths(word: string): number {
  return DURATIONS.find(([re]) => re.test(word))?.[1] ?? 0;
}

/** A range printed right after a duration word, or alone: dates, years or months of one year. */
const RANGE = String.raw`(?:(?:dal\s)?(${DATE})(?:${DASH}|\s(?:al|ed?\sil|ed?|fino\sal)\s)(${DATE})|(?:dal\s)?(${YEAR})(?:(?:${DASH}|\s(?:al|e)\s|\s)(${YEAR}))?(?:(?:${DASH}|\s)(${YEAR}))?|(${MONTH})${DASH}(${MONTH})\s(${YEAR}))`;

function readRange(m: RegExpExecArray, at: number, contextYear: number | null): { from: string | null; to: string | null } | null {
  const [d1, d2, y1, y2, y3, m1, m2, my] = m.slice(at, at + 8);
  if (d1 && d2) {
    const to = readDate(d2, contextYear);
    const toYear = to ? Number(to.slice(0, 4)) : contextYear;
    const from = readDate(d1, toYear);
    return from || to ? { from, to } : null;
  }
  if (y1) return { from: y1, to: y3 ?? y2 ?? y1 };
  if (m1 && m2 && my) {
    const year = Number(my);
    return { from: validIso(year, monthNumber(m1), 1), to: validIso(year, monthNumber(m2), lastDay(year, monthNumber(m2))) };
  }
  return null;
}

function monthEnd(monthWord: string, yearText: string | undefined, contextYear: number | null): string | null {
  const month = monthNumber(monthWord);
  const year = yearText ? Number(yearText) : contextYear;
  return year === null ? null : validIso(year, month, lastDay(year, month));
}

// Longest statements first: a period is never read again as the deadline it ends with.
const PATTERNS: Pattern[] = [
  {
    kind: 'duration',
    re: g(String.raw`\b(${DURATION_WORD})\b(?:\s?:)?(?:\s(?:dal\s|nel\s|per\sil\s)?${RANGE})?`),
    read(m, cy) {
      const range = m[2] !== undefined || m[4] !== undefined || m[7] !== undefined ? readRange(m, 2, cy) : null;
      return { from: range?.from ?? null, to: range?.to ?? null, months: durationMonths(m[1]!) };
    },
  },
  {
    kind: 'period',
    re: g(String.raw`\b(?:(?:nel\s)?periodo\s(?:ri)?compreso\s)?tra\s(?:il\s)?(${DATE})\s(?:ed?|e\sil|ed\sil)\s(?:il\s)?(${DATE})`),
    read(m, cy) {
      const to = readDate(m[2]!, cy);
      const from = readDate(m[1]!, to ? Number(to.slice(0, 4)) : cy);
      return from || to ? { from, to } : null;
    },
  },
  {
    kind: 'period',
    re: g(String.raw`\b(?:dal|da)\s(?:${ART})?(${DATE}|${YEAR})\s(?:al|a|fino\sal)\s(?:${ART})?(${DATE}|${YEAR})`),
    read(m, cy) {
      const isYear = (s: string) => /^\d{4}$/.test(s);
      const to = isYear(m[2]!) ? m[2]! : readDate(m[2]!, cy);
      const from = isYear(m[1]!) ? m[1]! : readDate(m[1]!, to ? Number(to.slice(0, 4)) : cy);
      return from || to ? { from, to } : null;
    },
  },
  {
    kind: 'period',
    re: g(String.raw`(?<![\d/.])(${DATE})${DASH.replace('[-–—/]', '[-–—]')}(${DATE})`),
    read(m, cy) {
      const to = readDate(m[2]!, cy);
      const from = readDate(m[1]!, to ? Number(to.slice(0, 4)) : cy);
      return from && to ? { from, to, bare: true } : null;
    },
  },
  {
    kind: 'period',
    re: g(String.raw`\b(${MONTH})${DASH}(${MONTH})\s(${YEAR})`),
    read(m) {
      const year = Number(m[3]);
      const a = monthNumber(m[1]!);
      const b = monthNumber(m[2]!);
      // Without a word before it, a month range may say what a thing covers (`pratiche risalenti al periodo ottobre – dicembre 2023`).
      return { from: validIso(year, a, 1), to: validIso(year, b, lastDay(year, b)), bare: true };
    },
  },
  {
    kind: 'start',
    re: g(String.raw`\b(?:a\sdecorrere\sdal(?:l'|l’|la\sdata\sdel)?|a\spartire\sdal(?:l'|l’|la\sdata\sdel)?|con\sdecorrenza\sdal(?:l'|l’)?|(?:con\s)?avvio\s(?:nel|dal)|avviat[oa]\s(?:nel|dal))\s?(?:(?:mese\sdi\s)?(${MONTH})(?:\s(${YEAR}))?\b|(${DATE})|(?:anno\s)?(${YEAR}))`),
    read(m, cy) {
      if (m[1]) {
        const year = m[2] ? Number(m[2]) : cy;
        return { from: year === null ? null : validIso(year, monthNumber(m[1]), 1), to: null };
      }
      if (m[3]) {
        const from = readDate(m[3], cy);
        return from ? { from, to: null } : null;
      }
      return { from: m[4]!, to: null };
    },
  },
  {
    kind: 'deadline',
    re: g(String.raw`\b(?:entro|fino\sal(?:l'|l’)?|non\soltre\s(?:il)?|termine\s(?:del|il|al)|scadenza\s(?:del|il|al)?|con\stermine\s(?:nel|il|al)|(?:e\s)?conclusione\s(?:nel|entro\sil|il)|da\sconcludere\s(?:nel|entro))\s?(?:${ART})?(?:(?:mese\sdi\s)?(${MONTH})(?:\s(?:del\s|dell'anno\s)?(${YEAR}))?\b|(${DATE})|(?:anno\s)?(${YEAR})|(anno|l'anno|l’anno|fine\sanno|fine\sdell'anno|fine\sdell’anno)\b(?:\s(${YEAR}))?)`),
    read(m, cy) {
      if (m[1]) {
        const to = monthEnd(m[1], m[2], cy);
        return { from: null, to };
      }
      if (m[3]) {
        const to = readDate(m[3], cy);
        return to ? { from: null, to } : null;
      }
      if (m[4]) return { from: null, to: m[4] };
      const year = m[6] ?? (cy === null ? null : String(cy));
      return { from: null, to: year };
    },
  },
  {
    kind: 'period',
    re: g(String.raw`(?<![\d/.,])(${YEAR})(?:\s?[-–—/]\s?|\s(?:e|al)\s)(${YEAR})(?:\s?[-–—/]\s?(${YEAR}))?(?![\d/.])`),
    read(m) {
      const from = m[1]!;
      const to = m[3] ?? m[2]!;
      return Number(to) >= Number(from) ? { from, to, bare: true } : null;
    },
  },
];

/** A document named just before a duration word: `Piano triennale`, `programma biennale`, `Piano Triennale per l'informatica`. */
const NAMED_BEFORE = /\b(?:piano|programma|progetto|documento|bilancio|dup|ptpct|piao|ciclo)\s+(?:[\p{L}']+\s+){0,2}$/iu;

/** Limit on the text read (prose of one objective is a few thousand characters). */
const MAX_CHARS = 200_000;

/**
 * Every date statement in a piece of prose, in the order they appear. Spans
 * never overlap: a longer statement (a period) hides the shorter ones inside it.
 * `contextYear` completes dates without a year (`entro il mese di dicembre`,
 * `a decorrere dal 1° marzo`, `entro l'anno`).
 */
export function proseDates(text: string, contextYear: number | null = null): ProseDate[] {
  const src = (text ?? '').slice(0, MAX_CHARS);
  const taken: [number, number][] = [];
  const out: ProseDate[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of src.matchAll(p.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const read = p.read(m as RegExpExecArray, contextYear);
      if (!read) continue;
      taken.push([start, end]);
      const names = p.kind === 'duration' && NAMED_BEFORE.test(src.slice(Math.max(0, start - 40), start));
      out.push({ kind: p.kind, ...read, ...(names ? { names } : {}), text: m[0], index: start });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** First day of a prose value (`2025` -> `2025-01-01`). */
export function startOf(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value;
}

/** Last day of a prose value (`2025` -> `2025-12-31`). */
export function endOf(value: string): string {
  return value.length === 4 ? `${value}-12-31` : value;
}

/** The year of a prose value. */
export function yearOf(value: string): number {
  return Number(value.slice(0, 4));
}

/**
 * Months a period covers, counted as the plans count them: `2024-2025` is 24
 * months, `01/01/2024 - 31/12/2025` 24, `15/06/2025 - 30/09/2025` 3.5 → 4.
 */
export function monthsBetween(from: string, to: string): number {
  const a = startOf(from);
  const b = endOf(to);
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  const days = (Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000 + 1;
  return Math.round(days / (365.25 / 12));
}

/** A line of prose with its place (the layout types, structurally, so that models and layouts from any reader fit). */
export interface ProseLine {
  text: string;
  page: number;
  line: number;
  bbox?: [number, number, number, number] | undefined;
}

interface LayoutLike {
  pages: readonly { lines: readonly { page: number; line: number; text: string; bbox?: [number, number, number, number] | undefined; table?: unknown }[] }[];
}
interface Placed {
  source: { page: number | null; line: number | null };
}

const before = (a: { page: number; line: number }, b: { page: number; line: number }) => a.page < b.page || (a.page === b.page && a.line < b.line);

/**
 * The prose lines (not table rows) each objective's text runs over in the
 * layout: from the line its heading was read on to the next objective's
 * heading. Objectives without a place, or read from the same line as the
 * next one (rows of one table), get no lines.
 */
export function objectiveProse(layout: LayoutLike | null | undefined, objectives: readonly Placed[]): ProseLine[][] {
  const out: ProseLine[][] = objectives.map(() => []);
  if (!layout) return out;
  const lines = layout.pages.flatMap((p) => p.lines).filter((l) => !l.table);
  const starts = objectives
    .map((o, i) => ({ i, page: o.source.page, line: o.source.line }))
    .filter((s): s is { i: number; page: number; line: number } => s.page !== null && s.line !== null)
    .sort((a, b) => a.page - b.page || a.line - b.line);
  // Heads of groups: objectives read from the same line as the next one (rows of one table) get no lines.
  const heads = starts.filter((s, k) => !(k + 1 < starts.length && starts[k + 1]!.page === s.page && starts[k + 1]!.line === s.line));
  // One sweep over the lines in reading order: each line belongs to the last heading at or before it.
  let h = -1;
  for (const l of lines) {
    while (h + 1 < heads.length && !before(l, heads[h + 1]!)) h++;
    if (h < 0) continue;
    out[heads[h]!.i]!.push({ text: l.text, page: l.page, line: l.line, bbox: l.bbox });
  }
  return out;
}

/** A statement found in prose lines, with the line it starts on. */
export interface PlacedProseDate extends ProseDate {
  at: ProseLine;
}

/** The date statements of some prose lines, read across line breaks, each with the line it starts on. */
export function proseDatesIn(lines: readonly ProseLine[], contextYear: number | null = null): PlacedProseDate[] {
  const starts: number[] = [];
  let text = '';
  for (const l of lines) {
    starts.push(text.length);
    text += l.text + '\n';
    if (text.length > MAX_CHARS) break;
  }
  return proseDates(text, contextYear).map((d) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= d.index) k++;
    return { ...d, at: lines[k]! };
  });
}
