/**
 * Family `piao-2.2-table` (seed 002): PIAO section 2.2 as two tables.
 *
 * Table 1 (Settore / UOC / Linea Mandato / Obiettivi Strategici / Missioni /
 * Obiettivi Operativi / Tipo OB / one X-or-dash column per year) gives the tree
 * mandate line -> strategic -> operational objective per unit.
 * Table 2 (Settore / UOC / N.ro Ob / Tipo OB / Obiettivi Operativi / Obiettivi
 * Gestionali / Indicatori / Ufficio / Tipo Ind. / Data Previsione / Target)
 * gives the coded gestionale objectives with their indicators.
 *
 * Extraction glued and shifted cells of merged columns, so table 1 cells are
 * typed by content (`SETTORE …`, `U.O.C. …`, `10-STRUTTURA …`, `[01] …`, X/-),
 * and table 2 columns are placed relative to the code cell or the indicator
 * type cell. Empty leading cells inherit from the row above; repeated headers
 * are skipped; a row broken by a page break is joined again.
 */
import type { LayoutCell, LayoutDocument, LayoutLine } from '../models/layout.js';
import type { Indicator, Objective, Period, Provenance } from '../models/plan.js';
import { parentMissing, rowUnaligned, valueUnreadable } from '../pipeline/checks.js';
import type { ExtractContext, ExtractResult, Extractor } from './types.js';
import { matchesLabel, normalizeLabel, textSimilarity } from './shared/labels.js';
import { cellProvenance, newIndicator, newObjective, noteCell, provenanceOf } from './shared/model.js';
import { parseItalianDate } from './shared/dates.js';
import { parseTarget } from './shared/targets.js';
import { guessPolarity, isIndicatorKind, parseIndicatorKind } from './shared/kinds.js';
import { findEntity, findPeriod } from './shared/document.js';
import { columnsByRole, documentBlocks, headerTexts } from './shared/tables.js';

const TABLE1_LABELS = ['Settore/UA', 'UOC/UA', 'Linea Mandato', 'Obiettivi Strategici', 'Missioni', 'Obiettivi Operativi', 'Tipo OB'] as const;
const TABLE2_LABELS = ['N.ro Ob', 'Obiettivi Gestionali', 'Indicatori', 'Ufficio/Personale', 'Tipo Ind.', 'Data Previsione', 'Target'] as const;

const CODE_RE = /^[A-Za-z]{1,5}\d*(?:[-_]\d+)+$/;
const MARK_RE = /^[Xx✓✔\-–—]$/;
const SECTOR_RE = /^SETTORE\b/i;
const UNIT_RE = /^U\.?\s?O\.?\s?[ACS]\.?\s/i;
const LINEA_RE = /^(\d{1,2})\s*-\s*(\S.*)$/;
const MISSIONE_RE = /^\[(\d{1,2})\]\s*(.*)$/;
const DATE_CELL_RE = /^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$/;

type Cell = { text: string; col: number; cell: LayoutCell };

/** A row as quoted in messages: its non-empty cells joined by ` | `. */
function rowText(line: LayoutLine): string {
  return nonEmpty(line).map((c) => c.text).join(' | ');
}

function nonEmpty(line: LayoutLine): Cell[] {
  return gridCells(line).filter((c) => c.text !== '');
}

/**
 * Table 2 columns by the role of their header: the reference document's
 * header first, then the synonyms other administrations print in the same
 * place (the phrases of extractors/generic/vocabulary.json for these roles).
 */
