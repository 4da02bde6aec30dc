/** The curated expected-file comparator on small hand-made models: what agrees passes, every kind of mismatch is reported with its path. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { newAction, newIndicator, newObjective } from '../extractors/shared/model.js';
import type { Finding, Objective, PlanDocument } from '../models/plan.js';
import { curatedMismatches, expectCurated, readCurated, textMatches, type CuratedExpected } from './expected.js';
import { expectMatchesFile, lineDiff } from './helpers.js';

const at = { page: 1, line: 1 };
const target = (year: number | null, raw: string) => ({ year, value: null, raw, comparator: null, unit: null, scale: null });

function objective(id: string, over: Partial<Objective>): Objective {
  return { ...newObjective(id, 'gestionale', 'Obiettivo', at), ...over };
}

function finding(rule: string, messageId: string, objectiveId?: string): Finding {
  return {
    rule, messageId, data: {}, severity: 'warning', fatal: false, stage: 'validate', message: '', messageEn: '', path: [],
    source: { file: 'piano.txt', page: 1, line: 1 }, ...(objectiveId ? { objectiveId } : {}),
  } as Finding;
}

/** Four objectives: a strategic one, its child with an indicator and two actions, one code used by two units, one sheet without a code. */
function model(): PlanDocument {
  const child = objective('1.1', {
    code: '1.1', title: 'Digitalizzazione  dei servizi\n demografici', level: 'operativo', parentId: '1', unit: 'Settore Servizi Demografici', weight: 20, years: [2024, 2025],
    indicators: [{
      ...newIndicator('1.1/I1', 'Pratiche evase entro trenta giorni', at),
      baseline: { year: 2023, value: 80, raw: '80%' }, targets: [target(2024, '100%'), target(2025, '>= 90%')], deadline: '2024-12-31', weight: 50,
    }],
    actions: [
      { ...newAction('1.1/A1', 'Avvio del servizio online', at), weight: 25, deadline: '2024-09-30', staff: [
        { who: 'Mario Rossi', share: 50, role: 'partecipante', raw: null, source: null },
        { who: 'Anna Bianchi', share: 50, role: 'partecipante', raw: null, source: null },
      ] },
      { ...newAction('1.1/A2', 'Formazione', at), weight: 75, deadline: null },
    ],
  });
  return {
    schemaVersion: 1, tool: { name: 'piao', version: '0' }, family: 'piao-2.2-table', entity: 'Comune di Esempio', period: { from: 2024, to: 2026 },
    source: { path: 'piano.txt', sha256: null, format: 'text', pages: 1, ocrPages: [], bytes: 0 }, scoring: null, context: [],
    objectives: [
      objective('1', { code: '1', level: 'strategico', title: 'Innovazione' }),
      child,
      objective('T@U1', { code: 'T', unit: 'Segreteria' }),
      objective('T@U2', { code: 'T', unit: 'Ragioneria' }),
      objective('SO01', { title: 'Scheda senza codice', indicators: [
        { ...newIndicator('SO01/I1', 'Valore', at), targets: [target(null, 'Euro 386.650')] },
        { ...newIndicator('SO01/I2', 'Valore', at), targets: [target(2024, '2')] },
      ] }),
    ],
    findings: [finding('weights-sum', 'sum', '1.1'), finding('weights-sum', 'sum', 'T@U2'), finding('period-mismatch', 'sheet')],
  };
}

