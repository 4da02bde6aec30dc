/**
 * Header-row tables read by their columns' roles: the objective tree from the
 * title and code columns left to right (a cell merged over several rows is one
 * objective, a row with one cell across the table is a group: an objective
 * when it starts with a code), indicators with their targets per year,
 * actions with their deadlines and Gantt months, totals rows kept as printed
 * totals (one per column in a matrix of weights per person). A table with no objective column completes the objective the text
 * is about (the small table under an `Obiettivo n. 3` heading, a Gantt grid).
 */
import type { LayoutTable, TableCell } from '../../models/layout.js';
import type { Action, Indicator, Objective, ObjectiveLevel } from '../../models/plan.js';
import { cellSource, dataRows, headerTexts, slotText, tableGrid, type TableRow } from '../shared/tables.js';
import { collapseSpaces } from '../shared/labels.js';
import { measureUnitOf, weightOf, type PlanBuilder } from './builder.js';
import type { Target } from '../../models/plan.js';
import { kindProfile, splitCodeTitle, codeOf } from './values.js';
import type { HeaderMeaning, RoleVocabulary } from './vocabulary.js';

/** Named tolerances of the table reader. */
export const GENERIC_TABLE_SETTINGS = {
  /** A title column whose filled cells are codes at least this often holds codes. */
  codeShare: 0.7,
  /** This many month columns in a row make a Gantt grid. */
  minMonthColumns: 6,
  /** A row whose one cell covers at least this share of the columns is a group row. */
  groupRowWidth: 0.8,
} as const;

interface Column {
  index: number;
  header: string;
  meaning: HeaderMeaning;
}

interface Slot {
  level: ObjectiveLevel | null;
  code: number | null;
  title: number | null;
}

const TOTAL_RE = /^(?:totale|tot\.|totali|somma)\b/i;

function isMonthRun(columns: Column[]): Set<number> {
  const months = columns.filter((c) => c.meaning.month !== null && c.meaning.role === null || /^[GFMALSOND]$/.test(c.header.trim()));
  return months.length >= GENERIC_TABLE_SETTINGS.minMonthColumns ? new Set(months.map((c) => c.index)) : new Set();
}

/** The objective slots of a table, left to right: a level with its code and title columns. */
function objectiveSlots(columns: Column[], values: (col: number) => string[]): Slot[] {
  const slots: Slot[] = [];
  let pendingCode: number | null = null;
  for (const c of columns) {
    let role = c.meaning.role;
    if (role === 'title') {
      const profile = kindProfile(values(c.index));
      if ((profile.code ?? 0) >= GENERIC_TABLE_SETTINGS.codeShare) role = 'code';
    }
    if (role !== 'code' && role !== 'title') continue;
    const level = c.meaning.level;
    if (role === 'code') {
      const slot = level !== null ? slots.find((s) => s.level === level) : undefined;
      if (slot && slot.code === null) slot.code = c.index;
      else if (level !== null) slots.push({ level, code: c.index, title: null });
      else pendingCode = c.index;
      continue;
    }
    const slot = level !== null ? slots.find((s) => s.level === level && s.title === null) : undefined;
    if (slot) slot.title = c.index;
    else {
      slots.push({ level, code: pendingCode, title: c.index });
      pendingCode = null;
    }
  }
  // A code column left alone (`N.`, `Codice` before a description) goes to the deepest slot without one.
  if (pendingCode !== null) {
    const last = slots[slots.length - 1];
    if (last && last.code === null) last.code = pendingCode;
  }
  return slots;
}

function slotLevel(slot: Slot, index: number, slots: Slot[]): ObjectiveLevel {
  if (slot.level) return slot.level;
  const right = slots.slice(index + 1).find((s) => s.level);
  if (right) return right.level === 'operativo' || right.level === 'gestionale' ? 'strategico' : 'operativo';
  return index === 0 && slots.length > 1 ? 'strategico' : 'operativo';
}

/**
 * Weight columns under one header cell, one per person or unit (`Peso dell'obiettivo per dirigente` over
 * `Area Tecnica - Arch. Nicola Fabbri` | `Area Vigilanza - …`): the header cells of each column that are not
 * over all of them name whom the weight is for. Empty when there are fewer than two weight columns, or when
 * a column has no header cell of its own, only a year (`Peso 2025 | Peso 2026`), or no word in capitals.
 */
