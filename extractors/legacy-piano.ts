/**
 * Family `legacy-piano` (seed 000): a Piano della Performance of the 2010s.
 *
 * Context data (`Popolazione residente: 188.579`), the programmes of the
 * linee programmatiche (`PRATO CITTA' SICURA: …`) and one card per project
 * (`Gli obiettivi di performance – Recupero Legalità e Sicurezza`) with its
 * Obiettivi text, Attività/Servizi, Assessore, fasi and units. The project's
 * indicators are a table `Indicatori | 2011 | 2012 | …` (the year before the
 * plan is the baseline, the others the targets), its fasi a table
 * `Fasi | 2012 | …` or lines, its Obiettivi and Attività/Servizi a label/value
 * table or lines: every table read from the table model, each value with its
 * cell. The seed's text export glued the indicator values in front of their
 * names; the ingest normalizer (`pipeline/ingest/normalize.ts`) gives them
 * back as a table, printed before or after its card.
 */
import type { LayoutDocument, LayoutLine, LayoutTable, TableCell } from '../models/layout.js';
import type { CellSources, ContextFact, Indicator, Objective, Provenance } from '../models/plan.js';
import { valueAmbiguous } from '../pipeline/checks.js';
import type { ExtractContext, ExtractResult, Extractor } from './types.js';
import { collapseSpaces as clean, matchesLabel, stems } from './shared/labels.js';
import { cellSource, dataRows, documentBlocks, headerTexts, slotText, tableGrid } from './shared/tables.js';
import { splitAtHeaders } from './shared/subtables.js';
import { newAction, newIndicator, newObjective, provenanceOf } from './shared/model.js';
import { parseItalianNumber } from './shared/numbers.js';
import { parseTarget } from './shared/targets.js';
import { guessPolarity } from './shared/kinds.js';
import { findEntity, findPeriod } from './shared/document.js';

type Line = LayoutLine;

/* ------------------------------------------------------------------ */
/* Tables of a card                                                     */
/* ------------------------------------------------------------------ */

const YEAR_RE = /^((?:19|20)\d\d)$/;
const YEARS_RE = /^(?:19|20)\d\d(?:\s+(?:19|20)\d\d)+$/;
const isSkippable = (t: string) => /^(Indicatori|Comune di [\p{Lu}][\p{L}]+)$/u.test(t);

/** Header vocabulary of the card's tables (general synonyms; fuzzy match). */
const INDICATOR_HEADERS = ['Indicatori', 'Indicatore', 'Indicatori di risultato', 'Descrizione indicatore'];
const PHASE_HEADERS = ['Fasi', 'Fase', 'Fasi di realizzazione', 'Azioni', 'Attività'];
const DESCRIPTION_LABELS = ['Obiettivi', 'Obiettivo', 'Descrizione'];
const SERVICES_LABELS = ['Attività/Servizi', 'Attività e servizi', 'Servizi coinvolti'];

type TableKind = 'indicators' | 'phases' | 'fields';

/** Year of each column whose header is a year. */
function yearColumns(table: LayoutTable): Map<number, number> {
  const out = new Map<number, number>();
  headerTexts(table).forEach((h, col) => {
    const m = YEAR_RE.exec(h.trim());
    if (m) out.set(col, Number(m[1]));
  });
  return out;
}

const matchesAny = (text: string, labels: readonly string[]) => labels.some((l) => matchesLabel(text, l));

/** What a table of a card is: indicators by year, phases by year, label/value fields; null for any other table. */
function kindOf(table: LayoutTable): TableKind | null {
  const years = yearColumns(table);
  const first = headerTexts(table)[0]?.trim() ?? '';
  if (years.size >= 2 && !years.has(0)) {
    if (matchesAny(first, PHASE_HEADERS)) return 'phases';
    if (first === '' || matchesAny(first, INDICATOR_HEADERS)) return 'indicators';
  }
  if (table.cols === 2 && tableGrid(table).some((row) => row[0] && matchesAny(row[0].text, [...DESCRIPTION_LABELS, ...SERVICES_LABELS]))) return 'fields';
  return null;
}

/** The box of a cell as provenance, or null when the cell has none (text input). */
const boxOf = (cell: TableCell | null | undefined): Provenance | null => (cell?.bbox ? cellSource(cell) : null);

function note(item: { cells?: CellSources }, field: string, cell: TableCell | null | undefined): void {
  const p = boxOf(cell);
  if (p) (item.cells ??= {})[field] = p;
}

/**
 * The indicators of an indicator table: the name in the first column, the
 * value of the base year (the year before the plan) as baseline, the later
 * years as targets, each with the box of its own cell. One value merged over
 * several year columns is kept with no year, and said.
 */
