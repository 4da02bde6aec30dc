/**
 * Document-level facts most families print near the top: the administration and the plan's years.
 *
 * Both readers go over the lines once, token by token or with expressions
 * without nested quantifiers: linear in the length of the document.
 */
import type { LayoutDocument } from '../../models/layout.js';
import type { Period } from '../../models/plan.js';

function headLines(layout: LayoutDocument, maxLines: number): { text: string; table: boolean }[] {
  const lines: { text: string; table: boolean }[] = [];
  for (const page of layout.pages) {
    for (const line of page.lines) {
      if (lines.length >= maxLines) return lines;
      lines.push({ text: line.text, table: line.table !== undefined });
    }
  }
  return lines;
}

/** The value that occurs most often, with its count (the first one on a tie). */
export function mostFrequent(values: string[]): { name: string; count: number } | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: { name: string; count: number } | null = null;
  for (const [name, count] of counts) if (!best || count > best.count) best = { name, count };
  return best;
}

// ---------------------------------------------------------------------------
// The administration

/**
 * A word (letters and digits, an elision `dell'`, hyphenated parts), a gap
 * between cells (a tab, two spaces or more: a name does not run on into the
 * next cell or column) or one other visible character.
 */
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]*)?(?:-[\p{L}\p{N}]+)*|\s{2,}|\t|[^\s\p{L}\p{N}]/gu;

interface Token {
  text: string;
  /** Lower case, without accents, `’` as `'`, no trailing apostrophe (`Città`, `CITTA'` → `citta`). */
  key: string;
  word: boolean;
}

