/**
 * The Relazione against an independent oracle (test/results/oracle.ts, written from docs/relazione.md): the
 * filled sheets of seeds 002, 003 and 004, each as UTF-8 CSV, Windows-1252 CSV and XLSX with typed cells
 * (fixtures/results, built by fixtures/build-results.ts), must give every row, objective, unit, manager and
 * entity figure the oracle gives, and the rendered Relazione must print them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../models/config.js';
import { loadPlan } from '../../pipeline/plan-input.js';
import { renderRelazione } from '../../pipeline/render/index.js';
import { computeRelazione, type Relazione } from '../../pipeline/results/relazione.js';
import { readResults } from '../../pipeline/results/sheet.js';
import { ROOT, seed } from '../helpers.js';
import { oracle, oracleKey, type Oracle } from './oracle.js';

const config = PiaoConfig.parse({});
const RESULTS = join(ROOT, 'fixtures/results');
const SEEDS = [
  { name: '002', file: seed.piao22, year: 2024 },
  { name: '003', file: seed.schede, year: 2024 },
  { name: '004', file: seed.organizzativa, year: 2025 },
] as const;
const FORMATS = ['csv', '1252.csv', 'xlsx'] as const;
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
/** The oracle's own Italian percentage, one decimal, as the Relazione prints it. */
const printed = (p: number | null) => (p === null ? 'n.d.' : `${(Math.round(p * 10) / 10).toFixed(1).replace('.', ',').replace(/,0$/, '')}%`);

async function load(s: (typeof SEEDS)[number]) {
  const plan = await loadPlan(s.file);
  const sheet = parse(readFileSync(join(RESULTS, `${s.name}-risultati.csv`), 'utf8'), { delimiter: ';' }) as string[][];
  return { plan, sheet, expected: oracle(plan, s.year, sheet) };
}

/** Every disagreement between the Relazione and the oracle, as text (empty when they agree). */
function disagreements(r: Relazione, o: Oracle): string[] {
  const out: string[] = [];
  const items = r.objectives.flatMap((s) => s.items);
  expect(items.length).toBe(o.rows.size);
  for (const s of items) {
    const want = o.rows.get(s.item.code)!;
    if (!close(s.score.percent, want.percent)) out.push(`row ${want.rows.join('+')} ${s.item.code}: ${s.score.percent} vs ${want.percent}`);
    if ((s.rejected !== null) !== (want.refused !== null)) out.push(`row ${want.rows.join('+')} ${s.item.code}: refused ${s.rejected?.reason ?? 'no'} vs ${want.refused ?? 'no'}`);
  }
  for (const s of r.objectives) {
    const want = o.objectives.get(s.objective.id)!;
    if (!close(s.percent, want.percent) || s.achieved !== want.achieved || s.band !== want.band) {
      out.push(`objective ${s.objective.id}: ${s.percent} ${s.achieved} ${s.band} vs ${want.percent} ${want.achieved} ${want.band}`);
    }
  }
  for (const [groups, wanted, what] of [[r.units, o.units, 'unit'], [r.managers, o.managers, 'manager']] as const) {
    if (groups.length !== wanted.size) out.push(`${what}s: ${groups.length} vs ${wanted.size}`);
    for (const g of groups) {
      const want = wanted.get(oracleKey(g.name));
      if (!want || !close(g.percent, want.percent) || g.objectives !== want.objectives || g.achieved !== want.achieved) out.push(`${what} ${g.name}: ${g.percent} ${g.objectives} ${g.achieved} vs ${JSON.stringify(want)}`);
    }
  }
  if (!close(r.entity.percent, o.entity)) out.push(`entity: ${r.entity.percent} vs ${o.entity}`);
  return out;
}

