/**
 * Family `piao-2.2-table` (seed 002): PIAO section 2.2 as two tables.
 *
 * The tree table (Settore / UOC / Linea Mandato / Obiettivi Strategici /
 * Missioni / Obiettivi Operativi / Tipo OB / one X-or-dash column per year)
 * gives mandate line -> strategic -> operational objective per unit; the
 * gestionali table (Settore / UOC / N.ro Ob / Tipo OB / Obiettivi Operativi /
 * Obiettivi Gestionali / Indicatori / Ufficio/Personale / Tipo Ind. / Data
 * Previsione / Target) the coded gestionale objectives with their indicators.
 *
 * Both are read from the layout's tables: each column by the role its header
 * names in a vocabulary of what offices print (`ROLES`), each row by its
 * cells in the grid (a merged cell belongs to every row it covers; an empty
 * leading cell of a text export inherits from the row above). Every value
 * keeps the cell it was read from (`cells`, `Target.source`). A row whose
 * cells do not sit under their headers (the seed's text export shifted some)
 * is read by the anchors it still has (the code or the indicator type; in
 * the tree table the year marks and the cells' content) and reported; a row
 * broken by a page break is joined again.
 */
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../models/layout.js';
import type { CellSources, Indicator, Objective, Period, Provenance } from '../models/plan.js';
import { parentMissing, rowUnaligned, valueUnreadable } from '../pipeline/checks.js';
import type { ExtractContext, ExtractResult, Extractor } from './types.js';
import { normalizeLabel, textSimilarity } from './shared/labels.js';
import { newIndicator, newObjective, provenanceOf } from './shared/model.js';
import { parseItalianDate } from './shared/dates.js';
import { parseTarget } from './shared/targets.js';
import { guessPolarity, isIndicatorKind, parseIndicatorKind } from './shared/kinds.js';
import { findEntity, findPeriod } from './shared/document.js';
import { cellSource, documentBlocks, headerTexts } from './shared/tables.js';
import { columnRoles, headerPhraseScore } from './shared/header-roles.js';

/**
 * Header vocabulary: role -> what offices print over the column (the
 * reference document's header first, then the synonyms of other PIAO and PEG
 * tables). Matched word by word from the start of the header, the longest
 * phrase winning (`extractors/shared/header-roles.ts`).
 */
export const ROLES = {
  sector: ['Settore', 'Area', 'Dipartimento', 'Direzione', 'Macrostruttura'],
  unit: ['UOC', 'U.O.C.', 'UOA', 'U.O.', 'Unità organizzativa', 'Unità operativa', 'Servizio', 'Struttura', 'Centro di responsabilità', 'CdR'],
  mandate: ['Linea Mandato', 'Linea di mandato', 'Linee di mandato', 'Linee programmatiche', 'Linea programmatica', 'Indirizzo strategico', 'Indirizzi strategici'],
  strategic: ['Obiettivi Strategici', 'Obiettivo strategico'],
  missione: ['Missioni', 'Missione', 'Missione/Programma', 'Missione e programma'],
  operativo: ['Obiettivi Operativi', 'Obiettivo operativo'],
  gestionale: ['Obiettivi Gestionali', 'Obiettivo gestionale', 'Obiettivi esecutivi', 'Obiettivo esecutivo', 'Obiettivi PEG', 'Obiettivo PEG'],
  code: ['N.ro Ob', 'N.ro', 'Nr.', 'N.', 'Codice', 'Codice obiettivo', 'Cod.', 'Numero'],
  type: ['Tipo OB', 'Tipo obiettivo', 'Tipologia obiettivo', 'Tipologia', 'Ambito'],
  indicator: ['Indicatori', 'Indicatore', 'Indicatori di risultato', 'Indicatore di risultato', 'KPI'],
  office: ['Ufficio/Personale', 'Ufficio', 'Uffici', 'Personale', 'Personale coinvolto', 'Responsabile', 'Referente', 'Ufficio responsabile'],
  kind: ['Tipo Ind.', 'Tipo indicatore', 'Tipologia indicatore', 'Dimensione', 'Dimensione indicatore'],
  deadline: ['Data Previsione', 'Data prevista', 'Data scadenza', 'Scadenza', 'Termine', 'Entro il', 'Tempi', 'Tempistica'],
  target: ['Target', 'Valore atteso', 'Risultato atteso', 'Valore obiettivo', 'Valore target', 'Traguardo'],
  baseline: ['Baseline', 'Valore di partenza', 'Valore iniziale', 'Situazione di partenza', 'Valore storico', 'Dato storico', 'Valore anno precedente'],
} as const;
type Role = keyof typeof ROLES;
type Columns = Partial<Record<Role, number>> & {
  /** Year-mark columns of the tree table (a header that is a year). */
  years: { col: number; year: number }[];
  /** Target columns of one year each (`Target 2025`, or `2025` under a `Target` header row). */
  targets: { col: number; year: number }[];
  /** The year a baseline header names (`Valore di partenza 2023`), if any. */
  baselineYear: number | null;
};