function keyOf(text: string): string {
  if (/^[a-z0-9-]*$/i.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/’/g, "'")
    .replace(/'$/, '')
    .toLowerCase();
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  for (const m of line.trim().matchAll(TOKEN_RE)) {
    const text = m[0];
    tokens.push({ text, key: keyOf(text), word: /[\p{L}\p{N}]/u.test(text[0]!) });
  }
  return tokens;
}

/** Small words inside a name: `San Vito al Cornio`, `Terre del Serchio Alto`. */
const CONNECTORS = new Set(['di', 'del', 'della', 'dello', 'dei', 'degli', 'delle', 'e', 'ed', 'per', 'la', 'il', 'lo', 'le', 'i', 'gli', 'al', 'allo', 'alla', 'ai', 'agli', 'alle', 'sul', 'sullo', 'sulla', 'sui', 'sugli', 'sulle', 'in', 'nel', 'nella', 'dal', 'dalla', 'da', 'a', 'con', 'sopra', 'sotto']);
/** Elided small words: `dell'Interno`, `l'Edilizia`, `d'Aosta`. */
const ELIDED = new Set(['dell', 'dall', 'nell', 'sull', 'all', 'coll', 'l', 'd']);
/** Words linking a kind to its name where one is required (`Comune di …`). */
const LINKS = new Set(['di', 'del', 'della', 'dello', 'dei', 'degli', 'delle']);
/** Acronyms kept in capitals when a name printed in capitals is rewritten. */
const ACRONYMS = new Set(['ASL', 'ASST', 'ATS', 'AUSL', 'USL', 'ULSS', 'ASP', 'AO', 'AOU', 'AORN', 'IRCCS', 'ATER', 'ALER', 'ACER', 'ARPA', 'INPS', 'INAIL', 'ISTAT', 'AGID', 'ANAC', 'CNR', 'ENEA', 'ISPRA', 'UOC', 'UOS', 'PNRR', 'SPA', 'SRL']);
/** Words that end a name when they follow one of its words (`COMUNE DI PRATO PIANO DELLA PERFORMANCE`); after a small word they belong to it (`Montesecco del Piano`). */
const NAME_ENDS = new Set(['piano', 'piao', 'peg', 'pdo', 'dup', 'programma', 'relazione', 'documento', 'sezione', 'sottosezione', 'allegato', 'obiettivi', 'obiettivo', 'performance', 'settore', 'area', 'servizio', 'servizi', 'direzione', 'dipartimento', 'giunta', 'consiglio', 'deliberazione', 'delibera', 'anno', 'prospetto', 'schede', 'scheda', 'agenda', 'triennio', 'bilancio', 'processo', 'budget', 'uoc', 'ufficio', 'segreteria', 'provincia', 'regione', 'comune']);
/** Names that are no administration of the kind (`Unione Europea`). */
const NOT_NAMES = new Set(['europea', 'europeo', 'italiana', 'stessa', 'stesso']);

/**
 * A kind of administration: the phrases that name it (lower case, without
 * accents, `,` a token of its own), how its name follows, and the canonical
 * kind two spellings share (`ASL` and `Azienda sanitaria locale`).
 */
interface Kind {
  phrases: string[];
  /** The name must start with `di`, `del`, `della`… (`Comune di Prato`, not `Comune capofila`). */
  link?: boolean;
  /** The name may hold lower-case words where it fills a heading (`Ministero della salute`). */
  lowerName?: boolean;
  /** Same administration as another spelling: the canonical phrase; the acronym spelling yields to the spelled-out one. */
  canon?: string;
  acronym?: boolean;
}

const KINDS: Kind[] = [
  { phrases: ['comune'], link: true },
  { phrases: ['citta metropolitana'], link: true },
  { phrases: ['citta'], link: true },
  { phrases: ['provincia', 'provincia autonoma'], link: true },
  { phrases: ['regione', 'regione autonoma'] },
  { phrases: ['unione dei comuni', 'unione di comuni', 'unione comuni', 'unione montana dei comuni', 'unione montana di comuni', 'unione montana', 'unione dei comuni montani', 'unione'] },
  { phrases: ['comunita montana', 'comunita isolana'] },
  { phrases: ['asl'], canon: 'azienda sanitaria locale', acronym: true },
  { phrases: ['azienda sanitaria locale'] },
  { phrases: ['azienda sanitaria provinciale'], canon: 'asp' },
  { phrases: ['asp'], acronym: true },
  { phrases: ['azienda sanitaria', 'azienda sanitaria regionale', 'azienda sanitaria universitaria', 'azienda sanitaria universitaria integrata'] },
  { phrases: ['ausl'], canon: 'azienda unita sanitaria locale', acronym: true },
  { phrases: ['azienda unita sanitaria locale', 'azienda usl'], canon: 'azienda unita sanitaria locale' },
  { phrases: ['usl', 'ulss'], acronym: true },
  { phrases: ['azienda ulss'] },
  { phrases: ['asst'], canon: 'azienda socio-sanitaria territoriale', acronym: true },
  { phrases: ['azienda socio-sanitaria territoriale', 'azienda socio sanitaria territoriale', 'azienda sociosanitaria territoriale'], canon: 'azienda socio-sanitaria territoriale' },
  { phrases: ['ats'], canon: 'agenzia di tutela della salute', acronym: true },
  { phrases: ['agenzia di tutela della salute'] },
  { phrases: ['ao'], canon: 'azienda ospedaliera', acronym: true },
  { phrases: ['azienda ospedaliera'] },
  { phrases: ['aou', 'aorn'], acronym: true, canon: 'azienda ospedaliero-universitaria' },
  { phrases: ['azienda ospedaliera universitaria', 'azienda ospedaliero-universitaria', 'azienda ospedaliero universitaria'], canon: 'azienda ospedaliero-universitaria' },
  { phrases: ['irccs'], acronym: true },
  { phrases: ['ater'], canon: "azienda territoriale per l'edilizia residenziale", acronym: true },
  { phrases: ["azienda territoriale per l'edilizia residenziale", "azienda territoriale per l'edilizia residenziale pubblica"], canon: "azienda territoriale per l'edilizia residenziale" },
  { phrases: ['aler', 'acer'], acronym: true },
  { phrases: ["azienda lombarda per l'edilizia residenziale"] },
  { phrases: ['arpa'], acronym: true },
  { phrases: ['universita', 'universita degli studi', 'universita statale', 'universita politecnica', 'universita per stranieri'] },
  { phrases: ['politecnico'], link: true },
  { phrases: ['ministero'], lowerName: true },
  { phrases: ['agenzia'], lowerName: true },
  {
    phrases: [
      'camera di commercio',
      'camera di commercio , industria , artigianato e agricoltura',
      'camera di commercio industria artigianato e agricoltura',
      'camera di commercio , industria , artigianato , agricoltura',
      'camera di commercio industria artigianato agricoltura',
    ],
    link: true,
  },
  { phrases: ['ente parco', 'ente parco nazionale', 'ente parco regionale', 'ente parco naturale', 'ente parco interregionale'], canon: 'parco' },
  { phrases: ['parco nazionale', 'parco regionale', 'parco naturale', 'parco interregionale', 'parco naturale regionale'], canon: 'parco' },
  { phrases: ['ente di gestione'], lowerName: true },
  { phrases: ['consorzio'], lowerName: true },
  { phrases: ['istituto'], lowerName: true },
];

/** National bodies known by an acronym alone (`INPS`); read only where no other administration is named. */
const NATIONAL = new Set(['INPS', 'INAIL', 'ISTAT', 'AGID', 'ANAC', 'CNR', 'ENEA', 'ISPRA', 'INAPP', 'ENIT', 'ARAN', 'INAF', 'INFN', 'INGV', 'INDIRE', 'INVALSI', 'AIFA', 'ENAC', 'ACI']);

interface CompiledPhrase {
  kind: Kind;
  keys: string[];
}
const PHRASES_BY_FIRST = new Map<string, CompiledPhrase[]>();
for (const kind of KINDS) {
  for (const phrase of kind.phrases) {
    const keys = phrase.split(' ');
    const list = PHRASES_BY_FIRST.get(keys[0]!) ?? [];
    list.push({ kind, keys });
    PHRASES_BY_FIRST.set(keys[0]!, list);
  }
}
for (const list of PHRASES_BY_FIRST.values()) list.sort((a, b) => b.keys.length - a.keys.length);

const hasLower = (s: string) => /\p{Ll}/u.test(s);
const startsUpper = (s: string) => /^[\p{Lu}\p{N}]/u.test(s);
const isCaps = (s: string) => /\p{Lu}/u.test(s) && !hasLower(s);

/** An acronym token as printed: `ASL`, and for kinds `Asl`, `Ausl` too; never `asl`. */
function acronymMatches(token: Token): boolean {
  return isCaps(token.text) || /^\p{Lu}\p{Ll}+$/u.test(token.text);
}

type Role = 'small' | 'word' | 'lower' | 'stop';

function roleOf(token: Token, caps: boolean): Role {
  if (!token.word) return 'stop';
  if (CONNECTORS.has(token.key)) return 'small';
  const apostrophe = token.key.indexOf("'");
  if (apostrophe > 0 && ELIDED.has(token.key.slice(0, apostrophe))) {
    const rest = token.text.slice(apostrophe + 1);
    if (rest === '') return 'small';
    return caps || startsUpper(rest) ? 'word' : 'lower';
  }
  if (/^\d{4,}$/.test(token.text)) return 'stop';
  if (caps) return isCaps(token.text) || /^\d/.test(token.text) ? 'word' : 'stop';
  return startsUpper(token.text) ? 'word' : 'lower';
}

interface NameRun {
  tokens: Token[];
  /** The run reached the end of its text (no punctuation or other word stopped it). */
  toEnd: boolean;
}

/**
 * The name after a kind: words and small words, in capitals when the kind
 * was printed in capitals, ending on a word; `lower` lets lower-case words
 * in (a heading's `Ministero della salute`).
 */
function readName(tokens: Token[], from: number, caps: boolean, lower: boolean, max = 14): NameRun {
  const out: Token[] = [];
  let i = from;
  let previous: Role | null = null;
  for (; i < tokens.length && out.length < max; i++) {
    const token = tokens[i]!;
    let role = roleOf(token, caps);
    if (role === 'lower' && lower) role = 'word';
    if (role === 'stop' || role === 'lower') break;
    if (role === 'word' && previous === 'word' && NAME_ENDS.has(token.key)) break;
    if (role === 'word' && previous === null && NAME_ENDS.has(token.key)) break;
    // `Comune di Prato e Comune di Lucca`: two administrations.
    if (role === 'word' && previous === 'small' && PHRASES_BY_FIRST.has(token.key) && (out[out.length - 1]!.key === 'e' || out[out.length - 1]!.key === 'ed')) break;
    out.push(token);
    previous = role;
  }
  return { tokens: out, toEnd: i >= tokens.length };
}

function trimSmall(tokens: Token[], caps: boolean): Token[] {
  let end = tokens.length;
  while (end > 0 && roleOf(tokens[end - 1]!, caps) === 'small') end--;
  return tokens.slice(0, end);
}

function titleCase(word: string): string {
  return word.replace(/[\p{L}\p{N}]+/gu, (part) => part[0]!.toUpperCase() + part.slice(1).toLowerCase());
}

/** A token as running text prints it, for a name printed in capitals. */
function readable(token: Token, first: boolean): string {
  if (!token.word) return token.text;
  // Acronyms, codes (`TO3`) and Roman numerals (`XXIII`, not the articles `IL`, `I`) stay in capitals.
  const roman = /^[IVXL]{1,5}$/.test(token.text) && !CONNECTORS.has(token.key);
  if (ACRONYMS.has(token.text) || /\d/.test(token.text) || roman) return token.text;
  if (!first && CONNECTORS.has(token.key)) return token.text.toLowerCase();
  const apostrophe = token.key.indexOf("'");
  if (!first && apostrophe > 0 && ELIDED.has(token.key.slice(0, apostrophe))) {
    return token.text.slice(0, apostrophe + 1).toLowerCase() + titleCase(token.text.slice(apostrophe + 1));
  }
  return titleCase(token.text);
}

/** A kind as printed, its first letter in capitals (`comune` → `Comune`); in capitals, as running text prints it. */
function render(tokens: Token[], caps: boolean): string {
  let out = '';
  tokens.forEach((token, i) => {
    const text = caps ? readable(token, i === 0) : i === 0 ? token.text[0]!.toUpperCase() + token.text.slice(1) : token.text;
    out += i === 0 || text === ',' ? text : ` ${text}`;
  });
  return out;
}

interface EntityMention {
  /** Groups spellings of one administration: canonical kind and name. */
  key: string;
  text: string;
  /** 0: a spelled-out kind, 1: an acronym kind (the spelled-out spelling is shown when both occur). */
  rank: number;
  national: boolean;
  /** The line starts with it (a heading or a running header). */
  leading: boolean;
}

/** The administrations named on one line (the next line may finish a name it wraps). */
function mentionsIn(line: string, next: string | undefined): EntityMention[] {
  const tokens = tokenize(line);
  const out: EntityMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.word && NATIONAL.has(token.text.toUpperCase()) && (isCaps(token.text) || token.text === 'AgID' || /^\p{Lu}\p{Ll}+$/u.test(token.text))) {
      out.push({ key: `national|${token.text.toUpperCase()}`, text: token.text, rank: 0, national: true, leading: i === 0 });
      i++;
      continue;
    }
    const mention = token.word ? kindAt(tokens, i, next) : null;
    if (!mention) {
      i++;
      continue;
    }
    out.push({ ...mention.mention, leading: i === 0 });
    i = mention.end;
  }
  return out;
}