function indicatorsOf(table: LayoutTable, objectiveId: string, baseYear: number, ctx: ExtractContext, firstIndex: number): Indicator[] {
  const years = yearColumns(table);
  const out: Indicator[] = [];
  for (const row of dataRows(table)) {
    const nameCell = row.slots[0] ?? null;
    const name = clean(slotText(nameCell));
    if (name === '' || !nameCell) continue;
    const indicator = newIndicator(`${objectiveId}/I${firstIndex + out.length + 1}`, name, cellSource(nameCell));
    note(indicator, 'name', nameCell);
    indicator.polarity = guessPolarity(name, null);
    const seen = new Set<TableCell>();
    for (const [col, year] of [...years.entries()].sort((a, b) => a[1] - b[1])) {
      const cell = row.slots[col];
      if (!cell || seen.has(cell) || cell === nameCell) continue;
      seen.add(cell);
      const raw = clean(cell.text);
      if (raw === '') continue;
      const spanned = [...years.keys()].filter((c) => c >= cell.col && c < cell.col + cell.colSpan).length;
      const source = boxOf(cell);
      if (spanned > 1) {
        // One value for several years (a merged cell): kept, with no year.
        indicator.ambiguous = true;
        const target = parseTarget(raw, null);
        if (source) target.source = source;
        indicator.targets.push(target);
        ctx.report(valueAmbiguous, { messageId: 'year', data: { raw, name }, objectiveId, source: source ?? indicator.source });
        continue;
      }
      if (year <= baseYear) {
        const t = parseTarget(raw, year);
        indicator.baseline = { year, value: t.value, raw };
        if (source) indicator.baseline.source = source;
      } else {
        const target = parseTarget(raw, year);
        if (source) target.source = source;
        indicator.targets.push(target);
      }
    }
    out.push(indicator);
  }
  return out;
}

/* ------------------------------------------------------------------ */
/* Cards and programmes                                                 */
/* ------------------------------------------------------------------ */

