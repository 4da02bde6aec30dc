/** What every check report shows of a set of results: per file, per objective, per rule. */
import type { Finding } from '../../models/finding.js';
import type { PlanDocument } from '../../models/plan.js';
import { underRead } from '../validate/rules/objectives-missed.js';

export type Lang = 'it' | 'en';

export const SEVERITY_LABEL: Record<Lang, Record<Finding['severity'], string>> = {
  it: { error: 'errore', warning: 'avviso', info: 'nota' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

export const FAMILY_LABEL: Record<PlanDocument['family'], string> = {
  'piao-2.2-table': 'PIAO sez. 2.2 (tabelle)',
  'schede-obiettivo': 'schede obiettivo',
  'performance-organizzativa': 'performance organizzativa',
  'legacy-piano': 'Piano della Performance (pre-PIAO)',
  generic: 'modello non noto (lettura generica)',
  unknown: 'non riconosciuto',
};

const FAMILY_LABEL_EN: Record<PlanDocument['family'], string> = {
  'piao-2.2-table': 'PIAO sec. 2.2 (tables)',
  'schede-obiettivo': 'objective sheets (schede obiettivo)',
  'performance-organizzativa': 'organizational performance',
  'legacy-piano': 'Piano della Performance (pre-PIAO)',
  generic: 'unknown layout (generic reading)',
  unknown: 'not recognized',
};

/** The document type in the user's language (an unknown id is shown as it is). */
export function familyLabel(family: string, lang: Lang = 'it'): string {
  return (lang === 'it' ? FAMILY_LABEL : FAMILY_LABEL_EN)[family as PlanDocument['family']] ?? family;
}

export function counts(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Where a finding is: `p. 3, riga 12` (`line` in English). */
export function placeOf(f: Finding, lang: Lang = 'it'): string {
  const parts: string[] = [];
  if (f.source.page !== null) parts.push(`p. ${f.source.page}`);
  if (f.source.line !== null) parts.push(`${lang === 'it' ? 'riga' : 'line'} ${f.source.line}`);
  return parts.join(', ');
}

/** Findings in document order (page, then line), so a reader can follow the file from the top. */
export function inDocumentOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.source.page ?? 0) - (b.source.page ?? 0) || (a.source.line ?? 0) - (b.source.line ?? 0));
}

/** Status of a file for an overview: fatal (not processed), errors, warnings, or clean. */
export function statusOf(plan: PlanDocument): 'fatal' | 'error' | 'warning' | 'ok' {
  if (plan.findings.some((f) => f.fatal)) return 'fatal';
  const c = counts(plan.findings);
  return c.error > 0 ? 'error' : c.warning > 0 ? 'warning' : 'ok';
}

/** Objectives the layout seems to hold (`coverage.estimated`), null when the file was not read. */
export function estimatedOf(plan: PlanDocument): number | null {
  return plan.coverage?.estimated ?? null;
}

/**
 * The status a person sees: a file without findings is `check` (da verificare), never
 * `ok`, when no objective was read from it or fewer than half of those its layout shows
 * (the test of `objectives-missed`, whose finding may have been turned off).
 */
export function shownStatus(status: ReturnType<typeof statusOf>, read: number, estimated: number | null): ReturnType<typeof statusOf> | 'check' {
  return status === 'ok' && (read === 0 || underRead(read, estimated)) ? 'check' : status;
}

/** True when the objectives read are fewer than the rule objectives-missed accepts. */
export { underRead };
