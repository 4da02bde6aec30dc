/** Builds small model objects for rule table tests and runs one rule on them. */
import { expect, it } from 'vitest';
import { newIndicator, newObjective } from '../../extractors/shared/model.js';
import type { Action, Indicator, Objective, Period } from '../../models/plan.js';
import type { ReportInput } from '../../pipeline/context.js';
import type { Rule, RuleInput, RuleOptions } from '../../pipeline/validate/rule.js';

/**
 * A case that runs a whole seed or fixture through `processFile`. `npm test`
 * runs it; the mutation pass (`npm run mutate`, vitest.mutate.config.ts sets
 * PIAO_MUTATE=1) leaves it out: it passes through every rule, so every mutant
 * of every rule ran all of them (minutes per file, and timeouts under load
 * counted as kills). The score of the pass is the table tests' alone.
 */
export const endToEnd: typeof it = process.env.PIAO_MUTATE === '1' ? (it.skip as typeof it) : it;

const at = { page: 1, line: 1 };

export function objective(over: Partial<Objective> = {}): Objective {
  return { ...newObjective(over.id ?? 'O1', over.level ?? 'gestionale', over.title ?? 'Obiettivo', at), unit: 'Segreteria generale', ...over };
}

export function indicator(over: Partial<Indicator> = {}): Indicator {
  return { ...newIndicator('I1', 'Indicatore', at), ...over };
}

export function action(over: Partial<Action> = {}): Action {
  return {
    id: 'A1', n: 1, year: 2024, weight: 50, weightRaw: '50', text: 'Azione', deadline: null, deadlineRaw: null, indicator: null,
    expected: null, grading: null, achievedRaw: null, achievedPercent: null, staff: [], source: at, ...over,
  };
}

export function target(raw: string, value: number | null, year = 2024) {
  return { year, value, raw, comparator: null, unit: null, scale: null };
}

/** The configuration defaults (models/config.ts): tolerance 0.01, minConfidence 0.6. */
export const DEFAULT_OPTIONS: RuleOptions = { tolerance: 0.01, minConfidence: 0.6 };

/** What every rule declares: a kebab-case id, the validate stage, a severity, a description in both languages. */
export function expectRuleShape(rule: Rule<string>): void {
  expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  expect(rule.stage).toBe('validate');
  expect(['error', 'warning', 'info']).toContain(rule.severity);
  expect(rule.description.it, `${rule.id}: description`).toMatch(/\S/);
  expect(rule.description.en, `${rule.id}: description`).toMatch(/\S/);
}

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/**
 * Runs a rule on a whole rule input and returns what it reported: message ids
 * and data. Every report must fill each placeholder of its message, in Italian
 * and in English (an unfilled one would print `{name}` to the user).
 */
export function runRuleOn<M extends string>(rule: Rule<M>, input: Partial<RuleInput>, options: Partial<RuleOptions> = {}) {
  const reports: ReportInput<M>[] = [];
  const doc: RuleInput = { family: 'schede-obiettivo', period: { from: 2024, to: 2026 }, objectives: [], ...input };
  rule.check(doc, (r) => reports.push(r), { ...DEFAULT_OPTIONS, ...options });
  expectRuleShape(rule);
  for (const r of reports) {
    const template = rule.messages[r.messageId];
    expect(template, `${rule.id}.${r.messageId}`).toBeDefined();
    for (const lang of ['it', 'en'] as const) {
      expect(template[lang], `${rule.id}.${r.messageId}.${lang}`).toMatch(/\S/);
      for (const key of placeholders(template[lang])) expect(r.data ?? {}, `${rule.id}.${r.messageId}.${lang}: {${key}}`).toHaveProperty(key);
    }
  }
  return reports;
}

/** Runs a rule on objectives (plan period 2024-2026 unless given) and returns what it reported. */
export function runRule<M extends string>(rule: Rule<M>, objectives: Objective[], period: Period | null = { from: 2024, to: 2026 }, options: Partial<RuleOptions> = {}) {
  return runRuleOn(rule, { period, objectives }, options);
}
