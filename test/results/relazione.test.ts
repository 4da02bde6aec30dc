/** The Relazione: round trip template -> filled -> report, filled schede as a source, every seed in every format. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
import { relazioneView } from '../../pipeline/render/relazione-view.js';
import { computeRelazione } from '../../pipeline/results/relazione.js';
import { resultItems } from '../../pipeline/results/items.js';
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
    expect(r.objectives[0]!).toMatchObject({ basis: 'ponderata', achieved: false, thresholdFrom: 'nessuna', band: 'da 80% a meno di 100%' });
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
    const items = new Map(resultItems(plan, 2024).map((i) => [i.code, i]));
    const late = await filled(plan, 2024, 'tardi2.csv', (code) => {
      const { goal } = items.get(code)!;
      // No deadline anywhere (TEMPI, ladder, ATTESO): the % of realization, or the number ATTESO asks for.
      if (!goal.deadline) return [goal.kind === 'number' ? String(goal.target!.value) : '100%', ''];
      const d = new Date(Date.parse(`${goal.deadline}T00:00:00Z`) + (code.endsWith('.1') ? 0 : 10) * 86_400_000);
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
    const goals = new Map(resultItems(plan, 2025).map((i) => [i.code, i.goal]));
    // Every value at its target (a number where the target is one, SI otherwise), the first left empty.
    const { reading } = await filled(plan, 2025, 'org.csv', (c, k) => [k === 0 ? '' : goals.get(c)!.target?.value != null ? String(goals.get(c)!.target!.value).replace('.', ',') : 'SI', '']);
    expect(reading.findings).toEqual([]);
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
    // The DFP 3/2018 outline, in order; scostamenti inside 2.3, the bilancio di genere in 2.5.
    const outline = ['1. Presentazione', '2.1 Principali risultati raggiunti', '2.2 Contesto e risorse', '2.3 Performance organizzativa', 'Scostamenti', 'Valori del foglio non utilizzati', '2.4 Obiettivi individuali', '2.5 Bilancio di genere', '3. Il processo di misurazione e valutazione', "4. Validazione dell'OIV", 'Allegato: dettaglio per obiettivo'];
    const at = outline.map((h) => html.indexOf(`>${h}</h`));
    expect(at.every((i) => i > 0), outline.filter((_h, k) => at[k]! < 0).join(', ')).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain(`href="./${name}.csv"`);
    const md = (await renderRelazione(r, config, { format: 'md', outDir: dir, date })) as string;
    expect(md).toContain(`# Relazione sulla performance ${year}`);
    const odt = unzipSync((await renderRelazione(r, config, { format: 'odt', outDir: dir, date })) as Uint8Array);
    // Each SVG chart has its PNG (issue 20: charts visible where SVG is not shown).
    expect(Object.keys(odt)).toEqual(['mimetype', 'content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml', 'Pictures/unita.svg', 'Pictures/fasce.svg', 'Pictures/unita.png', 'Pictures/fasce.png']);
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

/** Compares with a reviewed expected file; a missing file fails (UPDATE_EXPECTED=1 writes it, to be reviewed). */
function expectFile(actual: string, name: string) {
  const path = join(import.meta.dirname, 'expected', name);
  if (process.env.UPDATE_EXPECTED === '1') writeFileSync(path, actual);
  expect(existsSync(path), `${name} is missing: write it with UPDATE_EXPECTED=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('the filled scheda SO02, read by a person', () => {
  it('the plan in Markdown equals its reviewed expected file', async () => {
    const plan = await loadPlan(filledScheda);
    plan.source.path = 'fixtures/results/003-SO02-compilata.txt';
    expectFile((await renderPlan(plan, { format: 'md', outDir: null, date })) as string, 'piano-003-SO02.md');
  });

  it('the Relazione in Markdown: the figures, the rule of the outcome, the scostamenti, every DFP section', async () => {
    const plan = await loadPlan(filledScheda);
    plan.source.path = 'fixtures/results/003-SO02-compilata.txt';
    const md = (await renderRelazione(computeRelazione(plan, 2024, null, config), config, { format: 'md', outDir: null, date })) as string;
    const lines = md.split('\n');
    const section = (title: string) => {
      const from = lines.findIndex((l) => l.replace(/^#+ /, '') === title);
      expect(from, title).toBeGreaterThan(0);
      const level = lines[from]!.indexOf(' ');
      const to = lines.findIndex((l, k) => k > from && /^#+ /.test(l) && l.indexOf(' ') <= level);
      return lines.slice(from + 1, to < 0 ? undefined : to).filter((l) => l !== '');
    };
    // (25x100 + 20x80 + 40x100 + 15x50) / 100 = 88,5%; no soglia anywhere, so only 100% would be "raggiunto".
    expect(section('2.1 Principali risultati raggiunti').slice(0, 2)).toEqual([
      "Grado di raggiungimento complessivo dell'ente: **88,5%**",
      "Obiettivi misurati: 1; raggiunti: 0; non raggiunti: 1; senza misura per l'anno: 0.",
    ]);
    expect(section('Risultati per obiettivo').at(-1)).toBe('| SO01 — Formazione ed aggiornamento professionale del personale | Segretario generale | 88,5% | media ponderata |  | non raggiunto | nessuna soglia: raggiunto solo al 100% | da 80% a meno di 100% |');
    expect(section('Risultati per unità organizzativa').at(-1)).toBe('| Segretario generale | 1 | 0 | 88,5% |');
    expect(section('2.4 Obiettivi individuali').at(-1)).toBe('| Segretario generale | 1 | 0 | 88,5% |');
    // The scheda's two chapters, without amounts.
    expect(section('Risorse finanziarie per obiettivo').slice(2, 4)).toEqual([
      '| SO01 — Formazione ed aggiornamento professionale del personale | Segretario generale | 0 PEG4 |  | non indicato |',
      '| SO01 — Formazione ed aggiornamento professionale del personale | Segretario generale | 0 PEG5 |  | non indicato |',
    ]);
    const scostamenti = section('Scostamenti').slice(2);
    expect(scostamenti.map((l) => l.split(' | ').slice(0, 1).concat(l.split(' | ').slice(-2)))).toEqual([
      ['| SO01', '80%', '_motivazione mancante_ |'],
      ['| SO01', '50%', '_motivazione mancante_ |'],
    ]);
    expect(scostamenti.map((l) => l.split(' | ')[1]!.split(' ')[0])).toEqual(['SO01/A2024.2', 'SO01/A2024.4']);
    // No gender objective in this scheda: the guideline's tables are left to the office, marked.
    expect(section('2.5 Bilancio di genere')[0]).toMatch(/non contiene obiettivi sulle pari opportunità/);
    expect(section('2.5 Bilancio di genere').filter((l) => l.includes('_da compilare_'))).toHaveLength(6);
    // The validation form: the checklist and the outcome to tick.
    const oiv = section("4. Validazione dell'OIV");
    expect(oiv.filter((l) => l.endsWith('| | |'))).toHaveLength(9);
    expect(oiv).toContain('Esito: ☐ validata ☐ validata con osservazioni ☐ non validata');
    expect(lines.filter((l) => /^#{2,3} /.test(l))).toEqual([
      '## 1. Presentazione', '## 2. Sintesi dei risultati', '### 2.1 Principali risultati raggiunti', '### 2.2 Contesto e risorse', '### 2.3 Performance organizzativa',
      '### 2.4 Obiettivi individuali', '### 2.5 Bilancio di genere', '## 3. Il processo di misurazione e valutazione', "## 4. Validazione dell'OIV",
      '## Allegato: dettaglio per obiettivo', '### SO01 — Formazione ed aggiornamento professionale del personale',
    ]);
  });
});

describe('means that say what they do', () => {
  it('an objective with weights for only some actions: not scored by default, or the SMVP option, with a finding', async () => {
    const plan = await loadPlan(filledScheda);
    plan.objectives[0]!.actions.find((a) => a.id === 'SO01/A2024.4')!.weight = null; // 25 + 20 + 40 given, 15 missing
    const scored = (unweighted: 'error' | 'equal-share' | 'exclude') => computeRelazione(plan, 2024, null, PiaoConfig.parse({ smvp: { unweighted } }));
    const error = scored('error');
    expect(error.objectives[0]).toMatchObject({ percent: null, basis: 'pesi incompleti', achieved: null });
    expect(error.findings.filter((f) => f.rule === 'results-weight-missing').map((f) => [f.messageId, f.severity, f.data.codes])).toEqual([['error', 'error', 'SO01/A2024.4']]);
    // equal share: A2024.4 gets the 15 the others leave: (25x100 + 20x80 + 40x100 + 15x50) / 100 = 88,5.
    expect(scored('equal-share').objectives[0]!.percent).toBeCloseTo(88.5, 10);
    // excluded: (25x100 + 20x80 + 40x100) / 85 = 95,29...
    expect(scored('exclude').objectives[0]!.percent).toBeCloseTo(8100 / 85, 10);
  });

  it('units and managers written in different ways are one group, reported once', async () => {
    const plan = await loadPlan(seed.schede);
    const r = computeRelazione(plan, 2024, null, config);
    const merged = r.findings.filter((f) => f.rule === 'results-names-merged');
    expect(merged.filter((f) => f.messageId === 'manager').map((f) => f.data.name)).toEqual(['Dirigente Area 1']);
    expect(r.managers.find((m) => m.name === 'Dirigente Area 1')).toMatchObject({ objectives: 8, variants: ['Dirigente Area 1', "Dirigente dell'Area 1", 'Dirigente Area n. 1'] });
    expect(merged.filter((f) => f.messageId === 'unit')).toHaveLength(4);
  });
});

describe('the DFP outline from the plan', () => {
  it('seed 002: the bilancio di genere lists the Piano di Azioni Positive and its objectives of the year, with their results', async () => {
    const plan = await loadPlan(seed.piao22);
    const { reading } = await filled(plan, 2024, 'genere.csv', (c) => [c.startsWith('S2-1_4') ? '0' : 'SI', '']);
    const r = computeRelazione(plan, 2024, reading, config);
    const view = relazioneView(r, { source: plan.source, outDir: null, packageRelative: false }, config, date);
    // Seed 002 lines 45-47 and 136-137: ST4 "PIANO di AZIONI POSITIVE", its operational FORMAZIONE (OP20) and
    // INFORMAZIONE (OP21) tagged «Azioni Positive», with S2-1_3 and S2-1_4 under them; STUDI E INDAGINI (OP22) is not in 2024.
    expect(view.gender.map((g) => g.code)).toEqual(['ST4', 'OP20', 'S2-1_3', 'OP21', 'S2-1_4']);
    expect(view.gender.find((g) => g.code === 'S2-1_4')).toMatchObject({ outcome: 'non raggiunto' });
    expect(view.gender.find((g) => g.code === 'S2-1_3')!.percent.text).toBe('100%');
  });

  it('seed 003: 2.2 gives the budget chapters and amounts of the year\'s objectives, per objective and per unit', async () => {
    const plan = await loadPlan(seed.schede);
    const r = computeRelazione(plan, 2024, null, config);
    const view = relazioneView(r, { source: plan.source, outDir: null, packageRelative: false }, config, date);
    // 14 objectives of seed 003 carry ASSEGNAZIONE FINANZIARIA rows; two give amounts: SO04 108.000,00 (2024) and SO30 15000 (2025).
    expect(new Set(view.budget.map((b) => b.code)).size).toBe(14);
    expect(view.budget.filter((b) => b.amount !== 'non indicato').map((b) => [b.code, b.chapter, b.year, b.amount])).toEqual([
      ['SO04', '212508', '2024', '€ 108.000,00'],
      ['SO30', '213670', '2025', '€ 15.000,00'],
    ]);
    expect(view.budgetUnits.find((u) => u.name === 'Distretto Sociosanitario')).toEqual({ name: 'Distretto Sociosanitario', objectives: 2, chapters: 4, amount: 'non indicato' });
    // SO02's PERSONALE COINVOLTO: Segretario generale, «Dirigenti e Responsabili di Settore/ Servizio», Assessori Bogni, Alessia Tronfi.
    expect(view.staff.find((x) => x.code === 'SO02')!.count).toBe('4');
  });
});