function weightsPerPerson(table: LayoutTable, weightCols: Column[]): { index: number; who: string }[] {
  if (weightCols.length < 2) return [];
  const grid = tableGrid(table);
  const out = weightCols.map((c) => {
    const own: string[] = [];
    for (let r = 0; r < table.headerRows; r++) {
      const cell = grid[r]?.[c.index] ?? null;
      if (!cell || cell.text === '' || own.includes(cell.text)) continue;
      if (weightCols.every((o) => grid[r]?.[o.index] === cell)) continue;
      own.push(cell.text);
    }
    return { index: c.index, who: collapseSpaces(own.join(' ')) };
  });
  const named = out.every((o) => /\p{Lu}/u.test(o.who) && o.who.replace(/\b(?:19|20)\d\d\b/g, '').trim() !== '');
  return named && new Set(out.map((o) => o.who)).size === out.length ? out : [];
}

/** The one cell of a group row (spanning nearly all columns), or null. */
function groupCell(row: TableRow, cols: number): TableCell | null {
  const distinct = [...new Set(row.slots.filter((s): s is TableCell => s !== null && s.text !== ''))];
  if (distinct.length !== 1) return null;
  const cell = distinct[0]!;
  const covered = row.slots.filter((s) => s === cell).length;
  return covered >= Math.max(2, Math.ceil(cols * GENERIC_TABLE_SETTINGS.groupRowWidth)) ? cell : null;
}

/** Rows of a table that are lines of text (a heading, a `Responsabile:` label), handed to the outline reader. */
export interface TextRows {
  /** Whether the row's first text is a line the outline reads. */
  takes(text: string): boolean;
  /** Reads the line of the row with this grid index (only `text` of it, when given). */
  read(row: number, text?: string): void;
  /** Where a label line glued to the end of a cell starts, or -1. */
  gluedAt(text: string): number;
}

