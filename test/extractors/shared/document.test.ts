/**
 * findEntity and findPeriod: the administration and the plan's years, for
 * every kind of Italian administration. The twelve office-made layouts are
 * read as LibreOffice text, pdftotext -layout text and PDF, and compared with
 * the entity and period of their hand-written expected files; the two AgID
 * chapters and the seeds with values stated here; then one case per kind of
 * administration, names in capitals, partners, prose, periods of one year,
 * and 100 000-character lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEntity, findPeriod } from '../../../extractors/shared/document.js';
import type { LayoutDocument } from '../../../models/layout.js';
import { layoutFromText } from '../../../pipeline/ingest/text.js';
import { ROOT, seed } from '../../helpers.js';
import { readLayout } from '../../../pipeline/run.js';

const LAYOUTS = join(ROOT, 'fixtures', 'layouts');
const REAL = join(ROOT, 'fixtures', 'real');

/** The layout of a file as the pipeline reads it (ingest and layout stages; no OCR). */
async function layoutOf(path: string): Promise<LayoutDocument> {
  return (await readLayout(path, readFileSync(path), { config: { ocr: { enabled: false } } }))!;
}

const text = (...lines: string[]) => layoutFromText(lines.join('\n'));
const entityOf = (...lines: string[]) => findEntity(text(...lines));
const periodOf = (...lines: string[]) => findPeriod(text(...lines));

const CASES = [
  '01-peg-direzione',
  '02-gantt-obiettivi',
  '03-matrice-dirigenti',
  '04-prospetto-colonne-strette',
  '05-pdo-missione-programma',
  '06-relazione-obiettivo-n',
  '07-albero-target-triennali',
  '08-outline-risultati-attesi',
  '09-asl-scheda-budget',
  '10-universita-ambiti',
  '11-regione-codici-ob',
  '12-prosa-senza-obiettivi',
];

/** What the hand-written expected file states; 12 states no period: it names none of its own (`il PIAO 2026-2028` is the next plan). */
function expectedOf(name: string): { entity: string | null; period: { from: number; to: number } | null } {
  const e = JSON.parse(readFileSync(join(LAYOUTS, `${name}.expected.json`), 'utf8')) as { entity?: string; period?: { from: number; to: number } };
  return { entity: e.entity ?? null, period: e.period ?? null };
}

describe('the office-made layouts: entity and period of their expected files', () => {
  it('the expected files state an entity for all twelve and a period for all but 12', () => {
    expect(CASES.map((c) => expectedOf(c).entity).every((e) => e !== null)).toBe(true);
    expect(CASES.filter((c) => expectedOf(c).period === null)).toEqual(['12-prosa-senza-obiettivi']);
  });

  describe.each(['txt', 'layout.txt', 'pdf'])('.%s', (ext) => {
    it.each(CASES)('%s', async (name) => {
      const layout = await layoutOf(join(LAYOUTS, `${name}.${ext}`));
      const expected = expectedOf(name);
      expect({ entity: findEntity(layout), period: findPeriod(layout) }).toEqual(expected);
    });
  });
});

describe('the AgID chapters (Piano Triennale per l\'informatica 2024-2026)', () => {
  // No title names the plan or its author: the years are those of the Target bullets (as the hand-written
  // expected files say), the administration AGID, the owner of most actions (those files state none).
  it.each(['agid-piano-triennale-2024-2026-cap1-rtd', 'agid-piano-triennale-2024-2026-cap5-open-data'])('%s', async (name) => {
    const layout = await layoutOf(join(REAL, `${name}.rst`));
    const expected = JSON.parse(readFileSync(join(REAL, `${name}.expected.json`), 'utf8')) as { period: unknown };
    expect(expected.period).toEqual({ from: 2024, to: 2026 });
    expect(findPeriod(layout)).toEqual(expected.period);
    expect(findEntity(layout)).toBe('AGID');
  });
});

describe('the seeds: as before', () => {
  it.each([
    ['legacy', 'Comune di Prato', { from: 2012, to: 2014 }],
    ['prose', 'Comune di Prato', null],
    ['piao22', null, { from: 2024, to: 2026 }],
    ['schede', 'Comune di Sarzana', { from: 2024, to: 2026 }],
  ] as const)('%s', async (name, entity, period) => {
    const layout = await layoutOf(seed[name]);
    expect(findEntity(layout)).toBe(entity);
    expect(findPeriod(layout)).toEqual(period);
  });

  it('organizzativa: the Comune (its period is read by its extractor from the sheets)', async () => {
    const layout = await layoutOf(seed.organizzativa);
    expect(findEntity(layout, 200)).toBe('Comune di Chiari');
    // Named once in running text, as the PIAO the plan is attached to: no longer taken as the period.
    expect(findPeriod(layout)).toBeNull();
  });

  it('the legacy plan in its first 60 lines, as its extractor reads it', async () => {
    const layout = await layoutOf(seed.legacy);
    expect(findEntity(layout, 60)).toBe('Comune di Prato');
    expect(findPeriod(layout, 60)).toEqual({ from: 2012, to: 2014 });
  });
});