const CODE_RE = /^[A-Za-z]{1,5}\d*(?:[-_]\d+)+$/;
const MARK_RE = /^[Xx✓✔\-–—]$/;
const YES_RE = /^[Xx✓✔]$/;
const YEAR_RE = /^(?:19|20)\d\d$/;
const YEAR_IN_RE = /\b((?:19|20)\d\d)\b/;
const LINEA_RE = /^(\d{1,2})\s*-\s*(\S.*)$/;
const MISSIONE_RE = /^\[(\d{1,2})\]\s*(.*)$/;
const DATE_CELL_RE = /^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$/;

/** A value and the cell it was read from. */
interface Read {
  text: string;
  cell: TableCell;
}
const read = (cell: TableCell | undefined): Read | null => (cell && cell.text !== '' ? { text: cell.text, cell } : null);

/** Records in `item.cells` where `field` was read, when the cell has a box (PDF and OCR input). */
function note(item: { cells?: CellSources }, field: string, from: Read | TableCell | null | undefined): void {
  const cell = from && 'cell' in from ? from.cell : from;
  if (cell?.bbox) (item.cells ??= {})[field] = cellSource(cell);
}

/** A data row of a table: its layout line, the cells starting on it, and whether a header (first or repeated) is just above. */
interface GridRow {
  line: LayoutLine;
  afterHeader: boolean;
  /** Non-empty cells that start on this row, left to right (a merged cell from above is not one of them). */
  own: TableCell[];
}

/** A row as quoted in messages: its own cells joined by ` | `. */
const rowText = (row: GridRow): string => row.own.map((c) => c.text).join(' | ');

/** The data rows of a table in reading order: header rows and headers repeated after a page break left out, the row after one marked. */
function gridRows(table: LayoutTable, lines: LayoutLine[]): GridRow[] {
  const own = new Map<number, TableCell[]>();
  for (const cell of table.cells) {
    if (cell.row < table.headerRows || cell.text === '') continue;
    const list = own.get(cell.row) ?? [];
    list.push(cell);
    own.set(cell.row, list);
  }
  const rows: GridRow[] = [];
  let afterHeader = true;
  for (const line of lines) {
    const at = line.table!;
    if (at.repeatedHeader || at.row < table.headerRows) {
      afterHeader = true;
      continue;
    }
    const cells = own.get(at.row);
    if (!cells) continue;
    rows.push({ line, afterHeader, own: [...cells].sort((a, b) => a.col - b.col) });
    afterHeader = false;
  }
  return rows;
}

/** The columns of a table by the role of their header, and its year columns. */
function columnsOf(table: LayoutTable): Columns {
  const headers = headerTexts(table);
  const years = headers.flatMap((h, col) => (YEAR_RE.test(h.trim()) ? [{ col, year: Number(h.trim()) }] : []));
  const roles = columnRoles(headers.map((h) => (YEAR_RE.test(h.trim()) ? '' : h)), ROLES);
  const yearOf = (h: string | undefined) => (h === undefined ? null : Number(YEAR_IN_RE.exec(h)?.[1] ?? NaN) || null);
  const targets = headers.flatMap((h, col) => {
    const year = yearOf(h);
    return year !== null && ROLES.target.some((phrase) => headerPhraseScore(h, phrase) > 0) ? [{ col, year }] : [];
  });
  return { ...roles, years, targets, baselineYear: yearOf(roles.baseline === undefined ? undefined : headers[roles.baseline]) };
}

