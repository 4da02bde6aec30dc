import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/run.js';
import type { PlanDocument } from '../../models/plan.js';
import { pipelineChecks } from '../../pipeline/checks.js';
import { rules } from '../../pipeline/validate/rules/index.js';
import { formatHtml } from '../../pipeline/report/html.js';
import { formatJunit } from '../../pipeline/report/junit.js';
import { formatSarif } from '../../pipeline/report/sarif.js';
import { runCli } from '../../pipeline/cli/index.js';
import { ROOT, seed } from '../helpers.js';
import { pathToFileURL } from 'node:url';

const checks = [...pipelineChecks, ...rules];
let plans: PlanDocument[];
let hostile: string;

beforeAll(async () => {
  // A submitted file whose name is markup: it must come out as text.
  const dir = mkdtempSync(join(tmpdir(), 'piao-report-'));
  hostile = join(dir, '<img src=x onerror=alert(1)>.txt');
  copyFileSync(seed.organizzativa, hostile);
  plans = [await processFile(seed.schede), await processFile(seed.organizzativa), await processFile(hostile), await processFile(join(dir, 'manca.txt'))];
});

const relevant = (p: PlanDocument) => p.findings.filter((f) => f.severity !== 'info').length;

describe('HTML check report', () => {
  it('a file read for less than half of the objectives its layout shows: read / estimated, and never «corretto»', () => {
    const plan = { ...plans[0]!, objectives: plans[0]!.objectives.slice(0, 5), findings: [], coverage: { estimated: 38, evidence: [] } };
    const html = formatHtml([plan], checks);
    expect(html).toContain('<td class="num">5 / 38</td>');
    expect(html).toContain('5 obiettivi su circa 38 che il documento sembra contenere');
    expect(html).toContain('<span class="check">da verificare</span>');
    expect(html).not.toContain('>corretto<');
    const full = formatHtml([{ ...plans[0]!, findings: [], coverage: { estimated: 38, evidence: [] } }], checks);
    expect(full).toContain('<td class="num">38</td>');
    expect(full).toContain('<span class="ok">corretto</span>');
  });

  it('has an overview row per file, then the findings grouped by objective with page and line', () => {
    const html = formatHtml(plans, checks);
    expect(html.match(/<tr><th scope="row"><a href="#file-\d+">/g)).toHaveLength(4);
    expect(html).toContain('<h3>SO19 — ');
    expect(html).toContain('<h3>10 — Formazione straordinaria e continuativa');
    expect(html).toContain('p. 1, riga 792');
    // Printed to the screen, the report links to the rule docs of the installed package.
    expect(html).toContain(`<a href="${pathToFileURL(join(ROOT, 'docs', 'rules', 'computed-mismatch.md')).href}">computed-mismatch</a>`);
    expect(html).toContain('non elaborato'); // the missing file is listed, not dropped
  });

  it('escapes every text from the documents and loads nothing from outside', () => {
    const html = formatHtml(plans, checks);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;.txt');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('speaks English on request', () => {
    expect(formatHtml(plans, checks, 'en')).toContain('<h1>Check report</h1>');
  });
});

describe('JUnit and SARIF', () => {
  it('JUnit: one failing case per error or warning, one suite per file', () => {
    const xml = formatJunit(plans);
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(plans.reduce((n, p) => n + relevant(p), 0));
    expect(xml).toContain('name="weights-sum p. 1, riga 804"');
    expect(xml).not.toContain('<img');
  });

  it('SARIF 2.1.0: every finding a result located by file and line, every rule described', () => {
    const sarif = JSON.parse(formatSarif(plans, checks));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(checks.map((c) => c.id));
    expect(sarif.runs[0].results).toHaveLength(plans.reduce((n, p) => n + p.findings.length, 0));
    const weights = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'weights-sum');
    expect(weights.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([804, 1579]) // the PIANO OPERATIVO 2024 rows of SO19 and SO35;
  });
});

describe('piao check --format … --out', () => {
  it('writes the HTML report whole, prints the summary, exits 1 on errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'piao-check-')), 'rapporto.html');
    let stdout = '';
    let stderr = '';
    const code = await runCli(['check', seed.schede, seed.organizzativa, '--format', 'html', '--out', out], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    expect(code).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(stdout).toContain('Per regola:');
    expect(stderr).toContain(`Rapporto scritto in ${out}`);
  });
});
