/**
 * The lines outside tables, read in order: objective headings (`Obiettivo n. 3
 * – …`, `Obiettivo 1.1 - …`, `OB.3.1 …`, `RA1.1.2 - …` expected results,
 * `01.01 … (peso 60%)`), unit and budget headings that set the scope of what
 * follows (`DIREZIONE … - Dirigente: …`, `UOC …`, `Missione 01 - …`),
 * label/value sheets (`Obiettivo:`, `Indicatore:`, `Peso:`, `Responsabile:`, a
 * label alone on its line with its value on the next), `Target 2025 - …`
 * bullets, *Linee di azione* bullets `Giugno 2025 - text - (OWNER) - CODE`, and
 * bullets as the actions of the objective above.
 */
import type { LayoutLine } from '../../models/layout.js';
import type { Indicator, Objective, ObjectiveLevel } from '../../models/plan.js';
import { MONTHS_IT } from '../shared/dates.js';
import { collapseSpaces, normalizeLabel } from '../shared/labels.js';
import { provenanceOf } from '../shared/model.js';
import { normCode, weightOf, type PlanBuilder } from './builder.js';
import { CODE_SOURCE, codeOf } from './values.js';
import type { Role, RoleVocabulary } from './vocabulary.js';

/** A bullet glyph; `*`, `+` and dashes only when a space follows (`*community*` is emphasis, not a bullet). */
const BULLET_RE = /^\s*(?:[•●▪◦■□‣∙·]|[-–—*+](?=\s))\s*/u;
const OBJECTIVE_HEADING = new RegExp(
  String.raw`^(?:(?:Obiettivo|OBIETTIVO|Ob\.|OB\.?)\s*(strategico|operativo|gestionale|generale|specifico|STRATEGICO|OPERATIVO|GESTIONALE)?\s*(?:n\.|n°|nr\.?|numero|N\.)?\s*(${CODE_SOURCE}|\d{1,3})|(RA\s?\d+(?:\.\d+)+|OB\.\d+(?:\.\d+)*))(?:\s*[-–—:.)]\s*|\s+(?=\p{Lu})|\s*$)(\S.*)?$`,
  'u',
);
/** A numbered heading `01.01 Title (peso 60%)`: an objective only with a weight or content under it. */
const NUMBERED_HEADING = /^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+(\p{Lu}.*)$/u;
const WEIGHT_IN_TEXT = /\(?\s*peso\s*:?\s*(\d{1,3}(?:,\d+)?)\s*%?\s*\)?/i;
const TARGET_LINE = /^(?:\*\*)?Target\s+((?:19|20)\d\d)(?:\*\*)?\s*(?:[-–—:]\s*)?(.*)$/i;
const MONTH_WORDS = MONTHS_IT.join('|');
const DATED_ACTION = new RegExp(String.raw`^(?:\*\*)?((?:(?:da|dal|entro|a partire da)\s+)?(?:(?:${MONTH_WORDS})\s+(?:19|20)\d\d|\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d|(?:I|II|III|IV)\s+trimestre\s+(?:19|20)\d\d))(?:\*\*)?\s*[-–—:]\s*(.+)$`, 'i');
/** The end of a dated action: ` - (OWNER, OWNER) - CODE`, ` - (OWNER)` or ` - CODE` (`CAP1.01`, `CAP1.PA.01`). */
const ACTION_TAIL = new RegExp(String.raw`\s*[-–—]\s*(?:\(([^()]+)\)\s*(?:[-–—]\s*)?)?(${CODE_SOURCE}|[A-Z]{2,6}\d{0,3}(?:[._-][A-Z0-9]{1,6}){1,4})?\s*$`);
const MISSIONE = /^Missione\s+(\d{1,2})\s*[-–—:]\s*(.+)$/i;
const PROGRAMMA = /^Programma\s+(\d{1,2})\s*[-–—:]\s*(.+)$/i;
const ACTIONS_HEADING = /^(?:linee di azione|azioni|fasi|attivit[aà]|piano operativo|cronoprogramma)\b/i;
const UNDERLINE = /^[=\-~^"'`#*+_.]{3,}\s*$/;
/** Roles whose value is a short figure: a label of one of them inside another label's value starts a new field. */
const VALUE_ROLES: ReadonlySet<Role> = new Set<Role>(['baseline', 'target', 'weight']);
/** The last figure of a text (`64%`, `15,4%`, `>= 90%`, `1.850`), with no digit after it. */
const LAST_VALUE = /(?:^|\s)((?:[<>≤≥]=?\s*)?\d[\d.,]*\s*%?)(?=[^\d]*$)/u;
/** A wrapped bullet line starts at most this many characters right of the bullet's text. */
const MAX_WRAP_INDENT = 4;
/** Colons looked at for labels inside one line (`Indicatore: X Valore 2024: 64%` has two). */
const MAX_INNER_COLONS = 20;
const LABEL = /^([\p{L}][\p{L}\d'’ .°/()-]{0,48}?)\s*:\s*(.*)$/u;

function strip(text: string): string {
  return collapseSpaces(text.replace(/\*\*|\*|``|`/g, ''));
}

type Mode = 'body' | 'targets' | 'actions';

export class OutlineReader {
  private mode: Mode = 'body';
  private pendingLabel: { role: Role; label: string; year: number | null; line: LayoutLine } | null = null;
  private sheetCode: string | null = null;
  private lastIndicator: Indicator | null = null;
  /** The item a wrapped line continues: a heading's title, a bullet. */
  private continuing: { kind: 'title'; obj: Objective; title: string } | { kind: 'bullet'; text: string; line: LayoutLine; indent: number; textStart: number } | null = null;
  private numbered: { obj: Objective; confirmed: boolean }[] = [];

  constructor(private readonly b: PlanBuilder, private readonly voc: RoleVocabulary) {}

  /** A table interrupts the text: pending wraps end there. */
  flush(): void {
    this.endBullet();
    this.continuing = null;
  }

  line(line: LayoutLine): void {
    const raw = line.text.replace(/\t/g, ' ');
    const text = strip(raw);
    if (text === '' || UNDERLINE.test(raw.trim())) {
      this.endBullet();
      if (text === '') this.continuing = null;
      return;
    }
    if (this.pendingLabel) {
      const pending = this.pendingLabel;
      this.pendingLabel = null;
      if (!this.labelLine(text, line)) {
        this.applyLabel(pending.role, pending.label, text, pending.year, line);
        return;
      }
      return;
    }
    const bullet = BULLET_RE.exec(raw);
    const indent = raw.length - raw.trimStart().length;
    // `- CAP3.07` under a bullet is the end of that bullet wrapped, not a new one.
    if (bullet && this.continuing?.kind === 'bullet' && /^[-–—]\s/.test(raw.trimStart()) && ACTION_TAIL.exec(` ${text}`)?.index === 0) {
      this.continuing.text += ` ${text}`;
      return;
    }
    if (bullet) {
      this.endBullet();
      this.continuing = { kind: 'bullet', text: strip(raw.slice(bullet[0].length)), line, indent, textStart: bullet[0].length };
      return;
    }
    // A wrapped line: the rest of a bullet or of a heading's title.
    // A line indented past the bullet's text (a signature, a centred footer) does not continue it.
    const c = this.continuing;
    const under = c?.kind === 'bullet' && indent > c.indent && indent <= c.textStart + MAX_WRAP_INDENT;
    if (c?.kind === 'bullet' && (under || /^\p{Ll}/u.test(text) || wrapsOn(c.text, text)) && !this.isRoleLabel(text)) {
      c.text += ` ${text}`;
      return;
    }
    this.endBullet();
    if (this.continuing?.kind === 'title' && /^\p{Ll}/u.test(text) && !this.isRoleLabel(text) && text.length < 120) {
      // The title goes on; an objective already read with its whole title (a summary list) keeps it.
      const c = this.continuing;
      const longer = collapseSpaces(`${c.title} ${text}`);
      if (c.obj.title === c.title) c.obj.title = longer;
      c.title = longer;
      return;
    }
    this.continuing = null;
    if (this.heading(text, line)) return;
    if (this.labelLine(text, line)) return;
    const target = TARGET_LINE.exec(text);
    if (target) {
      this.targetLine(Number(target[1]), target[2] ?? '', line);
      return;
    }
    if (ACTIONS_HEADING.test(text) && text.length < 60) {
      this.mode = 'actions';
      return;
    }
    // A code alone on its line inside the actions section: the objective its actions belong to.
    const code = codeOf(text);
    if (code !== null && /\d/.test(code) && /[A-Za-z]/.test(code) && this.b.byCode(code)) {
      this.b.current = this.b.byCode(code)!;
      return;
    }
  }

  /**
   * A line of text printed inside a table's rows (an aligned-text table that took in the lines around it): an
   * objective heading (`Obiettivo n. 4 - …`) or a label of a known role other than an action (`Responsabile:`,
   * `Personale coinvolto:`, `Peso:`). Such a row is read as a line, not as a row of the table.
   */
  takesLine(raw: string): boolean {
    const text = strip(raw.replace(/\t/g, ' '));
    const heading = OBJECTIVE_HEADING.exec(text);
    if (heading && (heading[2] || heading[3])) return true;
    const label = LABEL.exec(text);
    if (!label || label[2]!.trim() === '') return false;
    const role = this.roleOfLabel(label[1]!.trim());
    return role !== null && role !== 'action';
  }

  /**
   * Where a label line glued to the end of a table cell starts (`Formazione del personale Responsabile: Geom. …`,
   * two lines of an aligned-text table read as one cell): a label in capitals of a known role that is not a
   * text of the row itself (action, objective, description, indicator), after some text; -1 when there is none.
   */
  gluedLabelAt(text: string): number {
    let seen = 0;
    for (const m of text.matchAll(/\s(\p{Lu}[\p{L}'’]*(?:\s+[\p{L}'’]+){0,2}):\s+\S/gu)) {
      if (++seen > MAX_INNER_COLONS) break;
      const words = m[1]!.split(/\s+/);
      for (let n = words.length; n >= 1; n--) {
        const label = words.slice(words.length - n).join(' ');
        if (!/^\p{Lu}/u.test(label)) continue;
        const role = this.roleOfLabel(label);
        if (role === null || role === 'action' || role === 'title' || role === 'description' || role === 'indicator') continue;
        return m.index! + 1 + m[1]!.length - label.length;
      }
    }
    return -1;
  }

  /** Ends the reading: the last bullet, numbered headings never confirmed dropped. */
  finish(): Set<Objective> {
    this.endBullet();
    return new Set(this.numbered.filter((n) => !n.confirmed && n.obj.actions.length === 0 && n.obj.indicators.length === 0 && n.obj.weight === null).map((n) => n.obj));
  }

  /** `Peso: 40`, `Responsabile:`: a label of a known role (a wrapped sentence ending in `titolare:` is not one). */
  private isRoleLabel(text: string): boolean {
    const m = LABEL.exec(text);
    return m !== null && this.roleOfLabel(m[1]!.trim()) !== null;
  }

  private heading(text: string, line: LayoutLine): boolean {
    const src = provenanceOf(line);
    const missione = MISSIONE.exec(text);
    if (missione) {
      this.b.scope.budgetLink = { missione: missione[1]!.padStart(2, '0'), missioneLabel: collapseSpaces(missione[2]!), programma: null, programmaLabel: null, raw: text };
      return true;
    }
    const programma = PROGRAMMA.exec(text);
    if (programma) {
      const prev = this.b.scope.budgetLink;
      this.b.scope.budgetLink = { missione: prev?.missione ?? null, missioneLabel: prev?.missioneLabel ?? null, programma: programma[1]!.padStart(2, '0'), programmaLabel: collapseSpaces(programma[2]!), raw: prev ? `${prev.raw}; ${text}` : text };
      return true;
    }
    const m = OBJECTIVE_HEADING.exec(text);
    if (m && (m[2] || m[3]) && text.length <= 400) {
      const code = (m[2] ?? m[3]!).replace(/\s+/g, '');
      const rest = m[4] ?? '';
      const { title, weight } = titleAndWeight(rest);
      const isResult = /^RA/i.test(code);
      const level: ObjectiveLevel = levelWord(m[1]) ?? (isResult ? 'operativo' : this.parentFor(code) ? 'operativo' : 'strategico');
      const parent = this.parentFor(code);
      const obj = this.b.objective({ code, title, level, source: src, evidence: 'keyword', parent });
      if (weight !== null) obj.weight = weight;
      this.mode = 'body';
      this.sheetCode = null;
      this.lastIndicator = null;
      this.continuing = { kind: 'title', obj, title };
      return true;
    }
    const n = NUMBERED_HEADING.exec(text);
    if (n && text.length <= 200 && !/[.;]$/.test(text)) {
      const { title, weight } = titleAndWeight(n[2]!);
      const obj = this.b.objective({ code: n[1]!, title, level: 'operativo', source: src, evidence: 'code' });
      if (weight !== null) obj.weight = weight;
      this.numbered.push({ obj, confirmed: weight !== null });
      this.mode = 'body';
      this.lastIndicator = null;
      this.continuing = { kind: 'title', obj, title };
      return true;
    }
    return this.unitHeading(text);
  }

  /** `DIREZIONE X - Dirigente: Y`, `UOC Cardiologia - …`, `Settore Tributi`: the unit of what follows. */
  private unitHeading(text: string): boolean {
    if (text.length > 140 || /[.;]$/.test(text)) return false;
    const norm = normalizeLabel(text);
    const word = this.voc.unitWords.find((w) => norm === w || norm.startsWith(`${w} `));
    if (!word) return false;
    const first = text.split(/\s+/)[0]!;
    if (!/^\p{Lu}/u.test(first)) return false;
    // `Area: X` is a label, read as one.
    if (/^[^:]{1,30}:/.test(text) && !/\s[-–—]\s/.test(text.split(':')[0]!)) return false;
    const parts = text.split(/\s+[-–—]\s+/);
    let unit = parts[0]!;
    let manager: string | null = null;
    for (const part of parts.slice(1)) {
      const label = LABEL.exec(part);
      if (label && this.voc.labelRole(label[1]!) === 'manager') manager = collapseSpaces(label[2]!);
      else if (!label && manager === null && parts.indexOf(part) === 1 && !/^(dirigente|responsabile|direttore)/i.test(part)) unit = `${unit} - ${part}`;
    }
    const drop = this.voc.unitPrefixesDropped.find((p) => normalizeLabel(unit).startsWith(`${p} `));
    if (drop) unit = unit.slice(unit.split(/\s+/)[0]!.length).trim();
    this.b.scope = { ...this.b.scope, unit: collapseSpaces(unit), manager };
    this.b.current = null;
    this.mode = 'body';
    return true;
  }

  /** `Label: value` (also several on one line, split by ` - `), or a label alone whose value is on the next line. */
  private labelLine(text: string, line: LayoutLine): boolean {
    const m = LABEL.exec(text);
    if (!m) return false;
    const labelText = m[1]!.trim();
    const role = this.roleOfLabel(labelText);
    if (role === null) return false;
    const yearIn = /\b((?:19|20)\d\d)\b/.exec(labelText);
    if (m[2]!.trim() === '') this.pendingLabel = { role, label: labelText, year: yearIn ? Number(yearIn[1]) : null, line };
    else this.applyLine(role, labelText, m[2]!, yearIn, line);
    return true;
  }

  /** The role a label names, its year left out (`Valore 2024` is a value label). */
  private roleOfLabel(label: string): Role | null {
    return this.voc.labelRole(label.replace(/\b(?:19|20)\d\d\b/, '').trim() || label);
  }

  private applyLine(role: Role, label: string, value: string, yearIn: RegExpExecArray | null, line: LayoutLine): void {
    const fields = [{ role, label, year: yearIn ? Number(yearIn[1]) : null, value: '' }];
    // More labels on the same line: `Servizio: X - Responsabile: Y`, `Indicatore: X Valore 2024: 64%`, and labels
    // stacked before their values (`Indicatore: Valore 2024: X 64%`, two rows of a sheet printed as one).
    let rest = value;
    for (const inner of this.innerLabels(value)) {
      fields[fields.length - 1]!.value = value.slice(value.length - rest.length, inner.start);
      fields.push({ role: inner.role, label: inner.label, year: inner.year, value: '' });
      rest = value.slice(inner.end);
    }
    fields[fields.length - 1]!.value = rest;
    for (let i = 0; i < fields.length; i++) {
      if (strip(fields[i]!.value) !== '') continue;
      // A run of labels without values, then the values together: the last label's value, when it is a value
      // (a baseline, target or weight), is the last number of the text; the rest is the first label's.
      let j = i;
      while (j < fields.length - 1 && strip(fields[j]!.value) === '') j++;
      if (j === i || strip(fields[j]!.value) === '') break;
      const last = fields[j]!;
      const tail = Math.max(0, last.value.length - 200);
      const lastValue = VALUE_ROLES.has(last.role) ? LAST_VALUE.exec(last.value.slice(tail)) : null;
      if (lastValue) {
        const at = tail + lastValue.index;
        fields[i]!.value = collapseSpaces(last.value.slice(0, at) + ' ' + last.value.slice(at + lastValue[0].length));
        last.value = lastValue[1]!;
      } else {
        fields[i]!.value = last.value;
        last.value = '';
      }
      i = j;
    }
    fields.forEach((f, i) => {
      if (strip(f.value) === '') return;
      this.applyLabel(f.role, f.label, f.value.replace(/\s+[-–—]\s*$/, ''), f.year, line, i > 0 && role === 'unit');
    });
  }

  /**
   * The labels of known roles inside a label's value, in order: after ` - ` or at the start any role
   * (`- Responsabile:`), elsewhere only a value label (`Valore 2024:`, `Valore di partenza:`, `Baseline:`).
   */
  private innerLabels(value: string): { start: number; end: number; role: Role; label: string; year: number | null }[] {
    const out: { start: number; end: number; role: Role; label: string; year: number | null }[] = [];
    let from = 0;
    let seen = 0;
    for (const colon of value.matchAll(/:(?=\s|$)/g)) {
      // A line of a sheet holds a few labels: a text with endless colons is prose, not more labels.
      if (++seen > MAX_INNER_COLONS) break;
      // A label is a few words (at most five, within the last 80 characters before its colon).
      const offset = Math.max(from, colon.index - 80);
      const words = [...value.slice(offset, colon.index).matchAll(/\S+/g)];
      for (let n = Math.min(5, words.length); n >= 1; n--) {
        const start = offset + words[words.length - n]!.index!;
        const label = value.slice(start, colon.index).trim();
        if (!/^\p{L}/u.test(label)) continue;
        const role = this.roleOfLabel(label);
        if (role === null) continue;
        const lead = value.slice(from, start);
        // Inside a text only a label that starts with a capital and is a value label or a phrase of several words
        // (`… Valore 2024: 64%`, `… Personale coinvolto: …`; not `… del target: 100%`, not `… Servizio: …`).
        const inText = /^\p{Lu}/u.test(label) && (VALUE_ROLES.has(role) || (this.voc.matches(label)[0]?.size ?? 0) >= 2);
        if (!(lead.trim() === '' || /\s[-–—]\s*$/.test(lead) || inText)) continue;
        const year = /\b((?:19|20)\d\d)\b/.exec(label);
        out.push({ start, end: colon.index + 1, role, label, year: year ? Number(year[1]) : null });
        from = colon.index + 1;
        break;
      }
    }
    return out;
  }

  private applyLabel(role: Role, label: string, raw: string, year: number | null, line: LayoutLine, scopeLine = false): void {
    const value = strip(raw);
    const src = provenanceOf(line);
    const b = this.b;
    const obj = b.current;
    switch (role) {
      case 'code':
        this.sheetCode = codeOf(value) ?? value;
        return;
      case 'title': {
        b.objective({ code: this.sheetCode, title: value, level: levelWord(label) ?? 'operativo', source: src, evidence: 'label' });
        this.sheetCode = null;
        this.lastIndicator = null;
        return;
      }
      case 'unit':
        if (obj && !scopeLine && b.evidenceOf(obj).has('label')) obj.unit = value;
        else b.scope = { ...b.scope, unit: value, manager: scopeLine ? b.scope.manager : null };
        return;
      case 'manager':
        if (scopeLine || !obj) b.scope = { ...b.scope, manager: value };
        else obj.manager = value;
        return;
      case 'weight':
        if (obj) obj.weight = weightOf(value);
        return;
      case 'indicator':
        if (obj) this.lastIndicator = b.indicator(obj, value, src);
        return;
      case 'target':
      case 'baseline': {
        if (!obj) return;
        const ind = this.lastIndicator ?? (this.lastIndicator = b.indicator(obj, obj.title, src));
        if (role === 'baseline' || (year !== null && b.year !== null && year < b.year)) b.baseline(ind, value, year ?? (b.year !== null ? b.year - 1 : null), src);
        else b.target(ind, value, year, src);
        return;
      }
      case 'description':
        if (obj && obj.description === null) obj.description = value;
        return;
      case 'staff':
        if (obj) for (const part of value.split(/\s*[,;]\s*/)) {
          const share = /(\d{1,3}(?:,\d+)?)\s*%\s*$/.exec(part);
          const who = collapseSpaces(part.replace(/\d{1,3}(?:,\d+)?\s*%\s*$/, ''));
          if (who) obj.staff.push({ who, share: share ? Number(share[1]!.replace(',', '.')) : null, role: 'partecipante', raw: part, source: src });
        }
        return;
      default:
        return;
    }
  }

  private targetLine(year: number, text: string, line: LayoutLine): void {
    const obj = this.b.current;
    if (!obj) return;
    const ind = obj.indicators[0] ?? this.b.indicator(obj, obj.title, provenanceOf(line));
    this.mode = 'targets';
    // No text, or a lead ending with a colon: the target goes on in the sub-bullets below.
    if (text.trim() === '' || /:\s*$/.test(text)) {
      this.pendingTarget = { ind, year, lead: strip(text), parts: [], line };
      return;
    }
    this.b.target(ind, strip(text), year);
  }

  private pendingTarget: { ind: Indicator; year: number; lead: string; parts: string[]; line: LayoutLine } | null = null;

  private endBullet(): void {
    const c = this.continuing;
    if (c?.kind !== 'bullet') return;
    this.continuing = null;
    this.bullet(c.text, c.line, c.indent);
  }

  private closeTarget(): void {
    const p = this.pendingTarget;
    if (!p) return;
    this.pendingTarget = null;
    const joined = p.parts.map((t) => t.replace(/;\s*$/, '')).join('; ');
    if (p.parts.length > 0 || p.lead !== '') this.b.target(p.ind, p.lead === '' ? joined : `${p.lead} ${joined}`.trim(), p.year);
  }

  private bullet(text: string, line: LayoutLine, indent: number): void {
    const target = TARGET_LINE.exec(text);
    if (target) {
      this.closeTarget();
      this.targetLine(Number(target[1]), target[2] ?? '', line);
      if (this.pendingTarget) this.pendingTarget.parts = [];
      return;
    }
    if (this.pendingTarget && indent > 0 && !DATED_ACTION.test(text)) {
      this.pendingTarget.parts.push(text);
      return;
    }
    this.closeTarget();
    const obj = this.b.current;
    if (!obj) return;
    const dated = DATED_ACTION.exec(text);
    let body = dated ? dated[2]! : text;
    const when = dated ? dated[1]! : null;
    // Owners in brackets and an action code at the end: `… - (AGID, REGIONE) - CAP1.01`.
    const owners: string[] = [];
    const tail = ACTION_TAIL.exec(body);
    if (tail && (tail[1] || tail[2]) && tail.index > 0) {
      if (tail[1]) owners.push(...tail[1].split(/\s*,\s*/).map(collapseSpaces).filter(Boolean));
      body = body.slice(0, tail.index);
    }
    // `text - peso 40% - entro il 31/03/2025`
    let weight: number | null = null;
    let deadline: string | null = when;
    const parts = body.split(/\s+[-–—]\s+/);
    const kept: string[] = [];
    for (const part of parts) {
      const w = /^peso\s*:?\s*(\d{1,3}(?:,\d+)?)\s*%?$/i.exec(part.trim());
      if (w && kept.length > 0) weight = Number(w[1]!.replace(',', '.'));
      else if (/^(entro|scadenza|termine)\b/i.test(part.trim()) && kept.length > 0) deadline = part.trim();
      else kept.push(part);
    }
    if (this.mode === 'targets' && !dated && weight === null && deadline === null) return;
    const action = this.b.action(obj, kept.join(' - '), provenanceOf(line));
    if (weight !== null) {
      action.weight = weight;
      action.weightRaw = `${weight}%`;
    }
    if (deadline) this.b.deadline(action, deadline);
    for (const who of owners) action.staff.push({ who, share: null, role: 'responsabile', raw: who, source: provenanceOf(line) });
    for (const n of this.numbered) if (n.obj === obj) n.confirmed = true;
  }

  /** The objective a code's numbers hang under: `RA3.1.2` -> `3.1`, `OB.1.2` -> `OB.1`, `1.1.2` -> `1.1`. */
  private parentFor(code: string): Objective | null {
    const digits = code.replace(/^[A-Za-z]+\.?\s?/, '');
    const pieces = digits.split('.');
    for (let k = pieces.length - 1; k >= 1; k--) {
      const prefix = pieces.slice(0, k).join('.');
      const candidate = this.b.objectives.find((o) => o.code !== null && normCode(o.code).replace(/^[A-Z]+\.?/, '') === prefix && normCode(o.code) !== normCode(code));
      if (candidate) return candidate;
    }
    return null;
  }
}

/**
 * A line that can only be the rest of the bullet above (PDF lines carry no indentation): the bullet stops on a
 * dash, a comma, an open bracket or a small word (`entro il` / `31/05/2025`), or the line opens with a bracket.
 */
function wrapsOn(previous: string, text: string): boolean {
  if (/^\(/.test(text)) return true;
  const opened = (previous.match(/\(/g)?.length ?? 0) > (previous.match(/\)/g)?.length ?? 0);
  return opened || /(?:[-–—,(]|\b(?:il|lo|la|di|del|della|dei|delle|e|ed|a|al|per|con|entro|tra|fra|su|in))\s*$/i.test(previous);
}

function levelWord(word: string | undefined): ObjectiveLevel | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (w.includes('strateg')) return 'strategico';
  if (w.includes('operativ') || w.includes('specific')) return 'operativo';
  if (w.includes('gestional')) return 'gestionale';
  return null;
}

/** A heading's title without its `(peso 60%)`. */
function titleAndWeight(text: string): { title: string; weight: number | null } {
  const m = WEIGHT_IN_TEXT.exec(text);
  if (!m) return { title: strip(text), weight: null };
  return { title: strip(text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/[-–—:,]\s*$/, '').trim(), weight: Number(m[1]!.replace(',', '.')) };
}