/** Reads one table into the plan; false when the table names no role piao knows (left to other readers). */
export function readTable(table: LayoutTable, b: PlanBuilder, voc: RoleVocabulary, textRows?: TextRows): boolean {
  if (table.headerRows === 0 || table.cols < 2) return false;
  const headers = headerTexts(table);
  const columns: Column[] = headers.map((header, index) => ({ index, header, meaning: voc.meaning(header) }));
  const rows = dataRows(table);
  const values = (col: number) => rows.map((r) => (r.slots[col]?.row === r.index ? slotText(r.slots[col]) : ''));
  const months = isMonthRun(columns);
  const known = columns.filter((c) => c.meaning.role !== null && !months.has(c.index));
  if (known.length < 2 && months.size === 0) return false;

  const slots = objectiveSlots(columns.filter((c) => !months.has(c.index)), values);
  const col = (role: string) => columns.find((c) => c.meaning.role === role && !months.has(c.index))?.index ?? null;
  const weightCols = columns.filter((c) => c.meaning.role === 'weight');
  const weightCol = weightCols.length === 1 ? weightCols[0]!.index : null;
  const personCols = weightsPerPerson(table, weightCols);
  const indicatorCol = col('indicator');
  const actionCol = col('action');
  const deadlineCol = col('deadline');
  const unitCol = col('unit');
  const managerCol = col('manager');
  const descriptionCol = slots.length > 0 ? col('description') : null;
  const indicatorWeightCol = col('indicatorWeight');
  const baselineCol = col('baseline');
  const measureCol = col('measureUnit');
  // Target columns: by role, and bare-year columns after a target column (`Target 2025 | 2026 | 2027`).
  const targetCols: { index: number; year: number | null }[] = [];
  let afterTarget = false;
  for (const c of columns) {
    if (c.meaning.role === 'target') {
      afterTarget = true;
      // Several target columns without a year (annual, revised): the first one is the target.
      if (c.meaning.year === null && targetCols.some((t) => t.year === null)) continue;
      targetCols.push({ index: c.index, year: c.meaning.year });
    } else if (afterTarget && c.meaning.role === null && c.meaning.year !== null) targetCols.push({ index: c.index, year: c.meaning.year });
    else afterTarget = false;
  }
  // A yearless "target" column of long texts beside yearly targets is a result description, not a target.
  const yearly = targetCols.filter((t) => t.year !== null);
  const targets = yearly.length > 0 ? targetCols.filter((t) => t.year !== null || (kindProfile(values(t.index)).text ?? 0) < 0.5) : targetCols;

  if (slots.length === 0) return readAttached(rows, b, textRows, { actionCol, deadlineCol, weightCol, unitCol, managerCol, months, descriptionCol: col('description'), indicatorCol, measureCol, targets });

  const last = new Map<number, { cell: TableCell | null; obj: Objective }>();
  let group: Objective | null = null;
  let lastIndicator: { cell: TableCell; ind: Indicator } | null = null;
  const set = new Map<Objective, Set<string>>();
  /** Objectives given a weight in this table since the last TOTALE row. */
  let weighted: Objective[] = [];
  /** Per column of a matrix of weights per person: the objectives given a share in it since the last TOTALE row. */
  const shared = new Map<number, Objective[]>();
  const once = (obj: Objective, field: string) => {
    let s = set.get(obj);
    if (!s) set.set(obj, (s = new Set()));
    if (s.has(field)) return false;
    s.add(field);
    return true;
  };

  for (const row of rows) {
    const first = row.slots.find((s) => s && s.text !== '');
    if (!first) continue;
    if (TOTAL_RE.test(first.text)) {
      // The total of the weight column (or the first number of the row), over the objectives weighted since the last total.
      const cell = weightCol !== null && slotText(row.slots[weightCol]) !== '' ? row.slots[weightCol]! : row.slots.find((s) => s && s !== first && s.text !== '' && weightOf(s.text) !== null);
      const inline = first.text.replace(TOTAL_RE, '').replace(/^[\s\p{L}]*/u, '');
      if (weightCols.length <= 1) b.total(first.text, cell && cell !== first ? cell.text : inline, cellSource(cell ?? first), weighted);
      // A matrix of weights per person: one total per column, over the rows above with a share in it.
      for (const p of personCols) {
        const own = row.slots[p.index];
        if (!own || own === first || own.row !== row.index || own.text === '') continue;
        b.columnTotal(first.text, p.who, own.text, cellSource(own), shared.get(p.index) ?? []);
      }
      weighted = [];
      shared.clear();
      continue;
    }
    // The header printed again inside the grid (a second table read as the same one), perhaps after a heading
    // glued to its first cell (`DIREZIONE … - Dirigente: … Descrizione obiettivo`): the heading is text.
    const repeats = headers.filter((h, c) => h !== '' && c > 0 && collapseSpaces(slotText(row.slots[c])) === collapseSpaces(h)).length;
    if (repeats >= Math.max(2, Math.ceil((headers.filter((h) => h !== '').length - 1) * 0.7)) && collapseSpaces(first.text).endsWith(collapseSpaces(headers[0] ?? ''))) {
      const heading = collapseSpaces(first.text).slice(0, collapseSpaces(first.text).length - collapseSpaces(headers[0] ?? '').length).trim();
      if (heading !== '') textRows?.read(row.index, heading);
      last.clear();
      group = null;
      continue;
    }
    const spanning = groupCell(row, table.cols);
    if (spanning) {
      const split = splitCodeTitle(spanning.text);
      if (split) group = b.objective({ code: split.code, title: split.title, level: 'strategico', source: cellSource(spanning), evidence: 'code' });
      else {
        group = null;
        // Any other line across the table (`DIREZIONE … - Dirigente: …` printed between two pages of it) is text:
        // a unit heading there sets the unit and manager of the rows below.
        textRows?.read(row.index);
      }
      last.clear();
      continue;
    }
    let parent: Objective | null = group;
    let rowObj: Objective | null = null;
    slots.forEach((slot, i) => {
      const titleCell = slot.title !== null ? row.slots[slot.title] ?? null : null;
      const codeCell = slot.code !== null ? row.slots[slot.code] ?? null : null;
      const anchor = titleCell && titleCell.text !== '' ? titleCell : codeCell && codeCell.text !== '' ? codeCell : null;
      const previous = last.get(i);
      if (!anchor) {
        // Nothing printed at this level: the row continues the objective above.
        if (previous) rowObj = parent = previous.obj;
        return;
      }
      if (previous && previous.cell === anchor) {
        rowObj = parent = previous.obj;
        return;
      }
      // A title cell that starts in lower case, without a code and without a weight in its row, is the rest of the
      // title above wrapped onto a row of its own (aligned text that split a merged cell's lines into rows).
      if (previous && anchor === titleCell && (codeCell === null || codeCell.text === '') && /^\p{Ll}/u.test(anchor.text) && (weightCol === null || slotText(row.slots[weightCol]) === '')) {
        previous.obj.title = collapseSpaces(`${previous.obj.title} ${anchor.text}`);
        last.set(i, { cell: anchor, obj: previous.obj });
        rowObj = parent = previous.obj;
        return;
      }
      let code = codeCell && codeCell.text !== '' ? (codeOf(codeCell.text) ?? collapseSpaces(codeCell.text)) : null;
      let title = titleCell ? titleCell.text : '';
      const split = splitCodeTitle(title);
      if (split && (code === null || split.code === code)) {
        code = split.code;
        title = split.title;
      }
      if (titleCell && code === null && title === '') return;
      const obj = b.objective({ code, title, level: slotLevel(slot, i, slots), source: cellSource(anchor), evidence: 'column', parent });
      if (parent && obj.parentId === null && obj !== parent) obj.parentId = parent.id;
      last.set(i, { cell: anchor, obj });
      for (let j = i + 1; j < slots.length; j++) last.delete(j);
      rowObj = parent = obj;
    });
    const obj = rowObj as Objective | null;
    if (!obj) continue;
    const text = (c: number | null) => (c === null ? '' : slotText(row.slots[c]));
    const own = (c: number | null) => c !== null && row.slots[c] !== null && row.slots[c]!.row === row.index;
    if (weightCol !== null && text(weightCol) !== '' && once(obj, 'weight')) {
      obj.weight = weightOf(text(weightCol));
      const cell = row.slots[weightCol]!;
      if (cell.bbox) (obj.cells ??= {}).weight = cellSource(cell);
      weighted.push(obj);
    }
    for (const p of personCols) {
      const raw = text(p.index);
      if (raw === '' || !own(p.index) || obj.staff.some((s) => s.who === p.who)) continue;
      obj.staff.push({ who: p.who, share: weightOf(raw), role: 'responsabile', raw: collapseSpaces(raw), source: cellSource(row.slots[p.index]!) });
      let column = shared.get(p.index);
      if (!column) shared.set(p.index, (column = []));
      column.push(obj);
    }
    if (unitCol !== null && text(unitCol) !== '' && once(obj, 'unit')) setUnit(obj, text(unitCol));
    if (managerCol !== null && text(managerCol) !== '' && once(obj, 'manager')) obj.manager = collapseSpaces(text(managerCol));
    if (descriptionCol !== null && text(descriptionCol) !== '' && once(obj, 'description')) obj.description = collapseSpaces(text(descriptionCol));

    if (indicatorCol !== null && own(indicatorCol) && text(indicatorCol) !== '') {
      const cell = row.slots[indicatorCol]!;
      // In lower case, with no target, weight or baseline in its row: the rest of the indicator above, wrapped.
      const bare = targets.every((t) => text(t.index) === '') && (indicatorWeightCol === null || text(indicatorWeightCol) === '') && (baselineCol === null || text(baselineCol) === '');
      if (lastIndicator && lastIndicator.cell !== cell && obj.indicators.includes(lastIndicator.ind) && /^\p{Ll}/u.test(cell.text) && bare) {
        lastIndicator.ind.name = collapseSpaces(`${lastIndicator.ind.name} ${cell.text}`);
        lastIndicator = { cell, ind: lastIndicator.ind };
      } else {
        const ind: Indicator = lastIndicator?.cell === cell ? lastIndicator.ind : b.indicator(obj, cell.text, cellSource(cell));
        lastIndicator = { cell, ind };
        if (indicatorWeightCol !== null) ind.weight = weightOf(text(indicatorWeightCol));
        const unit = measureCol !== null ? measureUnitOf(text(measureCol)) : null;
        for (const t of targets) if (own(t.index)) withUnit(b.target(ind, text(t.index), t.year, cellSource(row.slots[t.index]!)), unit);
        if (baselineCol !== null && own(baselineCol)) {
          const year = columns[baselineCol]!.meaning.year ?? (b.year !== null ? b.year - 1 : null);
          b.baseline(ind, text(baselineCol), year, cellSource(row.slots[baselineCol]!));
        }
        if (deadlineCol !== null && own(deadlineCol) && actionCol === null) b.deadline(ind, text(deadlineCol));
      }
    }
    if (actionCol !== null && own(actionCol) && text(actionCol) !== '') {
      const cell = row.slots[actionCol]!;
      const action = b.action(obj, cell.text, cellSource(cell));
      if (deadlineCol !== null) b.deadline(action, text(deadlineCol));
      if (months.size > 0) noteMonths(action, row, months, b.year);
    }
  }
  return true;
}