const valid: CuratedExpected = {
  $comment: 'hand-made',
  family: 'piao-2.2-table',
  entity: 'Comune di Esempio',
  period: { from: 2024, to: 2026 },
  objectives: {
    count: 5,
    items: [
      { code: '1.1', title: 'Digitalizzazione dei servizi demografici', level: 'operativo', unit: 'Settore Servizi Demografici', weight: 20, parent: '1', years: [2024, 2025] },
      { code: '1.1', title: 'Digitalizzazione…', $comment: 'a prefix is enough' },
      { code: 'T@U2', unit: 'Ragioneria' },
      { code: 'SO01', title: 'Scheda senza codice', parent: null },
    ],
  },
  indicators: {
    count: 3,
    items: [
      { objective: '1.1', name: 'Pratiche evase entro trenta giorni', targets: { 2024: '100%', 2025: '>= 90%' }, baseline: '80%', deadline: '2024-12-31', weight: 50 },
      { objective: '1.1', name: 'Pratiche evase…', baseline: '80%' },
      { objective: 'SO01', name: 'Valore', targets: { null: 'Euro 386.650' }, baseline: null },
      { objective: 'SO01', name: 'Valore', targets: { 2024: '2' }, $comment: 'the second of two indicators with the same name' },
    ],
  },
  actions: {
    count: 2,
    items: [
      { objective: '1.1', text: 'Avvio del servizio online', deadline: '2024-09-30', weight: 25, staff: [{ who: 'Mario Rossi', share: 50 }, { who: 'Anna Bianchi', share: 50 }] },
      { objective: '1.1', text: 'Formazione', weight: 75, deadline: null },
    ],
  },
  findings: [{ rule: 'weights-sum', objective: '1.1' }, { rule: 'weights-sum', objective: 'T@U2', messageId: 'sum' }, { rule: 'period-mismatch' }],
};

/** `valid` with one change applied. */
function changed(edit: (e: CuratedExpected) => void): CuratedExpected {
  const copy = structuredClone(valid);
  edit(copy);
  return copy;
}

