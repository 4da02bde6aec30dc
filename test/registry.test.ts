import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../pipeline/validate/rules/index.js';
import { pipelineChecks } from '../pipeline/checks.js';
import { resultsChecks } from '../pipeline/results/checks.js';
import { extractors } from '../extractors/index.js';
import { familySignatures } from '../extractors/families.js';
import { ROOT } from './helpers.js';

const allChecks = [...pipelineChecks, ...rules, ...resultsChecks];

describe('registries, files and docs agree', () => {
  it('check ids are unique kebab-case', () => {
    const ids = allChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('every rule has its file, its test and its docs page under its id, and nothing else is there', () => {
    const ruleFiles = readdirSync(join(ROOT, 'pipeline/validate/rules')).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(ruleFiles.sort()).toEqual(rules.map((r) => r.id).sort());
    for (const rule of rules) expect(existsSync(join(ROOT, 'test/rules', `${rule.id}.test.ts`)), `test/rules/${rule.id}.test.ts`).toBe(true);
  });

  it('every check has a docs page naming its id, severity and messages', () => {
    for (const check of allChecks) {
      const page = join(ROOT, 'docs/rules', `${check.id}.md`);
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text).toContain(`# ${check.id}`);
      expect(text).toContain(`Gravità predefinita: \`${check.severity}\``);
    }
    const pages = readdirSync(join(ROOT, 'docs/rules')).filter((f) => f !== 'README.md').map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(allChecks.map((c) => c.id).sort());
  });

  it('every message template has Italian and English with the same placeholders', () => {
    for (const check of allChecks) {
      for (const [id, tpl] of Object.entries(check.messages) as [string, { it: string; en: string }][]) {
        const keys = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(keys(tpl.en), `${check.id}.${id}`).toEqual(keys(tpl.it));
      }
    }
  });

  it('every extractor has a family signature, its own file, and reports only documented checks', () => {
    for (const e of extractors) {
      expect(familySignatures.some((s) => s.family === e.family)).toBe(true);
      expect(existsSync(join(ROOT, 'extractors', `${e.family}.ts`))).toBe(true);
      for (const check of e.checks) expect(pipelineChecks).toContain(check);
    }
  });

  it('the README lists every rule', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const check of allChecks) expect(readme, check.id).toContain(`\`${check.id}\``);
  });
});
