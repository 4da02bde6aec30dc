/**
 * SARIF 2.1.0, the static-analysis exchange format read by code hosts and
 * quality dashboards: one run, the rules with their docs page, one result per
 * finding located by file and line.
 */
import type { PlanDocument } from '../../models/plan.js';
import type { Check } from '../messages.js';
import { VERSION } from '../version.js';
import type { Lang } from './summary.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(plans: readonly PlanDocument[], checks: readonly Check[], lang: Lang = 'it'): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'piao',
            version: VERSION,
            rules: checks.map((c) => ({
              id: c.id,
              shortDescription: { text: c.description[lang] },
              helpUri: `docs/rules/${c.id}.md`,
              defaultConfiguration: { level: LEVEL[c.severity] },
            })),
          },
        },
        results: plans.flatMap((plan) =>
          plan.findings.map((f) => ({
            ruleId: f.rule,
            level: LEVEL[f.severity],
            message: { text: lang === 'it' ? f.message : f.messageEn },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: plan.source.path },
                  ...(f.source.line !== null ? { region: { startLine: f.source.line, ...(f.raw ? { snippet: { text: f.raw } } : {}) } } : {}),
                },
              },
            ],
            properties: {
              page: f.source.page,
              ...(f.objectiveId ? { objectiveId: f.objectiveId } : {}),
              ...(f.path.length ? { modelPath: f.path.join('.') } : {}),
              ...(f.actual !== undefined ? { actual: f.actual } : {}),
              ...(f.expected !== undefined ? { expected: f.expected } : {}),
            },
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