describe('curated expectations', () => {
  it('a model that agrees gives no mismatch', () => {
    expect(curatedMismatches(model(), valid)).toEqual([]);
  });

  it('with findingsExact, every finding listed is enough', () => {
    expect(curatedMismatches(model(), { ...valid, findingsExact: true })).toEqual([]);
  });

  it.each<[string, (e: CuratedExpected) => void, string[]]>([
    ['objective count', (e) => { e.objectives.count = 4; }, ['objectives.count: expected 4 got 5']],
    ['indicator count', (e) => { e.indicators!.count = 4; }, ['indicators.count: expected 4 got 3']],
    ['action count', (e) => { e.actions!.count = 3; }, ['actions.count: expected 3 got 2']],
    ['family', (e) => { e.family = 'schede-obiettivo'; }, ['family: expected "schede-obiettivo" got "piao-2.2-table"']],
    ['period', (e) => { e.period = { from: 2024, to: 2025 }; }, ['period.to: expected 2025 got 2026']],
    ['missing objective', (e) => { e.objectives.items!.push({ code: '9.9' }); }, ['objectives[code=9.9]: no objective with this code or id']],
    ['code shared by two units', (e) => { e.objectives.items!.push({ code: 'T' }); }, ['objectives[code=T]: 2 objectives have code "T" (T@U1, T@U2): name one by its id']],
    ['objective field', (e) => { e.objectives.items![0]!.unit = 'Settore Tributi'; }, ['objectives[code=1.1].unit: expected "Settore Tributi" got "Settore Servizi Demografici"']],
    ['years', (e) => { e.objectives.items![0]!.years = [2024, 2025, 2026]; }, ['objectives[code=1.1].years: expected 3 elements got 2 ([2024,2025])']],
    ['parent', (e) => { e.objectives.items![2]!.parent = '1'; }, ['objectives[code=T@U2].parent: expected "1" got null']],
    ['prefix that does not match', (e) => { e.objectives.items![1]!.title = 'Digitale…'; }, ['objectives[code=1.1].title: expected "Digitale…" got "Digitalizzazione  dei servizi\\n demografici"']],
    ['text without … is not a prefix', (e) => { e.objectives.items![1]!.title = 'Digitalizzazione'; }, ['objectives[code=1.1].title: expected "Digitalizzazione" got "Digitalizzazione  dei servizi\\n demografici"']],
    ['misspelt field', (e) => { e.objectives.items![3]!.manger = 'Rossi'; }, ['objectives[code=SO01].manger: the model has no field "manger"']],
    ['missing indicator', (e) => { e.indicators!.items!.push({ objective: '1.1', name: 'Pratiche respinte' }); }, ['indicators[objective=1.1,name=Pratiche respinte]: missing (the objective has 1: ["Pratiche evase entro trenta giorni"])']],
    ['target of a year', (e) => { (e.indicators!.items![0]!.targets as Record<string, string>)['2025'] = '>= 95%'; }, ['indicators[objective=1.1,name=Pratiche evase entro trenta giorni].targets.2025: expected ">= 95%" got ">= 90%"']],
    ['target not listed', (e) => { delete (e.indicators!.items![0]!.targets as Record<string, string>)['2025']; }, ['indicators[objective=1.1,name=Pratiche evase entro trenta giorni].targets.2025: expected no target got ">= 90%"']],
    ['target the model lacks', (e) => { (e.indicators!.items![0]!.targets as Record<string, string>)['2026'] = '100%'; }, ['indicators[objective=1.1,name=Pratiche evase entro trenta giorni].targets.2026: expected "100%" got no target for 2026']],
    ['baseline', (e) => { e.indicators!.items![1]!.baseline = '70%'; }, ['indicators[objective=1.1,name=Pratiche evase…].baseline: expected "70%" got "80%"']],
    ['no baseline expected', (e) => { e.indicators!.items![1]!.baseline = null; }, ['indicators[objective=1.1,name=Pratiche evase…].baseline: expected null got {"year":2023,"value":80,"raw":"80%"}']],
    ['same name, neither candidate agrees', (e) => { e.indicators!.items![3]!.targets = { 2024: '3' }; }, ['indicators[objective=SO01,name=Valore] (first of 2 with this text).targets.2024: expected "3" got no target for 2024', 'indicators[objective=SO01,name=Valore] (first of 2 with this text).targets.null: expected no target got "Euro 386.650"']],
    ['action weight', (e) => { e.actions!.items![1]!.weight = 70; }, ['actions[objective=1.1,text=Formazione].weight: expected 70 got 75']],
    ['action deadline', (e) => { e.actions!.items![0]!.deadline = '2024-09-31'; }, ['actions[objective=1.1,text=Avvio del servizio online].deadline: expected "2024-09-31" got "2024-09-30"']],
    ['staff share', (e) => { (e.actions!.items![0]!.staff as { share: number }[])[1]!.share = 40; }, ['actions[objective=1.1,text=Avvio del servizio online].staff[1].share: expected 40 got 50']],
    ['staff count', (e) => { e.actions!.items![0]!.staff = [{ who: 'Mario Rossi' }]; }, ['actions[objective=1.1,text=Avvio del servizio online].staff: expected 1 elements got 2 (["{…}","{…}"])']],
    ['action of an unknown objective', (e) => { e.actions!.items!.push({ objective: '7', text: 'Altro' }); }, ['actions[objective=7,text=Altro]: no objective with this code or id']],
    ['missing finding', (e) => { e.findings!.push({ rule: 'date-invalid', objective: '1.1' }); }, ['findings[rule=date-invalid,objective=1.1]: missing (the model has 0 date-invalid: [])']],
    ['finding on another objective', (e) => { e.findings![0] = { rule: 'weights-sum', objective: 'T@U1' }; }, ['findings[rule=weights-sum,objective=T@U1]: missing (the model has 2 weights-sum: ["sum@1.1","sum@T@U2"])']],
    ['finding with another message', (e) => { e.findings![1]!.messageId = 'missing'; }, ['findings[rule=weights-sum,objective=T@U2,messageId=missing]: missing (the model has 2 weights-sum: ["sum@1.1","sum@T@U2"])']],
    ['extra finding with findingsExact', (e) => { e.findings!.pop(); e.findingsExact = true; }, ['findings: unexpected period-mismatch/sheet on the document (line 1)']],
  ])('%s', (_name, edit, expected) => {
    expect(curatedMismatches(model(), changed(edit))).toEqual(expected);
  });

  it('reports every mismatch, not only the first', () => {
    const many = changed((e) => {
      e.objectives.count = 1;
      e.objectives.items![0]!.weight = 30;
      e.actions!.items![1]!.weight = 70;
    });
    expect(curatedMismatches(model(), many)).toHaveLength(3);
  });

  it('compares text after collapsing whitespace, and a trailing … as a prefix', () => {
    expect(textMatches(' Avvio  del\nservizio ', 'Avvio del servizio')).toBe(true);
    expect(textMatches('Avvio…', 'Avvio del servizio')).toBe(true);
    expect(textMatches('Avvio', 'Avvio del servizio')).toBe(false);
    expect(textMatches('Avvio del servizio online…', 'Avvio del servizio')).toBe(false);
  });
});