describe('findEntity: every kind of administration', () => {
  it.each([
    ['Comune di Prato', 'Comune di Prato'],
    ["Comune di Reggio nell'Emilia - Piano della performance 2024-2026", "Comune di Reggio nell'Emilia"],
    ['Comune di San Vito al Cornio', 'Comune di San Vito al Cornio'],
    ['Città di Torino', 'Città di Torino'],
    ['Città metropolitana di Roma Capitale', 'Città metropolitana di Roma Capitale'],
    ['Provincia di Rocca Alta', 'Provincia di Rocca Alta'],
    ['Provincia autonoma di Trento', 'Provincia autonoma di Trento'],
    ['Regione Valmarena', 'Regione Valmarena'],
    ['Regione del Veneto', 'Regione del Veneto'],
    ['Regione Emilia-Romagna', 'Regione Emilia-Romagna'],
    ["Regione Autonoma Valle d'Aosta", "Regione Autonoma Valle d'Aosta"],
    ['Unione dei Comuni Terre del Serchio Alto', 'Unione dei Comuni Terre del Serchio Alto'],
    ['Unione montana dei Comuni del Mugello', 'Unione montana dei Comuni del Mugello'],
    ['Unione Terre di Castelli', 'Unione Terre di Castelli'],
    ['Comunità montana Valle Brembana', 'Comunità montana Valle Brembana'],
    ['ASL Roma 1', 'ASL Roma 1'],
    ['ASL TO3', 'ASL TO3'],
    ['ASST di Lecco', 'ASST di Lecco'],
    ['ASST Papa Giovanni XXIII', 'ASST Papa Giovanni XXIII'],
    ['ATS della Montagna', 'ATS della Montagna'],
    ['AUSL della Romagna', 'AUSL della Romagna'],
    ['Azienda ULSS 6 Euganea', 'Azienda ULSS 6 Euganea'],
    ['Azienda sanitaria locale Terre Alte', 'Azienda sanitaria locale Terre Alte'],
    ['Azienda Unità Sanitaria Locale di Piacenza', 'Azienda Unità Sanitaria Locale di Piacenza'],
    ['Azienda Ospedaliera di Cosenza', 'Azienda Ospedaliera di Cosenza'],
    ['Azienda Ospedaliero-Universitaria di Parma', 'Azienda Ospedaliero-Universitaria di Parma'],
    ['Azienda ospedaliera universitaria Senese', 'Azienda ospedaliera universitaria Senese'],
    ['Università degli Studi di Montecorvino', 'Università degli Studi di Montecorvino'],
    ['Università di Pisa', 'Università di Pisa'],
    ["Università Ca' Foscari Venezia", "Università Ca' Foscari Venezia"],
    ['Politecnico di Milano', 'Politecnico di Milano'],
    ["Ministero dell'Interno", "Ministero dell'Interno"],
    ['Ministero della salute', 'Ministero della salute'],
    ['Ministero della Cultura - Piano della performance 2024-2026', 'Ministero della Cultura'],
    ['Agenzia delle Entrate', 'Agenzia delle Entrate'],
    ["Agenzia per l'Italia Digitale", "Agenzia per l'Italia Digitale"],
    ['Camera di commercio di Milano Monza Brianza Lodi', 'Camera di commercio di Milano Monza Brianza Lodi'],
    ['Camera di Commercio, Industria, Artigianato e Agricoltura di Torino', 'Camera di Commercio, Industria, Artigianato e Agricoltura di Torino'],
    ['Ente Parco Regionale dei Monti Ausoni Orientali', 'Ente Parco Regionale dei Monti Ausoni Orientali'],
    ['Parco Nazionale delle Cinque Terre', 'Parco Nazionale delle Cinque Terre'],
    ['ATER di Roma', 'ATER di Roma'],
    ["Azienda Territoriale per l'Edilizia Residenziale della Provincia di Treviso", "Azienda Territoriale per l'Edilizia Residenziale della Provincia di Treviso"],
    ['Consorzio di bonifica della Bassa Friulana', 'Consorzio di bonifica della Bassa Friulana'],
    ['Istituto Nazionale della Previdenza Sociale', 'Istituto Nazionale della Previdenza Sociale'],
    ['Istituto nazionale di statistica', 'Istituto nazionale di statistica'],
    ['INPS - Piano della performance 2024-2026', 'INPS'],
    ['INAIL', 'INAIL'],
    ['il comune di Prato ha approvato il piano', 'Comune di Prato'],
    ['Comune di Prato\tSettore Bilancio', 'Comune di Prato'],
  ])('%j', (line, expected) => {
    expect(entityOf(line)).toBe(expected);
  });

  it.each([
    ['COMUNE DI CASTELNUOVO ARDENGHI', 'Comune di Castelnuovo Ardenghi'],
    ['COMUNE DI MONTESECCO DEL PIANO', 'Comune di Montesecco del Piano'],
    ['COMUNE DI PRATO PIANO DELLA PERFORMANCE 2012-2014', 'Comune di Prato'],
    ['CITTÀ METROPOLITANA DI MILANO', 'Città Metropolitana di Milano'],
    ['PROVINCIA DI MONZA E DELLA BRIANZA', 'Provincia di Monza e della Brianza'],
    ['REGIONE VALMARENA', 'Regione Valmarena'],
    ["REGIONE AUTONOMA VALLE D'AOSTA", "Regione Autonoma Valle d'Aosta"],
    ['UNIONE DEI COMUNI TERRE DEL SERCHIO ALTO', 'Unione dei Comuni Terre del Serchio Alto'],
    ['UNIONE MONTANA VALLI DEL BITTO', 'Unione Montana Valli del Bitto'],
    ['COMUNITÀ MONTANA DEL PINEROLESE', 'Comunità Montana del Pinerolese'],
    ['AZIENDA SANITARIA LOCALE TERRE ALTE', 'Azienda Sanitaria Locale Terre Alte'],
    ['AZIENDA OSPEDALIERO-UNIVERSITARIA DI PARMA', 'Azienda Ospedaliero-Universitaria di Parma'],
    ['ASL ROMA 1', 'ASL Roma 1'],
    ['ATER DELLA PROVINCIA DI ROMA', 'ATER della Provincia di Roma'],
    ["AZIENDA TERRITORIALE PER L'EDILIZIA RESIDENZIALE PUBBLICA DI VENEZIA", "Azienda Territoriale per l'Edilizia Residenziale Pubblica di Venezia"],
    ['UNIVERSITÀ DEGLI STUDI DI NAPOLI FEDERICO II', 'Università degli Studi di Napoli Federico II'],
    ['POLITECNICO DI TORINO', 'Politecnico di Torino'],
    ["MINISTERO DELL'ECONOMIA E DELLE FINANZE", "Ministero dell'Economia e delle Finanze"],
    ["AGENZIA REGIONALE PER LA PROTEZIONE DELL'AMBIENTE", "Agenzia Regionale per la Protezione dell'Ambiente"],
    ['CAMERA DI COMMERCIO, INDUSTRIA, ARTIGIANATO E AGRICOLTURA DI VALLE DEL TEVERE', 'Camera di Commercio, Industria, Artigianato e Agricoltura di Valle del Tevere'],
    ['ENTE PARCO REGIONALE DEI MONTI AUSONI ORIENTALI', 'Ente Parco Regionale dei Monti Ausoni Orientali'],
    ['CONSORZIO DI BONIFICA VERONESE', 'Consorzio di Bonifica Veronese'],
    ['ISTITUTO SUPERIORE DI SANITÀ', 'Istituto Superiore di Sanità'],
  ])('in capitals: %j', (line, expected) => {
    expect(entityOf(line)).toBe(expected);
  });

  it.each([
    ['la Regione intende avvicinare il valore medio'],
    ['Il Ministero della salute ha approvato il piano.'],
    ["l'Unione Europea"],
    ['ogni Unione di Comuni o altri tipi di consorzi'],
    ['ogni Provincia e Città Metropolitana (non ancora presenti)'],
    ['Ogni Comune con popolazione tra 5.000 e 10.000 abitanti'],
    ['Servizio Disabili ASL 5'],
    ['il Comune capofila'],
    ['Il Piano della Performance 2024-2026'],
  ])('no administration in %j', (line) => {
    expect(entityOf(line)).toBeNull();
  });

  it('a name in capitals wrapped over two lines, before a small word', () => {
    expect(entityOf('CAMERA DI COMMERCIO, INDUSTRIA, ARTIGIANATO E AGRICOLTURA DI VALLE', '   DEL TEVERE', 'RELAZIONE SULLA PERFORMANCE 2025')).toBe(
      'Camera di Commercio, Industria, Artigianato e Agricoltura di Valle del Tevere',
    );
    expect(entityOf('Comune di San Vito al', 'Cornio')).toBe('Comune di San Vito al Cornio');
    // The next heading is no part of the name.
    expect(entityOf('REGIONE VALMARENA', 'GIUNTA REGIONALE')).toBe('Regione Valmarena');
  });

  it('the name of the title, not the province printed under it (a tie: the first one)', () => {
    expect(entityOf('COMUNE DI CASTELNUOVO ARDENGHI', 'Provincia di Rocca Alta', 'PIANO ESECUTIVO DI GESTIONE 2025-2027')).toBe('Comune di Castelnuovo Ardenghi');
  });

  it('the name printed most often at the top', () => {
    expect(entityOf('Piano della performance 2025-2027', 'convenzione con la Provincia di Rocca Alta', 'Comune di Prato - Settore 1', 'Comune di Prato - Settore 2')).toBe('Comune di Prato');
  });

  it('an acronym and its spelled-out kind are one administration, shown spelled out', () => {
    expect(entityOf('ASL Terre Alte - Schede di budget 2025', 'AZIENDA SANITARIA LOCALE TERRE ALTE', 'Processo di budget 2025')).toBe('Azienda Sanitaria Locale Terre Alte');
  });

  it('a partner named once further down is not the author; a name recurring further down is', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `Riga ${i} del documento senza nomi.`);
    expect(entityOf('Piano della performance 2025-2027', ...filler, 'in convenzione con il Comune di Lucca')).toBeNull();
    expect(entityOf('Piano della performance 2025-2027', ...filler, 'il Comune di Lucca', 'uffici del Comune di Lucca')).toBe('Comune di Lucca');
    expect(findEntity(text('Piano della performance 2025-2027', 'in convenzione con il Comune di Lucca'), 1)).toBeNull();
  });

  it('national bodies by acronym only where no other administration is named', () => {
    expect(entityOf('COMUNE DI PRATO', 'Popolazione residente (fonte ISTAT)', 'dati ISTAT 2024', 'dati INPS')).toBe('Comune di Prato');
    expect(entityOf('Linee di azione', '- Giugno 2024 - Kit per le comunità - (AGID) - CAP1.01', '- Gennaio 2025 - Report - (AGID) - CAP1.02')).toBe('AGID');
    expect(entityOf('Linee di azione', '- Giugno 2024 - Kit - (AGID) - CAP1.01')).toBeNull();
  });

  it('a prose document names its Comune in the title', () => {
    expect(
      entityOf(
        'COMUNE DI MONTESECCO DEL PIANO',
        'Relazione illustrativa sul ciclo della performance',
        '1. Premessa',
        'Il ciclo di gestione della performance previsto dal decreto legislativo 27 ottobre 2009, n. 150, si articola nella',
        'Montesecco del Piano, 10 dicembre 2025 - Il Presidente del Nucleo di valutazione',
      ),
    ).toBe('Comune di Montesecco del Piano');
  });
});