interface AttachedColumns {
  actionCol: number | null;
  deadlineCol: number | null;
  weightCol: number | null;
  unitCol: number | null;
  managerCol: number | null;
  descriptionCol: number | null;
  indicatorCol: number | null;
  measureCol: number | null;
  targets: { index: number; year: number | null }[];
  months: Set<number>;
}

/** A table without objective columns: rows of the objective the text is about. */
function readAttached(rows: TableRow[], b: PlanBuilder, textRows: TextRows | undefined, c: AttachedColumns): boolean {
  if (!b.current) return false;
  const text = (row: TableRow, col: number | null) => (col === null ? '' : slotText(row.slots[col]));
  let used = false;
  for (const row of rows) {
    const first = row.slots.find((s) => s && s.text !== '');
    if (!first) continue;
    if (TOTAL_RE.test(first.text)) continue;
    if (textRows && first.row === row.index && textRows.takes(first.text)) {
      // A heading read here makes the rows below belong to its objective.
      textRows.read(row.index);
      used = true;
      continue;
    }
    const obj = b.current;
    if (!obj) continue;
    if (c.actionCol !== null && text(row, c.actionCol) !== '') {
      const cell = row.slots[c.actionCol]!;
      // `Formazione del personale Responsabile: Geom. …`: the action, then a label line glued to it.
      const glued = textRows && cell.row === row.index ? textRows.gluedAt(cell.text) : -1;
      const action = b.action(obj, glued > 0 ? cell.text.slice(0, glued) : cell.text, cellSource(cell));
      if (c.deadlineCol !== null) b.deadline(action, text(row, c.deadlineCol) || strayDeadline(row, cell));
      if (c.weightCol !== null) action.weight = weightOf(text(row, c.weightCol));
      if (c.months.size > 0) noteMonths(action, row, c.months, b.year);
      if (glued > 0) textRows!.read(row.index, cell.text.slice(glued));
      used = true;
      continue;
    }
    if (c.indicatorCol !== null && text(row, c.indicatorCol) !== '') {
      const cell = row.slots[c.indicatorCol]!;
      const ind = b.indicator(obj, cell.text, cellSource(cell));
      const unit = c.measureCol !== null ? measureUnitOf(text(row, c.measureCol)) : null;
      for (const t of c.targets) withUnit(b.target(ind, text(row, t.index), t.year, row.slots[t.index] ? cellSource(row.slots[t.index]!) : undefined), unit);
      if (c.deadlineCol !== null) b.deadline(ind, text(row, c.deadlineCol));
      used = true;
      continue;
    }
    // The fields of the objective itself (Descrizione | Tempi | Aree coinvolte | Peso).
    if (c.weightCol !== null && obj.weight === null) obj.weight = weightOf(text(row, c.weightCol));
    if (c.descriptionCol !== null && obj.description === null && text(row, c.descriptionCol) !== '') obj.description = collapseSpaces(text(row, c.descriptionCol));
    if (c.unitCol !== null && text(row, c.unitCol) !== '') setUnit(obj, text(row, c.unitCol));
    if (c.managerCol !== null && text(row, c.managerCol) !== '') obj.manager = collapseSpaces(text(row, c.managerCol));
    b.note(obj, 'content');
    used = true;
  }
  return used;
}

