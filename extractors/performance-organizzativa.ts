/**
 * Family `performance-organizzativa` (seed 004): a plan of organisational
 * objectives funded by a performance pool.
 *
 * The document prints (1) the entity's weighting tables: staff-count bracket
 * -> coefficient and strategicità category -> peso; (2) one big table with a
 * row per objective (N., group, title, period, staff, category, N. DIP.,
 * PESO %, COEFF., TOTALE COEFF., IMPORTO); (3) one sheet per objective
 * (`OBIETTIVO N. x`) with title, description, tempi, fasi, indicators with
 * their share of the objective, minimum threshold and staff. Each table row
 * is joined with its sheet.
 *
 * The big table and the indicator tables are read from the table model
 * (columns by their header's vocabulary, each value with its cell). Where the
 * layout has no table (the seed's text export, one cell per line, some row
 * numbers lost), a row is read from its lines: it ends at its category and
 * the amount after it, and its vertical group heading comes rejoined by the
 * ingest normalizer (`pipeline/ingest/normalize.ts`).
 */
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../models/layout.js';
import type { Allocation, CellSources, Indicator, Objective, Provenance, ScoringTables } from '../models/plan.js';
import { rowUnaligned } from '../pipeline/checks.js';
import type { ExtractContext, ExtractResult, Extractor } from './types.js';
import { bestLabel, collapseSpaces as clean, matchesLabel, normalizeLabel, textSimilarity } from './shared/labels.js';
import { newAction, newIndicator, newObjective, provenanceOf } from './shared/model.js';
import { parseItalianDate } from './shared/dates.js';
import { parseItalianNumber, parsePercent } from './shared/numbers.js';
import { parseTarget } from './shared/targets.js';
import { findEntity } from './shared/document.js';
import { maxOf, minOf } from './shared/extent.js';
import { cellSource, columnsByRole, dataRows, headerTexts, tableGrid } from './shared/tables.js';

type Line = LayoutLine;

const joinText = (lines: readonly Line[]) =>
  clean(lines.map((l) => l.text.trim()).reduce((acc, t) => (acc.endsWith('-') && /^[a-zà-ù]/.test(t) ? acc + t : `${acc} ${t}`), ''));

/* ------------------------------------------------------------------ */
/* Weighting tables                                                     */
/* ------------------------------------------------------------------ */

const BRACKET_RE = /^(?:(\d+)|da\s+(\d+)\s+a\s+(\d+)|pi[uù]\s+di\s+(\d+)|oltre\s+(\d+)|(tutt[oi]\s+il\s+personale.*?))\s+(\d+(?:,\d+)?)$/i;
const CATEGORY_RE = /^(\d)\s*\.\s*([\p{L} ]+?)\s+(\d+(?:,\d+)?)$/iu;

/** Reads the two weighting tables printed before the big table; null when the document has none. */
export function readScoringTables(lines: readonly Line[]): ScoringTables | null {
  const bracketStart = lines.findIndex((l) => matchesLabel(l.text.trim(), 'N. dipendenti coinvolti'));
  const categoryStart = lines.findIndex((l) => /^strategicit/i.test(normalizeLabel(l.text)) && /peso/i.test(l.text));
  if (bracketStart < 0 && categoryStart < 0) return null;
  const staffBrackets: ScoringTables['staffBrackets'] = [];
  const categories: ScoringTables['categories'] = [];
  if (bracketStart >= 0) {
    for (let i = bracketStart + 1; i < lines.length && i < bracketStart + 40; i++) {
      const text = clean(lines[i]!.text);
      if (categoryStart >= 0 && i >= categoryStart) break;
      const m = BRACKET_RE.exec(text);
      if (!m) continue;
      const coefficient = parseItalianNumber(m[7]!)!;
      if (m[1]) staffBrackets.push({ min: Number(m[1]), max: Number(m[1]), coefficient, raw: text });
      else if (m[2]) staffBrackets.push({ min: Number(m[2]), max: Number(m[3]), coefficient, raw: text });
      else if (m[4] ?? m[5]) {
        // "Più di 10" after "Da 8 a 9": the bracket starts where the previous one ends, so 10 is not left out.
        const printed = Number(m[4] ?? m[5]);
        const prevMax = staffBrackets.at(-1)?.max ?? null;
        const min = prevMax !== null && prevMax + 1 <= printed ? prevMax + 1 : printed + 1;
        staffBrackets.push({ min, max: null, coefficient, raw: text });
      } else staffBrackets.push({ min: null, max: null, coefficient, raw: text });
    }
  }
  if (categoryStart >= 0) {
    for (let i = categoryStart + 1; i < lines.length && i < categoryStart + 20; i++) {
      const text = clean(lines[i]!.text);
      const m = CATEGORY_RE.exec(text);
      if (m) categories.push({ n: Number(m[1]), name: m[2]!.trim().toLowerCase(), weight: parseItalianNumber(m[3]!)!, raw: text });
      else if (categories.length > 0 && text !== '') break;
    }
  }
  if (staffBrackets.length === 0 && categories.length === 0) return null;
  const at = lines[bracketStart >= 0 ? bracketStart : categoryStart]!;
  return { categories, staffBrackets, source: provenanceOf(at) };
}

/* ------------------------------------------------------------------ */
/* The mangled allocation table                                         */
/* ------------------------------------------------------------------ */

const CATEGORIES = ['strategico', 'innovativo', 'miglioramento', 'mantenimento', 'una tantum'];
const ROW_END_RE = new RegExp(`(?:^|\\s)(${CATEGORIES.join('|')})((?:\\s+\\d+(?:[.,]\\d+)?)+)\\s*$`, 'i');
const AMOUNT_RE = /^\d{1,3}(?:\.\d{3})*,\d{1,2}$/;
const ROW_NUMBER_RE = /^\d{1,2}$/;
/**
 * A group heading printed vertically in its cell (`GENERALE`, `SETTORE AMM.VO-FINANZIARIO`): one
 * capitalized token (the ingest normalizer rejoins the letters a text export prints one a line).
 */