describe('findPeriod', () => {
  it.each([
    [['PIAO 2024-2026 - Sezione 2.2 Performance'], { from: 2024, to: 2026 }],
    [['Piano della performance 2024/2026'], { from: 2024, to: 2026 }],
    [['PIANO DELLA PERFORMANCE 2024 – 2026'], { from: 2024, to: 2026 }],
    [['PEG 2025'], { from: 2025, to: 2025 }],
    [['Piano degli obiettivi 2025'], { from: 2025, to: 2025 }],
    [['Anno 2025'], { from: 2025, to: 2025 }],
    [['Relazione sulla performance 2024'], { from: 2024, to: 2024 }],
    [['Agenda digitale regionale 2025-2027'], { from: 2025, to: 2027 }],
    [['ASL Terre Alte - Schede di budget 2025'], { from: 2025, to: 2025 }],
    [['Prospetto riepilogativo degli obiettivi operativi dei dipartimenti - anno 2025'], { from: 2025, to: 2025 }],
  ])('title %j', (lines, expected) => {
    expect(periodOf(...lines)).toEqual(expected);
  });

  it('the title over pairs of the body (the next budget, the DUP)', () => {
    expect(periodOf('COMUNE DI SAN VITO AL CORNIO', 'PIANO DETTAGLIATO DEGLI OBIETTIVI (PDO) 2025', 'Bilancio di previsione 2026-2028 presentato alla Giunta', 'Bilancio di previsione 2026-2028')).toEqual({ from: 2025, to: 2025 });
    expect(periodOf('Prospetto degli obiettivi operativi 2025', 'Codici degli obiettivi secondo il DUP 2025-2027. La colonna è compilata dal Nucleo.', 'DUP 2025-2027')).toEqual({ from: 2025, to: 2025 });
  });

  it('a pair on a title line over a year alone on another (a running header)', () => {
    expect(periodOf('Comune di Castelnuovo Ardenghi - Piano Esecutivo di Gestione 2025 - Obiettivi di performance', 'COMUNE DI CASTELNUOVO ARDENGHI', 'PIANO ESECUTIVO DI GESTIONE 2025-2027 - PIANO DEGLI OBIETTIVI ANNO 2025')).toEqual({
      from: 2025,
      to: 2027,
    });
  });

  it('no year from a date, a law or prose', () => {
    expect(periodOf('Piano della performance approvato con delibera del 30.01.2025')).toBeNull();
    expect(periodOf('Piano della performance ai sensi del d.lgs. n. 150/2009')).toBeNull();
    expect(periodOf('Relazione del 10 dicembre 2025')).toBeNull();
    expect(periodOf('Il ciclo di gestione della performance previsto dal decreto legislativo 27 ottobre 2009, n. 150, si articola nella')).toBeNull();
    expect(periodOf('Gli obiettivi discendono dal Piano strategico 2023-2028. Per ciascun indicatore è riportato il valore.')).toBeNull();
  });

  it('a pair of the body: printed twice, or named the span of the plan', () => {
    expect(periodOf('Piano delle Performance - Introduzione', "obiettivi che l'Amministrazione intende realizzare nel triennio 2012-2014. All'interno")).toEqual({ from: 2012, to: 2014 });
    expect(periodOf('Sezione 2.2 – PERFORMANCE', 'gli obiettivi del DUP 2024/2026 e definisce gli indicatori', 'Documento Unico di Programmazione 2024/2026) attraverso')).toEqual({ from: 2024, to: 2026 });
    // One mention in prose may be another plan.
    expect(periodOf('Relazione illustrativa sul ciclo della performance', 'Gli obiettivi saranno riportati nel PIAO 2026-2028, che la Giunta approverà entro il 31 gennaio 2026.')).toBeNull();
  });

  it('last, the consecutive years of the Target labels', () => {
    expect(periodOf('Obiettivo 1.1 - Migliorare', '- **Target 2024** - 18 comunità', '- **Target 2025** - 2 ulteriori', '- **Target 2026** - 2 ulteriori')).toEqual({ from: 2024, to: 2026 });
    expect(periodOf('- Target 2024 - a', '- Target 2027 - b')).toBeNull();
    expect(periodOf('- Target 2024 - a')).toBeNull();
  });

  it('spans of one to four years only; within maxLines', () => {
    expect(periodOf('PIAO 2020-2030')).toBeNull();
    const filler = Array.from({ length: 130 }, (_, i) => `riga ${i}`);
    expect(periodOf(...filler, 'nel triennio 2024-2026')).toBeNull();
    expect(findPeriod(text(...filler, 'nel triennio 2024-2026'), 200)).toEqual({ from: 2024, to: 2026 });
  });
});

describe('linear time on 100 000-character lines', () => {
  const N = 100_000;
  const run = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);

  it.each([
    run('Comune di '),
    run('COMUNE DI '),
    run('Comune di Prato '),
    run('di '),
    run('A '),
    run("dell'A "),
    run('a-'),
    run('Camera di commercio , '),
    run('Unione '),
    `Ministero ${run('della ')}`,
    `Comune di ${run(' ')}Prato`,
    run('ASL '),
    run('2024-'),
    run('2024 '),
    run('Target 2024 '),
    `Piano ${run('- ')}2025`,
    run('. A'),
  ])('%#', (line) => {
    const layout = text(line, line, line);
    findEntity(layout);
    findPeriod(layout);
  });

  it('results on long lines', () => {
    expect(entityOf(`Comune di Prato${run(' ')}x`)).toBe('Comune di Prato');
    expect(entityOf(`Piano ${run(' ')}Comune di Prato`)).toBe('Comune di Prato');
    expect(entityOf(run('Comune di Prato e '))).toBe('Comune di Prato');
    expect(periodOf(`${run(' ')}2024-2026`, '2024-2026')).toEqual({ from: 2024, to: 2026 });
  });
});
