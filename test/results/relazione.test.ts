/** The Relazione: round trip template -> filled -> report, filled schede as a source, every seed in every format. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import type { PlanDocument } from '../../models/plan.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { renderPlan, renderRelazione } from '../../pipeline/render/index.js';
import { computeRelazione } from '../../pipeline/results/relazione.js';
import { readResults, resultsCsv } from '../../pipeline/results/sheet.js';
import { ROOT, seed } from '../helpers.js';

const config = PiaoConfig.parse({});
const date = new Date('2025-06-15T09:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'piao-relazione-'));
const filledScheda = join(ROOT, 'fixtures/results/003-SO02-compilata.txt');

async function filled(plan: PlanDocument, year: number, name: string, fill: (code: string, k: number) => [string, string]) {
  const rows = parse(resultsCsv(plan, year), { delimiter: ';', bom: true }) as string[][];
  const out = [rows[0]!, ...rows.slice(1).map((r, k) => [...r.slice(0, 9), ...fill(r[0]!, k)])];
  const path = join(dir, name);
  writeFileSync(path, '\ufeff' + stringify(out, { delimiter: ';' }));
  return { path, reading: await readResults(path, plan, year, config) };
}

describe('a filled scheda is a results source', () => {
  it('SO02 of seed 003 with RAGGIUNTO and % filled: (25x100 + 20x80 + 40x100 + 15x50) / 100 = 88,5%', async () => {
    const plan = await loadPlan(filledScheda);
    const r = computeRelazione(plan, 2024, null, config);
    expect(r.objectives).toHaveLength(1);
    expect(r.objectives[0]!.percent).toBeCloseTo(88.5, 10);
    expect(r.objectives[0]!.items.map((i) => i.from)).toEqual(['scheda', 'scheda', 'scheda', 'scheda']);
    expect(r.objectives[0]!).toMatchObject({ basis: 'ponderata', achieved: false, band: 'sostanzialmente raggiunto' });
    expect(r.entity.percent).toBeCloseTo(88.5, 10);
    // Two actions below 100% and no notes column in a scheda: two scostamenti without explanation.
    expect(r.scostamenti.map((s) => s.item.code)).toEqual(['SO01/A2024.2', 'SO01/A2024.4']);
    expect(r.findings.map((f) => f.rule)).toEqual(['explanation-missing', 'explanation-missing']);
  });

  it('a value in the results sheet wins over the scheda', async () => {
    const plan = await loadPlan(filledScheda);
    const { reading } = await filled(plan, 2024, 'scheda.csv', (code) => [code === 'SO01/A2024.4' ? '31/12/2024' : '', '']);
    const r = computeRelazione(plan, 2024, reading, config);
    expect(r.objectives[0]!.items.map((i) => [i.from, i.score.percent])).toEqual([['scheda', 100], ['scheda', 80], ['scheda', 100], ['foglio', 100]]);
    expect(r.objectives[0]!.percent).toBeCloseTo(96, 10);
  });
});

describe('round trip: results template -> filled -> Relazione', () => {
  it('seed 003, 2024: dates through each sheet\'s ladder, weighted objective scores, unit means', async () => {
    const plan = await loadPlan(seed.schede);
    // Every action done 10 days late, except the first of each sheet, done on time.
    const { reading } = await filled(plan, 2024, 'tardi.csv', (code) => [code.endsWith('.1') ? '01/01/2024' : 'ritardo', '']);
    expect(reading.findings.length).toBeGreaterThan(0); // "ritardo" is not a value: every such row is named
    const late = await filled(plan, 2024, 'tardi2.csv', (code) => {
      const a = plan.objectives.flatMap((o) => o.actions).find((x) => x.id === code)!;
      if (!a.deadline) return ['100%', '']; // TEMPI not a date: the % of realization
      const d = new Date(Date.parse(`${a.deadline}T00:00:00Z`) + (code.endsWith('.1') ? 0 : 10) * 86_400_000);
      return [`${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`, code.endsWith('.1') ? '' : 'fornitore in ritardo'];
    });
    expect(late.reading.findings).toEqual([]);
    const r = computeRelazione(plan, 2024, late.reading, config, late.path);
    // SO02: ladder "Nessun ritardo = 100%; ritardo fino a 20gg = 80%": 25x100 + 20x80 + 40x80 + 15x80 = 85.
    const so02 = r.objectives.find((s) => s.objective.id === 'SO02')!;
    expect(so02.items.map((i) => i.score.percent)).toEqual([100, 80, 80, 80]);
    expect(so02.percent).toBeCloseTo(85, 10);
    // Each unit's mean is the mean of its objectives'.
    const unit = r.units.find((u) => u.name === 'Segretario generale')!;
    const own = r.objectives.filter((s) => s.objective.unit === 'Segretario generale' && s.items.length > 0);
    expect(unit.percent).toBeCloseTo(own.reduce((n, s) => n + s.percent!, 0) / own.length, 10);
    expect(r.findings.filter((f) => f.rule === 'explanation-missing')).toEqual([]); // every scostamento explained
  });

  it('seed 002, 2024: activity indicators 0-5 from SI/NO and numbers, objective = mean of its indicators, operational objectives from their gestionali', async () => {
    const plan = await loadPlan(seed.piao22);
    const { reading } = await filled(plan, 2024, 'piao.csv', (_c, k) => [k % 2 ? 'SI' : '3', k % 2 ? '' : 'risorse ridotte']);
    const r = computeRelazione(plan, 2024, reading, config);
    const s11 = r.objectives.find((s) => s.objective.id === 'S1-1_1')!;
    expect(s11.items).toHaveLength(1);
    expect(s11.basis).toBe('media');
    const parent = r.objectives.find((s) => s.objective.id === s11.objective.parentId)!;
    expect(parent.basis).toBe('figli');
    expect(r.entity.measured).toBeGreaterThan(40);
    expect(r.findings.filter((f) => f.rule === 'results-missing')).toEqual([]);
  });

  it('seed 004, 2025: a value left empty counts 0% and is reported; the soglia minima decides "raggiunto"', async () => {
    const plan = await loadPlan(seed.organizzativa);
    const { reading } = await filled(plan, 2025, 'org.csv', (_c, k) => [k === 0 ? '' : 'SI', '']);
    const r = computeRelazione(plan, 2025, reading, config);
    expect(r.findings.filter((f) => f.rule === 'results-missing')).toHaveLength(1);
    const first = r.objectives.find((s) => s.items.some((i) => i.actual.kind === 'missing'))!;
    expect(first.items.find((i) => i.actual.kind === 'missing')!.score.percent).toBe(0);
    expect(first.threshold).toBe(first.objective.minimumThreshold);
    const excluded = computeRelazione(plan, 2025, reading, PiaoConfig.parse({ smvp: { missingActual: 'exclude' } }));
    // OB01 has one indicator: excluded, it is not measured at all, and the entity counts it apart.
    expect(first.items).toHaveLength(1);
    expect(excluded.objectives.find((s) => s.objective.id === first.objective.id)!.percent).toBeNull();
    expect(excluded.entity.notMeasured).toBe(r.entity.notMeasured + 1);
  });
});

describe('render report', () => {
  it.each([
    ['legacy', seed.legacy, 2012],
    ['piao22', seed.piao22, 2024],
    ['schede', seed.schede, 2024],
    ['organizzativa', seed.organizzativa, 2025],
  ])('seed %s in html, md and odt', async (name, file, year) => {
    const plan = await loadPlan(file);
    const { path, reading } = await filled(plan, year, `${name}.csv`, (_c, k) => [k % 3 === 0 ? '' : k % 3 === 1 ? '50%' : 'SI', k % 3 === 1 ? 'a metà' : '']);
    const r = computeRelazione(plan, year, reading, config, path);
    const html = (await renderRelazione(r, config, { format: 'html', outDir: dir, date })) as string;
    for (const heading of ['1. Presentazione', '2.1 Principali risultati raggiunti', '2.3 Performance organizzativa', '3. Scostamenti', '4. Metodo e processo seguito', '5. Validazione']) expect(html).toContain(heading);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain(`href="./${name}.csv"`);
    const md = (await renderRelazione(r, config, { format: 'md', outDir: dir, date })) as string;
    expect(md).toContain(`# Relazione sulla performance ${year}`);
    const odt = unzipSync((await renderRelazione(r, config, { format: 'odt', outDir: dir, date })) as Uint8Array);
    expect(Object.keys(odt)).toEqual(['mimetype', 'content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml', 'Pictures/unita.svg', 'Pictures/fasce.svg']);
    for (const part of ['content.xml', 'META-INF/manifest.xml', 'Pictures/unita.svg', 'Pictures/fasce.svg']) expect(XMLValidator.validate(strFromU8(odt[part]!)), part).toBe(true);
  });

  it('notes and unit names from the sheet or the document stay text, in the charts too', async () => {
    const plan = await loadPlan(filledScheda);
    plan.objectives[0]!.unit = '<script>alert(1)</script>';
    const { reading } = await filled(plan, 2024, 'ostile.csv', () => ['50%', '<img src=x onerror=alert(2)>']);
    const r = computeRelazione(plan, 2024, reading, config);
    const html = (await renderRelazione(r, config, { format: 'html', outDir: null, date })) as string;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;'); // inside the SVG chart
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
  });
});

describe('reviewed snapshots (the filled scheda SO02)', () => {
  it('plan and Relazione in Markdown', async () => {
    const plan = await loadPlan(filledScheda);
    plan.source.path = 'fixtures/results/003-SO02-compilata.txt';
    await expect(await renderPlan(plan, { format: 'md', outDir: null, date })).toMatchFileSnapshot('__snapshots__/piano-003-SO02.md');
    const r = computeRelazione(plan, 2024, null, config);
    await expect(await renderRelazione(r, config, { format: 'md', outDir: null, date })).toMatchFileSnapshot('__snapshots__/relazione-003-SO02-2024.md');
  });
});