/** Which table of the section this is, from the roles its headers name. */
function tableKind(cols: Columns): 'tree' | 'gestionali' | null {
  const has = (r: Role) => cols[r] !== undefined;
  if (has('indicator') && (has('code') || has('gestionale')) && (has('kind') || has('deadline') || has('target'))) return 'gestionali';
  if (has('operativo') && (has('strategic') || has('mandate'))) return 'tree';
  return null;
}

// ------------------------------------------------------------------ tree table

interface TreeRow {
  row: GridRow;
  sector: Read | null;
  unit: Read | null;
  linea: Read | null;
  strategic: Read | null;
  missione: Read | null;
  /** The operational objective, then its type. */
  texts: Read[];
  /** The mark under each year column, in their order (null where the cell is empty). */
  marks: (Read | null)[];
  /** The row's cells were not under their headers: read by content. */
  realigned: boolean;
}

/** A tree row by its columns; when its cells are not under their headers (a year mark outside the year columns, text in one), by content. */
function treeRow(row: GridRow, cols: Columns): TreeRow {
  const yearCols = new Set(cols.years.map((y) => y.col));
  const roleCols = new Set((['sector', 'unit', 'mandate', 'strategic', 'missione', 'operativo', 'type'] as const).map((r) => cols[r]));
  const fits = row.own.every((c) => (yearCols.has(c.col) ? MARK_RE.test(c.text) : roleCols.has(c.col) && !MARK_RE.test(c.text)));
  if (fits) {
    const at = (role: Role) => read(row.own.find((c) => c.col === cols[role]));
    const texts = [at('operativo'), at('type')];
    return {
      row, sector: at('sector'), unit: at('unit'), linea: at('mandate'), strategic: at('strategic'), missione: at('missione'),
      texts: texts[0] ? texts.filter((t): t is Read => t !== null) : [],
      marks: cols.years.map((y) => read(row.own.find((c) => c.col === y.col))),
      realigned: false,
    };
  }
  return treeRowByContent(row, cols.years.length);
}

/**
 * A shifted tree row typed by content: the year marks (the last ones, for the
 * last years), a numbered mandate line (`10-STRUTTURA …`), a mission
 * (`[01] …`), the strategic objective between them, the texts after the mission.
 */
function treeRowByContent(row: GridRow, years: number): TreeRow {
  const out: TreeRow = { row, sector: null, unit: null, linea: null, strategic: null, missione: null, texts: [], marks: [], realigned: true };
  const before: Read[] = [];
  const marks: Read[] = [];
  let afterMissione = false;
  for (const cell of row.own) {
    const r: Read = { text: cell.text, cell };
    if (MARK_RE.test(cell.text)) marks.push(r);
    else if (LINEA_RE.test(cell.text) && !afterMissione) out.linea = r;
    else if (MISSIONE_RE.test(cell.text)) {
      out.missione = r;
      afterMissione = true;
    } else if (afterMissione) out.texts.push(r);
    else before.push(r);
  }
  const joined = (list: Read[]): Read => ({ text: list.map((r) => r.text).join(' '), cell: list[0]!.cell });
  if (before.length && (out.missione || out.linea)) out.strategic = joined(before);
  else out.texts.unshift(...before);
  out.marks = [...Array<null>(Math.max(0, years - marks.length)).fill(null), ...marks.slice(-years)];
  return out;
}

function unitKey(unit: string | null): string {
  return normalizeLabel(unit ?? '').replace(/ /g, '');
}

class Tree {
  readonly objectives: Objective[] = [];
  private readonly mandati = new Map<string, Objective>();
  private readonly strategici = new Map<string, Objective>();
  readonly operativi: Objective[] = [];

  mandato(linea: Read, source: Provenance): Objective {
    const m = LINEA_RE.exec(linea.text);
    const code = m ? m[1]! : null;
    const key = normalizeLabel(linea.text);
    let obj = this.mandati.get(key);
    if (!obj) {
      obj = newObjective(`LM${code ?? this.mandati.size + 1}`, 'mandato', m ? m[2]!.trim() : linea.text, source);
      obj.code = code;
      obj.mandateLine = linea.text;
      for (const field of ['title', 'code', 'mandateLine']) if (field !== 'code' || code) note(obj, field, linea);
      this.mandati.set(key, obj);
      this.objectives.push(obj);
    }
    return obj;
  }

