/** Formatters: pure functions from results to text. */
import type { PlanDocument } from '../../models/plan.js';
import type { BatchRow } from '../batch.js';
import { counts, FAMILY_LABEL, inDocumentOrder, placeOf, SEVERITY_LABEL, type Lang } from '../report/summary.js';

export { counts, type Lang };

/** Readable findings, one block per file, then a summary per rule. */
export function formatFindingsText(plans: readonly PlanDocument[], lang: Lang = 'it'): string {
  const out: string[] = [];
  const byRule = new Map<string, number>();
  const totals = { error: 0, warning: 0, info: 0 };
  for (const plan of plans) {
    const c = counts(plan.findings);
    totals.error += c.error;
    totals.warning += c.warning;
    totals.info += c.info;
    const objectives = lang === 'it' ? `${plan.objectives.length} obiettivi` : `${plan.objectives.length} objectives`;
    out.push(`${plan.source.path} — ${FAMILY_LABEL[plan.family]}, ${objectives}`);
    for (const f of inDocumentOrder(plan.findings)) {
      byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
      const where = placeOf(f);
      const obj = f.objectiveId ? ` [${f.objectiveId}]` : '';
      out.push(`  ${where.padEnd(14)} ${SEVERITY_LABEL[lang][f.severity].padEnd(7)} ${lang === 'it' ? f.message : f.messageEn}${obj}  (${f.rule})`);
    }
    out.push('');
  }
  if (byRule.size > 0) {
    out.push(lang === 'it' ? 'Per regola:' : 'By rule:');
    for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) out.push(`  ${String(n).padStart(5)}  ${rule}`);
  }
  const files = lang === 'it' ? `${plans.length} file` : `${plans.length} file(s)`;
  out.push(
    lang === 'it'
      ? `${files}: ${totals.error} errori, ${totals.warning} avvisi, ${totals.info} note.`
      : `${files}: ${totals.error} errors, ${totals.warning} warnings, ${totals.info} notes.`,
  );
  return out.join('\n') + '\n';
}

/** Exit code: 2 when no file could be processed at all, 1 when any error-level finding, else 0. */
export function exitCodeOf(plans: readonly PlanDocument[]): 0 | 1 | 2 {
  if (plans.length > 0 && plans.every((p) => p.findings.some((f) => f.fatal))) return 2;
  return plans.some((p) => p.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

const BATCH_STATUS: Record<BatchRow['status'], string> = { ok: 'corretto', warning: 'avvisi', error: 'ERRORI', fatal: 'NON ELABORATO' };

/** One line per file of a batch, then the reason for each file that could not be processed. */
export function formatBatchTable(rows: readonly BatchRow[]): string {
  const width = Math.min(60, Math.max(4, ...rows.map((r) => r.file.length)));
  const lines = rows.map((r) => {
    const name = r.file.length > width ? `…${r.file.slice(-(width - 1))}` : r.file.padEnd(width);
    const family = (FAMILY_LABEL[r.family as PlanDocument['family']] ?? r.family).padEnd(36);
    return `${name}  ${BATCH_STATUS[r.status].padEnd(13)} ${family} ${String(r.objectives).padStart(4)} obiettivi  ${String(r.errors).padStart(3)} errori  ${String(r.warnings).padStart(3)} avvisi${r.reused ? '  (invariato)' : ''}`;
  });
  const failures = rows.filter((r) => r.failure).map((r) => `  ${r.file}: passo «${r.failure!.stage}»: ${r.failure!.message}`);
  return lines.join('\n') + '\n' + (failures.length ? `\nFile non elaborati o elaborati in parte:\n${failures.join('\n')}\n` : '');
}