const GROUP_HEADING_RE = /^[A-ZÀ-Ý][A-ZÀ-Ý.\-–’']{2,}$/u;
const PERIOD_START_RE = /^(?:anno\b|biennio|triennio|trienn|quadrienn|annual|fino\s+al|dal\b|entro\b|nel\s+periodo|gennaio|(?:19|20)\d\d(?!\.)|\d{1,2}\/\d{1,2}\/)/i;
const STAFF_START_RE =
  /^(?:n[.°]\s*\d|n\.\s|dirigent|dipendent|responsabil|resp\.|incaricat|agenti|personale\s+(?:dip|del|tecn|ammin)|tutt[oi]|\d{1,3}\s+(?:istrutt|dipend|agent|operat|impieg|resp|addett|tecnic|amministr)|impiegat|istrutt|operai|uffici|addett|tecnic)/iu;

export interface TableRow {
  /** Position in the table, 1-based. */
  ordinal: number;
  printedNumber: number | null;
  letters: string;
  textLines: Line[];
  categoryLine: Line;
  allocation: Allocation;
  /** Read from a table of cells: title, period and staff each from its own cell. */
  cellText?: { title: string; period: string; staff: string };
  /** Where each allocation field was read (cells with a box). */
  cells?: CellSources;
}

/* ------------------------------------------------------------------ */
/* The allocation table as a table of cells                            */
/* ------------------------------------------------------------------ */

/** Header vocabulary of the allocation table's numeric columns, in the order columns are given out. */
const ALLOCATION_ROLES = {
  totalCoefficient: ['TOTALE COEFF.', 'Totale coefficiente', 'Totale punti', 'Punteggio'],
  coefficient: ['COEFF. MULTIPLIC. DIP.', 'Coefficiente', 'Coeff. dip.', 'Coefficiente personale'],
  staffCount: ['N. DIP.', 'N. dipendenti', 'Numero dipendenti', 'Dipendenti coinvolti'],
  categoryWeight: ['PESO %', 'Peso', 'Peso strategicità'],
  amount: ['IMPORTO STANZIATO', 'Importo', 'Importo assegnato', 'Risorse assegnate'],
} as const;
type AllocationRole = keyof typeof ALLOCATION_ROLES;
const TEXT_ROLES = {
  title: ['Obiettivo', 'Titolo', 'Descrizione obiettivo', 'Titolo obiettivo'],
  period: ['Periodo', 'Tempi', 'Durata', 'Annualità', 'Tempi di attuazione'],
  staff: ['Personale coinvolto', 'Dipendenti coinvolti', 'Personale da coinvolgere'],
} as const;

const boxOf = (cell: TableCell | null | undefined): Provenance | null => (cell?.bbox ? cellSource(cell) : null);
function note(cells: CellSources, field: string, cell: TableCell | null | undefined): void {
  const p = boxOf(cell);
  if (p) cells[field] = p;
}

const categoryOf = (text: string) => {
  const t = normalizeLabel(text);
  return CATEGORIES.find((c) => t === c || t.startsWith(`${c} `) || t.replace(/^\d\s*/, '') === c) ?? null;
};
const isGroupCell = (text: string) => /^(?:generale|intersettor|settore)/.test(normalizeLabel(text));

/**
 * Columns by header role; a header wrapped inside a narrow cell (`TOTAL` / `E COEFF.`, `MULTIPLI` / `C.`)
 * is also compared without its spaces.
 */
function rolesOf<R extends string>(headers: readonly string[], roles: Readonly<Record<R, readonly string[]>>): Partial<Record<R, number>> {
  const squeeze = (t: string) => t.replace(/\s+/g, '');
  const found = columnsByRole(headers, roles);
  const taken = new Set<number>(Object.values(found) as number[]);
  const missing = (Object.keys(roles) as R[]).filter((r) => found[r] === undefined);
  if (missing.length === 0) return found;
  const squeezed = Object.fromEntries(missing.map((r) => [r, roles[r].map(squeeze)])) as unknown as Record<R, readonly string[]>;
  const again = columnsByRole(headers.map((h, c) => (taken.has(c) ? '' : squeeze(h))), squeezed);
  return { ...found, ...again };
}

/** The column whose data cells pass `test` most often (at least half the rows), or -1. */
function columnWhere(grid: (TableCell | null)[][], rows: number[], cols: number[], test: (t: string) => boolean): number {
  let best = -1;
  let bestHits = 0;
  for (const c of cols) {
    const hits = rows.filter((r) => test(grid[r]![c]?.text ?? '')).length;
    if (hits > bestHits && hits * 2 >= rows.length) {
      best = c;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * Reads the allocation table from a table of cells: the header row is the
 * one whose cells name the numeric columns (N. DIP., PESO, COEFF., TOTALE,
 * IMPORTO); the category, row number and group columns are found by their
 * data, the text columns by their header when it has one, else in order
 * (title, then period — the column whose cells name years —, then staff).
 */
export function readAllocationCells(layout: LayoutDocument): TableRow[] {
  for (const table of layout.tables) {
    const grid = tableGrid(table);
    const rowTexts = (r: number) => grid[r]!.map((c) => (c && c.row === r ? c.text : ''));
    let h = -1;
    let roles: Partial<Record<AllocationRole, number>> = {};
    for (let r = 0; r < Math.min(table.rows, 4); r++) {
      const found = rolesOf(rowTexts(r), ALLOCATION_ROLES);
      if (Object.keys(found).length >= 3) {
        h = r;
        roles = found;
        break;
      }
    }
    if (h < 0) continue;
    const headers = rowTexts(h);
    const data = Array.from({ length: table.rows - h - 1 }, (_, k) => h + 1 + k).filter((r) => grid[r]!.some((c) => c && c.text !== ''));
    if (data.length === 0) continue;
    const taken = new Set<number>(Object.values(roles));
    const free = () => Array.from({ length: table.cols }, (_, c) => c).filter((c) => !taken.has(c));
    const categoryCol = columnWhere(grid, data, free(), (t) => categoryOf(t) !== null);
    if (categoryCol >= 0) taken.add(categoryCol);
    const numberCol = columnWhere(grid, data, free(), (t) => ROW_NUMBER_RE.test(t));
    if (numberCol >= 0) taken.add(numberCol);
    const groupCol = columnWhere(grid, data, free(), isGroupCell);
    if (groupCol >= 0) taken.add(groupCol);
    const textRoles: Partial<Record<keyof typeof TEXT_ROLES, number>> = columnsByRole(
      headers.map((t, c) => (taken.has(c) ? '' : t)),
      TEXT_ROLES,
    );
    for (const c of Object.values(textRoles)) taken.add(c);
    const textCols = free().filter((c) => data.some((r) => (grid[r]![c]?.text ?? '') !== ''));
    textRoles.period ??= columnWhere(grid, data, textCols, (t) => PERIOD_START_RE.test(t) || /\b(?:19|20)\d\d\b/.test(t));
    if (textRoles.period < 0) delete textRoles.period;
    const rest = textCols.filter((c) => c !== textRoles.period);
    textRoles.title ??= rest.find((c) => textRoles.period === undefined || c < textRoles.period);
    textRoles.staff ??= rest.find((c) => c !== textRoles.title && (textRoles.period === undefined || c > textRoles.period));
    const rows: TableRow[] = [];
    for (const r of data) {
      const slot = (c: number | undefined) => (c === undefined || c < 0 ? null : grid[r]![c] ?? null);
      const text = (c: number | undefined) => clean(slot(c)?.text ?? '');
      const number = (role: AllocationRole) => {
        const cell = slot(roles[role]);
        return cell && cell.row === r && cell.text !== '' ? parseItalianNumber(clean(cell.text)) : null;
      };
      const printed = ROW_NUMBER_RE.test(text(numberCol)) ? Number(text(numberCol)) : null;
      const first = grid[r]!.find((c) => c && c.row === r && c.text !== '') ?? grid[r]!.find((c) => c) ?? null;
      if (!first) continue;
      const cells: CellSources = {};
      note(cells, 'allocation.row', slot(numberCol));
      note(cells, 'allocation.group', slot(groupCol));
      note(cells, 'allocation.category', slot(categoryCol));
      note(cells, 'allocation.periodRaw', slot(textRoles.period));
      note(cells, 'allocation.staffRaw', slot(textRoles.staff));
      note(cells, 'title', slot(textRoles.title));
      for (const role of Object.keys(ALLOCATION_ROLES) as AllocationRole[]) {
        const cell = slot(roles[role]);
        if (cell && cell.text !== '') note(cells, `allocation.${role}`, cell);
      }
      const groupText = text(groupCol);
      const amountRaw = text(roles.amount) || null;
      const line = layout.pages.flatMap((p) => p.lines).find((l) => l.table?.id === table.id && l.table.row === r) ?? null;
      const source = boxOf(first) ?? (line ? provenanceOf(line) : cellSource(first));
      rows.push({
        ordinal: rows.length + 1,
        printedNumber: printed,
        letters: groupText,
        textLines: [],
        categoryLine: line ?? { page: first.page, line: first.line, text: first.text, cells: [] },
        cellText: { title: text(textRoles.title), period: text(textRoles.period), staff: text(textRoles.staff) },
        cells,
        allocation: {
          row: printed ?? rows.length + 1,
          rowPrinted: printed !== null,
          group: groupText ? groupOf(groupText) : null,
          groupRaw: groupText || null,
          periodRaw: text(textRoles.period) || null,
          staffRaw: text(textRoles.staff) || null,
          category: categoryOf(text(categoryCol)),
          staffCount: number('staffCount'),
          categoryWeight: number('categoryWeight'),
          coefficient: number('coefficient'),
          totalCoefficient: number('totalCoefficient'),
          amount: amountRaw ? parseItalianNumber(amountRaw) : null,
          amountRaw,
          source,
        },
      });
    }
    if (rows.length > 0) return rows;
  }
  return [];
}

/** Reads every row of the allocation table: a row ends at its category line and the amount after it. */
export function readAllocationTable(lines: readonly Line[]): TableRow[] {
  const rows: TableRow[] = [];
  // The table starts after its column headings (the last is the IMPORTO note `… dalla G.C.)`),
  // or at least after the weighting tables, whose lines look like rows (`3. miglioramento 20`).
  const headingEnd = lines.findIndex((l) => /dalla\s+G\.?\s*C\.?\s*\)/i.test(l.text));
  const lastCategory = lines.reduce((last, l, i) => (CATEGORY_RE.test(clean(l.text)) ? i : last), -1);
  let start = Math.max(headingEnd, lastCategory) + 1;
  for (let i = start; i < lines.length; i++) {
    const text = clean(lines[i]!.text);
    const m = ROW_END_RE.exec(text);
    if (!m) continue;
    const numbers = m[2]!.trim().split(/\s+/).map((n) => parseItalianNumber(n));
    const before = text.slice(0, m.index).trim();
    // Up to two numeric lines follow: a total printed apart (`15,00`), then the amount.
    const after: Line[] = [];
    let j = i + 1;
    while (j < lines.length && after.length < 2) {
      const t = clean(lines[j]!.text);
      if (t === '') {
        j++;
        continue;
      }
      if (!AMOUNT_RE.test(t)) break;
      after.push(lines[j]!);
      j++;
    }
    const amountLine = after.at(-1) ?? null;
    for (const extra of after.slice(0, -1)) numbers.push(parseItalianNumber(clean(extra.text)));
    const body = lines.slice(start, i).filter((l) => l.text.trim() !== '');
    if (before !== '') body.push({ ...lines[i]!, text: before });
    let printedNumber: number | null = null;
    const letters: string[] = [];
    const textLines: Line[] = [];
    for (const line of body) {
      const t = clean(line.text);
      if (printedNumber === null && textLines.length === 0 && letters.length === 0 && ROW_NUMBER_RE.test(t)) printedNumber = Number(t);
      else if (textLines.length === 0 && letters.length === 0 && GROUP_HEADING_RE.test(t)) letters.push(t);
      else textLines.push(line);
    }
    const [staffCount = null, categoryWeight = null, coefficient = null, totalCoefficient = null] = numbers;
    const amountRaw = amountLine ? clean(amountLine.text) : null;
    rows.push({
      ordinal: rows.length + 1,
      printedNumber,
      letters: letters.join(''),
      textLines,
      categoryLine: lines[i]!,
      allocation: {
        row: printedNumber ?? rows.length + 1,
        rowPrinted: printedNumber !== null,
        group: groupOf(letters.join('')),
        groupRaw: letters.length > 0 ? letters.join(' ') : null,
        periodRaw: null,
        staffRaw: null,
        category: m[1]!.toLowerCase(),
        staffCount,
        categoryWeight,
        coefficient,
        totalCoefficient,
        amount: amountRaw ? parseItalianNumber(amountRaw) : null,
        amountRaw,
        source: provenanceOf(lines[i]!),
      },
    });
    start = amountLine ? lines.indexOf(amountLine) + 1 : i + 1;
  }
  return rows;
}

/** The group named by a vertical heading (`IN T E R S E T T O R IA L E`) or a sheet's group line. */
function groupOf(text: string): Allocation['group'] {
  const t = normalizeLabel(text).replace(/\s+/g, '');
  if (/^in?t?ersettor/.test(t)) return 'intersettoriale';
  if (/^g?enerale/.test(t)) return 'generale';
  return t.length > 3 ? 'settore' : null;
}

/**
 * Splits a row's text into title, period and staff. With the sheet's title
 * known, the title takes the lines that best reproduce it; otherwise the
 * title ends where a period starts.
 */
function splitRowText(lines: readonly Line[], sheetTitle: string | null): { title: string; period: string; staff: string } {
  const texts = lines.map((l) => clean(l.text));
  let titleEnd = -1;
  if (sheetTitle) {
    let best = 0;
    for (let k = 1; k <= texts.length; k++) {
      const score = textSimilarity(texts.slice(0, k).join(' '), sheetTitle);
      if (score > best + 0.001) {
        best = score;
        titleEnd = k;
      }
    }
    if (best < 0.5) titleEnd = -1;
  }
  // The table may print a longer title than the sheet: it runs on to the first period-like line.
  const from = Math.max(titleEnd, 1);
  let periodStart = texts.findIndex((t, i) => i >= from && PERIOD_START_RE.test(t));
  let staffStart = texts.findIndex((t, i) => i >= from && (periodStart < 0 || i > periodStart) && STAFF_START_RE.test(t));
  if (staffStart < 0) staffStart = texts.length;
  if (periodStart < 0 || periodStart > staffStart) periodStart = staffStart;
  titleEnd = periodStart;
  const join = (from: number, to: number) => joinText(lines.slice(from, to));
  let title = join(0, titleEnd);
  let period = join(titleEnd, staffStart);
  // `Chiari Attrattiva 2025`: the period printed on the title's last line.
  const trailing = /\s((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)$/.exec(title);
  if (period === '' && trailing) {
    period = trailing[1]!;
    title = title.slice(0, trailing.index).trim();
  }
  return { title, period, staff: join(staffStart, texts.length) };
}

/* ------------------------------------------------------------------ */
/* Sheets                                                               */
/* ------------------------------------------------------------------ */

const SHEET_RE = /^OBB?IETTIVO\s+N\s*[.°]?\s*(\d*)\s*$/i;
const PAGE_NUMBER_RE = /^\d{1,3}$/;

const SHEET_FIELDS = [
  ['title', 'OBIETTIVO:'],
  ['description', "Descrizione dell'obiettivo"],
  ['tempi', 'Tempi di attuazione'],
  ['fasi', 'Fasi di attuazione'],
  ['activities', 'Attività operative da svolgere'],
  ['indicators', 'Indicatori operativi'],
  ['threshold', 'Soglia minima risultato atteso'],
  ['staff', 'Personale da coinvolgere'],
  ['verification', 'Indicatori per la verifica'],
] as const;
type SheetField = (typeof SHEET_FIELDS)[number][0];
const SHEET_LABELS = SHEET_FIELDS.map(([, l]) => l);

interface SheetPart {
  first: Line;
  /** Text after the label on the label's own line. */
  inline: string;
  lines: Line[];
}

export interface Sheet {
  number: number | null;
  ordinal: number;
  header: Line;
  groupLines: Line[];
  year: number | null;
  parts: Partial<Record<SheetField, SheetPart>>;
}

function fieldOfLine(text: string): { field: SheetField; rest: string } | null {
  const t = text.trim();
  if (/^OBB?IETTIVO\s*:/i.test(t)) return { field: 'title', rest: t.replace(/^OBB?IETTIVO\s*:/i, '').trim() };
  const label = bestLabel(t, SHEET_LABELS.slice(1));
  if (!label) return null;
  const field = SHEET_FIELDS.find(([, l]) => l === label)![0];
  const colon = t.indexOf(':');
  const rest = colon >= 0 && colon < label.length + 60 ? t.slice(colon + 1).trim() : '';
  return { field, rest };
}

/** Splits the document from the first `OBIETTIVO N.` into sheets. */
export function readSheets(lines: readonly Line[]): Sheet[] {
  const headers = lines.map((l, i) => (SHEET_RE.test(l.text.trim()) ? i : -1)).filter((i) => i >= 0);
  const sheets: Sheet[] = [];
  headers.forEach((h, k) => {
    const header = lines[h]!;
    const number = SHEET_RE.exec(header.text.trim())![1];
    // Group lines: between `ANNO 2025` and the header.
    const groupLines: Line[] = [];
    let year: number | null = null;
    for (let i = h - 1; i >= 0 && i >= h - 8; i--) {
      const t = clean(lines[i]!.text);
      if (t === '') continue;
      if (/^ANNO\s+(\d{4})/i.test(t)) {
        year = Number(/(\d{4})/.exec(t)![1]);
        break;
      }
      if (/PERFORMANCE ORGANIZZATIVA/i.test(t)) break;
      groupLines.unshift(lines[i]!);
    }
    const end = k + 1 < headers.length ? headers[k + 1]! : lines.length;
    const parts: Sheet['parts'] = {};
    let current: SheetPart | null = null;
    for (let i = h + 1; i < end; i++) {
      const line = lines[i]!;
      const t = clean(line.text);
      if (t === '') continue;
      if (/^PERFORMANCE ORGANIZZATIVA$/i.test(t)) break; // the next sheet's page header
      const hit = fieldOfLine(t);
      if (hit && !parts[hit.field]) {
        current = { first: line, inline: hit.rest, lines: [] };
        parts[hit.field] = current;
        continue;
      }
      current?.lines.push(line);
    }
    sheets.push({ number: number ? Number(number) : null, ordinal: k + 1, header, groupLines, year, parts });
  });
  return sheets;
}

/**
 * A bare number on its own line is a page number in running text; inside the
 * indicator table it is a quantity, so only the text parts drop it.
 */
const textLinesOf = (part: SheetPart) => part.lines.filter((l) => !PAGE_NUMBER_RE.test(clean(l.text)));
const partText = (part: SheetPart | undefined) => (part ? clean([part.inline, ...textLinesOf(part).map((l) => l.text)].join(' ')) : '');

const SHARE_RE = /\(?\s*se\s+complet[ao]t[ao]\s*=?\s*(?:raggiungimento\s*)?(\d+(?:[.,]\d+)?)\s*%\s*(?:dell['’]\s*)?(?:obiettivo)?\s*\)?/gi;
const QUANTITY_START_RE = /^(?:\d+(?:[.,]\d+)?\s*%?$|almeno|n[.°]\s*\d|n\.\s*\d|minore|maggiore|non\s+(?:inferiore|superiore)|entro|\d+(?:[.,]\d+)?\s*(?:%|su|azion|attivit|event|incontr|corsi|pratich|document|relazion|verbal|report|atti\b)|100\s*%|tutt[ie]\b)/i;
const TRAILING_QUANTITY_RE = /\s((?:almeno\s+)?n[.°]\s*\d+\s+\p{L}+)$/iu;
const INDICATOR_HEADER = ['Indicatori operativi', 'per il raggiungimento', "dell'obiettivo", 'Quantità', 'Attività riferibile agli indicatori'];

/** The indicators of a sheet: name, quantity (target), activity, and share of the objective. */
export function readIndicators(part: SheetPart | undefined, objectiveId: string, year: number | null): Indicator[] {
  if (!part) return [];
  // Skip the column headings, however they wrap (`per il` / `raggiungimento`).
  const heading = normalizeLabel(INDICATOR_HEADER.join(' '));
  let skip = 0;
  while (skip < part.lines.length && heading.includes(normalizeLabel(part.lines[skip]!.text))) skip++;
  const lines = part.lines.slice(skip);
  // Offsets of each line in the joined text, to cut groups at the share clauses.
  let text = '';
  const offsets: number[] = [];
  for (const l of lines) {
    offsets.push(text.length);
    text += `${clean(l.text)}\n`;
  }
  const indicators: Indicator[] = [];
  let from = 0;
  for (const m of text.matchAll(SHARE_RE)) {
    const groupText = text.slice(from, m.index);
    const firstChar = from + Math.max(0, groupText.search(/\S/));
    let firstLine = 0;
    while (firstLine + 1 < offsets.length && offsets[firstLine + 1]! <= firstChar) firstLine++;
    const groupLines = groupText.split('\n').map(clean).filter((t) => t !== '');
    from = m.index + m[0].length;
    if (groupLines.length === 0) continue;
    // Columns: name (narrow), quantity (narrower), activity (wide). Without a quantity, the
    // activity starts at the first wide line.
    let q = groupLines.findIndex((t, i) => i > 0 && QUANTITY_START_RE.test(t));
    if (q < 0) {
      // `Potenziamento DUC n. 1 azione`: the quantity printed at the end of a name line.
      const k = groupLines.findIndex((t) => TRAILING_QUANTITY_RE.test(t));
      if (k >= 0) {
        const m = TRAILING_QUANTITY_RE.exec(groupLines[k]!)!;
        groupLines.splice(k, 1, groupLines[k]!.slice(0, m.index).trim(), m[1]!);
        q = k + 1;
      }
    }
    let a: number;
    if (q < 0) {
      a = groupLines.findIndex((t, i) => i > 0 && t.length > 30);
      if (a < 0) a = groupLines.length;
      q = a;
    } else {
      a = q;
      while (a < groupLines.length && groupLines[a]!.length <= 16) a++;
      if (a === q && a < groupLines.length) a++;
    }
    const name = clean(groupLines.slice(0, q).join(' '));
    const quantity = clean(groupLines.slice(q, a).join(' '));
    const activity = clean(groupLines.slice(a).join(' '));
    const at = lines[firstLine] ?? part.first;
    const indicator = newIndicator(`${objectiveId}/I${indicators.length + 1}`, name || activity, provenanceOf(at));
    indicator.kindRaw = activity || null;
    indicator.kind = 'attivita';
    indicator.weight = parseItalianNumber(m[1]!);
    if (quantity) indicator.targets.push(parseTarget(quantity, year));
    indicator.polarity = /minore|inferiore|ridu/i.test(quantity) ? 'lower-better' : 'higher-better';
    indicators.push(indicator);
  }
  return indicators;
}

const SHARE_ONE_RE = new RegExp(SHARE_RE.source, 'i');

/** An indicator table of a sheet, or the rows of it printed in the sheet. */
interface SheetTable {
  table: LayoutTable;
  rows: ReadonlySet<number> | null;
}

/** Header vocabulary of a sheet's indicator table. */
const INDICATOR_ROLES = {
  name: ['Indicatori operativi', 'Indicatore', 'Indicatori'],
  quantity: ['Quantità', 'Target', 'Valore atteso', 'Risultato atteso'],
  activity: ['Attività riferibile agli indicatori', 'Attività', 'Descrizione'],
} as const;

/** The columns of an indicator table, or null when the table is none. */
function indicatorColumns(table: LayoutTable): Partial<Record<keyof typeof INDICATOR_ROLES, number>> | null {
  const headers = table.headerRows > 0 ? headerTexts(table) : tableGrid(table)[0]?.map((c) => c?.text ?? '') ?? [];
  const cols = rolesOf(headers, INDICATOR_ROLES);
  return cols.name !== undefined && (cols.quantity !== undefined || cols.activity !== undefined) ? cols : null;
}

/** A counted quantity (`n.1 azione`, `almeno n.2 incontri`) starting after a complete one. */
const SECOND_QUANTITY_RE = /^(.*\d(?:[.,]\d+)?\s*%?)\s+((?:almeno\s+)?n[.°]\s*\d+\s+\p{L}.*)$/iu;

/**
 * A quantity cell of two paragraphs, each a quantity (`minore o uguale a 0` / `n.1 azione`), printed
 * as one text: the first, ending in its number, is the target; the second is kept with the activity,
 * as the text reading keeps it (a cell's lines carry no paragraph break).
 */
export function splitQuantities(text: string): [string, string] {
  const m = SECOND_QUANTITY_RE.exec(text);
  return m && QUANTITY_START_RE.test(m[1]!) ? [m[1]!.trim(), m[2]!.trim()] : [text, ''];
}

/**
 * The indicators of a sheet's indicator table, one per row: name, quantity
 * (the target), activity, and the share of the objective named in the row
 * (`se completata = raggiungimento N% obiettivo`), each with its cell.
 */
export function readIndicatorCells(table: LayoutTable, objectiveId: string, year: number | null, only: ReadonlySet<number> | null = null): Indicator[] {
  const cols = indicatorColumns(table);
  if (!cols) return [];
  const out: Indicator[] = [];
  const rows = (table.headerRows > 0 ? dataRows(table) : dataRows({ ...table, headerRows: 1 })).filter((r) => !only || only.has(r.index));
  for (const row of rows) {
    const cell = (c: number | undefined) => (c === undefined ? null : row.slots[c] ?? null);
    const nameCell = cell(cols.name);
    const quantityCell = cell(cols.quantity);
    const activityCell = cell(cols.activity);
    let weight: number | null = null;
    const strip = (t: string) =>
      clean(
        t.replace(SHARE_RE, (_m, n: string) => {
          weight ??= parseItalianNumber(n);
          return ' ';
        }),
      );
    const name = strip(nameCell?.text ?? '');
    const [quantity, further] = splitQuantities(strip(quantityCell?.text ?? ''));
    const activity = clean(`${further} ${strip(activityCell?.text ?? '')}`);
    const prev = out.at(-1);
    const startsHere = (c: TableCell | null) => c !== null && c.row === row.index && c.text.trim() !== '';
    if (!startsHere(nameCell) && !startsHere(quantityCell) && prev) {
      // The activity cell of the row above goes on (a wrapped cell read as rows of its own).
      prev.kindRaw = clean(`${prev.kindRaw ?? ''} ${activity}`) || null;
      prev.weight ??= weight;
      continue;
    }
    if (name === '' && activity === '') continue;
    // A row without a quantity or a share is a note written in the table (`Soglia minima …`), not an indicator.
    if (quantity === '' && weight === null) continue;
    const first = nameCell ?? activityCell!;
    const indicator = newIndicator(`${objectiveId}/I${out.length + 1}`, name || activity, cellSource(first));
    const cells: CellSources = {};
    note(cells, 'name', nameCell);
    note(cells, 'kindRaw', activityCell);
    note(cells, 'weight', [nameCell, quantityCell, activityCell].find((c) => c && SHARE_ONE_RE.test(c.text)) ?? null);
    if (Object.keys(cells).length > 0) indicator.cells = cells;
    indicator.kindRaw = activity || null;
    indicator.kind = 'attivita';
    indicator.weight = weight;
    if (quantity) {
      const target = parseTarget(quantity, year);
      const box = boxOf(quantityCell);
      if (box) target.source = box;
      indicator.targets.push(target);
    }
    indicator.polarity = /minore|inferiore|ridu/i.test(quantity) ? 'lower-better' : 'higher-better';
    out.push(indicator);
  }
  return out;
}

const FASE_START_RE = /^(?:entro\b|\d+\s*[.)]\s|[-–•]\s*|fase\b|\d+\s*°)/i;
const YEAR_HEADING_RE = /^(?:anno\s+)?((?:19|20)\d\d)(?:\s*[÷\-–]\s*(?:19|20)\d\d)?\s*:?$/i;
/** `2025:- entro giugno …`: a year heading with the first item on the same line. */
const YEAR_PREFIX_RE = /^((?:19|20)\d\d)\s*:\s*[-–]?\s*(.+)$/;

/** The fasi as actions: one per item (`Entro aprile 2024: …`, `1. …`), with the deadline each names. */
function readFasi(part: SheetPart | undefined, objectiveId: string, firstYear: number | null) {
  if (!part) return [];
  const items: { lines: Line[]; text: string[]; year: number | null }[] = [];
  // The annuality an item is written under: only an explicit heading (`Anno 2025`, `2026:`) sets it.
  let year: number | null = null;
  const all: { line: Line; text: string }[] = [];
  if (part.inline) all.push({ line: part.first, text: part.inline });
  for (const l of textLinesOf(part)) all.push({ line: l, text: clean(l.text) });
  let prevEnds = true;
  for (const entry of all) {
    const { line } = entry;
    let { text } = entry;
    const heading = YEAR_HEADING_RE.exec(text);
    if (heading) {
      year = Number(heading[1]);
      prevEnds = true;
      continue;
    }
    const prefixed = YEAR_PREFIX_RE.exec(text);
    if (prefixed) {
      year = Number(prefixed[1]);
      text = prefixed[2]!;
      prevEnds = true;
    }
    if (items.length === 0 || prevEnds || FASE_START_RE.test(text)) items.push({ lines: [line], text: [text], year });
    else {
      items.at(-1)!.lines.push(line);
      items.at(-1)!.text.push(text);
    }
    prevEnds = /[.;]$/.test(text);
  }
  return items.map((item, i) => {
    const text = clean(item.text.join(' '));
    const action = newAction(`${objectiveId}/F${i + 1}`, text, provenanceOf(item.lines[0]!));
    action.n = i + 1;
    const annuality = /\b(?:anno|annualit[àa])\s+((?:19|20)\d\d)\b/i.exec(text);
    action.year = item.year ?? (annuality ? Number(annuality[1]) : null);
    // The deadline is the date right after `entro` (the rest of the item may cite laws and their dates).
    const entro = /\bentro\b[^:;]{0,80}/i.exec(text);
    if (entro) {
      // Up to the colon that introduces the fase, or 80 characters cut at a word.
      const clause = clean(entro[0].length < 80 ? entro[0] : entro[0].replace(/\s+\S*$/, ''));
      const parsed = parseItalianDate(clause, item.year ?? firstYear);
      action.deadlineRaw = clause;
      action.deadline = parsed.iso;
    }
    return action;
  });
}

function yearsOf(tempi: string): number[] {
  const years = [...tempi.matchAll(/(?:19|20)\d\d/g)].map((m) => Number(m[0]));
  const dates = [...tempi.matchAll(/\d{1,2}\/\d{1,2}\/((?:19|20)\d\d)/g)].map((m) => Number(m[1]));
  const all = [...years, ...dates];
  if (all.length === 0) return [];
  const from = Math.min(...all);
  const to = Math.max(...all);
  if (to - from > 10) return [];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/* ------------------------------------------------------------------ */
/* Join                                                                 */
/* ------------------------------------------------------------------ */

const idOf = (n: number) => `OB${String(n).padStart(2, '0')}`;

function objectiveFromSheet(sheet: Sheet, n: number, tables: readonly SheetTable[] = []): Objective {
  const id = idOf(n);
  const title = partText(sheet.parts.title);
  const objective = newObjective(id, 'organizzativo', title, provenanceOf(sheet.header));
  objective.code = sheet.number !== null ? String(sheet.number) : null;
  objective.description = partText(sheet.parts.description) || null;
  const groupRaw = joinText(sheet.groupLines);
  if (groupRaw) {
    objective.unit = groupRaw;
    const settore = /^(SETTORE\b[^–/]*?)(?:\s*[–/]\s*|\s+-\s+|$)/i.exec(groupRaw);
    objective.sector = settore ? clean(settore[1]!) : /^INTERSETTORIALE/i.test(groupRaw) ? 'INTERSETTORIALE' : /^GENERALE/i.test(groupRaw) ? 'GENERALE' : null;
  }
  const tempi = partText(sheet.parts.tempi);
  objective.years = yearsOf(tempi);
  const threshold = partText(sheet.parts.threshold);
  objective.minimumThreshold = parsePercent(threshold) ?? parseItalianNumber(threshold);
  objective.indicators = tables.length > 0 ? tables.flatMap((t) => readIndicatorCells(t.table, id, sheet.year, t.rows)) : readIndicators(sheet.parts.indicators, id, sheet.year);
  objective.indicators.forEach((ind, k) => (ind.id = `${id}/I${k + 1}`));
  objective.actions = readFasi(sheet.parts.fasi, id, sheet.year ?? objective.years[0] ?? null);
  const staff = partText(sheet.parts.staff);
  if (staff) objective.staff.push({ who: staff, share: null, role: 'partecipante', raw: staff, source: provenanceOf(sheet.parts.staff!.first) });
  // Each field's place on the page: the box of the lines of its part (PDF input).
  const cells: CellSources = {};
  const place = (field: string, part: SheetPart | undefined) => {
    if (!part) return;
    const samePage = [part.first, ...textLinesOf(part)].filter((l) => l.page === part.first.page && l.bbox);
    if (samePage.length === 0) return;
    const bbox: [number, number, number, number] = [
      minOf(samePage.map((l) => l.bbox![0])),
      minOf(samePage.map((l) => l.bbox![1])),
      maxOf(samePage.map((l) => l.bbox![2])),
      maxOf(samePage.map((l) => l.bbox![3])),
    ];
    cells[field] = { page: part.first.page, line: part.first.line, bbox };
  };
  place('title', sheet.parts.title);
  place('description', sheet.parts.description);
  place('years', sheet.parts.tempi);
  place('minimumThreshold', sheet.parts.threshold);
  place('staff', sheet.parts.staff);
  if (Object.keys(cells).length > 0) objective.cells = cells;
  return objective;
}

function extract(layout: LayoutDocument, ctx: ExtractContext): ExtractResult {
  const lines = layout.pages.flatMap((p) => p.lines);
  const firstSheet = lines.findIndex((l) => SHEET_RE.test(l.text.trim()));
  const tableLines = firstSheet >= 0 ? lines.slice(0, firstSheet) : lines;
  const scoring = readScoringTables(tableLines);
  const fromCells = readAllocationCells(layout);
  const rows = fromCells.length > 0 ? fromCells : readAllocationTable(tableLines);
  const sheets = firstSheet >= 0 ? readSheets(lines) : [];

  // Join: by number (the sheet's printed number, else its position), confirmed by title.
  const sheetTitle = (s: Sheet) => partText(s.parts.title);
  const rowStart = (r: TableRow) => r.cellText?.title ?? joinText(r.textLines.slice(0, 12));
  const similarity = (r: TableRow, s: Sheet) => {
    const title = sheetTitle(s);
    return textSimilarity(rowStart(r).slice(0, title.length + 10), title);
  };
  // The indicator rows of each sheet: those printed after its heading and before the next one (a grid
  // the layout joined over several sheets gives each sheet its own rows).
  const tablesOf = new Map<Sheet, SheetTable[]>();
  const headerAt = sheets.map((sh) => lines.indexOf(sh.header));
  const sheetAt = (at: number) => {
    let k = -1;
    for (let j = 0; j < sheets.length; j++) if (headerAt[j]! >= 0 && headerAt[j]! <= at) k = j;
    return k < 0 ? null : sheets[k]!;
  };
  for (const table of layout.tables) {
    if (!indicatorColumns(table)) continue;
    const bySheet = new Map<Sheet, Set<number>>();
    lines.forEach((l, at) => {
      if (l.table?.id !== table.id || l.table.repeatedHeader) return;
      const sheet = sheetAt(at);
      if (!sheet) return;
      const rows = bySheet.get(sheet) ?? new Set<number>();
      rows.add(l.table.row);
      bySheet.set(sheet, rows);
    });
    for (const [sheet, rows] of bySheet) tablesOf.set(sheet, [...(tablesOf.get(sheet) ?? []), { table, rows }]);
  }
  const used = new Set<Sheet>();
  const pairs: { row: TableRow | null; sheet: Sheet | null; byTitle: boolean }[] = [];
  for (const row of rows) {
    const n = row.printedNumber ?? row.ordinal;
    let sheet = sheets.find((s) => !used.has(s) && (s.number ?? s.ordinal) === n) ?? null;
    let byTitle = false;
    if (!sheet || similarity(row, sheet) < 0.45) {
      const best = sheets
        .filter((s) => !used.has(s))
        .map((s) => ({ s, score: similarity(row, s) }))
        .sort((a, b) => b.score - a.score)[0];
      if (best && best.score >= 0.45 && best.s !== sheet) {
        sheet = best.s;
        byTitle = true;
      } else if (sheet && similarity(row, sheet) < 0.2) sheet = null;
    }
    if (sheet) used.add(sheet);
    pairs.push({ row, sheet, byTitle });
  }
  for (const sheet of sheets) if (!used.has(sheet)) pairs.push({ row: null, sheet, byTitle: false });

  const objectives: Objective[] = [];
  for (const { row, sheet, byTitle } of pairs) {
    const n = row ? row.allocation.row! : (sheet!.number ?? sheet!.ordinal);
    let objective: Objective;
    if (sheet) objective = objectiveFromSheet(sheet, n, tablesOf.get(sheet));
    else objective = newObjective(idOf(n), 'organizzativo', '', provenanceOf(row!.categoryLine));
    if (row) {
      const split = row.cellText ?? splitRowText(row.textLines, sheet ? sheetTitle(sheet) : null);
      row.allocation.periodRaw = split.period || null;
      row.allocation.staffRaw = split.staff || null;
      if (row.cells && Object.keys(row.cells).length > 0) objective.cells = { ...row.cells, ...objective.cells };
      if (sheet) {
        const g = groupOf(joinText(sheet.groupLines));
        if (g) {
          row.allocation.group = g;
          row.allocation.groupRaw = joinText(sheet.groupLines);
        }
      }
      objective.allocation = row.allocation;
      if (!objective.title) objective.title = split.title;
      if (objective.years.length === 0) objective.years = yearsOf(split.period);
      if (!row.allocation.rowPrinted)
        ctx.report(rowUnaligned, {
          messageId: 'numberRecovered',
          data: { row: row.ordinal, raw: rowStart(row).slice(0, 80) },
          objectiveId: objective.id,
          path: ['allocation', 'row'],
          source: row.allocation.source,
        });
      if (byTitle && sheet)
        ctx.report(rowUnaligned, {
          messageId: 'sheetJoined',
          data: { row: n, title: split.title.slice(0, 60), sheet: sheet.header.text.trim() },
          objectiveId: objective.id,
          source: provenanceOf(sheet.header),
        });
      if (!sheet)
        ctx.report(rowUnaligned, {
          messageId: 'sheetMissing',
          data: { row: n, title: split.title.slice(0, 60) },
          objectiveId: objective.id,
          source: row.allocation.source,
        });
    } else if (sheet) {
      ctx.report(rowUnaligned, {
        messageId: 'rowMissing',
        data: { sheet: sheet.header.text.trim() },
        objectiveId: objective.id,
        source: provenanceOf(sheet.header),
      });
    }
    objectives.push(objective);
  }

  const years = objectives.flatMap((o) => o.years);
  const planYear = sheets.find((s) => s.year !== null)?.year ?? null;
  // The period printed under the sheets' title page (`PERFORMANCE ORGANIZZATIVA` / `2025-2027`), else near the top.
  const titlePage = lines.findIndex((l, i) => i < (firstSheet < 0 ? lines.length : firstSheet) && /^PERFORMANCE ORGANIZZATIVA$/i.test(clean(l.text)));
  const near = titlePage >= 0 ? lines.slice(titlePage + 1, titlePage + 4) : lines.slice(0, 40);
  const periodMatch = /\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b/.exec(near.map((l) => l.text).join(' '));
  const period = periodMatch
    ? { from: Number(periodMatch[1]), to: Number(periodMatch[2]) }
    : planYear
      ? { from: planYear, to: planYear }
      : years.length > 0
        ? { from: Math.min(...years), to: Math.max(...years) }
        : null;
  return { entity: findEntity(layout, 200), period, objectives, scoring };
}

export const performanceOrganizzativa: Extractor = {
  family: 'performance-organizzativa',
  description: 'Obiettivi di performance organizzativa: tabelle di pesatura, tabella di ripartizione e schede «OBIETTIVO N.».',
  checks: [rowUnaligned],
  extract,
};
