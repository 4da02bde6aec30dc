/**
 * Family `schede-obiettivo` (seed 003): one sheet per gestionale objective.
 *
 * A sheet is a header (`OBIETTIVO GESTIONALE 2024 – 2026 X COMUNE □
 * INDIVIDUALE`, sometimes OCR'd as `OBBIETTIVO`/`OGGETTO`, sometimes missing),
 * label/value rows (budget link, mandate line, DUP sections, dirigente,
 * description, baseline, target, stakeholders), the units, a Piano operativo
 * per annuality (N. / PESO / AZIONE / TEMPI / INDICATORI / ATTESO /
 * GRADUAZIONE / RAGGIUNTO / %), the staff per action with shares, the PEG
 * chapters and the PESATURA. Labels are matched fuzzily; a label too damaged
 * to recognize is read by its position in the fixed order of the sheet.
 *
 * The sheet is read as rows of cells (`extractors/shared/rows.ts`): the rows
 * of the layout's tables with each cell's column, span and box, or the cells
 * of a line outside tables. Table columns are found by the header's words
 * (`ACTION_HEADERS`, `STAFF_HEADERS`), never by counting cells; every value
 * keeps the cell it was read from (`cells[field]`, `Staff.source`).
 */
import type { LayoutDocument } from '../models/layout.js';
import type { Budget, CellSources, Objective, Pesatura, Provenance, Scheda, Staff } from '../models/plan.js';
import { rowUnaligned, valueUnreadable } from '../pipeline/checks.js';
import type { ExtractContext, ExtractResult, Extractor } from './types.js';
import { bestLabel, labelSimilarity, matchesLabel, normalizeLabel } from './shared/labels.js';
import { newAction, newObjective } from './shared/model.js';
import { parseItalianDate } from './shared/dates.js';
import { parseItalianNumber, parsePercent } from './shared/numbers.js';
import { parseGrading } from './shared/grading.js';
import { findEntity, mostFrequent } from './shared/document.js';
import { cellAt, documentRows, ownCells, unionBox, type Row, type RowCell } from './shared/rows.js';

const rowText = (row: Row) => row.cells.map((c) => c.text).join(' | ');

const HEADER_LABELS = ['OBIETTIVO GESTIONALE', 'OBBIETTIVO GESTIONALE', 'OGGETTO GESTIONALE'];
const HEADER_RE = /^(?:OBB?IETTIVO|OGGETTO)\s+GESTIONALE\b/i;

/** The label rows of a sheet, in the order they are printed. */
const FIELDS = [
  ['budget', 'Collegamento al bilancio'],
  ['mandate', 'Linea programmatica di mandato'],
  ['dupStrategic', 'Dup - Sezione strategica'],
  ['dupOperational', 'Dup - Sezione operativa'],
  ['description', 'Obiettivo gestionale di performance - Descrizione'],
  ['baseline', 'Situazione di partenza (baseline)'],
  ['target', 'Traguardo atteso (target)'],
  ['stakeholders', 'A chi è rivolto (Stakeholder)'],
  ['compliance', 'Rispetto delle disposizioni contenute'],
  ['units', 'UNITÀ ORGANIZZATIVA RESPONSABILE'],
] as const;
type FieldKey = (typeof FIELDS)[number][0];

/** Labels that may stand later in a row, with their value after them (or in the same cell). */
const SIDE_LABELS = [
  ['manager', 'Dirigente responsabile'],
  ['positionHolder', 'Posizione organizzativa di rif.'],
  ['referents', 'Referente organizzativo di rif.'],
] as const;
type SideKey = (typeof SIDE_LABELS)[number][0];

/** Where each field is recorded in `cells`: the model's own field names (`scheda.` for the sheet's). */
const CELL_NAME: Record<Exclude<FieldKey, 'compliance'> | SideKey, string> = {
  budget: 'budgetLink',
  mandate: 'mandateLine',
  dupStrategic: 'scheda.dupStrategic',
  dupOperational: 'scheda.dupOperational',
  description: 'description',
  baseline: 'scheda.baseline',
  target: 'scheda.target',
  stakeholders: 'scheda.stakeholders',
  units: 'unit',
  manager: 'manager',
  positionHolder: 'scheda.positionHolder',
  referents: 'scheda.referents',
};