  strategico(parent: Objective | null, title: Read, linea: Read | null, source: Provenance): Objective {
    const key = `${parent?.id ?? ''}|${normalizeLabel(title.text)}`;
    let obj = this.strategici.get(key);
    if (!obj) {
      obj = newObjective(`ST${this.strategici.size + 1}`, 'strategico', title.text, source);
      obj.parentId = parent?.id ?? null;
      obj.mandateLine = parent?.mandateLine ?? null;
      note(obj, 'title', title);
      note(obj, 'mandateLine', linea);
      this.strategici.set(key, obj);
      this.objectives.push(obj);
    }
    return obj;
  }

  addOperativo(obj: Objective): void {
    this.operativi.push(obj);
    this.objectives.push(obj);
  }
}

/** A mission cell: `[01] Servizi …` (the reference document), `Missione 01 – Servizi …`, `Missione n. 1 …`, `01 - Servizi …`. */
const MISSIONE_CELL_RE = /^(?:\[\s*(\d{1,2})\s*\]|missione\s*(?:n\.?\s*)?(\d{1,2})\b|(\d{1,2})(?=\s*[-–:.]\s*\p{L}))\s*[-–:.]?\s*/iu;
/** A programme printed after the mission in the same cell: `… Programma 02 – Segreteria generale`. */
const PROGRAMMA_RE = /\bprogramma\s*(?:n\.?\s*)?(\d{1,2})\b\s*[-–:.]?\s*(.*)$/iu;

function budgetLinkOf(missione: string | null): Objective['budgetLink'] {
  if (!missione) return null;
  const m = MISSIONE_CELL_RE.exec(missione);
  let rest = m ? missione.slice(m[0].length) : '';
  const p = PROGRAMMA_RE.exec(rest);
  if (p) rest = rest.slice(0, p.index);
  const label = rest.replace(/[\s;,/–-]+$/u, '').trim();
  return {
    missione: m ? (m[1] ?? m[2] ?? m[3])!.padStart(2, '0') : null,
    missioneLabel: label || null,
    programma: p ? p[1]!.padStart(2, '0') : null,
    programmaLabel: p ? p[2]!.trim() || null : null,
    raw: missione,
  };
}

type TreeState = Pick<TreeRow, 'sector' | 'unit' | 'linea' | 'strategic' | 'missione'>;
/** The merged columns of the tree table, each chain from the widest group to the narrowest. */
const TREE_CHAINS = [['sector', 'unit'], ['linea', 'strategic', 'missione']] as const;

function readTreeTable(rows: { row: GridRow; cols: Columns }[], tree: Tree, ctx: ExtractContext): void {
  const state: TreeState = { sector: null, unit: null, linea: null, strategic: null, missione: null };
  let last: Objective | null = null;
  for (const { row: grid, cols } of rows) {
    const row = treeRow(grid, cols);
    const source = provenanceOf(grid.line);
    const raw = rowText(grid);
    // A new value in a column starts a new group: the columns after it in its chain are what this row prints.
    for (const chain of TREE_CHAINS) {
      const first = chain.findIndex((k) => row[k] !== null);
      if (first >= 0) for (const k of chain.slice(first)) state[k] = row[k];
    }

    const hasMarks = row.marks.some((m) => m !== null);
    if (row.texts.length === 0) {
      last = null;
      continue;
    }
    // A lone text without marks and without context cells: the rest of a row broken by a page break.
    const contextCells = row.sector || row.unit || row.linea || row.strategic || row.missione;
    if (!hasMarks && !contextCells && last && row.texts.length === 1) {
      last.title = `${last.title} ${row.texts[0]!.text}`;
      ctx.report(rowUnaligned, { messageId: 'joined', data: { raw: row.texts[0]!.text }, source, raw });
      continue;
    }
    const mandato = state.linea ? tree.mandato(state.linea, source) : null;
    const strategico = state.strategic ? tree.strategico(mandato, state.strategic, state.linea, source) : null;
    const [title, type] = row.texts;
    const obj = newObjective(`OP${tree.operativi.length + 1}`, 'operativo', title!.text, source);
    obj.parentId = strategico?.id ?? mandato?.id ?? null;
    obj.unit = state.unit?.text ?? null;
    obj.sector = state.sector?.text ?? null;
    obj.mandateLine = state.linea?.text ?? null;
    obj.budgetLink = budgetLinkOf(state.missione?.text ?? null);
    obj.types = row.texts.slice(1).flatMap((t) => t.text.split(';')).map((t) => t.trim()).filter(Boolean);
    obj.years = cols.years.filter((_, i) => YES_RE.test(row.marks[i]?.text ?? '')).map((y) => y.year);
    note(obj, 'title', title);
    note(obj, 'unit', state.unit);
    note(obj, 'sector', state.sector);
    note(obj, 'mandateLine', state.linea);
    note(obj, 'budgetLink', state.missione);
    if (obj.types.length) note(obj, 'types', type);
    note(obj, 'years', row.marks.find((m) => YES_RE.test(m?.text ?? '')));
    if (!hasMarks) {
      ctx.report(rowUnaligned, { messageId: 'realigned', data: { reading: 'obiettivo operativo senza anni segnati', raw }, source, raw });
    } else if (row.realigned) {
      ctx.report(rowUnaligned, { messageId: 'realigned', data: { reading: 'obiettivo operativo dal contenuto delle celle', raw }, source, raw });
    }
    tree.addOperativo(obj);
    last = obj;
  }
}

