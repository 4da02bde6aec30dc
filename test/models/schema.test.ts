import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDocumentJsonSchema } from '../../models/json-schema.js';
import { VERSION } from '../../pipeline/version.js';
import { ROOT } from '../helpers.js';

describe('published model', () => {
  it('models/plan-document.schema.json is up to date (run `npm run schema`)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'models', 'plan-document.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(planDocumentJsonSchema())));
  });

  it('the tool version is the package version', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});
