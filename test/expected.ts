/**
 * Curated expectations: a small, hand-written `<case>.expected.json` states
 * only what a person checked in the document, and `expectCurated` compares a
 * model with it, reporting every mismatch with its path
 * (`objectives[code=S1-1_1].unit: expected "…" got "…"`).
 *
 * The file's shape (every key optional except `objectives`):
 * - `family`, `entity`, `period`: compared with the model's.
 * - `objectives`: `count` (exact number of objectives) and `items`, each found
 *   by `code` (the code as printed; the model id when the document prints no
 *   code, or when several objectives share the code); `parent` is the parent's
 *   code (or id); any other key is a field of the objective.
 * - `indicators`, `actions`: `count` (exact number over all objectives) and
 *   `items`, found by `objective` and `name` / `text` (equal after collapsing
 *   whitespace, or a prefix when the expected text ends with `…`); an indicator
 *   stated without `name` is its objective's k-th indicator (k-th such item).
 *   Indicators: `targets` maps each year (`"null"` for a value printed without a
 *   year) to the target as printed, and must list every target of the
 *   indicator; `baseline` is the baseline as printed (or null). Any other key
 *   is a field of the indicator or action (`staff`: the whole list, in order,
 *   each element compared on the fields given).
 * - `findings`: entries `{ rule, objective?, messageId? }` that must be
 *   present; with `"findingsExact": true` every finding of the model must also
 *   match one of them.
 * Strings compare after collapsing whitespace and trimming, everywhere a
 * trailing `…` means "starts with"; numbers, booleans and null compare
 * exactly; arrays compare element by element and must have the same length;
 * objects compare on the keys given. Keys starting with `$` (`$comment`) are
 * notes and are not compared. A key the model does not have is a mismatch, so a
 * misspelt field cannot pass unnoticed.
 *
 * These files are never written by the code: a missing file fails the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { expect } from 'vitest';
import { z } from 'zod';
import type { Action, Indicator, Objective, PlanDocument } from '../models/plan.js';
import { ROOT } from './helpers.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Item = Record<string, Json>;

const Items = z.array(z.record(z.string(), z.json()));
const Section = z.strictObject({ $comment: z.string().optional(), count: z.number().int().min(0).optional(), items: Items.optional() });
const FindingEntry = z.strictObject({ $comment: z.string().optional(), rule: z.string(), objective: z.string().optional(), messageId: z.string().optional() });

export const CuratedExpected = z.strictObject({
  $comment: z.string().optional(),
  family: z.string().optional(),
  entity: z.string().nullable().optional(),
  period: z.strictObject({ from: z.number().int(), to: z.number().int() }).nullable().optional(),
  objectives: Section,
  indicators: Section.optional(),
  actions: Section.optional(),
  findings: z.array(FindingEntry).optional(),
  findingsExact: z.boolean().optional(),
});
export type CuratedExpected = z.infer<typeof CuratedExpected>;

const ELLIPSIS = '…';
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
const short = (s: string) => (s.length > 48 ? `${s.slice(0, 47)}…` : s);

/** Equal after collapsing whitespace, or a prefix when `expected` ends with `…`. */
export function textMatches(expected: string, actual: string): boolean {
  const e = norm(expected);
  const a = norm(actual);
  return e.endsWith(ELLIPSIS) ? a.startsWith(norm(e.slice(0, -1))) : a === e;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Compares `actual` with `expected` on the fields `expected` gives; pushes `path: expected … got …` lines. */
function compare(path: string, expected: Json, actual: unknown, out: string[]): void {
  if (typeof expected === 'string') {
    if (typeof actual !== 'string' || !textMatches(expected, actual)) out.push(`${path}: expected ${show(expected)} got ${show(actual)}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(`${path}: expected ${show(expected)} got ${show(actual)}`);
      return;
    }
    if (actual.length !== expected.length) out.push(`${path}: expected ${expected.length} elements got ${actual.length} (${show(actual.map((x) => (isObject(x) ? '{…}' : x)))})`);
    expected.forEach((e, i) => i < actual.length && compare(`${path}[${i}]`, e, actual[i], out));
  } else if (isObject(expected)) {
    if (!isObject(actual)) {
      out.push(`${path}: expected ${show(expected)} got ${show(actual)}`);
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      if (key.startsWith('$')) continue;
      if (!(key in actual)) out.push(`${path}.${key}: the model has no field "${key}"`);
      else compare(`${path}.${key}`, value, actual[key], out);
    }
  } else if (actual !== expected) {
    out.push(`${path}: expected ${show(expected)} got ${show(actual)}`);
  }
}

/** The objective an expected key names: the one with that printed code, else the one with that id. */
function resolver(plan: PlanDocument) {
  return (key: string): { objective?: Objective; error?: string } => {
    const byCode = plan.objectives.filter((o) => o.code !== null && norm(o.code) === norm(key));
    if (byCode.length === 1) return { objective: byCode[0]! };
    const byId = plan.objectives.find((o) => o.id === key);
    if (byId) return { objective: byId };
    if (byCode.length > 1) return { error: `${byCode.length} objectives have code ${show(key)} (${byCode.map((o) => o.id).join(', ')}): name one by its id` };
    return { error: 'no objective with this code or id' };
  };
}

/** Finds the element of `list` whose `key` text matches, comparing all candidates with the same text. */
function matchItem<T>(
  path: string,
  wanted: string,
  list: T[],
  text: (x: T) => string,
  check: (x: T, out: string[]) => void,
  out: string[],
): void {
  const candidates = list.filter((x) => textMatches(wanted, text(x)));
  if (candidates.length === 0) {
    out.push(`${path}: missing (the objective has ${list.length}: ${show(list.map((x) => short(text(x))))})`);
    return;
  }
  const results = candidates.map((c) => {
    const found: string[] = [];
    check(c, found);
    return found;
  });
  if (results.some((r) => r.length === 0)) return;
  const note = candidates.length > 1 ? ` (first of ${candidates.length} with this text)` : '';
  out.push(...results[0]!.map((line) => line.replace(path, `${path}${note}`)));
}

function compareIndicator(path: string, item: Item, indicator: Indicator, out: string[]): void {
  for (const [key, value] of Object.entries(item)) {
    if (key.startsWith('$') || key === 'objective' || key === 'name') continue;
    if (key === 'targets') {
      if (!isObject(value)) {
        out.push(`${path}.targets: must map years to the target as printed`);
        continue;
      }
      const actual = new Map(indicator.targets.map((t) => [String(t.year), t.raw]));
      for (const [year, raw] of Object.entries(value)) {
        if (typeof raw !== 'string') out.push(`${path}.targets.${year}: must be the target as printed (a string)`);
        else if (!actual.has(year)) out.push(`${path}.targets.${year}: expected ${show(raw)} got no target for ${year}`);
        else compare(`${path}.targets.${year}`, raw, actual.get(year), out);
      }
      for (const [year, raw] of actual) if (!(year in value)) out.push(`${path}.targets.${year}: expected no target got ${show(raw)}`);
    } else if (key === 'baseline') {
      if (value === null) compare(`${path}.baseline`, null, indicator.baseline, out);
      else compare(`${path}.baseline`, value, indicator.baseline?.raw, out);
    } else if (!(key in indicator)) {
      out.push(`${path}.${key}: the model has no field "${key}"`);
    } else {
      compare(`${path}.${key}`, value, (indicator as Record<string, unknown>)[key], out);
    }
  }
}

function compareFields(path: string, item: Item, target: Action | Objective, skip: string[], out: string[]): void {
  const rest = Object.fromEntries(Object.entries(item).filter(([k]) => !skip.includes(k)));
  compare(path, rest, target, out);
}

/** Every mismatch between `plan` and the curated expectations, one line each (empty when they agree). */
export function curatedMismatches(plan: PlanDocument, expected: CuratedExpected): string[] {
  const out: string[] = [];
  const find = resolver(plan);
  if (expected.family !== undefined) compare('family', expected.family, plan.family, out);
  if (expected.entity !== undefined) compare('entity', expected.entity, plan.entity, out);
  if (expected.period !== undefined) compare('period', expected.period, plan.period, out);

  const counted = (name: string, section: { count?: number } | undefined, actual: number) => {
    if (section?.count !== undefined && section.count !== actual) out.push(`${name}.count: expected ${section.count} got ${actual}`);
  };
  counted('objectives', expected.objectives, plan.objectives.length);
  counted('indicators', expected.indicators, plan.objectives.reduce((n, o) => n + o.indicators.length, 0));
  counted('actions', expected.actions, plan.objectives.reduce((n, o) => n + o.actions.length, 0));

  for (const item of expected.objectives.items ?? []) {
    if (typeof item.code !== 'string') {
      out.push(`objectives[${show(item)}]: an item needs "code" (the printed code, or the id)`);
      continue;
    }
    const path = `objectives[code=${item.code}]`;
    const { objective, error } = find(item.code);
    if (!objective) {
      out.push(`${path}: ${error}`);
      continue;
    }
    if (item.parent !== undefined) {
      const parent = objective.parentId === null ? null : plan.objectives.find((o) => o.id === objective.parentId);
      const names = parent ? [parent.code, parent.id] : [];
      const ok = item.parent === null ? objective.parentId === null : typeof item.parent === 'string' && names.some((n) => n !== null && textMatches(item.parent as string, n));
      if (!ok) out.push(`${path}.parent: expected ${show(item.parent)} got ${parent ? show(parent.code ?? parent.id) + ` (id ${parent.id})` : show(objective.parentId)}`);
    }
    compareFields(path, item, objective, ['code', 'parent'], out);
  }

  const inObjective = (section: 'indicators' | 'actions', key: 'name' | 'text', check: (o: Objective, item: Item, path: string) => void) => {
    for (const item of expected[section]?.items ?? []) {
      const wanted = item[key];
      if (section === 'indicators' && typeof item.objective === 'string' && wanted === undefined) continue;
      if (typeof item.objective !== 'string' || typeof wanted !== 'string') {
        out.push(`${section}[${short(show(item))}]: an item needs "objective" and "${key}"`);
        continue;
      }
      const path = `${section}[objective=${item.objective},${key}=${short(wanted)}]`;
      const { objective, error } = find(item.objective);
      if (!objective) out.push(`${path}: ${error}`);
      else check(objective, item, path);
    }
  };
  // An indicator the document names by nothing but its objective (`Target 2025 - …` under a result): stated without
  // `name`, matched by position among the objective's indicators (the k-th such item, the k-th indicator).
  const unnamed = new Map<string, number>();
  for (const item of expected.indicators?.items ?? []) {
    if (typeof item.objective !== 'string' || item.name !== undefined) continue;
    const k = unnamed.get(item.objective) ?? 0;
    unnamed.set(item.objective, k + 1);
    const path = `indicators[objective=${item.objective},#${k + 1}]`;
    const { objective, error } = find(item.objective);
    if (!objective) out.push(`${path}: ${error}`);
    else if (k >= objective.indicators.length) out.push(`${path}: missing (the objective has ${objective.indicators.length})`);
    else compareIndicator(path, item, objective.indicators[k]!, out);
  }
  inObjective('indicators', 'name', (o, item, path) =>
    matchItem(path, item.name as string, o.indicators, (i) => i.name, (i, found) => compareIndicator(path, item, i, found), out),
  );
  inObjective('actions', 'text', (o, item, path) =>
    matchItem(path, item.text as string, o.actions, (a) => a.text, (a, found) => compareFields(path, item, a, ['objective', 'text'], found), out),
  );

  const entries = expected.findings ?? [];
  const ids = entries.map((e) => (e.objective === undefined ? undefined : (find(e.objective).objective?.id ?? e.objective)));
  const matches = (i: number, f: PlanDocument['findings'][number]) =>
    f.rule === entries[i]!.rule && (ids[i] === undefined || f.objectiveId === ids[i]) && (entries[i]!.messageId === undefined || f.messageId === entries[i]!.messageId);
  entries.forEach((e, i) => {
    if (!plan.findings.some((f) => matches(i, f))) {
      const same = plan.findings.filter((f) => f.rule === e.rule).map((f) => `${f.messageId}@${f.objectiveId ?? '-'}`);
      const label = [`rule=${e.rule}`, e.objective && `objective=${e.objective}`, e.messageId && `messageId=${e.messageId}`].filter(Boolean).join(',');
      out.push(`findings[${label}]: missing (the model has ${same.length} ${e.rule}: ${show(same.slice(0, 12))})`);
    }
  });
  if (expected.findingsExact)
    for (const f of plan.findings)
      if (!entries.some((_, i) => matches(i, f))) out.push(`findings: unexpected ${f.rule}/${f.messageId} on ${f.objectiveId ?? 'the document'} (line ${f.source.line ?? '-'})`);
  return out;
}

/** The expected file of a case: `<case>.expected.json` beside the input (`piano.txt` -> `piano.expected.json`). */
export function expectedFileOf(input: string): string {
  return input.replace(/\.[^./]+$/, '.expected.json');
}

/** Reads a curated expected file; throws a clear error when it is missing or malformed. */
export function readCurated(expectedPath: string): CuratedExpected {
  const name = relative(ROOT, expectedPath);
  if (!existsSync(expectedPath))
    throw new Error(`expected file ${name} is missing: write it by hand from the document (see test/expected.ts); it is never generated`);
  const parsed = CuratedExpected.safeParse(JSON.parse(readFileSync(expectedPath, 'utf8')));
  if (!parsed.success) throw new Error(`expected file ${name} is malformed:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Fails with every mismatch between `plan` and the curated expected file at `expectedPath`. */
export function expectCurated(plan: PlanDocument, expectedPath: string): void {
  const mismatches = curatedMismatches(plan, readCurated(expectedPath));
  if (mismatches.length > 0)
    expect.fail(`${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'} with ${relative(ROOT, expectedPath)}:\n  ${mismatches.join('\n  ')}`);
}