function kindAt(tokens: Token[], i: number, next: string | undefined): { mention: Omit<EntityMention, 'leading'>; end: number } | null {
  const candidates = PHRASES_BY_FIRST.get(tokens[i]!.key);
  if (!candidates) return null;
  for (const { kind, keys } of candidates) {
    if (i + keys.length > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < keys.length && ok; k++) ok = tokens[i + k]!.key === keys[k];
    if (!ok) continue;
    const kindTokens = tokens.slice(i, i + keys.length);
    if (kind.acronym && !acronymMatches(kindTokens[0]!)) continue;
    const caps = kind.acronym ? isCaps(tokens[i + keys.length]?.text ?? '') : kindTokens.filter((t) => t.word).every((t) => isCaps(t.text));
    // The longest phrase printed decides: `Unione di Comuni o …` names no union, and `Comuni` is no name.
    const name = nameAfter(tokens, i + keys.length, kind, caps, i === 0 || !tokens[i - 1]!.word, next);
    if (!name) return null;
    const canon = kind.canon ?? kind.phrases[0]!;
    const nameKey = name.tokens.map((t) => t.key).join(' ');
    const kindText = kind.acronym ? kindTokens[0]!.text : render(kindTokens, caps);
    const nameText = name.tokens.map((t) => (caps ? readable(t, false) : t.text)).join(' ');
    return {
      mention: { key: `${canon}|${nameKey}`, text: `${kindText} ${nameText}`, rank: kind.acronym ? 1 : 0, national: false },
      end: name.end,
    };
  }
  return null;
}