// ------------------------------------------------------------------ gestionali table

type GestField = 'sector' | 'unit' | 'code' | 'type' | 'operativo' | 'gestionale' | 'indicator' | 'office' | 'kind' | 'deadline' | 'target' | 'baseline';
const GEST_FIELDS: readonly GestField[] = ['sector', 'unit', 'code', 'type', 'operativo', 'gestionale', 'indicator', 'office', 'kind', 'deadline', 'target', 'baseline'];

type GestRow = {
  grid: GridRow;
  realigned: string | null;
  /** The targets of the one-year target columns, by year (when the table has them). */
  yearTargets: { year: number; read: Read }[];
  baselineYear: number | null;
} & Record<GestField, Read | null>;

/**
 * A gestionali row by its columns. A row whose cells are shifted (its code,
 * else its indicator type, not under its header) is moved as
 * a whole so that the anchor lands in its column; cells that still land left
 * of the code column are the indicator and its office, in order.
 */
function gestRow(grid: GridRow, cols: Columns): GestRow {
  const empty = Object.fromEntries(GEST_FIELDS.map((f) => [f, null])) as Record<GestField, null>;
  const row: GestRow = { grid, realigned: null, yearTargets: [], baselineYear: cols.baselineYear, ...empty };
  const cells = grid.own;
  const codeCell = cells.find((c) => CODE_RE.test(c.text));
  // An indicator type comes after the indicator it types: never a row's first cell.
  const kindCell = cells.find((c, i) => i > 0 && isIndicatorKind(c.text) && !DATE_CELL_RE.test(c.text));
  let shift = 0;
  if (codeCell && cols.code !== undefined) shift = cols.code - codeCell.col;
  else if (kindCell && cols.kind !== undefined) shift = cols.kind - kindCell.col;
  const at = new Map<number, TableCell>();
  for (const c of cells) at.set(c.col + shift, c);
  for (const f of GEST_FIELDS) row[f] = cols[f] === undefined ? null : read(at.get(cols[f]));
  if (cols.targets.length) {
    row.target = null;
    row.yearTargets = cols.targets.flatMap(({ col, year }) => {
      const r = read(at.get(col));
      return r ? [{ year, read: r }] : [];
    });
  }
  // Cells that landed left of the first real column: the row is mangled. Read its texts in order.
  const codeCol = cols.code ?? -Infinity;
  const units = new Set([cols.sector, cols.unit]);
  const stray = [...at.keys()].some((k) => !units.has(k) && (k < codeCol || (!codeCell && k <= (cols.operativo ?? -Infinity))));
  if (stray) {
    const texts = [...at.entries()].filter(([k]) => !units.has(k) && k < (cols.kind ?? Infinity)).sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    for (const f of ['code', 'type', 'operativo', 'gestionale'] as const) row[f] = null;
    row.indicator = read(texts[0]);
    row.office = read(texts[1]);
    row.realigned = 'indicatore e ufficio';
  }
  return row;
}

class GestionaleBuilder {
  /** Units each code appears under: a code used by several units gets the unit in its id. */
  readonly codeUnits = new Map<string, Set<string>>();

