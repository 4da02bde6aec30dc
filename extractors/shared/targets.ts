/**
 * Targets as printed: `5 (100%)` (0-5 activity scale), `100 %`, `>= ore 24`,
 * `-1`, `ore 30`, `n.2 azioni`, `n.d.`.
 */
import type { Comparator, Target } from '../../models/plan.js';
import { findItalianNumber } from './numbers.js';

const COMPARATORS: [RegExp, Comparator][] = [
  [/^(<=|≤|=<|non superiore a|non oltre|minore o uguale a|minore di|inferiore a|massimo|max\b\.?)\s*/i, '<='],
  [/^(>=|≥|=>|non inferiore a|maggiore o uguale a|maggiore di|superiore a|almeno|minimo|min\b\.?)\s*/i, '>='],
  [/^(=)\s*/, '='],
];

export function parseTarget(raw: string, year: number | null): Target {
  const printed = raw.replace(/\s+/g, ' ').trim();
  const target: Target = { year, value: null, raw: printed, comparator: null, unit: null, scale: null };
  // `n.d.`, `n.a.`, `-`, `/` and empty cells hold no number: no value, no comparator.
  let rest = printed;
  for (const [re, comparator] of COMPARATORS) {
    const m = re.exec(rest);
    if (m) {
      target.comparator = comparator;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  const scale = /^([0-5])\s*\(\s*(\d{1,3})\s*%\s*\)$/.exec(rest);
  if (scale) {
    target.value = Number(scale[1]);
    target.scale = '0-5';
    return target;
  }
  const stripped = rest.replace(/^n\.?\s*(?=\d)/i, '');
  const num = findItalianNumber(stripped);
  if (!num) return target;
  target.value = num.value;
  // A percentage in brackets after a count (`n.32 vie su 45 (70%)`) restates the count: it is
  // not the count's unit.
  const after = stripped.slice(num.index + num.text.length).replace(/\([^()]*%[^()]*\)/g, ' ');
  const unitText = (stripped.slice(0, num.index) + ' ' + after)
    .replace(/[()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  target.unit = unitText.includes('%') ? '%' : unitText === '' ? null : unitText.toLowerCase();
  return target;
}
