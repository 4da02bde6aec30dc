import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/run.js';
import type { PlanDocument } from '../../models/plan.js';
import { expectCurated, expectedFileOf } from '../expected.js';
import { seed } from '../helpers.js';

let plan: PlanDocument;
const card = (id: string) => plan.objectives.find((o) => o.id === id)!;

beforeAll(async () => {
  plan = await processFile(seed.legacy);
});

/**
 * Every indicator line of seed 000 with its reading, reviewed by hand against
 * the seed: values are glued in reverse year order (2014, 2013, 2012, 2011),
 * the 2011/2012 values of a block's last rows printed apart before their year
 * (e.g. line 417 `6366Numero sinistri…` with 72 / 69 in the loose columns:
 * 72, 69, 66, 63 - a falling series, which is what fixes the order).
 */
const READINGS: [number, string[]][] = [
    [391, ["2011:70","2012:50","2013:50","2014:50"]],
    [413, ["2011:-","2012:5","2013:5","2014:5"]],
    [415, ["2011:70","2012:365","2013:370","2014:370"]],
    [417, ["2011:72","2012:69","2013:66","2014:63"]],
    [419, ["2011:240","2012:237","2013:234","2014:230"]],
    [443, ["2011:-","2012:3","2013:n.d.","2014:n.d."]],
    [453, ["2011:-","2012:40","2013:40","2014:40"]],
    [494, ["2011:1.211","2012:1.000","2013:1.000","2014:1.000"]],
    [496, ["2011:50","2012:30","2013:30","2014:30"]],
    [532, ["2011:-","2012:11","2013:11","2014:11"]],
    [534, ["2011:400","2012:450","2013:450","2014:450"]],
    [536, ["2011:70,50","2012:79","2013:79","2014:79"]],
    [538, ["2011:21","2012:27","2013:27","2014:27"]],
    [548, ["2011:-","2012:11","2013:-","2014:-"]],
    [598, ["2011:-","2012:2","2013:6","2014:8"]],
    [600, ["2011:1","2012:-","2013:2","2014:-"]],
    [610, ["2011:-","2012:-","2013:1","2014:4"]],
    [799, ["2011:750","2012:750","2013:750","2014:750"]],
    [801, ["2011:124","2012:180","2013:180","2014:180"]],
    [803, ["2011:80","2012:80","2013:80","2014:80"]],
    [813, ["2011:254","2012:312","2013:312","2014:312"]],
    [874, ["2011:2","2012:4","2013:4","2014:4"]],
    [876, ["2011:20.000","2012:20.000","2013:20.000","2014:20.000"]],
    [878, ["2011:-","2012:150","2013:150","2014:150"]],
    [888, ["2011:1","2012:5","2013:7","2014:9"]],
    [896, ["2011:-","2012:50%","2013:50%","2014:50%"]],
    [898, ["2011:-","2012:1600","2013:1600","2014:1600"]],
    [908, ["2011:65","2012:71","2013:71","2014:71"]],
    [951, ["2011:-","2012:2","2013:2","2014:2"]],
    [963, ["2011:-","2012:2","2013:3","2014:4"]],
    [1102, ["null:Euro 386.650"]], // merged cell: no year
    [1104, ["2011:11.966.000","2012:10.000.000","2013:10.000.000","2014:10.000.000"]],
    [1106, ["2011:-","2012:4.741.000","2013:n.d.","2014:n.d."]],
    [1111, ["2011:500","2012:500","2013:500","2014:500"]],
    [1113, ["2011:303","2012:400","2013:400","2014:400"]],
    [1117, ["2011:-","2012:40","2013:n.d.","2014:n.d."]],
    [1127, ["2011:35.000","2012:70.000","2013:45.000","2014:45.000"]],
    [1132, ["2011:-","2012:50%","2013:50%","2014:-"]],
    [1142, ["2011:235%","2012:150%","2013:150%","2014:150%"]],
];