const PLAN_RE = /^P[IL]*ANO\s+OPERATIVO\s+(\d)\s*[°ªº]?/i;
const SECTION_LABELS = {
  plan: 'PIANO OPERATIVO',
  level: 'LIVELLO CONSEGUIMENTO OBIETTIVO',
  staff: 'PERSONALE COINVOLTO E PERCENTUALE DI PARTECIPAZIONE',
  resources: 'RISORSE UMANE',
  budget: 'ASSEGNAZIONE FINANZIARIA',
  pesatura: 'PESATURA',
  criteria: 'CRITERIO',
} as const;

/**
 * Column headers of a piano operativo, role -> the words offices print for it
 * (general synonyms, not one document's strings). `n` is the row number.
 */
const ACTION_HEADERS = {
  n: ['N.', 'N', 'N°', 'NR', 'NUM', 'NUMERO'],
  weight: ['PESO', 'PESO %', 'PESO AZIONE', 'PESI', 'INCIDENZA'],
  text: ['AZIONE', 'AZIONI', 'ATTIVITÀ', 'FASE', 'FASI', 'DESCRIZIONE AZIONE', 'FASI DI ATTUAZIONE'],
  tempi: ['TEMPI', 'TEMPI (M/F)', 'TEMPISTICA', 'SCADENZA', 'TERMINE', 'DATA PREVISTA', 'CRONOPROGRAMMA'],
  indicator: ['INDICATORI', 'INDICATORE', 'INDICATORE DI RISULTATO'],
  expected: ['ATTESO', 'VALORE ATTESO', 'RISULTATO ATTESO', 'TARGET', 'VALORE OBIETTIVO'],
  grading: ['GRADUAZIONE', 'GRADUAZIONE DEL RITARDO', 'CRITERI DI VALUTAZIONE', 'SCALA DI VALUTAZIONE'],
  achieved: ['RAGGIUNTO', 'VALORE RAGGIUNTO', 'RISULTATO RAGGIUNTO', 'CONSUNTIVO'],
  percent: ['%', 'PERCENTUALE', '% RAGGIUNGIMENTO', 'GRADO DI RAGGIUNGIMENTO'],
} as const;
type ActionRole = keyof typeof ACTION_HEADERS;
/** The printed order of the roles, for a header that cannot be read. */
const ACTION_ORDER = Object.keys(ACTION_HEADERS) as ActionRole[];

/** Column headers of the staff table: N., the action, the responsible; every other column is a participant (1 … 10). */
const STAFF_HEADERS = {
  n: ACTION_HEADERS.n,
  text: ACTION_HEADERS.text,
  responsible: ['RESPONSABILE', 'RESPONSABILI', 'REFERENTE', 'DIRIGENTE RESPONSABILE'],
} as const;
type StaffRole = keyof typeof STAFF_HEADERS;

const N_RE = /^(?:N|NR|N°|Nº|NUM|NUMERO)\.?°?$/i;
const ROW_NUMBER_RE = /^\d{1,2}$/;

/** True when a header cell names one of `labels`: the same words, also when a narrow column broke a word (`PES O`, `RAGGIUN TO`). */
function headerMatches(text: string, labels: readonly string[]): boolean {
  const t = text.trim();
  if (t === '%') return labels.includes('%');
  return labels.some((l) => l !== '%' && wholeMatch(t, l));
}

function wholeMatch(text: string, label: string): boolean {
  const t = normalizeLabel(text);
  const l = normalizeLabel(label);
  if (t === '' || l === '') return false;
  // A header may carry a note after its label (`TEMPI (M/F)`, `PESO %`), never a longer word; a word too damaged to read
  // (`PESS`, `AGGIUNTO`) is left to the printed order (`actionColumns`).
  return t === l || t.replace(/ /g, '') === l.replace(/ /g, '') || t.startsWith(l + ' ');
}

/** Header columns already found, per header row and vocabulary (a header is read once, not once per data row). */
const headerCache = new WeakMap<Row, WeakMap<object, Partial<Record<string, number>>>>();

