/**
 * JUnit XML for CI systems and dashboards: one test suite per file, one
 * failing test case per error or warning, one passing case for a clean file.
 */
import type { PlanDocument } from '../../models/plan.js';
import { VERSION } from '../version.js';
import { inDocumentOrder, placeOf, type Lang } from './summary.js';

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 forbids (control characters from damaged files).
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

export function formatJunit(plans: readonly PlanDocument[], lang: Lang = 'it'): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const relevant = (p: PlanDocument) => p.findings.filter((f) => f.severity !== 'info');
  const failures = plans.reduce((n, p) => n + relevant(p).length, 0);
  const tests = plans.reduce((n, p) => n + Math.max(1, relevant(p).length), 0);
  out.push(`<testsuites name="piao ${VERSION}" tests="${tests}" failures="${failures}">`);
  for (const plan of plans) {
    const findings = inDocumentOrder(relevant(plan));
    out.push(`  <testsuite name="${xml(plan.source.path)}" tests="${Math.max(1, findings.length)}" failures="${findings.length}">`);
    if (findings.length === 0) out.push(`    <testcase classname="${xml(plan.source.path)}" name="${lang === 'it' ? 'nessun rilievo' : 'no findings'}"/>`);
    for (const f of findings) {
      const where = placeOf(f, lang);
      const message = lang === 'it' ? f.message : f.messageEn;
      out.push(`    <testcase classname="${xml(plan.source.path)}" name="${xml(`${f.rule} ${where}`.trim())}">`);
      out.push(`      <failure type="${f.severity}" message="${xml(message)}">${xml([message, f.raw ? `«${f.raw}»` : ''].filter(Boolean).join('\n'))}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