function nameAfter(tokens: Token[], from: number, kind: Kind, caps: boolean, atStart: boolean, next: string | undefined): { tokens: Token[]; end: number } | null {
  const read = (lower: boolean) => {
    const run = readName(tokens, from, caps, lower);
    let all = run.tokens;
    // A name wrapped onto the next line: the break falls before or after a small word (`… DI VALLE` / `DEL TEVERE`).
    if (run.toEnd && next !== undefined && all.length > 0) {
      const nextTokens = tokenize(next);
      const nextCaps = nextTokens.some((t) => t.word) && nextTokens.filter((t) => t.word).every((t) => isCaps(t.text));
      const breaksOnSmall = roleOf(all[all.length - 1]!, caps) === 'small' || (nextTokens[0] !== undefined && roleOf(nextTokens[0], caps) === 'small');
      if (breaksOnSmall && nextCaps === caps) {
        const more = readName(nextTokens, 0, caps, lower);
        if (more.toEnd) all = [...all, ...more.tokens];
      }
    }
    return { tokens: trimSmall(all, caps), length: run.tokens.length, toEnd: run.toEnd };
  };
  if (kind.link && (tokens[from] === undefined || !LINKS.has(tokens[from]!.key)) && !startsElidedLink(tokens[from])) return null;
  let name = read(false);
  let lower = false;
  if (kind.lowerName && !caps && atStart) {
    const loose = read(true);
    // Lower-case words only where the name fills a heading: from the start of the line (or cell) to its end or a dash.
    if (loose.toEnd || (tokens[from + loose.length] !== undefined && !tokens[from + loose.length]!.word)) {
      if (loose.tokens.length > name.tokens.length && loose.length <= 10) (name = loose), (lower = true);
    }
  }
  // A number alone is no name (`ASL 5`, a partner in a table cell); `ULSS 6 Euganea` is one.
  const words = name.tokens.filter((t) => roleOf(t, caps) === 'word' || (lower && roleOf(t, caps) === 'lower'));
  if (!words.some((t) => /\p{L}/u.test(t.text))) return null;
  if (words.length === 1 && NOT_NAMES.has(words[0]!.key)) return null;
  return { tokens: name.tokens, end: from + name.length };
}