/** The column of each role in a header row: the first cell whose text names it; a column is given to one role only. */
function headerColumns<R extends string>(header: Row, roles: Readonly<Record<R, readonly string[]>>): Partial<Record<R, number>> {
  const cached = headerCache.get(header)?.get(roles);
  if (cached) return cached as Partial<Record<R, number>>;
  const out: Partial<Record<R, number>> = {};
  const taken = new Set<RowCell>();
  for (const role of Object.keys(roles) as R[]) {
    // A header word is short: a long cell is never one (and is not normalized for nothing).
    const cell = header.cells.find((c) => !taken.has(c) && c.text.length <= 60 && headerMatches(c.text, roles[role]));
    if (cell) {
      out[role] = cell.col;
      taken.add(cell);
    }
  }
  if (!headerCache.has(header)) headerCache.set(header, new WeakMap());
  headerCache.get(header)!.set(roles, out);
  return out;
}

/** A value and the cell (or cells) it was read from. */
interface Read {
  text: string;
  source: Provenance;
}

/** One provenance for several cells of a row: the first cell's page and line, the box around those on its page. */
function joinedSource(cells: readonly RowCell[]): Provenance {
  const first = cells[0]!.source;
  if (cells.length === 1) return first;
  const out: Provenance = { page: first.page, line: first.line };
  const box = unionBox(cells.map((c) => c.source).filter((s) => s.page === first.page));
  if (box) out.bbox = box;
  if (first.confidence !== undefined) out.confidence = cells.reduce((m, c) => Math.min(m, c.source.confidence ?? 1), 1);
  return out;
}

/** Records where `field` was read, when the cell has a box (PDF and OCR input). */
function note(item: { cells?: CellSources }, field: string, source: Provenance | null | undefined): void {
  if (source?.bbox) (item.cells ??= {})[field] = source;
}

interface Sheet {
  rows: Row[];
  header: Row | null;
}