const TABLE2_ROLES = {
  code: ['N.ro Ob', 'Codice', 'Cod.', 'N.', 'Numero'],
  type: ['Tipo OB', 'Tipologia obiettivo'],
  operativo: ['Obiettivi Operativi', 'Obiettivo operativo'],
  gestionale: ['Obiettivi Gestionali', 'Obiettivo gestionale'],
  indicator: ['Indicatori', 'Indicatore'],
  office: ['Ufficio/Personale', 'Ufficio/ Personale', 'Ufficio', 'Responsabile', 'Personale', 'Struttura'],
  kind: ['Tipo Ind.', 'Tipologia indicatore', 'Tipo indicatore'],
  date: ['Data Previsione', 'Scadenza', 'Termine', 'Data prevista', 'Tempi'],
  target: ['Target', 'Valore atteso', 'Risultato atteso'],
} as const;

/** Which table a header row is, if any (fuzzy, so `Settore/UAO` and OCR noise still count); table 2 by the roles its headers name. */
function headerKind(texts: readonly string[]): 'table1' | 'table2' | null {
  const cells = texts.filter((t) => t !== '');
  if (cells.length < 5) return null;
  const hits = (labels: readonly string[]) => labels.filter((l) => cells.some((c) => matchesLabel(c, l))).length;
  const roles = Object.values(TABLE2_ROLES).filter((labels) => hits(labels) > 0).length;
  if (hits(TABLE2_LABELS) >= 4 || roles >= 5) return 'table2';
  if (hits(TABLE1_LABELS) >= 4) return 'table1';
  return null;
}

type Table2Columns = Partial<Record<keyof typeof TABLE2_ROLES, number>>;

/** A line's cells at their grid columns (a cell spanning k columns moves the next one k places). */
function gridCells(line: LayoutLine): Cell[] {
  let col = 0;
  return line.cells.map((c) => {
    const cell = { text: c.text, col, cell: c };
    col += c.colSpan ?? 1;
    return cell;
  });
}

interface Table1Row {
  line: LayoutLine;
  sector: string | null;
  unit: string | null;
  linea: string | null;
  strategic: string | null;
  missione: string | null;
  texts: string[];
  marks: string[];
  /** Years printed in the header above the row. */
  years: number[];
}

interface Table2Row {
  line: LayoutLine;
  afterHeader: boolean;
  sector: string | null;
  unit: string | null;
  code: string | null;
  type: string | null;
  operativo: string | null;
  gestionale: string | null;
  indicator: string | null;
  office: string | null;
  kind: string | null;
  date: string | null;
  target: string | null;
  realigned: string | null;
  /** The cell each field was read from. */
  cells: Partial<Record<Table2Field, LayoutCell>>;
}
type Table2Field = 'code' | 'type' | 'operativo' | 'gestionale' | 'indicator' | 'office' | 'kind' | 'date' | 'target';

interface Table2Input {
  line: LayoutLine;
  columns: Table2Columns;
  afterHeader: boolean;
}

/**
 * The rows of each table, read from the layout's tables (whatever lies between
 * two rows, a stray line or a page break, does not end a table): header rows
 * and headers repeated after a page break dropped, the row after one marked.
 */
function collectRows(layout: LayoutDocument): { t1: { line: LayoutLine; years: number[] }[]; t2: Table2Input[] } {
  const t1: { line: LayoutLine; years: number[] }[] = [];
  const t2: Table2Input[] = [];
  for (const block of documentBlocks(layout)) {
    if (block.kind !== 'table') continue;
    const { table, lines } = block;
    const headers = headerTexts(table);
    const kind = headerKind(headers);
    if (!kind) continue;
    const years = headers.filter((t) => /^(19|20)\d\d$/.test(t)).map(Number);
    const columns = columnsByRole(headers, TABLE2_ROLES);
    let afterHeader = true;
    for (const line of lines) {
      if (line.table!.repeatedHeader || line.table!.row < table.headerRows) {
        afterHeader = true;
        continue;
      }
      if (nonEmpty(line).length === 0) continue;
      if (kind === 'table1') t1.push({ line, years });
      else t2.push({ line, columns, afterHeader });
      afterHeader = false;
    }
  }
  return { t1, t2 };
}