function startsElidedLink(token: Token | undefined): boolean {
  return token !== undefined && /^(?:dell|d)'/.test(token.key) && token.key.length > 3;
}

/**
 * The administration named near the top of the document (`Comune di Prato`,
 * `Regione Valmarena`, `Azienda Sanitaria Locale Terre Alte`), or null.
 *
 * Every kind of Italian administration is read: Comune, Città
 * (metropolitana), Provincia, Regione, Unione (dei Comuni, montana),
 * Comunità montana, ASL / ASST / ATS / AUSL / ULSS and the aziende
 * sanitarie, ospedaliere and for housing (ATER), Università, Politecnico,
 * Ministero, Agenzia, Camera di commercio, Ente parco / Parco, Consorzio,
 * Istituto. A name printed in capitals is given as running text prints it
 * (`COMUNE DI CASTELNUOVO ARDENGHI` → `Comune di Castelnuovo Ardenghi`,
 * acronyms kept). The name printed most often in the first `maxLines` lines
 * wins (the first one on a tie: the title, a running header); further down
 * a name must recur, one mention being maybe a partner. National bodies
 * known by an acronym alone (`INPS`, `AGID`) count only where no other
 * administration is named.
 *
 * @param maxLines lines that make the head of the document (default 40).
 */
export function findEntity(layout: LayoutDocument, maxLines = 40): string | null {
  const lines = headLines(layout, Number.POSITIVE_INFINITY).map((l) => l.text);
  const head: EntityMention[] = [];
  const rest: EntityMention[] = [];
  lines.forEach((line, n) => (n < maxLines ? head : rest).push(...mentionsIn(line, lines[n + 1])));
  const pick = (mentions: EntityMention[], minCount: number): string | null => {
    const best = mostFrequent(mentions.map((m) => m.key));
    if (!best || best.count < minCount) return null;
    const spellings = mentions.filter((m) => m.key === best.name);
    return (spellings.find((s) => s.rank === 0) ?? spellings[0]!).text;
  };
  const local = (m: EntityMention) => !m.national;
  return (
    pick(head.filter(local), 1) ??
    pick([...head, ...rest].filter(local), 2) ??
    pick(head.filter((m) => m.national && m.leading), 1) ??
    pick([...head, ...rest].filter((m) => m.national), 2)
  );
}

