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
 */
import type { LayoutDocument, LayoutLine } from '../models/layout.js';
import type { Budget, Objective, Pesatura, Scheda, Staff } from '../models/plan.js';
import { rowUnaligned, valueUnreadable } from '../pipeline/checks.js';
import type { ExtractContext, ExtractResult, Extractor } from './types.js';
import { bestLabel, labelSimilarity, matchesLabel, normalizeLabel } from './shared/labels.js';
import { newAction, newObjective, provenanceOf } from './shared/model.js';
import { parseItalianDate } from './shared/dates.js';
import { parseItalianNumber, parsePercent } from './shared/numbers.js';
import { parseGrading } from './shared/grading.js';
import { findEntity, mostFrequent } from './shared/document.js';

type Cell = { text: string; col: number };

const nonEmpty = (line: LayoutLine): Cell[] => line.cells.filter((c) => c.text !== '');
const rowText = (line: LayoutLine) => nonEmpty(line).map((c) => c.text).join(' | ');

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

/** Labels that may stand later in a row, with their value after them. */
const SIDE_LABELS = [
  ['manager', 'Dirigente responsabile'],
  ['positionHolder', 'Posizione organizzativa di rif.'],
  ['referents', 'Referente organizzativo di rif.'],
] as const;
type SideKey = (typeof SIDE_LABELS)[number][0];

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

/** Action table columns, in their printed order after `N.`. */
const ACTION_COLUMNS = ['weight', 'text', 'tempi', 'indicator', 'expected', 'grading', 'achieved', 'percent'] as const;

interface Sheet {
  lines: LayoutLine[];
  header: LayoutLine | null;
}

