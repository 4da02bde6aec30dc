/** Dates a user reads: the day and time in Italy (Europe/Rome), whatever the machine's time zone. */
import type { Lang } from './summary.js';

const TIME_ZONE = 'Europe/Rome';

/** `02/12/2026 08:15` (Italian) or `12/02/2026, 08:15` style in English, always in Rome time. */
export function formatDateTime(date: Date, lang: Lang = 'it'): string {
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(date).replace(',', '');
}
