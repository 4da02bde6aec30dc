import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../pipeline/cli/index.js';
import { PlanDocument } from '../../models/plan.js';
import { ROOT, seed } from '../helpers.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('piao extract', () => {
  it('prints the PlanDocument JSON of one file, valid against the schema', async () => {
    const { code, stdout } = await run('extract', seed.piao22);
    expect(code).toBe(0);
    const plan = PlanDocument.parse(JSON.parse(stdout));
    expect(plan.family).toBe('piao-2.2-table');
    expect(plan.objectives.length).toBeGreaterThan(100);
  });

  it('seed 001: family unknown, exit 0', async () => {
    const { code, stdout } = await run('extract', seed.prose);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ family: 'unknown', objectives: [] });
  });

  it('--out writes one JSON per file, progress on stderr, and goes on past a bad file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'piao-out-'));
    const empty = join(out, 'vuoto.txt');
    writeFileSync(empty, '');
    const { code, stderr } = await run('extract', seed.piao22, empty, seed.prose, '--out', join(out, 'json'));
    expect(code).toBe(1); // one file failed, the others were done
    expect(readdirSync(join(out, 'json')).sort()).toEqual(['001_5d50e1c2c5be2f70.json', '002_7ec37e340e3bd953.json', 'vuoto.json']);
    expect(stderr).toContain('[2/3]');
    expect(stderr).toContain(`Il file «${empty}» è vuoto`);
    const bad = JSON.parse(readFileSync(join(out, 'json', 'vuoto.json'), 'utf8'));
    expect(bad.findings[0]).toMatchObject({ rule: 'file-empty', fatal: true });
  });

  it('exit 2 with a clear message when nothing could be done', async () => {
    const missing = join(tmpdir(), 'piao-does-not-exist.txt');
    const r = await run('extract', missing);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Il file «${missing}» non esiste.`);
  });

  it('English messages with --lang en', async () => {
    const r = await run('extract', join(tmpdir(), 'piao-does-not-exist.txt'), '--lang', 'en');
    expect(r.stderr).toContain('does not exist');
  });
});

describe('piao check', () => {
  it('prints findings with line numbers and a summary per rule', async () => {
    const { code, stdout } = await run('check', seed.piao22);
    expect(code).toBe(0);
    expect(stdout).toContain('riga 34');
    expect(stdout).toContain('row-unaligned');
    expect(stdout).toMatch(/1 file: 0 errori, \d+ avvisi, \d+ note\./);
  });

  it('--format json lists findings per file', async () => {
    const { stdout } = await run('check', seed.prose, '--format', 'json');
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({ family: 'unknown', objectives: 0, findings: [expect.objectContaining({ rule: 'family-unknown' })] }),
    ]);
  });

  it('rejects an unknown format and a bad config with exit 2', async () => {
    expect((await run('check', seed.prose, '--format', 'xml')).code).toBe(2);
    const cfg = join(mkdtempSync(join(tmpdir(), 'piao-cfg-')), 'piao.config.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'target-missing': 'loud' } }));
    const r = await run('check', seed.prose, '--config', cfg);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rules.target-missing');
  });

  it('config can turn a check off or raise it to error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-cfg-'));
    writeFileSync(join(dir, 'off.json'), JSON.stringify({ rules: { 'family-unknown': 'off' } }));
    writeFileSync(join(dir, 'err.json'), JSON.stringify({ rules: { 'family-unknown': 'error' } }));
    expect(JSON.parse((await run('check', seed.prose, '-f', 'json', '--config', join(dir, 'off.json'))).stdout)[0].findings).toEqual([]);
    const raised = await run('check', seed.prose, '--config', join(dir, 'err.json'));
    expect(raised.code).toBe(1);
  });

  it('--help works for every command', async () => {
    for (const cmd of ['extract', 'check', 'schema', 'rules', 'demo']) {
      const r = await run(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: piao ${cmd}`);
    }
  });
});

describe('the bin', () => {
  it('runs as a process and sets its exit code', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'piao.ts'), 'extract', seed.prose], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).family).toBe('unknown');
  });
});

describe('piao demo', () => {
  it('processes the bundled seeds as text and PDF (not their expected outputs), reports the damaged PDF, and says where the results are', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'piao-demo-')), 'demo');
    const r = await run('demo', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '000-legacy-piano.chromium-landscape.json', '000_47863afee0935d57.json', '001_5d50e1c2c5be2f70.json',
      '002-piao-2.2.chromium-landscape-bordered.json', '002-piao-2.2.pdflib-portrait-borderless.json', '002_7ec37e340e3bd953.json',
      '003-schede-obiettivo.pdflib-landscape-bordered.json', '003_c478a5ea033ad6cc.json',
      '004-performance-organizzativa.pdflib-portrait.json', '004_c815e41a38a1a3ff.json',
      'controllo.html', 'controllo.txt', 'troncato.json',
    ]);
    expect(r.stdout).toContain(`Risultati in ${out}`);
    expect(r.stdout).toContain('11 file:');
    expect(r.stdout).toMatch(/troncato\.pdf» è danneggiato o troncato/);
  }, 60_000);
});