const CARD_RE = /^Gli obiettivi di performance\s*[–—-]\s*(.*)$/i;
const NAMES_RE = /^(?:[\p{Lu}][\p{L}'’]+\s*,?\s*)+$/u;

interface Card {
  objective: Objective;
  /** Index of the card's heading, and of the first item after the card, in the document's items. */
  start: number;
  end: number;
  text: string;
}

/** The document in reading order: lines, and the tables of a card (other tables stay lines). */
type Item = { kind: 'line'; line: Line } | { kind: TableKind; table: LayoutTable; line: Line };

function itemsOf(layout: LayoutDocument): Item[] {
  const items: Item[] = [];
  for (const block of documentBlocks(layout)) {
    if (block.kind === 'line') {
      items.push({ kind: 'line', line: block.line });
      continue;
    }
    const kind = kindOf(block.table);
    if (kind) {
      items.push({ kind, table: block.table, line: block.lines[0]! });
      continue;
    }
    // A grid that runs prose and tables together (text aligned by spaces): an indicator or fasi
    // header row inside it starts a table of its own; the rows above it stay lines.
    const { before, starts, tables } = splitAtHeaders(block.table, isYearHeader);
    const lineOfRow = (row: number) => block.lines.find((l) => l.table?.row === row && !l.table.repeatedHeader) ?? block.lines[0]!;
    for (const line of block.lines) if ((line.table?.row ?? 0) < before) items.push({ kind: 'line', line });
    tables.forEach((sub, k) => {
      const subKind = kindOf(sub);
      if (subKind) items.push({ kind: subKind, table: sub, line: lineOfRow(starts[k]!) });
    });
  }
  return items;
}

/** A row `Indicatori | 2011 | 2012 …` or `Fasi | 2012 | …`: a label first, then at least two years. */
function isYearHeader(texts: string[]): boolean {
  const first = texts[0]?.trim() ?? '';
  const years = texts.slice(1).filter((t) => YEAR_RE.test(t.trim())).length;
  return years >= 2 && (matchesAny(first, INDICATOR_HEADERS) || matchesAny(first, PHASE_HEADERS));
}

type CardState = 'title' | 'description' | 'services' | 'assessori' | 'fasi' | 'units' | 'closed';

function readCard(items: readonly Item[], start: number, id: string): Card {
  const head = items[start]!.line;
  const titleParts = [CARD_RE.exec(clean(head.text))![1]!];
  let state: CardState = 'title';
  const description: string[] = [];
  const services: string[] = [];
  const assessori: string[] = [];
  const fasi: { text: string; source: Provenance; cell: TableCell | null }[] = [];
  const units: string[] = [];
  const cells: CellSources = {};
  let i = start + 1;
  for (; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'indicators') {
      // After the assessori, an indicator table closes the card's text (it may be the next card's,
      // printed before its heading): lines after it are no fasi; a fasi table may still follow.
      if (state === 'assessori' || state === 'fasi' || state === 'units') state = 'closed';
      continue;
    }
    if (item.kind === 'fields') {
      for (const row of tableGrid(item.table)) {
        const label = row[0]?.text ?? '';
        const value = row[1];
        if (!value || value === row[0] || value.text === '') continue;
        if (matchesAny(label, DESCRIPTION_LABELS)) {
          description.push(value.text);
          const p = boxOf(value);
          if (p) cells.description = p;
          state = 'description';
        } else if (matchesAny(label, SERVICES_LABELS)) {
          services.push(value.text);
          state = 'services';
        }
      }
      continue;
    }
    if (item.kind === 'phases') {
      for (const row of dataRows(item.table)) {
        const cell = row.slots[0] ?? null;
        if (cell && clean(cell.text) !== '') fasi.push({ text: clean(cell.text), source: cellSource(cell), cell });
      }
      state = 'units';
      continue;
    }
    const line = item.line;
    const t = clean(line.text);
    if (t === '') continue;
    if (CARD_RE.test(t)) break;
    if (state === 'closed') continue;
    if (t === 'Obiettivi') {
      state = 'description';
      continue;
    }
    if (/^Attività\/Servizi$/i.test(t)) {
      state = 'services';
      continue;
    }
    // The label and the start of its text on one line (`Obiettivi Garantire il rispetto …`).
    const labelled = /^(Obiettivi|Attività\/Servizi)\s+(\S.*)$/iu.exec(t);
    if (labelled && (state === 'title' || state === 'description')) {
      state = /^Obiettivi$/i.test(labelled[1]!) ? 'description' : 'services';
      (state === 'description' ? description : services).push(labelled[2]!);
      continue;
    }
    if (t === 'Indicatori' && state !== 'units') continue;
    if (/^Assessore\s*:/i.test(t)) {
      state = 'assessori';
      assessori.push(t.replace(/^Assessore\s*:\s*/i, ''));
      if (line.bbox) cells.assessori = provenanceOf(line);
      continue;
    }
    if (YEARS_RE.test(t)) continue; // the fasi's year heading
    if (t === 'Fasi') {
      state = 'units';
      continue;
    }
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
        fasi.push({ text: t, source: provenanceOf(line), cell: null });
        break;
      }
      case 'fasi': {
        const prev = fasi.at(-1);
        // A fase wraps when the next line starts lower case or with `(`, or the line before ends with a hyphen.
        if (prev && !prev.cell && (/^[\p{Ll}(]/u.test(t) || /[-–]$/.test(prev.text) || /\b(?:e|di|del|della|sul|per)$/.test(prev.text))) prev.text = `${prev.text} ${t}`;
        else fasi.push({ text: t, source: provenanceOf(line), cell: null });
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
  if (head.bbox) cells.title = provenanceOf(head);
  if (Object.keys(cells).length > 0) objective.cells = cells;
  objective.assessori = assessori
    .join(' ')
    .split(',')
    .map(clean)
    .filter((n) => n !== '');
  objective.involvedUnits = [...services, ...units];
  objective.actions = fasi.map((f, k) => {
    const action = newAction(`${id}/F${k + 1}`, clean(f.text), f.source);
    action.n = k + 1;
    note(action, 'text', f.cell);
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
  const items = itemsOf(layout);
  const programmeItem = programmeStart < 0 ? 0 : Math.max(0, items.findIndex((it) => it.line === lines[programmeStart]));

  const cards: Card[] = [];
  const tables: { at: number; table: LayoutTable }[] = [];
  for (let i = programmeItem; i < items.length; ) {
    const item = items[i]!;
    if (item.kind === 'line' && CARD_RE.test(clean(item.line.text))) {
      const card = readCard(items, i, `PR${String(cards.length + 1).padStart(2, '0')}`);
      cards.push(card);
      for (let k = i + 1; k < card.end; k++) {
        const inner = items[k]!;
        if (inner.kind === 'indicators') tables.push({ at: k, table: inner.table });
      }
      i = card.end;
    } else {
      if (item.kind === 'indicators') tables.push({ at: i, table: item.table });
      i++;
    }
  }

  // An indicator table belongs to the card on its page; without pages (text) or over a page break, to the
  // project printed right after it or to the one before it: the one whose text shares more words with the
  // indicator names.
  const counters = new Map<Card, number>();
  for (const { at, table } of tables) {
    const next = cards.find((c) => c.start >= at) ?? null;
    const prev = [...cards].reverse().find((c) => c.start < at) ?? null;
    // With real pages, a table printed on one page belongs to the card whose heading is on that page.
    const page = table.pages.length === 1 ? table.pages[0]! : -1;
    const onPage = (c: Card | null) => c !== null && items[c.start]!.line.page === page;
    let card = (onPage(prev) && !onPage(next) ? prev : null) ?? next ?? prev;
    if (next && prev && card !== prev) {
      const names = dataRows(table)
        .map((r) => slotText(r.slots[0]))
        .join(' ');
      if (stemOverlap(names, prev.text) > stemOverlap(names, next.text)) {
        card = prev;
        const first = dataRows(table)[0]?.slots[0] ?? null;
        ctx.report(valueAmbiguous, {
          messageId: 'block',
          data: { first: slotText(first).slice(0, 60), title: prev.objective.title },
          objectiveId: prev.objective.id,
          source: first ? cellSource(first) : provenanceOf(items[at]!.line),
        });
      }
    }
    if (!card) continue;
    const n = counters.get(card) ?? 0;
    const indicators = indicatorsOf(table, card.objective.id, baseYear, ctx, n);
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