// ---------------------------------------------------------------------------
// The period

const PERIOD_RE = /\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)\b/g;
/** A year alone, not the end of a date or of a number (`30.01.2025`, `n. 80/2021`). */
const YEAR_RE = /(?<![\d./-])((?:19|20)\d\d)(?!\d|[./-]\d)/g;
/** A heading that names the plan: its first word, or the first after a dash or a colon (`Comune di Prato - Piano della performance 2024-2026`). */
const PLAN_RE = /(?:^|[-–|:]\s*)(?:piano|piao|peg|pdo|programma|agenda|relazione|prospetto|schede?|obiettivi|processo di budget|budget|performance)\b/i;
/** A line that is only `Anno 2025`. */
const YEAR_LINE_RE = /^anno (?:19|20)\d\d$/i;
const MONTH_BEFORE_RE = /(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\s*$/i;
const TARGET_RE = /\btarget\s+((?:19|20)\d\d)\b/gi;
/** A pair in running text is the plan's when it is said to be its span (`nel triennio 2012-2014`). */
const SPAN_RE = /\b(?:triennio|biennio|periodo|quadriennio)\s*$/i;

/** How many non-empty lines at the top may be the title. */
const TITLE_LINES = 12;

function pairsIn(text: string): { from: number; to: number; index: number }[] {
  const out: { from: number; to: number; index: number }[] = [];
  for (const m of text.matchAll(PERIOD_RE)) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to - from >= 1 && to - from <= 4) out.push({ from, to, index: m.index! });
  }
  return out;
}

