import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { classifyLayout } from '../../pipeline/classify.js';
import { layoutFromText } from '../../pipeline/ingest/text.js';
import { familySignatures } from '../../extractors/families.js';
import { seed } from '../helpers.js';

describe('family detection on the five seeds', () => {
  it.each([
    [seed.legacy, 'legacy-piano'],
    [seed.prose, 'unknown'],
    [seed.piao22, 'piao-2.2-table'],
    [seed.schede, 'schede-obiettivo'],
    [seed.organizzativa, 'performance-organizzativa'],
  ])('%s is %s', (file, family) => {
    expect(classifyLayout(layoutFromText(readFileSync(file, 'utf8')), familySignatures).family).toBe(family);
  });

  it('still recognizes schede whose labels are OCR-damaged', () => {
    const text = [
      'OBBIETTIVO GESTIONALE 2024 – 2026 COMUNE INDIVIDUALE',
      'Collaborante al bilancio\tMissione : 01',
      'Dip. - Sezione strategica\tFocus cittadino',
      'Trauardo atteso (target)\tEstensione',
      'PIANO OPERATIVO 1° ANNUALITA\'',
      'N.\tPESO\tAZIONE\tTEMPI (M/F)\tINDICATORI\tATTESO\tGRADUAZIONE',
      'RSORSE UMANE',
    ].join('\n');
    expect(classifyLayout(layoutFromText(text), familySignatures).family).toBe('schede-obiettivo');
  });
});
