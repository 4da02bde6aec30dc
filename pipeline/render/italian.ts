/**
 * Italian writing conventions for every rendered document: numbers as
 * `1.234,56` (thousands always grouped, which Intl's Italian locale does not
 * do for four-digit numbers), dates as `dd/mm/yyyy`, percentages as `85,5%`.
 */

const numberFormats = new Map<number, Intl.NumberFormat>();

/** `1234.5` -> `1.234,5`; at most `decimals` decimals (default 2), none when the number is whole. */
export function formatNumber(value: number, decimals = 2): string {
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('it-IT', { useGrouping: 'always', maximumFractionDigits: decimals } as Intl.NumberFormatOptions);
    numberFormats.set(decimals, format);
  }
  return format.format(value);
}

/** Amounts in euro: always two decimals, `€ 4.137,93`. */
export function formatEuro(value: number): string {
  return `€ ${new Intl.NumberFormat('it-IT', { useGrouping: 'always', minimumFractionDigits: 2, maximumFractionDigits: 2 } as Intl.NumberFormatOptions).format(value)}`;
}

/** `85.456` -> `85,5%`. */
export function formatPercent(value: number, decimals = 1): string {
  return `${formatNumber(value, decimals)}%`;
}

/** ISO `2024-12-31` -> `31/12/2024`; anything else is returned as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Today (or `date`) as `dd/mm/yyyy`. */
export function formatToday(date = new Date()): string {
  return formatDate(date.toISOString().slice(0, 10));
}
