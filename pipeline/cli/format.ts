/** Formatters: pure functions from results to text. */
import type { PlanDocument } from '../../models/plan.js';
import type { BatchRow } from '../batch.js';
import { counts, familyLabel, inDocumentOrder, placeOf, SEVERITY_LABEL, shownStatus, underRead, type Lang } from '../report/summary.js';
import { count } from './texts.js';

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
    const objectives = count.objectives(plan.objectives.length, lang);
    out.push(`${plan.source.path} — ${familyLabel(plan.family, lang)}, ${objectives}`);
    for (const f of inDocumentOrder(plan.findings)) {
      byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
      const where = placeOf(f, lang);
      const obj = f.objectiveId ? ` [${f.objectiveId}]` : '';
      out.push(`  ${where.padEnd(14)} ${SEVERITY_LABEL[lang][f.severity].padEnd(7)} ${lang === 'it' ? f.message : f.messageEn}${obj}  (${f.rule})`);
    }
    out.push('');
  }
  if (byRule.size > 0) {
    out.push(lang === 'it' ? 'Per regola:' : 'By rule:');
    for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) out.push(`  ${String(n).padStart(5)}  ${rule}`);
  }
  out.push(`${count.files(plans.length, lang)}: ${count.errors(totals.error, lang)}, ${count.warnings(totals.warning, lang)}, ${count.notes(totals.info, lang)}.`);
  return out.join('\n') + '\n';
}

/** Exit code: 2 when no file could be processed at all, 1 when any error-level finding, else 0. */
export function exitCodeOf(plans: readonly PlanDocument[]): 0 | 1 | 2 {
  if (plans.length > 0 && plans.every((p) => p.findings.some((f) => f.fatal))) return 2;
  return plans.some((p) => p.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

const BATCH_STATUS: Record<Lang, Record<BatchRow['status'] | 'check', string>> = {
  it: { ok: 'corretto', warning: 'avvisi', error: 'ERRORI', fatal: 'NON ELABORATO', check: 'da verificare' },
  en: { ok: 'clean', warning: 'warnings', error: 'ERRORS', fatal: 'NOT PROCESSED', check: 'to check' },
};

/** `(su circa 12)` after the objectives read when they are fewer than half of those the layout shows. */
function estimateNote(r: BatchRow, lang: Lang): string {
  if (r.estimated == null || !underRead(r.objectives, r.estimated)) return '';
  return lang === 'it' ? ` (su circa ${r.estimated})` : ` (of about ${r.estimated})`;
}

const cut = (text: string, width: number) => (text.length > width ? `…${text.slice(-(width - 1))}` : text.padEnd(width));

/**
 * One line per file of a batch, then the reason for each file that could not be processed.
 * The lines fit `columns` (the terminal's width): the document type is shortened, then the
 * file name (keeping its end), then the document type is left out.
 */
export function formatBatchTable(rows: readonly BatchRow[], lang: Lang = 'it', columns = process.stdout.columns ?? 120): string {
  const status = BATCH_STATUS[lang];
  const statusWidth = Math.max(...Object.values(status).map((s) => s.length));
  const familyOf = (r: BatchRow) => familyLabel(r.family, lang);
  const tail = (r: BatchRow) =>
    lang === 'it'
      ? `${String(r.objectives).padStart(4)} obiettivi${estimateNote(r, lang)}  ${String(r.errors).padStart(3)} errori  ${String(r.warnings).padStart(3)} avvisi${r.reused ? '  (invariato)' : ''}`
      : `${String(r.objectives).padStart(4)} objectives${estimateNote(r, lang)}  ${String(r.errors).padStart(3)} errors  ${String(r.warnings).padStart(3)} warnings${r.reused ? '  (unchanged)' : ''}`;
  const tailWidth = Math.max(0, ...rows.map((r) => tail(r).length));
  const nameWanted = Math.max(4, ...rows.map((r) => r.file.length));
  const fixed = 2 + statusWidth + 1 + tailWidth; // separators, status, counts
  const familyWanted = Math.max(4, ...rows.map((r) => familyOf(r).length));
  // The file name comes first: the document type shrinks (down to 16), then the name (down to 24), then the type is left out.
  const avail = columns - fixed;
  let nameWidth = nameWanted;
  let familyWidth = familyWanted;
  let showFamily = true;
  if (nameWanted + 1 + familyWanted > avail) {
    if (nameWanted + 1 + 16 <= avail) familyWidth = avail - nameWanted - 1;
    else if (24 + 1 + 16 <= avail) [familyWidth, nameWidth] = [16, avail - 17];
    else [showFamily, nameWidth] = [false, Math.max(8, Math.min(nameWanted, avail))];
  }
  const lines = rows.map((r) => {
    const f = familyOf(r);
    const family = showFamily ? `${(f.length > familyWidth ? `${f.slice(0, familyWidth - 1)}…` : f).padEnd(familyWidth)} ` : '';
    // A clean file with nothing read, or read in part, is never «corretto».
    return `${cut(r.file, nameWidth)}  ${status[shownStatus(r.status, r.objectives, r.estimated ?? null)].padEnd(statusWidth)} ${family}${tail(r)}`.trimEnd();
  });
  const failures = rows.filter((r) => r.failure).map((r) => `  ${r.file}: ${lang === 'it' ? 'passo' : 'step'} «${r.failure!.stage}»: ${r.failure!.message}`);
  const heading = lang === 'it' ? 'File non elaborati o elaborati in parte:' : 'Files not processed or processed in part:';
  return lines.join('\n') + '\n' + (failures.length ? `\n${heading}\n${failures.join('\n')}\n` : '');
}