describe.each(SEEDS)('seed $name: the Relazione equals the oracle', (s) => {
  it.each(FORMATS)('from the sheet as %s', async (format) => {
    const { plan, expected } = await load(s);
    const path = join(RESULTS, `${s.name}-risultati.${format}`);
    const reading = await readResults(path, plan, s.year, config);
    expect(reading.ok).toBe(true);
    expect(reading.windows1252).toBe(format === '1252.csv');
    const r = computeRelazione(plan, s.year, reading, config, path);
    expect(disagreements(r, expected)).toEqual([]);
    // The notes read as written (accents, dashes, apostrophes), whatever the format.
    const { sheet } = await load(s);
    const notes = new Map(sheet.slice(1).map((row) => [row[0]!, row[10] || null]));
    for (const item of r.objectives.flatMap((o) => o.items)) if (!item.rejected) expect(item.note, item.item.code).toBe(notes.get(item.item.code));
    // Every value refused is a results-row-invalid finding on its row(s); every value left empty a results-missing.
    const refusedRows = [...expected.rows.values()].filter((x) => x.refused).flatMap((x) => (x.rows.length > 1 ? x.rows.slice(1) : x.rows)).sort((a, b) => a - b);
    expect(r.findings.filter((f) => f.rule === 'results-row-invalid').map((f) => f.source.line).sort((a, b) => a! - b!)).toEqual(refusedRows);
    expect(r.findings.filter((f) => f.rule === 'results-missing').map((f) => f.data.code).sort()).toEqual([...expected.rows.values()].filter((x) => !x.written).map((x) => x.code).sort());
    expect(r.rejected.map((x) => x.item.code).sort()).toEqual([...expected.rows.values()].filter((x) => x.refused).map((x) => x.code).sort());
    // The printed Relazione: each objective's, unit's, manager's and the entity's figure as the oracle has it.
    const md = (await renderRelazione(r, config, { format: 'md', outDir: null, date: new Date('2025-06-15T09:00:00Z') })) as string;
    expect(md).toContain(`Grado di raggiungimento complessivo dell'ente: **${printed(expected.entity)}**`);
    const lines = md.split('\n').map((l) => l.replace(/\\(.)/g, '$1')); // Markdown escapes removed
    const table = lines.slice(lines.indexOf('#### Risultati per obiettivo') + 4, lines.indexOf('#### Risultati per unità organizzativa') - 1);
    expect(table).toHaveLength(r.objectives.length);
    r.objectives.forEach((o, k) => {
      const code = o.objective.code ?? o.objective.id;
      const want = expected.objectives.get(o.objective.id)!;
      const cells = table[k]!.split(' | ');
      expect(cells[0], code).toBe(`| ${code} — ${o.objective.title}`);
      expect(cells[2], code).toBe(printed(want.percent));
      expect(cells[5], code).toBe(want.achieved === null ? 'non misurato' : want.achieved ? 'raggiunto' : 'non raggiunto');
    });
    for (const g of [...r.units, ...r.managers]) {
      const want = (r.units.includes(g) ? expected.units : expected.managers).get(oracleKey(g.name))!;
      expect(lines.some((l) => l.startsWith(`| ${g.name}`) && l.endsWith(` | ${want.objectives} | ${want.achieved} | ${printed(want.percent)} |`)), g.name).toBe(true);
    }
  });
});

describe('what the filled sheets cover, and figures checked by hand', () => {
  it('every kind of value and boundary occurs in the sheets', async () => {
    const all = (await Promise.all(SEEDS.map(load))).flatMap(({ expected }) => [...expected.rows.values()]);
    const dated = all.filter((x) => x.delay !== null && !x.refused);
    expect(dated.some((x) => x.delay! < 0)).toBe(true); // early
    expect(dated.some((x) => x.delay === 0)).toBe(true); // on the day
    expect(dated.some((x) => x.delay! > 0 && x.steps === 0)).toBe(true); // late without a ladder
    expect(dated.filter((x) => x.steps > 0 && x.delay! > 0).map((x) => x.percent)).toEqual(expect.arrayContaining([80, 70, 50, 40, 30, 0]));
    expect(all.filter((x) => !x.written).length).toBeGreaterThanOrEqual(4); // empty values
    expect(all.filter((x) => x.refused).length).toBeGreaterThanOrEqual(6); // refused values
  });

  it('seed 003: ladder steps at and past their boundaries, a number against ATTESO, a duplicate refused', async () => {
    const { expected } = await load(SEEDS[1]);
    const row = (code: string) => expected.rows.get(code)!;
    // SO02, ladder 0 = 100, 20 gg = 80, 40 gg = 50: 11/06 for 15/06 (early), 09/08 for 20/07 (20 days: 80), empty, 21/01/2025 for 31/12/2024 (21 days: 50).
    expect(['SO02/A2024.1', 'SO02/A2024.2', 'SO02/A2024.3', 'SO02/A2024.4'].map((c) => [row(c).delay, row(c).percent])).toEqual([[-4, 100], [20, 80], [null, 0], [21, 50]]);
    // SO02 = (25x100 + 20x80 + 40x0 + 15x50) / 100 = 48,5%.
    expect(expected.objectives.get('SO02')!.percent).toBeCloseTo(48.5, 10);
    // SO01/A2024.3: ATTESO "3" (hours), value 2: 2/3, not 2%.
    expect(row('SO01/A2024.3').percent).toBeCloseTo(200 / 3, 10);
    // SO06/A2024.2 written twice (rows 16 and 91): neither counts.
    expect(row('SO06/A2024.2')).toMatchObject({ rows: [16, 91], refused: 'ripetuto', percent: 0 });
    // «Dirigente Area 1» (SO06, SO07, SO08, SO10), «Dirigente dell'Area 1» (SO09, SO13), «Dirigente Area n. 1» (SO11, SO14): one manager.
    expect(expected.managers.get(oracleKey('Dirigente Area 1'))!.objectives).toBe(8);
    expect(oracleKey("Dirigente dell'Area n. 1")).toBe(oracleKey('dirigente area 1'));
    // SO06/A2024.5: 120% refused, not clamped to 100%.
    expect(row('SO06/A2024.5')).toMatchObject({ refused: 'fuori da 0-100%', percent: 0 });
  });

  it('seed 004: soglie met exactly at the boundary, and one missed', async () => {
    const { expected } = await load(SEEDS[2]);
    const o = (id: string) => expected.objectives.get(id)!;
    expect(['OB19', 'OB16', 'OB21', 'OB20', 'OB27'].map((id) => [o(id).percent, o(id).threshold, o(id).achieved])).toEqual([[80, 80, true], [70, 70, true], [90, 90, true], [90, 90, true], [90, 90, true]]);
    expect([o('OB10').percent, o('OB10').threshold, o('OB10').achieved]).toEqual([65, 70, false]);
    // OB01 "minore o uguale a 0", value 2: 0%.
    expect(o('OB01').percent).toBe(0);
  });
});
