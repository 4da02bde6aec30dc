/**
 * Every command example of the user guide (docs/guida.md) runs as written, in a folder of its own;
 * the lines it repeats from the README are run by test/cli/readme-examples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runExamples } from './examples.js';

describe('the examples of the guide run as written', () => {
  it('docs/guida.md', async () => {
    const result = await runExamples('docs/guida.md', ['README.md']);
    expect(result.examples).toBeGreaterThan(10);
    expect(result.ran).toBeGreaterThan(8);
    expect(result.asProcess).toBe(1);
  }, 240_000);
});