describe('legacy-piano on seed 000', () => {
  it('matches the curated expected file (programmes, cards, glued indicator values, fasi, findings)', () => {
    expectCurated(plan, expectedFileOf(seed.legacy));
  });

  it('reads entity, period and the context data', () => {
    expect(plan.family).toBe('legacy-piano');
    expect(plan.entity).toBe('Comune di Prato');
    expect(plan.period).toEqual({ from: 2012, to: 2014 });
    const fact = (label: string) => plan.context.find((c) => c.label === label);
    expect(fact('Popolazione residente')).toMatchObject({ value: 188579, raw: '188.579', source: { line: 48 } });
    expect(fact('Superficie territoriale')).toMatchObject({ value: 97.45, raw: 'Kmq 97,45' });
    expect(fact('Dipendenti Comunali')?.value).toBe(1028);
    expect(fact('Sindaco')).toMatchObject({ value: null, raw: 'Roberto Cenni' });
  });

  it('finds the 5 programmes and the 14 project cards (page text: "5 programmi strategici, declinati … in 14 progetti")', () => {
    expect(plan.objectives.filter((o) => o.level === 'programma').map((o) => o.title)).toEqual([
      'PRATO CITTA’ SICURA', 'PRATO CITTA’ IN RIPRESA', 'VALORIZZIAMO IL TERRITORIO',
      'SEMPLIFICHIAMO E MIGLIORIAMO LA VITA DEI PRATESI', 'ADEGUARE AL PA ALLE ESIGENZE ESTERNE ED INTERNE',
    ]);
    const cards = plan.objectives.filter((o) => o.level === 'progetto');
    expect(cards).toHaveLength(14);
    expect(cards.map((o) => o.source.line)).toEqual([423, 459, 500, 555, 614, 656, 706, 742, 816, 912, 967, 1018, 1051, 1146]);
    expect(card('PR07').title).toBe('Nuovo assetto urbanistico del territorio');
  });

  it('links each card to its programme by text similarity, each link flagged for review', () => {
    // By reading the seed: 13 of 14 as the linee programmatiche describe them; PR13 (risorse e spese) belongs to P5.
    expect(plan.objectives.filter((o) => o.level === 'progetto').map((o) => o.parentId)).toEqual([
      'P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P3', 'P4', 'P4', 'P4', 'P4', 'P5', 'P4', 'P5',
    ]);
    expect(plan.findings.filter((f) => f.messageId === 'parent')).toHaveLength(14);
  });

  it('reads assessori, Attività/Servizi and fasi of a card', () => {
    expect(card('PR02').assessori).toEqual(['Anna Beltrame', 'Annalisa Nocentini', 'Roberto Caverni']);
    expect(card('PR02').involvedUnits[0]).toBe('Museo del Tessuto');
    expect(card('PR02').actions.map((a) => a.text)).toEqual([
      'Elaborazione di un modello sperimentale sul turismo sostenibile e competitivo a Prato',
      'Realizzazione Fiera del Vintage',
      'Realizzazione Mostra Workshop sulla tecnologia',
    ]);
    expect(card('PR09').assessori).toHaveLength(6);
    expect(card('PR07').actions[1]!.text).toBe('Varianti urbanistiche per il completamento area Omnia - S.Giusto');
    // Recupero Legalità has no fasi: the next page's indicator block must not become fasi.
    expect(card('PR01').actions).toEqual([]);
  });

  it('splits every glued indicator line into baseline 2011 and targets 2012-2014 as reviewed', () => {
    const actual = plan.objectives.flatMap((o) =>
      o.indicators.map((i) => [i.source.line, [i.baseline ? `${i.baseline.year}:${i.baseline.raw}` : null, ...i.targets.map((t) => `${t.year}:${t.raw}`)].filter((v) => v !== null)]),
    );
    expect(actual).toEqual(READINGS);
    // Indicators per card: Legalità 5, Tessile 2, Abitative 2, Centro 5, Verde 3, Tempo libero 4, Servizi 4, Semplificazione 3, Partecipazione 2, Risorse 7, Efficienza 2.
    expect(plan.objectives.filter((o) => o.level === 'progetto').map((o) => o.indicators.length)).toEqual([5, 2, 2, 5, 3, 0, 0, 4, 4, 3, 2, 0, 7, 2]);
  });

  it('keeps one merged value without a year and says so (line 1102, Euro 386.650)', () => {
    const plustex = card('PR13').indicators[0]!;
    expect(plustex.ambiguous).toBe(true);
    expect(plustex.targets).toEqual([expect.objectContaining({ year: null, raw: 'Euro 386.650', value: 386650 })]);
    expect(plan.findings.filter((f) => f.rule === 'value-ambiguous' && f.messageId === 'year').map((f) => f.source.line)).toEqual([1102]);
  });
});