/** A sheet header names the objective type and its period or scope (the description label starts alike). */
function isHeader(row: Row): boolean {
  const first = ownCells(row)[0]?.text ?? '';
  if (!HEADER_RE.test(first) && !HEADER_LABELS.some((l) => matchesLabel(first, l, 0.9))) return false;
  if (fieldOf(first) === 'description') return false;
  return /(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d|COMUNE|INDIVIDUALE/.test(first);
}

/** Which field label a cell is, if any. */
function fieldOf(text: string): FieldKey | null {
  const labels = FIELDS.map(([, l]) => l);
  const label = bestLabel(text, labels, 0.84);
  return label ? FIELDS.find(([, l]) => l === label)![0] : null;
}

function sectionOf(row: Row): keyof typeof SECTION_LABELS | null {
  const first = ownCells(row)[0]?.text ?? '';
  if (PLAN_RE.test(first)) return 'plan';
  for (const [key, label] of Object.entries(SECTION_LABELS) as [keyof typeof SECTION_LABELS, string][]) {
    if (labelSimilarity(first, label) >= 0.88) return key;
  }
  return null;
}

/**
 * Splits the document into sheets: a header opens one; so does the first
 * field label after the previous sheet's tables, for sheets printed without
 * a header.
 */
function splitSheets(rows: Row[]): Sheet[] {
  const sheets: Sheet[] = [];
  let current: Sheet | null = null;
  let tablesSeen = false;
  for (const row of rows) {
    const own = ownCells(row);
    if (own.length === 0) continue;
    if (isHeader(row)) {
      current = { rows: [], header: row };
      sheets.push(current);
      tablesSeen = false;
      continue;
    }
    const field = fieldOf(own[0]!.text);
    if ((field === 'budget' || field === 'mandate' || field === 'dupStrategic') && (current === null || tablesSeen)) {
      current = { rows: [], header: null };
      sheets.push(current);
      tablesSeen = false;
    }
    if (!current) continue;
    if (sectionOf(row)) tablesSeen = true;
    current.rows.push(row);
  }
  return sheets;
}

/** `2024 – 2026` and the ticked box (X, x, <input checked>) before COMUNE or INDIVIDUALE. */
function readHeader(text: string): { period: Scheda['period']; scope: Scheda['scope'] } {
  const p = /((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)/.exec(text);
  const period = p ? { from: Number(p[1]), to: Number(p[2]) } : null;
  const marks = text
    .replace(/<input[^>]*\bchecked\b[^>]*>/gi, ' X ')
    .replace(/<input[^>]*>/gi, ' □ ')
    .replace(/COMUNEX/gi, 'COMUNE X');
  const ticked = (word: string) => new RegExp(`(?:^|\\s)[Xx✓✔☒■]\\s*${word}\\b`).test(marks);
  const scope = ticked('COMUNE') ? 'comune' : ticked('INDIVIDUALE') ? 'individuale' : null;
  return { period, scope };
}

/** `Missione: 01 – Servizi …`, `Programma 12 Segreteria generale`. */
function readBudgetLink(values: string[]): Objective['budgetLink'] {
  const raw = values.join(' | ');
  if (raw.trim() === '') return null;
  const m = /Missione\s*:?\s*(?:n\.?\s*)?(\d{1,2})\b\s*(?:[-–—]\s*)?([^|]*?)(?=\s*(?:Missione|Programma|\||$))/i.exec(raw);
  const p = /Programma\s*:?\s*(?:n\.?\s*)?(\d{1,2})\b\s*(?:[-–—]\s*)?([^|]*?)(?=\s*(?:Missione|Programma|\||$))/i.exec(raw);
  return {
    missione: m ? m[1]!.padStart(2, '0') : null,
    missioneLabel: m && m[2]!.trim() ? m[2]!.trim() : null,
    programma: p ? p[1]!.padStart(2, '0') : null,
    programmaLabel: p && p[2]!.trim() ? p[2]!.trim() : null,
    raw,
  };
}

/** A staff cell: `Alessia Tronfi 50%`, `Benacci Sara 20 %`, `Dirigenti e Responsabili di Settore`. */
function readStaff(cell: RowCell, role: Staff['role']): Staff {
  const share = parsePercent(cell.text);
  const who = cell.text.replace(/\s*\d+(?:[.,]\d+)?\s*%\s*$/, '').trim();
  return { who: who || cell.text, share: role === 'responsabile' ? null : share, role, raw: cell.text, source: cell.source };
}

function emptyScheda(): Scheda {
  return {
    period: null, headerRaw: null, scope: null, dupStrategic: null, dupOperational: null, positionHolder: null,
    referents: null, baseline: null, target: null, stakeholders: null, otherUnits: [], pesatura: null,
  };
}

/** The cell of a data row under a header column: the header's column moved by the shift between the two rows' `N.` cells. */
function under(row: Row, col: number | undefined, exclude: readonly RowCell[]): RowCell | undefined {
  if (col === undefined) return undefined;
  const cell = cellAt(row, col);
  return cell && !exclude.includes(cell) ? cell : undefined;
}

class SheetReader {
  private readonly obj: Objective;
  private readonly scheda: Scheda;
  private lastField = -1;
  private section: 'fields' | 'units' | 'plan' | 'staff' | 'budget' | 'pesatura' = 'fields';
  private annuality = 0;
  private planHeader: Row | null = null;
  private staffHeader: Row | null = null;
  private budgetHeader: Row | null = null;
  private staffRows: { n: number; staff: Staff[] }[] = [];

  constructor(
    private readonly sheet: Sheet,
    header: ReturnType<typeof readHeader> | null,
    index: number,
    private readonly ctx: ExtractContext,
    private readonly documentPeriod: { from: number; to: number } | null,
  ) {
    const first = sheet.header ?? sheet.rows[0]!;
    this.obj = newObjective(`SO${String(index + 1).padStart(2, '0')}`, 'gestionale', '', first.source);
    this.scheda = emptyScheda();
    this.obj.scheda = this.scheda;
    if (sheet.header && header) {
      this.scheda.headerRaw = rowText(sheet.header);
      Object.assign(this.scheda, header);
      const source = joinedSource(sheet.header.cells);
      note(this.obj, 'scheda.headerRaw', source);
      if (header.period) note(this.obj, 'scheda.period', source);
      if (header.scope) note(this.obj, 'scheda.scope', source);
    }
  }

  private get period() {
    return this.scheda.period ?? this.documentPeriod;
  }

  read(): Objective {
    for (const row of this.sheet.rows) this.readRow(row);
    this.attachStaff();
    const years = this.period ? range(this.period.from, this.period.to) : [];
    this.obj.years = years;
    if (!this.obj.title) {
      this.obj.title = this.obj.description ? firstSentence(this.obj.description) : `Scheda ${this.obj.id}`;
      if (this.obj.description) note(this.obj, 'title', this.obj.cells?.description);
    }
    return this.obj;
  }

  private readRow(row: Row): void {
    const own = ownCells(row);
    if (own.length === 0) return;
    const first = own[0]!.text;
    const section = sectionOf(row);
    if (section === 'plan' || (section === 'level' && this.section !== 'plan')) {
      const m = PLAN_RE.exec(first);
      this.annuality = m ? Number(m[1]) : this.annuality + 1;
      this.section = 'plan';
      this.planHeader = null;
      return;
    }
    if (section === 'level') return;
    if (section === 'resources' || section === 'staff') {
      this.section = 'staff';
      return;
    }
    if (section === 'budget') {
      this.section = 'budget';
      this.budgetHeader = row;
      return;
    }
    if (section === 'pesatura' || section === 'criteria') {
      this.section = 'pesatura';
      return;
    }
    // A table is also known by its header: `N. | AZIONE | RESPONSABILE | 1 …` is the staff table, whatever title stands above it.
    if (this.section === 'plan' && N_RE.test(first)) {
      const staff = headerColumns(row, STAFF_HEADERS);
      const plan = headerColumns(row, ACTION_HEADERS);
      if (staff.responsible !== undefined && plan.weight === undefined && plan.tempi === undefined) this.section = 'staff';
    }
    switch (this.section) {
      case 'fields':
        return this.readField(row, own);
      case 'units':
        return this.readUnits(own);
      case 'plan':
        return this.readAction(row, own);
      case 'staff':
        return this.readStaffRow(row, own);
      case 'budget':
        return this.readBudget(row, own);
      case 'pesatura':
        return this.readPesatura(own);
    }
  }

  private readField(row: Row, cells: RowCell[]): void {
    let key = fieldOf(cells[0]!.text);
    let index = key ? FIELDS.findIndex(([k]) => k === key) : -1;
    if (!key) {
      // Too damaged to recognize: the next field in the sheet's fixed order, if the row has a label and a value.
      if (cells.length < 2 || this.lastField + 1 >= FIELDS.length) return;
      index = this.lastField + 1;
      key = FIELDS[index]![0];
      this.ctx.report(rowUnaligned, {
        messageId: 'realigned',
        data: { reading: `«${FIELDS[index]![1]}» (per posizione)`, raw: rowText(row) },
        source: row.source,
        raw: rowText(row),
        objectiveId: this.obj.id,
      });
    }
    this.lastField = Math.max(this.lastField, index);
    const values: RowCell[] = [];
    // The label cell may hold its value too (`Dirigente responsabile Fulvio Pastorino`).
    for (const cell of cells.slice(1)) {
      const side = SIDE_LABELS.find(([, l]) => labelSimilarity(cell.text, l) >= 0.86);
      if (side) {
        const rest = cell.text.split(/\s+/).slice(side[1].split(/\s+/).length).join(' ').trim();
        const after = cells[cells.indexOf(cell) + 1];
        if (rest) this.setSide(side[0], { text: rest, source: cell.source });
        else if (after && !SIDE_LABELS.some(([, l]) => labelSimilarity(after.text, l) >= 0.86)) this.setSide(side[0], { text: after.text, source: after.source });
        else this.setSide(side[0], null);
        break;
      }
      values.push(cell);
    }
    // A side value already taken as this field's value is not the field's.
    const own = values.filter((v) => v.text !== this.obj.manager && v.text !== this.scheda.positionHolder && v.text !== this.scheda.referents);
    const value = own.map((c) => c.text).join(' ').trim() || null;
    const source = own.length > 0 ? joinedSource(own) : null;
    if (key !== 'compliance' && value !== null) note(this.obj, CELL_NAME[key], source);
    switch (key) {
      case 'budget':
        this.obj.budgetLink = readBudgetLink(own.map((c) => c.text));
        break;
      case 'mandate':
        this.obj.mandateLine = value?.replace(/^"|"$/g, '') ?? null;
        break;
      case 'dupStrategic':
        this.scheda.dupStrategic = value;
        break;
      case 'dupOperational':
        this.scheda.dupOperational = value;
        break;
      case 'description':
        this.obj.description = value;
        break;
      case 'baseline':
        this.scheda.baseline = value;
        break;
      case 'target':
        this.scheda.target = value;
        break;
      case 'stakeholders':
        this.scheda.stakeholders = value;
        break;
      case 'compliance':
        break;
      case 'units':
        if (this.obj.cells) delete this.obj.cells.unit; // the label row: the unit is on the next row
        this.section = 'units';
        break;
    }
  }

  private setSide(key: SideKey, read: Read | null): void {
    const v = read?.text.trim() || null;
    if (key === 'manager') this.obj.manager = v;
    else if (key === 'positionHolder') this.scheda.positionHolder = v;
    else this.scheda.referents = v;
    if (v !== null) note(this.obj, CELL_NAME[key], read!.source);
  }

  private readUnits(cells: RowCell[]): void {
    if (this.obj.unit !== null) return;
    this.obj.unit = cells[0]!.text;
    note(this.obj, 'unit', cells[0]!.source);
    this.scheda.otherUnits = cells.slice(1).map((c) => c.text);
    if (cells.length > 1) note(this.obj, 'scheda.otherUnits', joinedSource(cells.slice(1)));
  }

  /** Column of each action field in `row`: the header's columns (by their words), moved as the row's `N.` is; the printed order where the header does not name one. */
  private actionColumns(nCell: RowCell): Record<ActionRole, number | undefined> {
    const out = {} as Record<ActionRole, number | undefined>;
    const header = this.planHeader;
    const found = header ? headerColumns(header, ACTION_HEADERS) : {};
    const start = found.n ?? nCell.col;
    const shift = nCell.col - start;
    const taken = new Set(Object.values(found) as number[]);
    // A header word too damaged to read (`PESS`, `AGGIUNTO`): the column at the role's place in the printed order, if no other role has it.
    ACTION_ORDER.forEach((role, i) => {
      const col = found[role] ?? (taken.has(start + i) ? undefined : start + i);
      out[role] = col === undefined ? undefined : col + shift;
    });
    return out;
  }

  private readAction(row: Row, own: RowCell[]): void {
    const nCell = own[0]!;
    if (N_RE.test(nCell.text)) {
      this.planHeader = row;
      return;
    }
    if (!ROW_NUMBER_RE.test(nCell.text)) return;
    const n = Number(nCell.text);
    const cols = this.actionColumns(nCell);
    const cellOf = (role: ActionRole) => (role === 'n' ? nCell : under(row, cols[role], [nCell]));
    const get = (role: ActionRole) => cellOf(role)?.text.trim() || null;
    const weightRaw = get('weight');
    const text = get('text');
    const tempi = get('tempi');
    if (!weightRaw && !text && !tempi) return; // an empty numbered row of the printed form
    const year = this.period ? this.period.from + this.annuality - 1 : null;
    const source = row.source;
    const action = newAction(`${this.obj.id}/A${year ?? this.annuality}.${n}`, text ?? '', source);
    action.n = n;
    action.year = year;
    action.weightRaw = weightRaw;
    note(action, 'n', nCell.source);
    if (text) note(action, 'text', cellOf('text')!.source);
    if (weightRaw) {
      note(action, 'weight', cellOf('weight')!.source);
      action.weight = parseItalianNumber(weightRaw.replace('%', '')) ?? parsePercent(weightRaw);
      if (action.weight === null) {
        this.ctx.report(valueUnreadable, { messageId: 'number', data: { raw: weightRaw, field: 'PESO' }, source: cellOf('weight')!.source, raw: weightRaw, objectiveId: this.obj.id });
      }
    }
    if (tempi) {
      const tempiSource = cellOf('tempi')!.source;
      note(action, 'deadline', tempiSource);
      action.deadlineRaw = tempi;
      const parsed = parseItalianDate(tempi, year);
      action.deadline = parsed.iso;
      if (parsed.status === 'none') {
        this.ctx.report(valueUnreadable, {
          messageId: 'date',
          data: { raw: tempi, field: `TEMPI, azione ${n} (${this.annuality}ª annualità) della scheda ${this.obj.id}` },
          source: tempiSource.line === null ? source : tempiSource,
          raw: tempi,
          objectiveId: this.obj.id,
          path: ['actions', this.obj.actions.length, 'deadline'],
        });
      }
    }
    action.indicator = get('indicator');
    if (action.indicator) note(action, 'indicator', cellOf('indicator')!.source);
    action.expected = get('expected');
    if (action.expected) note(action, 'expected', cellOf('expected')!.source);
    const grading = get('grading');
    action.grading = grading ? parseGrading(grading) : null;
    if (grading) note(action, 'grading', cellOf('grading')!.source);
    action.achievedRaw = get('achieved');
    if (action.achievedRaw) note(action, 'achievedRaw', cellOf('achieved')!.source);
    const percent = get('percent');
    action.achievedPercent = percent ? (parsePercent(percent) ?? parseItalianNumber(percent)) : null;
    if (percent) note(action, 'achievedPercent', cellOf('percent')!.source);
    this.obj.actions.push(action);
  }

  private readStaffRow(row: Row, own: RowCell[]): void {
    const nCell = own[0]!;
    if (N_RE.test(nCell.text)) {
      this.staffHeader = row;
      return;
    }
    // A row of column numbers (1 2 3 … 10) under the header is not a staff row.
    if (!ROW_NUMBER_RE.test(nCell.text) || row.cells.every((c) => ROW_NUMBER_RE.test(c.text))) return;
    const found = this.staffHeader ? headerColumns(this.staffHeader, STAFF_HEADERS) : ({} as Partial<Record<StaffRole, number>>);
    const shift = found.n !== undefined ? nCell.col - found.n : 0;
    const textCell = under(row, found.text !== undefined ? found.text + shift : nCell.col + 1, [nCell]);
    const respCell = under(row, found.responsible !== undefined ? found.responsible + shift : undefined, [nCell]);
    const staff: Staff[] = [];
    for (const cell of row.cells) {
      if (cell === nCell || cell === textCell || cell.col < nCell.col) continue;
      staff.push(readStaff(cell, cell === respCell ? 'responsabile' : 'partecipante'));
    }
    this.staffRows.push({ n: Number(nCell.text), staff });
  }

  /** Staff rows name their action by N.: they go to the actions of the first annuality with that N. */
  private attachStaff(): void {
    const firstYear = this.obj.actions.reduce((m, a) => Math.min(m, a.year ?? Infinity), Infinity);
    for (const row of this.staffRows) {
      const action = this.obj.actions.find((a) => a.n === row.n && (a.year ?? Infinity) === firstYear);
      if (action) action.staff.push(...row.staff);
      else this.obj.staff.push(...row.staff.filter((s) => !this.obj.staff.some((o) => o.who === s.who)));
    }
  }

  private readBudget(row: Row, cells: RowCell[]): void {
    const label = cells[0]!;
    if (cells.some((c) => /stanziamento/i.test(c.text))) {
      this.budgetHeader = row; // the header printed on the first chapter row
      return;
    }
    if (!/capitolo/i.test(label.text)) return;
    const header = this.budgetHeader ? this.budgetHeader.cells : [];
    const yearCols = new Map<number, number>();
    for (const c of header) {
      const y = /(?:19|20)\d\d/.exec(c.text);
      if (y && /stanziamento/i.test(c.text)) yearCols.set(c.col, Number(y[0]));
    }
    let chapter = label.text.replace(/^capitolo\s*(di\s*)?(PEG|PESO)?\s*/i, '').trim();
    let chapterCell: RowCell | null = chapter ? label : null;
    const amounts: { year: number | null; raw: string; cell: RowCell }[] = [];
    for (const c of cells.slice(1)) {
      // A bare 4-7 digit code is a chapter number; amounts are printed with separators.
      if (!chapter && /^\d{4,7}$/.test(c.text)) [chapter, chapterCell] = [c.text, c];
      else if (yearCols.has(c.col)) amounts.push({ year: yearCols.get(c.col)!, raw: c.text, cell: c });
      else if (!chapter) [chapter, chapterCell] = [c.text, c];
    }
    if (!chapter && amounts.length === 0) return;
    const lines: Budget[] = amounts.length
      ? amounts.map((a) => ({ chapter: chapter || '—', year: a.year, amount: parseItalianNumber(a.raw), raw: a.raw }))
      : [{ chapter, year: null, amount: null, raw: null }];
    lines.forEach((b, i) => {
      // The model's budget lines have no source of their own: their cells are kept with the objective's, by path.
      const at = `budget[${this.obj.budget.length + i}]`;
      if (chapterCell) note(this.obj, `${at}.chapter`, chapterCell.source);
      const amount = amounts[i]?.cell;
      if (amount) note(this.obj, `${at}.amount`, amount.source);
      if (b.raw && b.amount === null) {
        this.ctx.report(valueUnreadable, { messageId: 'number', data: { raw: b.raw, field: 'stanziamento' }, source: amount?.source ?? row.source, raw: b.raw, objectiveId: this.obj.id });
      }
    });
    this.obj.budget.push(...lines);
  }

  private readPesatura(cells: RowCell[]): void {
    if (labelSimilarity(cells[0]!.text, 'CRITERIO') >= 0.85) return;
    const pesatura: Pesatura = this.scheda.pesatura ?? { criteria: [], total: null, totalRaw: null };
    for (const c of cells) {
      const value = parseItalianNumber(c.text);
      if (value === null) {
        if (/peso\s+totale/i.test(normalizeLabel(c.text)) || /PES[OS] TOTALE/i.test(c.text)) continue;
        note(this.obj, `scheda.pesatura.criteria[${pesatura.criteria.length}].name`, c.source);
        pesatura.criteria.push({ name: c.text, weight: null, raw: null });
        continue;
      }
      const last = pesatura.criteria[pesatura.criteria.length - 1];
      if (last && last.weight === null) {
        note(this.obj, `scheda.pesatura.criteria[${pesatura.criteria.length - 1}].weight`, c.source);
        last.weight = value;
        last.raw = c.text;
      } else {
        note(this.obj, 'scheda.pesatura.total', c.source);
        pesatura.total = value;
        pesatura.totalRaw = c.text;
      }
    }
    if (pesatura.criteria.length || pesatura.total !== null) this.scheda.pesatura = pesatura;
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** A title for a sheet: the first sentence of its description, at most 160 characters. */
function firstSentence(text: string): string {
  const sentence = /^(.{20,}?[.;:])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}…` : sentence;
}

/** The period printed on most sheet headers. */
function mostCommonPeriod(periods: (Scheda['period'])[]): Scheda['period'] {
  const best = mostFrequent(periods.filter((p) => p !== null).map((p) => `${p.from}-${p.to}`));
  if (!best) return null;
  const [from, to] = best.name.split('-').map(Number) as [number, number];
  return { from, to };
}

export const schedeObiettivo: Extractor = {
  family: 'schede-obiettivo',
  description: 'Schede obiettivo gestionale: una scheda per obiettivo con piano operativo per annualità, personale, capitoli PEG e pesatura.',
  checks: [rowUnaligned, valueUnreadable],
  extract(layout: LayoutDocument, ctx: ExtractContext): ExtractResult {
    const sheets = splitSheets(documentRows(layout));
    // Periods printed in headers decide the document period; sheets without a header take it.
    const headers = sheets.map((s) => (s.header ? readHeader(rowText(s.header)) : null));
    const documentPeriod = mostCommonPeriod(headers.map((h) => h?.period ?? null));
    const objectives = sheets.map((sheet, i) => new SheetReader(sheet, headers[i]!, i, ctx, documentPeriod).read());
    return { entity: findEntity(layout), period: documentPeriod, objectives };
  },
};