function typeTable1Row(line: LayoutLine, years: number[]): Table1Row {
  const row: Table1Row = { line, sector: null, unit: null, linea: null, strategic: null, missione: null, texts: [], marks: [], years };
  const before: string[] = [];
  let afterMissione = false;
  for (const { text, col } of nonEmpty(line)) {
    if (MARK_RE.test(text)) row.marks.push(text);
    else if (SECTOR_RE.test(text) || (UNIT_RE.test(text) && col === 0 && row.sector === null)) row.sector = text;
    else if (UNIT_RE.test(text)) row.unit = text;
    else if (LINEA_RE.test(text) && !afterMissione) row.linea = text;
    else if (MISSIONE_RE.test(text)) {
      row.missione = text;
      afterMissione = true;
    } else if (afterMissione) row.texts.push(text);
    else before.push(text);
  }
  if (row.missione) {
    row.strategic = before.length ? before.join(' ') : null;
  } else if (row.linea && before.length) {
    row.strategic = before.join(' ');
  } else {
    row.texts = before;
  }
  return row;
}

interface TreeState {
  sector: string | null;
  unit: string | null;
  linea: string | null;
  strategic: string | null;
  missione: string | null;
}

function unitKey(unit: string | null): string {
  return normalizeLabel(unit ?? '').replace(/ /g, '');
}

class Tree {
  readonly objectives: Objective[] = [];
  private readonly mandati = new Map<string, Objective>();
  private readonly strategici = new Map<string, Objective>();
  readonly operativi: Objective[] = [];

  mandato(linea: string, source: Provenance): Objective {
    const m = LINEA_RE.exec(linea);
    const code = m ? m[1]! : null;
    const title = m ? m[2]!.trim() : linea;
    const key = normalizeLabel(linea);
    let obj = this.mandati.get(key);
    if (!obj) {
      obj = newObjective(`LM${code ?? this.mandati.size + 1}`, 'mandato', title, source);
      obj.code = code;
      obj.mandateLine = linea;
      this.mandati.set(key, obj);
      this.objectives.push(obj);
    }
    return obj;
  }