describe('a project card with its tables (as a word processor prints it)', () => {
  // One page: the card heading, a label/value table, the indicator table, the assessori, the fasi table.
  const page = [
    'Piano delle Performance 2013-2015',
    'Gli obiettivi di performance – Biblioteche aperte',
    ['Obiettivi', 'Ampliare gli orari di apertura delle biblioteche comunali.'],
    ['Attività/Servizi', 'Biblioteca Lazzerini'],
    ['Indicatore', '2012', '2013', '2014', '2015'],
    ['Ore settimanali di apertura', '70,50', '79', '79', '80'],
    ['Prestiti annui', '-', '120.000', 'n.d.', '125.000'],
    'Assessore: Anna Rossi, Paolo Bianchi',
    ['Fasi di realizzazione', '2013', '2014', '2015'],
    ['Nuovo orario serale', 'X', '', ''],
    ['Apertura domenicale', '', 'X', ''],
  ];
  let card: PlanDocument;

  beforeAll(async () => {
    const lines = page.map((row, k) => {
      const cells = typeof row === 'string' ? [row] : row;
      return `${cells.join('\t')}${k < page.length - 1 ? '\n' : ''}`;
    });
    // The label/value rows, the indicator rows and the fasi rows are three tab tables: a blank line between them.
    const text = [lines.slice(0, 2).join(''), lines.slice(2, 4).join(''), lines.slice(4, 7).join(''), lines[7], lines.slice(8).join('')].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'legacy-'));
    const file = join(dir, 'piano.txt');
    writeFileSync(file, `${text}\n`);
    card = await processFile(file);
  });

  it('reads the card from its tables: description, services, indicators by year, fasi from the first column', () => {
    const o = card.objectives.find((x) => x.level === 'progetto')!;
    expect(o.title).toBe('Biblioteche aperte');
    expect(o.description).toBe('Ampliare gli orari di apertura delle biblioteche comunali.');
    expect(o.involvedUnits).toEqual(['Biblioteca Lazzerini']);
    expect(o.assessori).toEqual(['Anna Rossi', 'Paolo Bianchi']);
    // The plan is 2013-2015: 2012 is the baseline.
    const hours = o.indicators[0]!;
    expect([hours.name, hours.baseline?.year, hours.baseline?.raw, hours.targets.map((t) => `${t.year}:${t.raw}`)]).toEqual(['Ore settimanali di apertura', 2012, '70,50', ['2013:79', '2014:79', '2015:80']]);
    expect(o.indicators[1]!.baseline).toMatchObject({ year: 2012, raw: '-', value: null });
    expect(o.indicators[1]!.targets.map((t) => [t.year, t.raw, t.value])).toEqual([[2013, '120.000', 120000], [2014, 'n.d.', null], [2015, '125.000', 125000]]);
    expect(o.actions.map((a) => a.text)).toEqual(['Nuovo orario serale', 'Apertura domenicale']);
  });
});
