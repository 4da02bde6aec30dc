import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FATAL_CHECK_IDS, PiaoConfig, nearestId, parseConfig } from '../../models/config.js';
import { makeFinding } from '../../pipeline/context.js';
import { fileUnreadable, pipelineChecks, stageCrash } from '../../pipeline/checks.js';
import { resultsChecks } from '../../pipeline/results/checks.js';
import { rules } from '../../pipeline/validate/rules/index.js';
import { ROOT, seed } from '../helpers.js';

const knownIds = [...pipelineChecks, ...rules, ...resultsChecks].map((c) => c.id);
const issuesOf = (raw: unknown, lang: 'it' | 'en' = 'it') => {
  const r = parseConfig(raw, { lang, knownIds });
  return r.success ? [] : r.issues.map((i) => [i.path.join('.'), i.message] as const);
};

describe('parseConfig: unknown rule ids', () => {
  it.each([
    ['target-mising', 'target-missing'],
    ['weight-sum', 'weights-sum'],
    ['Target-Missing', 'target-missing'],
  ])('«%s» is an error naming «%s»', (id, near) => {
    expect(issuesOf({ rules: { [id]: 'off' } })).toContainEqual([`rules.${id}`, expect.stringContaining(`forse «${near}»?`)]);
  });

  it('in English with lang en', () => {
    expect(issuesOf({ rules: { 'target-mising': 'warn' } }, 'en')).toEqual([['rules.target-mising', expect.stringContaining('did you mean "target-missing"?')]]);
  });

  it.each([['target-missing'], ['family-unknown'], ['results-missing'], ['objectives-missed']])('a known id (%s) is accepted', (id) => {
    expect(parseConfig({ rules: { [id]: 'off' } }, { knownIds }).success).toBe(true);
  });

  it('without the list of known ids only the shape is checked', () => {
    expect(parseConfig({ rules: { 'no-such-rule': 'off' } }).success).toBe(true);
  });

  it('nearest id: the smallest edit distance, none in an empty list', () => {
    expect(nearestId('date-ordr', ['date-invalid', 'date-order'])).toBe('date-order');
    expect(nearestId('x', [])).toBeNull();
  });
});

describe('parseConfig: fatal checks cannot be turned off or lowered', () => {
  it('every fatal id is a check piao has', () => {
    for (const id of FATAL_CHECK_IDS) expect(knownIds).toContain(id);
  });

  it('every check the pipeline reports with fatal: true is in the list', () => {
    const files = readdirSync(join(ROOT, 'pipeline'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const reported = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'pipeline', f), 'utf8');
      for (const m of text.matchAll(/report\w*\([^;]*?,\s*(\w+),\s*\{[^;]*?fatal: true/g)) reported.add(m[1]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    }
    expect(reported.size).toBeGreaterThanOrEqual(5);
    for (const id of reported) expect(FATAL_CHECK_IDS, id).toContain(id);
  });

  it.each([
    ['file-unreadable', 'off'],
    ['stage-crash', 'warn'],
    ['limit-exceeded', 'info'],
    ['pdf-unreadable', 'off'],
  ])('%s set to %s is refused', (id, setting) => {
    expect(issuesOf({ rules: { [id]: setting } })).toEqual([[`rules.${id}`, expect.stringContaining('non si può impostare a')]]);
  });

  it('set to error (what it is anyway) is accepted', () => {
    expect(parseConfig({ rules: { 'file-unreadable': 'error', 'stage-crash': 'error' } }, { knownIds }).success).toBe(true);
  });

  it('a non-fatal check can still be turned off', () => {
    expect(parseConfig({ rules: { 'family-unknown': 'off', 'ocr-used': 'off' } }, { knownIds }).success).toBe(true);
  });

  it('a config parsed without the check (library use) still cannot hide a fatal finding', () => {
    const config = PiaoConfig.parse({ rules: { 'file-unreadable': 'off', 'stage-crash': 'info' } });
    const missing = makeFinding('x.pdf', fileUnreadable, { messageId: 'missing', data: { file: 'x.pdf' }, fatal: true }, config);
    expect(missing).toMatchObject({ rule: 'file-unreadable', severity: 'error', fatal: true });
    // A rule that crashes in the validate stage is not fatal for the file, but stays an error.
    const crash = makeFinding('x.pdf', stageCrash, { messageId: 'crash', data: { stage: 'validate/x', file: 'x.pdf', reason: 'boom' } }, config);
    expect(crash).toMatchObject({ rule: 'stage-crash', severity: 'error' });
  });
});

describe('parseConfig: messages in Italian (zod locale), English on request', () => {
  it.each([
    [{ tolerance: 'a' }, 'tolerance', 'atteso numero'],
    [{ rules: { 'target-missing': 'loud' } }, 'rules.target-missing', 'Opzione non valida'],
    [{ ocr: { dpi: 99 } }, 'ocr.dpi', 'Troppo piccolo'],
    [{ colore: 'rosso' }, '', 'Chiave non riconosciuta: "colore"'],
  ])('%j: %s', (raw, path, words) => {
    expect(issuesOf(raw)).toEqual([[path, expect.stringContaining(words)]]);
  });

  it('the boundary values of a range: 100 dpi accepted, 99 refused', () => {
    expect(parseConfig({ ocr: { dpi: 100 } }).success).toBe(true);
    expect(parseConfig({ ocr: { dpi: 99 } }).success).toBe(false);
  });

  it('English', () => {
    expect(issuesOf({ tolerance: 'a' }, 'en')).toEqual([['tolerance', expect.stringContaining('expected number')]]);
  });

  it('odd input does not throw: null, an array, rules as a list', () => {
    expect(parseConfig(null).success).toBe(false);
    expect(parseConfig([]).success).toBe(false);
    expect(parseConfig({ rules: ['off'] }, { knownIds }).success).toBe(false);
  });
});

describe('piao check --config with a bad configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'piao-config-errors-'));
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'piao.js'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });

  it('exits 2 with the Italian messages: the nearest id, the fatal check, the zod issue', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'target-mising': 'off', 'file-unreadable': 'off' }, tolerance: 'mezzo' }));
    const r = cli('check', seed.prose, '--config', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('rules.target-mising');
    expect(r.stderr).toContain('forse «target-missing»?');
    expect(r.stderr).toContain('rules.file-unreadable');
    expect(r.stderr).toContain('non si può impostare a "off"');
    expect(r.stderr).toContain('atteso numero');
    expect(r.stdout).toBe('');
  });
});