  constructor(private readonly tree: Tree, private readonly ctx: ExtractContext, private readonly period: Period | null) {}

  noteCode(code: string, unit: string | null): void {
    const set = this.codeUnits.get(code) ?? new Set<string>();
    set.add(unitKey(unit));
    this.codeUnits.set(code, set);
  }

  /** The operational objective of the tree table with this title: in the same unit, else in any unit. */
  findOperativo(unit: string | null, title: string): { parent: Objective; sameUnit: boolean } | null {
    const inUnit = this.bestOperativo(title, unitKey(unit));
    if (inUnit) return { parent: inUnit, sameUnit: true };
    const anywhere = this.bestOperativo(title, null);
    return anywhere ? { parent: anywhere, sameUnit: false } : null;
  }

  private bestOperativo(title: string, key: string | null): Objective | null {
    let best: Objective | null = null;
    let bestScore = 0.8;
    const b = normalizeLabel(title);
    for (const op of this.tree.operativi) {
      if (key !== null && unitKey(op.unit) !== key) continue;
      const a = normalizeLabel(op.title);
      const score = a === b ? 1 : a.startsWith(b) || b.startsWith(a) ? 0.95 : textSimilarity(a, b);
      if (score > bestScore) {
        best = op;
        bestScore = score;
      }
    }
    return best;
  }

  indicatorFrom(row: GestRow, obj: Objective, inherited: Indicator | null): Indicator {
    const source = provenanceOf(row.grid.line);
    const ind = newIndicator(`${obj.id}#${obj.indicators.length + 1}`, row.indicator?.text ?? '', source);
    ind.office = row.office?.text ?? null;
    note(ind, 'name', row.indicator);
    note(ind, 'office', row.office);
    if (inherited) {
      // The indicator of the row above (a merged cell): its name, and its office when the row prints none, with their cells.
      ind.name = inherited.name;
      ind.office ??= inherited.office;
      ind.cells = { ...ind.cells, ...(inherited.cells?.name && { name: inherited.cells.name }), ...(!row.office && inherited.cells?.office && { office: inherited.cells.office }) };
    }
    note(ind, 'kind', row.kind);
    note(ind, 'deadline', row.deadline);
    note(ind, 'target', row.target ?? row.yearTargets[0]?.read);
    note(ind, 'baseline', row.baseline);
    ind.kindRaw = row.kind?.text ?? null;
    ind.kind = row.kind ? parseIndicatorKind(row.kind.text) : null;
    if (row.kind && !ind.kind) {
      this.ctx.report(valueUnreadable, { messageId: 'kind', data: { raw: row.kind.text }, source, raw: row.kind.text, objectiveId: obj.id });
    }
    if (row.deadline) this.applyDate(ind, row.deadline.text, source, obj);
    const year = ind.deadline ? Number(ind.deadline.slice(0, 4)) : (this.period?.from ?? null);
    const printed = row.target ? [{ year, read: row.target }] : row.yearTargets;
    for (const { year: y, read: r } of printed) {
      const target = parseTarget(r.text, y);
      if (r.cell.bbox) target.source = cellSource(r.cell);
      ind.targets.push(target);
      if (target.value === null && !/^n\.?\s?d\.?$/i.test(target.raw)) {
        this.ctx.report(valueUnreadable, { messageId: 'number', data: { raw: r.text, field: 'target' }, source, raw: r.text, objectiveId: obj.id });
      }
    }
    if (row.baseline) {
      // The value before the plan: the year its header names, else the year before the plan's first.
      const { value, raw } = parseTarget(row.baseline.text, null);
      const by = row.baselineYear ?? (this.period ? this.period.from - 1 : null);
      ind.baseline = { year: by, value, raw, ...(row.baseline.cell.bbox && { source: cellSource(row.baseline.cell) }) };
    }
    ind.polarity = guessPolarity(ind.name, ind.kind);
    return ind;
  }

  applyDate(ind: Indicator, raw: string, source: Provenance, obj: Objective): void {
    ind.deadlineRaw = raw;
    const parsed = parseItalianDate(raw, this.period?.from ?? null);
    ind.deadline = parsed.iso;
    if (parsed.status === 'none') {
      this.ctx.report(valueUnreadable, { messageId: 'date', data: { raw, field: 'Data Previsione' }, source, raw, objectiveId: obj.id });
    }
  }
}