/**
 * A deadline printed in another cell of the row when the Scadenza cell is empty (`X entro il 31.12.2025`: the
 * last Gantt mark and the deadline read as one cell), without the mark; '' when there is none.
 */
function strayDeadline(row: TableRow, actionCell: TableCell): string {
  const cell = row.slots.find((s) => s !== null && s !== actionCell && s.row === row.index && /^(?:[xX✓✔●■]\s+)?entro\b.*\d/i.test(s.text));
  return cell ? cell.text.replace(/^[xX✓✔●■]\s+/, '') : '';
}

/** The unit of measure of the row's own column, for a target whose text names none (`50,0` under `%`). */
function withUnit(target: Target | null, unit: string | null): void {
  if (target && target.unit === null && unit !== null) target.unit = unit;
}

/** A unit cell: one unit, or several (`Area A; Area B`) kept as the units involved. */
function setUnit(obj: Objective, raw: string): void {
  const parts = raw.split(/\s*[;\n]\s*|\s+e\s+(?=Area|Servizio|Settore|Ufficio|Direzione)/).map(collapseSpaces).filter(Boolean);
  if (parts.length > 1) {
    obj.unit = null;
    obj.involvedUnits = parts;
  } else obj.unit = parts[0] ?? null;
}

/** The months marked in a Gantt row (1 = January); the last one is the deadline when no Scadenza is printed. */
function noteMonths(action: Action, row: TableRow, months: Set<number>, year: number | null): void {
  const order = [...months].sort((a, b) => a - b);
  const marked = order.map((c, i) => (slotText(row.slots[c]) !== '' ? i + 1 : 0)).filter((m) => m > 0 && m <= 12);
  if (marked.length === 0) return;
  action.months = marked;
  if (action.deadline === null && year !== null) {
    const last = marked[marked.length - 1]!;
    const day = new Date(Date.UTC(year, last, 0)).getUTCDate();
    action.deadline = `${year}-${String(last).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
}