/** A sheet header names the objective type and its period or scope (the description label starts alike). */
function isHeader(line: LayoutLine): boolean {
  const first = nonEmpty(line)[0]?.text ?? '';
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

function sectionOf(line: LayoutLine): keyof typeof SECTION_LABELS | null {
  const first = nonEmpty(line)[0]?.text ?? '';
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
function splitSheets(layout: LayoutDocument): Sheet[] {
  const sheets: Sheet[] = [];
  let current: Sheet | null = null;
  let tablesSeen = false;
  for (const page of layout.pages) {
    for (const line of page.lines) {
      if (nonEmpty(line).length === 0) continue;
      if (isHeader(line)) {
        current = { lines: [], header: line };
        sheets.push(current);
        tablesSeen = false;
        continue;
      }
      const field = fieldOf(nonEmpty(line)[0]!.text);
      if ((field === 'budget' || field === 'mandate' || field === 'dupStrategic') && (current === null || tablesSeen)) {
        current = { lines: [], header: null };
        sheets.push(current);
        tablesSeen = false;
      }
      if (!current) continue;
      if (sectionOf(line)) tablesSeen = true;
      current.lines.push(line);
    }
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
function readStaff(text: string, role: Staff['role'], line: LayoutLine): Staff {
  const share = parsePercent(text);
  const who = text.replace(/\s*\d+(?:[.,]\d+)?\s*%\s*$/, '').trim();
  return { who: who || text, share: role === 'responsabile' ? null : share, role, raw: text, source: provenanceOf(line) };
}

function emptyScheda(): Scheda {
  return {
    period: null, headerRaw: null, scope: null, dupStrategic: null, dupOperational: null, positionHolder: null,
    referents: null, baseline: null, target: null, stakeholders: null, otherUnits: [], pesatura: null,
  };
}

class SheetReader {
  private readonly obj: Objective;
  private readonly scheda: Scheda;
  private lastField = -1;
  private section: 'fields' | 'units' | 'plan' | 'staff' | 'budget' | 'pesatura' = 'fields';
  private annuality = 0;
  private planHeader: LayoutLine | null = null;
  private staffHeader: LayoutLine | null = null;
  private budgetHeader: LayoutLine | null = null;
  private staffRows: { n: number; text: string; staff: Staff[]; line: LayoutLine }[] = [];

  constructor(
    private readonly sheet: Sheet,
    header: ReturnType<typeof readHeader> | null,
    index: number,
    private readonly ctx: ExtractContext,
    private readonly documentPeriod: { from: number; to: number } | null,
  ) {
    const first = sheet.header ?? sheet.lines[0]!;
    this.obj = newObjective(`SO${String(index + 1).padStart(2, '0')}`, 'gestionale', '', provenanceOf(first));
    this.scheda = emptyScheda();
    this.obj.scheda = this.scheda;
    if (sheet.header && header) {
      this.scheda.headerRaw = rowText(sheet.header);
      Object.assign(this.scheda, header);
    }
  }

  private get period() {
    return this.scheda.period ?? this.documentPeriod;
  }

  read(): Objective {
    for (const line of this.sheet.lines) this.readLine(line);
    this.attachStaff();
    const years = this.period ? range(this.period.from, this.period.to) : [];
    this.obj.years = years;
    if (!this.obj.title) this.obj.title = this.obj.description ? firstSentence(this.obj.description) : `Scheda ${this.obj.id}`;
    return this.obj;
  }

  private readLine(line: LayoutLine): void {
    const cells = nonEmpty(line);
    const first = cells[0]!.text;
    const section = sectionOf(line);
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
      this.budgetHeader = line;
      return;
    }
    if (section === 'pesatura' || section === 'criteria') {
      this.section = 'pesatura';
      return;
    }
    switch (this.section) {
      case 'fields':
        return this.readField(line, cells);
      case 'units':
        return this.readUnits(cells);
      case 'plan':
        return this.readAction(line, cells);
      case 'staff':
        return this.readStaffRow(line, cells);
      case 'budget':
        return this.readBudget(line, cells);
      case 'pesatura':
        return this.readPesatura(line, cells);
    }
  }

  private readField(line: LayoutLine, cells: Cell[]): void {
    let key = fieldOf(cells[0]!.text);
    let index = key ? FIELDS.findIndex(([k]) => k === key) : -1;
    if (!key) {
      // Too damaged to recognize: the next field in the sheet's fixed order, if the row has a label and a value.
      if (cells.length < 2 || this.lastField + 1 >= FIELDS.length) return;
      index = this.lastField + 1;
      key = FIELDS[index]![0];
      this.ctx.report(rowUnaligned, {
        messageId: 'realigned',
        data: { reading: `«${FIELDS[index]![1]}» (per posizione)`, raw: rowText(line) },
        source: provenanceOf(line),
        raw: rowText(line),
        objectiveId: this.obj.id,
      });
    }
    this.lastField = Math.max(this.lastField, index);
    const values: string[] = [];
    // The label cell may hold its value too (`Dirigente responsabile Fulvio Pastorino`).
    for (const cell of cells.slice(1)) {
      const side = SIDE_LABELS.find(([, l]) => labelSimilarity(cell.text, l) >= 0.86);
      if (side) {
        const rest = cell.text.split(/\s+/).slice(side[1].split(/\s+/).length).join(' ').trim();
        const after = cells[cells.indexOf(cell) + 1];
        this.setSide(side[0], rest || (after && !SIDE_LABELS.some(([, l]) => labelSimilarity(after.text, l) >= 0.86) ? after.text : ''));
        break;
      }
      values.push(cell.text);
    }
    // A side value already taken as this field's value is not the field's.
    const own = values.filter((v) => v !== this.obj.manager && v !== this.scheda.positionHolder && v !== this.scheda.referents);
    const value = own.join(' ').trim() || null;
    switch (key) {
      case 'budget':
        this.obj.budgetLink = readBudgetLink(own);
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
        this.section = 'units';
        break;
    }
  }

  private setSide(key: SideKey, value: string): void {
    const v = value.trim() || null;
    if (key === 'manager') this.obj.manager = v;
    else if (key === 'positionHolder') this.scheda.positionHolder = v;
    else this.scheda.referents = v;
  }

  private readUnits(cells: Cell[]): void {
    if (this.obj.unit !== null) return;
    this.obj.unit = cells[0]!.text;
    this.scheda.otherUnits = cells.slice(1).map((c) => c.text);
  }

  /** Column of each action field in the rows of the current annuality. */
  private actionColumns(nCol: number): Record<(typeof ACTION_COLUMNS)[number], number> {
    const out = {} as Record<(typeof ACTION_COLUMNS)[number], number>;
    const headerN = this.planHeader ? nonEmpty(this.planHeader).find((c) => /^N\.?$/i.test(c.text))?.col : undefined;
    ACTION_COLUMNS.forEach((name, i) => {
      out[name] = nCol + 1 + i;
    });
    if (this.planHeader && headerN !== undefined) {
      // Follow the printed header where its labels can be read; the default order otherwise.
      const find = (label: string) => nonEmpty(this.planHeader!).find((c) => labelSimilarity(c.text, label) >= 0.8)?.col;
      const map: [(typeof ACTION_COLUMNS)[number], string][] = [['weight', 'PESO'], ['tempi', 'TEMPI (M/F)'], ['indicator', 'INDICATORI'], ['grading', 'GRADUAZIONE']];
      for (const [name, label] of map) {
        const col = find(label);
        if (col !== undefined) out[name] = nCol + (col - headerN);
      }
    }
    return out;
  }

  private readAction(line: LayoutLine, cells: Cell[]): void {
    const first = cells[0]!;
    if (/^N\.?$/i.test(first.text)) {
      this.planHeader = line;
      return;
    }
    if (!/^\d{1,2}$/.test(first.text)) return;
    const n = Number(first.text);
    const at = new Map(line.cells.map((c) => [c.col, c.text]));
    const cols = this.actionColumns(first.col);
    const get = (name: (typeof ACTION_COLUMNS)[number]) => at.get(cols[name])?.trim() || null;
    const weightRaw = get('weight');
    const text = get('text');
    const tempi = get('tempi');
    if (!weightRaw && !text && !tempi) return; // an empty numbered row of the printed form
    const year = this.period ? this.period.from + this.annuality - 1 : null;
    const source = provenanceOf(line);
    const action = newAction(`${this.obj.id}/A${year ?? this.annuality}.${n}`, text ?? '', source);
    action.n = n;
    action.year = year;
    action.weightRaw = weightRaw;
    if (weightRaw) {
      action.weight = parseItalianNumber(weightRaw.replace('%', '')) ?? parsePercent(weightRaw);
      if (action.weight === null) {
        this.ctx.report(valueUnreadable, { messageId: 'number', data: { raw: weightRaw, field: 'PESO' }, source, raw: weightRaw, objectiveId: this.obj.id });
      }
    }
    if (tempi) {
      action.deadlineRaw = tempi;
      const parsed = parseItalianDate(tempi, year);
      action.deadline = parsed.iso;
      if (parsed.status === 'none') {
        this.ctx.report(valueUnreadable, {
          messageId: 'date',
          data: { raw: tempi, field: `TEMPI, azione ${n} (${this.annuality}ª annualità) della scheda ${this.obj.id}` },
          source,
          raw: tempi,
          objectiveId: this.obj.id,
          path: ['actions', this.obj.actions.length, 'deadline'],
        });
      }
    }
    action.indicator = get('indicator');
    action.expected = get('expected');
    const grading = get('grading');
    action.grading = grading ? parseGrading(grading) : null;
    action.achievedRaw = get('achieved');
    const percent = get('percent');
    action.achievedPercent = percent ? (parsePercent(percent) ?? parseItalianNumber(percent)) : null;
    this.obj.actions.push(action);
  }

  private readStaffRow(line: LayoutLine, cells: Cell[]): void {
    const first = cells[0]!;
    if (/^N\.?$/i.test(first.text)) {
      this.staffHeader = line;
      return;
    }
    // A row of column numbers (1 2 3 … 10) under the header is not a staff row.
    if (!/^\d{1,2}$/.test(first.text) || cells.every((c) => /^\d{1,2}$/.test(c.text))) return;
    const header = this.staffHeader ? nonEmpty(this.staffHeader) : [];
    const headerN = header.find((c) => /^N\.?$/i.test(c.text))?.col ?? 0;
    const respCol = header.find((c) => labelSimilarity(c.text, 'RESPONSABILE') >= 0.85)?.col;
    const respAt = respCol === undefined ? undefined : first.col + (respCol - headerN);
    const textAt = first.col + 1;
    const staff: Staff[] = [];
    for (const cell of cells.slice(1)) {
      if (cell.col === textAt) continue;
      staff.push(readStaff(cell.text, cell.col === respAt ? 'responsabile' : 'partecipante', line));
    }
    this.staffRows.push({ n: Number(first.text), text: line.cells.find((c) => c.col === textAt)?.text ?? '', staff, line });
  }

  /** Staff rows name their action by N.: they go to the actions of the first annuality with that N. */
  private attachStaff(): void {
    for (const row of this.staffRows) {
      const firstYear = Math.min(...this.obj.actions.map((a) => a.year ?? Infinity));
      const action = this.obj.actions.find((a) => a.n === row.n && (a.year ?? Infinity) === firstYear);
      if (action) action.staff.push(...row.staff);
      else this.obj.staff.push(...row.staff.filter((s) => !this.obj.staff.some((o) => o.who === s.who)));
    }
  }

  private readBudget(line: LayoutLine, cells: Cell[]): void {
    const label = cells[0]!;
    if (cells.some((c) => /stanziamento/i.test(c.text))) {
      this.budgetHeader = line; // the header printed on the first chapter row
      return;
    }
    if (!/capitolo/i.test(label.text)) return;
    const header = this.budgetHeader ? nonEmpty(this.budgetHeader) : [];
    const yearCols = new Map<number, number>();
    for (const c of header) {
      const y = /(?:19|20)\d\d/.exec(c.text);
      if (y && /stanziamento/i.test(c.text)) yearCols.set(c.col, Number(y[0]));
    }
    let chapter = label.text.replace(/^capitolo\s*(di\s*)?(PEG|PESO)?\s*/i, '').trim();
    const amounts: { year: number | null; raw: string }[] = [];
    for (const c of cells.slice(1)) {
      // A bare 4-7 digit code is a chapter number; amounts are printed with separators.
      if (!chapter && /^\d{4,7}$/.test(c.text)) chapter = c.text;
      else if (yearCols.has(c.col)) amounts.push({ year: yearCols.get(c.col)!, raw: c.text });
      else if (!chapter) chapter = c.text;
    }
    if (!chapter && amounts.length === 0) return;
    const lines: Budget[] = amounts.length
      ? amounts.map((a) => ({ chapter: chapter || '—', year: a.year, amount: parseItalianNumber(a.raw), raw: a.raw }))
      : [{ chapter, year: null, amount: null, raw: null }];
    for (const b of lines) {
      if (b.raw && b.amount === null) {
        this.ctx.report(valueUnreadable, { messageId: 'number', data: { raw: b.raw, field: 'stanziamento' }, source: provenanceOf(line), raw: b.raw, objectiveId: this.obj.id });
      }
    }
    this.obj.budget.push(...lines);
  }

  private readPesatura(line: LayoutLine, cells: Cell[]): void {
    if (labelSimilarity(cells[0]!.text, 'CRITERIO') >= 0.85) return;
    const pesatura: Pesatura = this.scheda.pesatura ?? { criteria: [], total: null, totalRaw: null };
    for (const c of cells) {
      const value = parseItalianNumber(c.text);
      if (value === null) {
        if (/peso\s+totale/i.test(normalizeLabel(c.text)) || /PES[OS] TOTALE/i.test(c.text)) continue;
        pesatura.criteria.push({ name: c.text, weight: null, raw: null });
        continue;
      }
      const last = pesatura.criteria[pesatura.criteria.length - 1];
      if (last && last.weight === null) {
        last.weight = value;
        last.raw = c.text;
      } else {
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
    const sheets = splitSheets(layout);
    // Periods printed in headers decide the document period; sheets without a header take it.
    const headers = sheets.map((s) => (s.header ? readHeader(rowText(s.header)) : null));
    const documentPeriod = mostCommonPeriod(headers.map((h) => h?.period ?? null));
    const objectives = sheets.map((sheet, i) => new SheetReader(sheet, headers[i]!, i, ctx, documentPeriod).read());
    return { entity: findEntity(layout), period: documentPeriod, objectives };
  },
};