function readGestionaliTable(rows: { row: GridRow; cols: Columns }[], tree: Tree, ctx: ExtractContext, period: Period | null): Objective[] {
  const builder = new GestionaleBuilder(tree, ctx, period);
  const typed = rows.map(({ row, cols }) => gestRow(row, cols));

  // One spelling per unit: the first one printed (the tree table comes first), whatever the spacing later.
  const spelling = new Map<string, string>();
  for (const op of tree.operativi) {
    for (const name of [op.unit, op.sector]) if (name && !spelling.has(unitKey(name))) spelling.set(unitKey(name), name);
  }
  const canonical = (r: Read): Read => {
    const key = unitKey(r.text);
    if (!spelling.has(key)) spelling.set(key, r.text);
    return { text: spelling.get(key)!, cell: r.cell };
  };

  // First pass: units and codes, so ids can say when a code is used by several units.
  let sector: Read | null = null;
  let unit: Read | null = null;
  for (const row of typed) {
    // As in the tree table: a new sector starts its units, a new unit its objectives.
    if (row.sector) sector = canonical(row.sector);
    if (row.sector || row.unit) unit = row.unit && canonical(row.unit);
    row.sector = sector;
    row.unit = unit;
    if (row.code) builder.noteCode(row.code.text, unit?.text ?? null);
  }
  const unitIndex = new Map<string, number>();
  for (const op of tree.operativi) if (!unitIndex.has(unitKey(op.unit))) unitIndex.set(unitKey(op.unit), unitIndex.size + 1);
  for (const row of typed) if (!unitIndex.has(unitKey(row.unit?.text ?? null))) unitIndex.set(unitKey(row.unit?.text ?? null), unitIndex.size + 1);

  const out: Objective[] = [];
  let code: Pick<GestRow, 'code' | 'type' | 'operativo' | 'unit' | 'sector'> | null = null;
  let current: Objective | null = null;
  let gestCount = 0;
  let previousIndicator: Indicator | null = null;

  for (const row of typed) {
    const source = provenanceOf(row.grid.line);
    const raw = rowText(row.grid);
    if (row.realigned) ctx.report(rowUnaligned, { messageId: 'realigned', data: { reading: row.realigned, raw }, source, raw });
    // A row broken by a page break: after a repeated header, no code, no date, no target.
    if (row.grid.afterHeader && !row.code && !row.deadline && !row.target && !row.yearTargets.length && previousIndicator) {
      const prev = previousIndicator;
      const join = (before: string | null, more: Read | null) => [before, more?.text].filter(Boolean).join(' ') || null;
      prev.name = join(prev.name, row.indicator) ?? '';
      prev.office = join(prev.office, row.office);
      prev.kindRaw = join(prev.kindRaw, row.kind);
      prev.kind = prev.kindRaw === null ? null : parseIndicatorKind(prev.kindRaw);
      prev.polarity = guessPolarity(prev.name, prev.kind);
      // A cell the first part did not have (its name, office or type printed only after the break) is where that value was read.
      for (const [field, more] of [['name', row.indicator], ['office', row.office], ['kind', row.kind]] as const) if (!prev.cells?.[field]) note(prev, field, more);
      ctx.report(rowUnaligned, { messageId: 'joined', data: { raw }, source, raw });
      continue;
    }
    if (row.code) {
      code = { code: row.code, type: row.type, operativo: row.operativo, unit: row.unit, sector: row.sector };
      current = null;
      gestCount = 0;
    }
    if (!code?.code) {
      ctx.report(rowUnaligned, { messageId: 'skipped', data: { raw }, source, raw });
      continue;
    }
    if (row.gestionale || !current) {
      current = newGestionale(row, code as typeof code & { code: Read }, ++gestCount, source);
      out.push(current);
    }
    if (row.indicator || row.kind || row.target || row.yearTargets.length || row.baseline || row.deadline) {
      // An empty indicator cell under an indicator of the same objective: a merged cell, inherit it.
      const inherited = !row.indicator && !row.gestionale && previousIndicator && current.indicators.includes(previousIndicator) ? previousIndicator : null;
      const ind = builder.indicatorFrom(row, current, inherited);
      current.indicators.push(ind);
      previousIndicator = ind;
    }
  }

  function newGestionale(row: GestRow, code: { code: Read } & Pick<GestRow, 'type' | 'operativo' | 'unit' | 'sector'>, n: number, source: Provenance): Objective {
    const shared = builder.codeUnits.get(code.code.text);
    const base = shared && shared.size > 1 ? `${code.code.text}@U${unitIndex.get(unitKey(code.unit?.text ?? null))}` : code.code.text;
    const id = n > 1 ? `${base}.${n}` : base;
    const title = row.gestionale ?? code.operativo ?? code.code;
    const obj = newObjective(id, 'gestionale', title.text, source);
    obj.code = code.code.text;
    obj.unit = code.unit?.text ?? null;
    obj.sector = code.sector?.text ?? null;
    obj.types = (code.type?.text ?? '').split(';').map((t) => t.trim()).filter(Boolean);
    note(obj, 'code', code.code);
    note(obj, 'title', title);
    note(obj, 'unit', code.unit);
    note(obj, 'sector', code.sector);
    if (obj.types.length) note(obj, 'types', code.type);
    const found = code.operativo ? builder.findOperativo(obj.unit, code.operativo.text) : null;
    if (found) {
      const parent = found.parent;
      obj.parentId = parent.id;
      obj.mandateLine = parent.mandateLine;
      obj.budgetLink = parent.budgetLink;
      for (const field of ['mandateLine', 'budgetLink'] as const) if (parent.cells?.[field]) (obj.cells ??= {})[field] = parent.cells[field];
      if (!found.sameUnit) {
        ctx.report(parentMissing, {
          messageId: 'otherUnit',
          data: { code: obj.code, unit: obj.unit ?? '—', title: parent.title, parent: parent.id, parentUnit: parent.unit ?? '—' },
          source,
          objectiveId: id,
        });
      }
    } else {
      ctx.report(parentMissing, {
        messageId: 'operativo',
        data: { code: obj.code, unit: obj.unit ?? '—', title: code.operativo?.text ?? '—' },
        source,
        objectiveId: id,
        raw: code.operativo?.text ?? undefined,
      });
    }
    return obj;
  }

  // Years of a gestionale objective: those of its deadlines, else its parent's.
  const byId = new Map(tree.operativi.map((o) => [o.id, o]));
  for (const obj of out) {
    const dated = obj.indicators.filter((i) => i.deadline !== null);
    const years = [...new Set(dated.map((i) => Number(i.deadline!.slice(0, 4))))];
    const parent = byId.get(obj.parentId ?? '');
    obj.years = years.length ? years.sort() : [...(parent?.years ?? [])];
    const from = years.length ? dated[0]!.cells?.deadline : parent?.cells?.years;
    if (from && obj.years.length) (obj.cells ??= {}).years = from;
  }
  return out;
}

