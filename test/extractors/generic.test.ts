/**
 * The generic extractor (issue 18) on documents of layouts no family extractor
 * knows: the twelve office-made plans of fixtures/layouts (each as its PDF and
 * as LibreOffice's text export) and the two real AgID chapters of
 * fixtures/real, compared with their hand-written expected files; the seeds
 * keep their families, and prose yields nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../../pipeline/run.js';
import { genericExtractor } from '../../extractors/generic/index.js';
import { vocabulary } from '../../extractors/generic/vocabulary.js';
import { expectCurated } from '../expected.js';
import { ROOT, seed } from '../helpers.js';

const LAYOUTS = join(ROOT, 'fixtures', 'layouts');
const REAL = join(ROOT, 'fixtures', 'real');

/** Every layout case, in both formats the issue asks for. */
const cases = readdirSync(LAYOUTS)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace('.expected.json', ''))
  .sort();

/**
 * Case/format pairs whose reading still differs from the expected file, with
 * what differs: listed, not skipped, so that the day one is read right the
 * test says so (`it.fails` fails when the case passes).
 */
const KNOWN_GAPS: Record<string, string> = {};

describe('generic extractor on office-made layouts', () => {
  for (const name of cases) {
    for (const ext of ['pdf', 'txt'] as const) {
      const file = join(LAYOUTS, `${name}.${ext}`);
      const gap = KNOWN_GAPS[`${name}.${ext}`];
      const test = gap ? it.fails : it;
      test(`${name}.${ext} gives what its expected file says${gap ? ` (known gap: ${gap})` : ''}`, async () => {
        const plan = await processFile(file);
        expectCurated(plan, join(LAYOUTS, `${name}.expected.json`));
        if (name.startsWith('12-')) {
          expect(plan.family).toBe('unknown');
          expect(plan.findings.map((f) => f.rule)).toContain('family-unknown');
        } else {
          expect(plan.family).toBe('generic');
          expect(plan.findings.find((f) => f.rule === 'family-unknown')?.messageId).toBe('generic');
          expect(plan.objectives.every((o) => o.confidence !== undefined && o.confidence >= 0.5)).toBe(true);
        }
      });
    }
  }
});

describe('generic extractor on the real AgID chapters', () => {
  const chapters = existsSync(REAL) ? readdirSync(REAL).filter((f) => f.endsWith('.rst')) : [];
  it('has the two chapters', () => expect(chapters).toHaveLength(2));
  for (const file of chapters) {
    it(`${file}: objectives, expected results with yearly targets, dated actions with owners`, async () => {
      const plan = await processFile(join(REAL, file));
      expectCurated(plan, join(REAL, file.replace(/\.rst$/, '.expected.json')));
    });
  }
});

describe('what the generic extractor leaves alone', () => {
  it('seed 001 (prose about projects) still yields no objective', async () => {
    const plan = await processFile(seed.prose);
    expect(plan.family).toBe('unknown');
    expect(plan.objectives).toHaveLength(0);
  });

  it('the seeds of the four families keep their family (the generic reader is never asked)', async () => {
    for (const [file, family] of [
      [seed.piao22, 'piao-2.2-table'],
      [seed.schede, 'schede-obiettivo'],
      [seed.organizzativa, 'performance-organizzativa'],
      [seed.legacy, 'legacy-piano'],
    ] as const) {
      expect((await processFile(file, { skipValidation: true })).family).toBe(family);
    }
  });

  it('an empty layout gives nothing', () => {
    const result = genericExtractor.extract({ pages: [], tables: [] } as never, { file: 'x' });
    expect(result.objectives).toEqual([]);
  });
});

describe('vocabulary of roles', () => {
  const v = vocabulary();
  // Header -> role as a person reads it; the longest phrase wins, broken words and OCR slips still match.
  const table: [string, string | null, string | null][] = [
    ['Descrizione obiettivo', 'title', null],
    ['Peso obiettivo', 'weight', null],
    ['Peso indicatori', 'indicatorWeight', null],
    ['Valore atteso annuale', 'target', null],
    ['Grado di raggiungiment o', 'achievement', null],
    ['% di raggiun-gimento al 31.12', 'achievement', null],
    ['Obiettivo operativo (codice DUP)', 'code', 'operativo'],
    ["Descrizione dell'obiettivo operativo", 'title', 'operativo'],
    ['Struttura responsabile', 'unit', null],
    ['Responsabile', 'manager', null],
    ['Tempi di realizzazione', 'deadline', null],
    ['Azioni / fasi', 'action', null],
    ['OBBIETTIVO STRATEGICO', 'title', 'strategico'],
    ['Situazione di partenza', 'baseline', null],
    ['Unità di misura', 'measureUnit', null],
    ['Consuntivo', 'actual', null],
    ['Punteggio', 'score', null],
    ['Note', 'notes', null],
    ['Comune di Prato', null, null],
  ];
  for (const [header, role, level] of table)
    it(`«${header}» -> ${role ?? 'no role'}${level ? ` (${level})` : ''}`, () => {
      const m = v.meaning(header);
      expect(m.role).toBe(role);
      expect(m.level).toBe(level);
    });

  it('reads the year of a header', () => {
    expect(v.meaning('Target 2026')).toMatchObject({ role: 'target', year: 2026 });
    expect(v.meaning('Baseline 2024')).toMatchObject({ role: 'baseline', year: 2024 });
  });
});