describe('curated expected files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-expected-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file fails the test and says it is written by hand', () => {
    expect(() => expectCurated(model(), join(dir, 'assente.expected.json'))).toThrow(/assente\.expected\.json is missing: write it by hand/);
  });

  it('a malformed file is refused with what is wrong', () => {
    const file = join(dir, 'storto.expected.json');
    writeFileSync(file, JSON.stringify({ objectives: { count: 'cinque' }, extra: 1 }));
    expect(() => readCurated(file)).toThrow(/storto\.expected\.json is malformed/);
  });

  it('a file that agrees passes, one that does not fails naming the path', () => {
    const good = join(dir, 'buono.expected.json');
    writeFileSync(good, JSON.stringify(valid));
    expectCurated(model(), good);
    const bad = join(dir, 'cattivo.expected.json');
    writeFileSync(bad, JSON.stringify(changed((e) => { e.objectives.items![0]!.unit = 'Settore Tributi'; })));
    expect(() => expectCurated(model(), bad)).toThrow(/objectives\[code=1\.1\]\.unit/);
  });
});

describe('whole-model expected files never write themselves', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-update-'));
  const saved = process.env.UPDATE_EXPECTED;
  afterEach(() => {
    if (saved === undefined) delete process.env.UPDATE_EXPECTED;
    else process.env.UPDATE_EXPECTED = saved;
    vi.restoreAllMocks();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file fails and is not created', () => {
    delete process.env.UPDATE_EXPECTED;
    const file = join(dir, 'nuovo.expected.json');
    expect(() => expectMatchesFile({ a: 1 }, file)).toThrow(/nuovo\.expected\.json is missing; it is only written by UPDATE_EXPECTED=1/);
    expect(existsSync(file)).toBe(false);
  });

  it('a file that differs fails and is left as it was', () => {
    delete process.env.UPDATE_EXPECTED;
    const file = join(dir, 'vecchio.expected.json');
    writeFileSync(file, '{ "a": 1 }\n');
    expect(() => expectMatchesFile({ a: 2 }, file)).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('{ "a": 1 }\n');
  });

  it('UPDATE_EXPECTED=1 writes the file and prints the diff', () => {
    process.env.UPDATE_EXPECTED = '1';
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const file = join(dir, 'aggiornato.expected.json');
    writeFileSync(file, JSON.stringify({ a: 1, b: 2, c: 3 }, null, 2) + '\n');
    expectMatchesFile({ a: 1, b: 5, c: 3 }, file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1, b: 5, c: 3 });
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toContain('-   "b": 2,\n+   "b": 5,');
  });

  it('lineDiff: changed, added and removed lines with context, long unchanged runs shortened', () => {
    expect(lineDiff('a\nb\nc\nd', 'a\nb\nX\nd')).toBe('@@ line 1 @@\n  a\n  b\n- c\n+ X\n  d');
    expect(lineDiff('a\nb', 'a\nb\nc')).toBe('@@ line 1 @@\n  a\n  b\n+ c');
    expect(lineDiff('same', 'same')).toBe('');
    const before = ['x', ...Array.from({ length: 20 }, (_, i) => `l${i}`), 'y'].join('\n');
    const after = ['X', ...Array.from({ length: 20 }, (_, i) => `l${i}`), 'Y'].join('\n');
    expect(lineDiff(before, after)).toBe(['@@ line 1 @@', '- x', '+ X', '  l0', '  l1', '  … 16 unchanged lines', '  l18', '  l19', '- y', '+ Y'].join('\n'));
  });
});