export const piao22Table: Extractor = {
  family: 'piao-2.2-table',
  description: 'PIAO sezione 2.2 in due tabelle: albero linee di mandato / obiettivi strategici / operativi e tabella obiettivi gestionali con indicatori.',
  checks: [rowUnaligned, valueUnreadable, parentMissing],
  extract(layout: LayoutDocument, ctx: ExtractContext): ExtractResult {
    const treeRows: { row: GridRow; cols: Columns }[] = [];
    const gestRows: { row: GridRow; cols: Columns }[] = [];
    const headerYears = new Set<number>();
    for (const block of documentBlocks(layout)) {
      if (block.kind !== 'table') continue;
      const cols = columnsOf(block.table);
      const kind = tableKind(cols);
      if (!kind) continue;
      const rows = gridRows(block.table, block.lines).map((row) => ({ row, cols }));
      if (kind === 'tree') {
        for (const y of cols.years) headerYears.add(y.year);
        treeRows.push(...rows);
      } else gestRows.push(...rows);
    }
    const years = [...headerYears].sort();
    const period = years.length >= 2 ? { from: years[0]!, to: years[years.length - 1]! } : findPeriod(layout);
    const tree = new Tree();
    readTreeTable(treeRows, tree, ctx);
    const gestionali = readGestionaliTable(gestRows, tree, ctx, period);
    return { entity: findEntity(layout), period, objectives: [...tree.objectives, ...gestionali] };
  },
};
