/** Every command example of the README runs as written (the runner: test/cli/examples.ts). */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEEDS } from '../helpers.js';
import { runExamples, shExamples } from './examples.js';

describe('the examples run as written', () => {
  it('the parser finds the piao lines of sh blocks only', () => {
    const md = '```sh\nnpm ci\nnpx piao check piano.pdf   # commento\nnpm run piao -- rules\n```\n```bat\npiao check C:\\x\n```\n';
    expect(shExamples(md)).toEqual([{ line: 3, args: ['check', 'piano.pdf'] }, { line: 4, args: ['rules'] }]);
    expect(existsSync(SEEDS)).toBe(true);
  });

  it('README.md', async () => {
    const result = await runExamples('README.md');
    expect(result.examples).toBeGreaterThan(10);
    expect(result.ran).toBeGreaterThan(8);
    expect(result.asProcess).toBe(1);
  }, 240_000);
});