  strategico(parent: Objective | null, title: string, source: Provenance): Objective {
    const key = `${parent?.id ?? ''}|${normalizeLabel(title)}`;
    let obj = this.strategici.get(key);
    if (!obj) {
      obj = newObjective(`ST${this.strategici.size + 1}`, 'strategico', title, source);
      obj.parentId = parent?.id ?? null;
      obj.mandateLine = parent?.mandateLine ?? null;
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

function budgetLinkOf(missione: string | null): Objective['budgetLink'] {
  if (!missione) return null;
  const m = MISSIONE_RE.exec(missione);
  return {
    missione: m ? m[1]!.padStart(2, '0') : null,
    missioneLabel: m ? m[2]!.trim() || null : null,
    programma: null,
    programmaLabel: null,
    raw: missione,
  };
}

function readTable1(rows: { line: LayoutLine; years: number[] }[], tree: Tree, ctx: ExtractContext): void {
  const state: TreeState = { sector: null, unit: null, linea: null, strategic: null, missione: null };
  let last: Objective | null = null;
  for (const { line, years } of rows) {
    const row = typeTable1Row(line, years);
    const source = provenanceOf(line);
    if (row.sector) {
      state.sector = row.sector;
      state.unit = row.unit ?? row.sector;
    } else if (row.unit) state.unit = row.unit;
    if (row.linea) {
      state.linea = row.linea;
      state.strategic = null;
      state.missione = null;
    }
    if (row.strategic) {
      state.strategic = row.strategic;
      if (!row.missione) state.missione = null;
    }
    if (row.missione) state.missione = row.missione;

    const hasMarks = row.marks.length > 0;
    if (row.texts.length === 0) {
      last = null;
      continue;
    }
    // A lone text without marks and without context cells: the rest of a row broken by a page break.
    const contextCells = row.sector || row.unit || row.linea || row.strategic || row.missione;
    if (!hasMarks && !contextCells && last && row.texts.length === 1) {
      last.title = `${last.title} ${row.texts[0]}`;
      ctx.report(rowUnaligned, { messageId: 'joined', data: { raw: row.texts[0]! }, source, raw: rowText(line) });
      continue;
    }
    const mandato = state.linea ? tree.mandato(state.linea, source) : null;
    const strategico = state.strategic ? tree.strategico(mandato, state.strategic, source) : null;
    const obj = newObjective(`OP${tree.operativi.length + 1}`, 'operativo', row.texts[0]!, source);
    const cellOf = (text: string | null) => (text === null ? undefined : nonEmpty(line).find((c) => c.text === text)?.cell);
    noteCell(obj, 'title', line, cellOf(row.texts[0]!));
    noteCell(obj, 'unit', line, cellOf(row.unit));
    noteCell(obj, 'mandateLine', line, cellOf(row.linea));
    noteCell(obj, 'budgetLink', line, cellOf(row.missione));
    obj.parentId = strategico?.id ?? mandato?.id ?? null;
    obj.unit = state.unit;
    obj.sector = state.sector;
    obj.mandateLine = state.linea;
    obj.budgetLink = budgetLinkOf(state.missione);
    obj.types = row.texts.slice(1).flatMap((t) => t.split(';')).map((t) => t.trim()).filter(Boolean);
    const marks = row.marks.slice(-row.years.length);
    obj.years = row.years.filter((_, i) => /^[Xx✓✔]$/.test(marks[i] ?? ''));
    if (!hasMarks) {
      ctx.report(rowUnaligned, {
        messageId: 'realigned',
        data: { reading: 'obiettivo operativo senza anni segnati', raw: rowText(line) },
        source,
        raw: rowText(line),
      });
    } else if (row.marks.length !== row.years.length) {
      ctx.report(rowUnaligned, {
        messageId: 'realigned',
        data: { reading: `${row.marks.length} segni per ${row.years.length} anni`, raw: rowText(line) },
        source,
        raw: rowText(line),
      });
    }
    tree.addOperativo(obj);
    last = obj;
  }
}

/** Places the cells of a table 2 row in the columns their header names. */
function typeTable2Row(line: LayoutLine, cols: Table2Columns, afterHeader: boolean): Table2Row {
  const cells = nonEmpty(line);
  const row: Table2Row = {
    line, afterHeader, sector: null, unit: null, code: null, type: null, operativo: null, gestionale: null,
    indicator: null, office: null, kind: null, date: null, target: null, realigned: null, cells: {},
  };
  // Shift: the code cell, else the indicator-type cell, else the date cell anchors the columns.
  const codeCell = cells.find((c) => CODE_RE.test(c.text));
  const kindCell = cells.find((c) => c.col >= 2 && isIndicatorKind(c.text) && !DATE_CELL_RE.test(c.text));
  const dateCell = cells.find((c) => DATE_CELL_RE.test(c.text));
  let shift = 0;
  if (codeCell && cols.code !== undefined) shift = cols.code - codeCell.col;
  else if (kindCell && cols.kind !== undefined) shift = cols.kind - kindCell.col;
  else if (dateCell && cols.date !== undefined) shift = cols.date - dateCell.col;
  const codeCol = cols.code ?? -Infinity;
  const at = new Map<number, string>();
  const atCell = new Map<number, LayoutCell>();
  for (const c of cells) {
    if (codeCell && c.col < codeCell.col) {
      if (SECTOR_RE.test(c.text) || (UNIT_RE.test(c.text) && c.col === 0 && !row.sector)) row.sector = c.text;
      else if (UNIT_RE.test(c.text)) row.unit = c.text;
      continue;
    }
    at.set(c.col + shift, c.text);
    atCell.set(c.col + shift, c.cell);
  }
  if (!codeCell) {
    // Leading cells of a continuation row: units may still be printed there.
    for (const c of cells) {
      if (c.col + shift < codeCol && (SECTOR_RE.test(c.text) || UNIT_RE.test(c.text))) {
        if (SECTOR_RE.test(c.text) || c.col === 0) row.sector = c.text;
        else row.unit = c.text;
        at.delete(c.col + shift);
      }
    }
  }
  const get = (col: number | undefined) => (col === undefined ? null : (at.get(col) ?? null));
  for (const field of Object.keys(TABLE2_ROLES) as Table2Field[]) {
    const cell = cols[field] === undefined ? undefined : atCell.get(cols[field]);
    if (cell) row.cells[field] = cell;
  }
  row.code = get(cols.code);
  row.type = get(cols.type);
  row.operativo = get(cols.operativo);
  row.gestionale = get(cols.gestionale);
  row.indicator = get(cols.indicator);
  row.office = get(cols.office);
  row.kind = get(cols.kind);
  row.date = get(cols.date);
  row.target = get(cols.target);
  // Cells that landed left of the first real column: the row is mangled. Read its texts in order.
  const stray = [...at.entries()].filter(([k]) => k < codeCol || (!codeCell && k <= (cols.operativo ?? -Infinity))).map(([, v]) => v);
  if (stray.length > 0) {
    const texts = [...at.entries()].filter(([k]) => k < (cols.kind ?? Infinity)).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    row.code = null;
    row.type = null;
    row.operativo = null;
    row.gestionale = null;
    row.indicator = texts[0] ?? null;
    row.office = texts[1] ?? null;
    row.realigned = 'indicatore e ufficio';
    row.cells = {};
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

  /** The operational objective of table 1 with this title: in the same unit, else in any unit. */
  findOperativo(unit: string | null, title: string): { parent: Objective; sameUnit: boolean } | null {
    const inUnit = this.bestOperativo(title, unitKey(unit));
    if (inUnit) return { parent: inUnit, sameUnit: true };
    const anywhere = this.bestOperativo(title, null);
    return anywhere ? { parent: anywhere, sameUnit: false } : null;
  }

  private bestOperativo(title: string, key: string | null): Objective | null {
    let best: Objective | null = null;
    let bestScore = 0.8;
    for (const op of this.tree.operativi) {
      if (key !== null && unitKey(op.unit) !== key) continue;
      const a = normalizeLabel(op.title);
      const b = normalizeLabel(title);
      const score = a === b ? 1 : a.startsWith(b) || b.startsWith(a) ? 0.95 : textSimilarity(a, b);
      if (score > bestScore) {
        best = op;
        bestScore = score;
      }
    }
    return best;
  }

  indicatorFrom(row: Table2Row, obj: Objective): Indicator {
    const source = provenanceOf(row.line);
    const ind = newIndicator(`${obj.id}#${obj.indicators.length + 1}`, row.indicator ?? '', source);
    const fields = { name: row.cells.indicator, office: row.cells.office, kind: row.cells.kind, deadline: row.cells.date, target: row.cells.target } as const;
    for (const [field, cell] of Object.entries(fields)) noteCell(ind, field, row.line, cell);
    ind.office = row.office;
    ind.kindRaw = row.kind;
    ind.kind = row.kind ? parseIndicatorKind(row.kind) : null;
    if (row.kind && !ind.kind) {
      this.ctx.report(valueUnreadable, { messageId: 'kind', data: { raw: row.kind }, source, raw: row.kind, objectiveId: obj.id });
    }
    if (row.date) this.applyDate(ind, row.date, source, obj);
    const year = ind.deadline ? Number(ind.deadline.slice(0, 4)) : (this.period?.from ?? null);
    if (row.target) {
      const target = parseTarget(row.target, year);
      const cell = cellProvenance(row.line, row.cells.target);
      if (cell) target.source = cell;
      ind.targets.push(target);
      if (target.value === null && !/^n\.?\s?d\.?$/i.test(target.raw)) {
        this.ctx.report(valueUnreadable, {
          messageId: 'number',
          data: { raw: row.target, field: 'target' },
          source,
          raw: row.target,
          objectiveId: obj.id,
        });
      }
    }
    ind.polarity = guessPolarity(ind.name, ind.kind);
    return ind;
  }

  applyDate(ind: Indicator, raw: string, source: Provenance, obj: Objective): void {
    ind.deadlineRaw = raw;
    const parsed = parseItalianDate(raw, this.period?.from ?? null);
    ind.deadline = parsed.iso;
    if (parsed.status === 'none') {
      this.ctx.report(valueUnreadable, {
        messageId: 'date',
        data: { raw, field: 'Data Previsione' },
        source,
        raw,
        objectiveId: obj.id,
      });
    }
  }
}

function readTable2(
  rows: Table2Input[],
  tree: Tree,
  ctx: ExtractContext,
  period: Period | null,
): Objective[] {
  const builder = new GestionaleBuilder(tree, ctx, period);
  const typed = rows.map((r) => typeTable2Row(r.line, r.columns, r.afterHeader));

  // One spelling per unit: the first one printed (table 1 comes first), whatever the spacing later.
  const spelling = new Map<string, string>();
  for (const op of tree.operativi) {
    for (const name of [op.unit, op.sector]) if (name && !spelling.has(unitKey(name))) spelling.set(unitKey(name), name);
  }
  const canonical = (name: string | null) => (name === null ? null : (spelling.get(unitKey(name)) ?? spelling.set(unitKey(name), name).get(unitKey(name))!));

  // First pass: units and codes, so ids can say when a code is used by several units.
  let sector: string | null = null;
  let unit: string | null = null;
  for (const row of typed) {
    if (row.sector) {
      sector = canonical(row.sector);
      unit = canonical(row.unit ?? row.sector);
    } else if (row.unit) unit = canonical(row.unit);
    row.sector = sector;
    row.unit = unit;
    if (row.code) builder.noteCode(row.code, unit);
  }
  const unitIndex = new Map<string, number>();
  for (const op of tree.operativi) if (!unitIndex.has(unitKey(op.unit))) unitIndex.set(unitKey(op.unit), unitIndex.size + 1);
  for (const row of typed) if (!unitIndex.has(unitKey(row.unit))) unitIndex.set(unitKey(row.unit), unitIndex.size + 1);

  const out: Objective[] = [];
  let code: { code: string; type: string | null; operativo: string | null; unit: string | null; sector: string | null } | null = null;
  let current: Objective | null = null;
  let gestCount = 0;
  let previousIndicator: Indicator | null = null;

  for (const row of typed) {
    const source = provenanceOf(row.line);
    if (row.realigned) {
      ctx.report(rowUnaligned, {
        messageId: 'realigned',
        data: { reading: row.realigned, raw: rowText(row.line) },
        source,
        raw: rowText(row.line),
      });
    }
    // A row broken by a page break: after a repeated header, no code, no date, no target.
    if (row.afterHeader && !row.code && !row.date && !row.target && previousIndicator) {
      if (row.indicator) previousIndicator.name = `${previousIndicator.name} ${row.indicator}`.trim();
      if (row.kind) {
        previousIndicator.kindRaw = `${previousIndicator.kindRaw ?? ''} ${row.kind}`.trim();
        previousIndicator.kind = parseIndicatorKind(previousIndicator.kindRaw);
        previousIndicator.polarity = guessPolarity(previousIndicator.name, previousIndicator.kind);
      }
      if (row.office) previousIndicator.office = `${previousIndicator.office ?? ''} ${row.office}`.trim();
      ctx.report(rowUnaligned, { messageId: 'joined', data: { raw: rowText(row.line) }, source, raw: rowText(row.line) });
      continue;
    }
    if (row.code) {
      code = { code: row.code, type: row.type, operativo: row.operativo, unit: row.unit, sector: row.sector };
      current = null;
      gestCount = 0;
    }
    if (!code) {
      ctx.report(rowUnaligned, { messageId: 'skipped', data: { raw: rowText(row.line) }, source, raw: rowText(row.line) });
      continue;
    }
    if (row.gestionale || !current) {
      gestCount += 1;
      const shared = builder.codeUnits.get(code.code);
      const base = shared && shared.size > 1 ? `${code.code}@U${unitIndex.get(unitKey(code.unit))}` : code.code;
      const id = gestCount > 1 ? `${base}.${gestCount}` : base;
      const obj = newObjective(id, 'gestionale', row.gestionale ?? code.operativo ?? code.code, source);
      obj.code = code.code;
      noteCell(obj, 'code', row.line, row.cells.code);
      noteCell(obj, 'title', row.line, row.cells.gestionale);
      obj.unit = code.unit;
      obj.sector = code.sector;
      obj.types = (code.type ?? '').split(';').map((t) => t.trim()).filter(Boolean);
      const found = code.operativo ? builder.findOperativo(code.unit, code.operativo) : null;
      if (found) {
        const parent = found.parent;
        obj.parentId = parent.id;
        obj.mandateLine = parent.mandateLine;
        obj.budgetLink = parent.budgetLink;
        if (!found.sameUnit) {
          ctx.report(parentMissing, {
            messageId: 'otherUnit',
            data: { code: code.code, unit: code.unit ?? '—', title: parent.title, parent: parent.id, parentUnit: parent.unit ?? '—' },
            source,
            objectiveId: id,
          });
        }
      } else {
        ctx.report(parentMissing, {
          messageId: 'operativo',
          data: { code: code.code, unit: code.unit ?? '—', title: code.operativo ?? '—' },
          source,
          objectiveId: id,
          raw: code.operativo ?? undefined,
        });
      }
      current = obj;
      out.push(obj);
    }
    if (row.indicator || row.kind || row.target || row.date) {
      // An empty indicator cell under an indicator of the same objective: a merged cell, inherit it.
      if (!row.indicator && !row.gestionale && previousIndicator && current.indicators.includes(previousIndicator)) {
        row.indicator = previousIndicator.name;
        row.office ??= previousIndicator.office;
      }
      const ind = builder.indicatorFrom(row, current);
      current.indicators.push(ind);
      previousIndicator = ind;
    }
  }
  // Years of a gestionale objective: those of its deadlines, else its parent's.
  const byId = new Map(tree.operativi.map((o) => [o.id, o]));
  for (const obj of out) {
    const years = [...new Set(obj.indicators.map((i) => (i.deadline ? Number(i.deadline.slice(0, 4)) : null)).filter((y): y is number => y !== null))];
    obj.years = years.length ? years.sort() : [...(byId.get(obj.parentId ?? '')?.years ?? [])];
  }
  return out;
}

export const piao22Table: Extractor = {
  family: 'piao-2.2-table',
  description: 'PIAO sezione 2.2 in due tabelle: albero linee di mandato / obiettivi strategici / operativi e tabella obiettivi gestionali con indicatori.',
  checks: [rowUnaligned, valueUnreadable, parentMissing],
  extract(layout: LayoutDocument, ctx: ExtractContext): ExtractResult {
    const { t1, t2 } = collectRows(layout);
    const headerYears = [...new Set(t1.flatMap((r) => r.years))].sort();
    const period = headerYears.length >= 2 ? { from: headerYears[0]!, to: headerYears[headerYears.length - 1]! } : findPeriod(layout);
    const tree = new Tree();
    readTable1(t1, tree, ctx);
    const gestionali = readTable2(t2, tree, ctx, period);
    return { entity: findEntity(layout), period, objectives: [...tree.objectives, ...gestionali] };
  },
};