/** A line of prose rather than a heading: it ends a sentence or holds one. */
function isProse(text: string): boolean {
  return /[.;]$/.test(text) || /[.;:] \p{Lu}/u.test(text) || text.length > 160;
}

/** A year alone on a line (not one of a date `30 gennaio 2025`), or null. */
function singleYear(text: string): number | null {
  for (const m of text.matchAll(YEAR_RE)) {
    if (!MONTH_BEFORE_RE.test(text.slice(Math.max(0, m.index! - 12), m.index))) return Number(m[1]);
  }
  return null;
}

/**
 * The years of the title: the headings at the top that name the plan. A pair
 * on one of them wins over a year alone on another (a running header `Piano
 * esecutivo di gestione 2025` over a title `PEG 2025-2027 - obiettivi anno 2025`).
 */
function titlePeriod(lines: { text: string; table: boolean }[]): Period | null {
  let seen = 0;
  let year: number | null = null;
  for (const line of lines) {
    const text = line.text.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (++seen > TITLE_LINES) break;
    if (line.table || isProse(text) || !(PLAN_RE.test(text) || YEAR_LINE_RE.test(text))) continue;
    const pair = pairsIn(text)[0];
    if (pair) return { from: pair.from, to: pair.to };
    year ??= singleYear(text);
  }
  return year === null ? null : { from: year, to: year };
}

/**
 * The period of the plan (`2024-2026`, `2024/2026`, `2024 – 2026`; a plan of
 * one year, `PEG 2025`, is `2025-2025`), or null.
 *
 * In order: the years of the title, the first of the top lines that names
 * the plan (Piano, PIAO, PEG, PDO, Programma, Agenda, Relazione, …: `PIANO
 * ESECUTIVO DI GESTIONE 2025-2027 - PIANO DEGLI OBIETTIVI ANNO 2025` is
 * 2025-2027, `PIANO DETTAGLIATO DEGLI OBIETTIVI (PDO) 2025` is 2025-2025);
 * then the pair printed most often in the first `maxLines` lines, if it is
 * printed twice or named a span (`nel triennio 2012-2014`): one mention in
 * running text may be another plan (`il PIAO 2026-2028`, `Bilancio di
 * previsione 2026-2028`); last, the consecutive years of the document's
 * `Target 2024`, `Target 2025`, `Target 2026`.
 *
 * @param maxLines lines read for the title and the pairs (default 120).
 */
export function findPeriod(layout: LayoutDocument, maxLines = 120): Period | null {
  const lines = headLines(layout, maxLines);
  const title = titlePeriod(lines);
  if (title) return title;

  const pairs: string[] = [];
  const spans = new Set<string>();
  for (const line of lines) {
    for (const p of pairsIn(line.text)) {
      const name = `${p.from}-${p.to}`;
      pairs.push(name);
      if (SPAN_RE.test(line.text.slice(Math.max(0, p.index - 20), p.index))) spans.add(name);
    }
  }
  const counts = new Map<string, number>();
  for (const p of pairs) counts.set(p, (counts.get(p) ?? 0) + 1);
  let best: string | null = null;
  for (const [name, count] of counts) {
    if (count < 2 && !spans.has(name)) continue;
    if (best === null || count > counts.get(best)!) best = name;
  }
  if (best) {
    const [from, to] = best.split('-').map(Number) as [number, number];
    return { from, to };
  }
  return targetYears(layout);
}

/** Consecutive years of `Target YYYY` labels (2 to 5 of them) anywhere in the document. */
function targetYears(layout: LayoutDocument): Period | null {
  const years = new Set<number>();
  for (const page of layout.pages) for (const line of page.lines) for (const m of line.text.matchAll(TARGET_RE)) years.add(Number(m[1]));
  if (years.size < 2) return null;
  const from = Math.min(...years);
  const to = Math.max(...years);
  return to - from + 1 === years.size && years.size <= 5 ? { from, to } : null;
}
