import { describe, expect, it } from 'vitest';
import { PiaoConfig } from '../../../models/config.js';
import { createContext, type WorkingDocument } from '../../../pipeline/context.js';
import { decodeText, decodeWindows1252 } from '../../../pipeline/ingest/encoding.js';
import { ingestStage } from '../../../pipeline/ingest/index.js';
import { emptyDocument } from '../../../pipeline/run.js';

/** Windows-1252 at 0x80-0x9F (the five undefined bytes left out). */
const C1: [number, string][] = [
  [0x80, '€'], [0x82, '‚'], [0x83, 'ƒ'], [0x84, '„'], [0x85, '…'], [0x86, '†'], [0x87, '‡'], [0x88, 'ˆ'], [0x89, '‰'],
  [0x8a, 'Š'], [0x8b, '‹'], [0x8c, 'Œ'], [0x8e, 'Ž'], [0x91, '‘'], [0x92, '’'], [0x93, '“'], [0x94, '”'], [0x95, '•'],
  [0x96, '–'], [0x97, '—'], [0x98, '˜'], [0x99, '™'], [0x9a, 'š'], [0x9b, '›'], [0x9c, 'œ'], [0x9e, 'ž'], [0x9f, 'Ÿ'],
];

/** Text as Windows-1252 bytes (only characters of this test: Latin-1 and the table above). */
const cp1252 = (text: string) =>
  Uint8Array.from([...text].map((c) => C1.find(([, ch]) => ch === c)?.[0] ?? (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f)));

describe('Windows-1252 fallback', () => {
  it.each(C1)('byte %d is %s', (byte, char) => {
    expect(decodeText(Uint8Array.from([0x41, byte, 0x42]))).toEqual({ text: `A${char}B`, fallback: true });
  });

  it('leaves the five undefined bytes as their code points and Latin-1 letters as they are', () => {
    expect(decodeWindows1252(Uint8Array.from([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xe0, 0xe8]))).toBe('\u0081\u008d\u008f\u0090\u009dàè');
  });

  it('UTF-8 is not a fallback, even with the same characters', () => {
    expect(decodeText(new TextEncoder().encode('€ – “Attività” l’ente'))).toEqual({ text: '€ – “Attività” l’ente', fallback: false });
  });

  it('a Windows-1252 plan: € – “ ” ’ in the layout and one encoding-fallback finding', async () => {
    const text = 'Obiettivo “Trasparenza” – l’ente\tImporto € 1.000\n';
    const doc: WorkingDocument = { ...emptyDocument('piano-1252.txt'), bytes: cp1252(text) };
    const out = await ingestStage()(doc, createContext(PiaoConfig.parse({})));
    expect(out.layout!.pages[0]!.lines[0]!.text).toBe(text.trimEnd());
    expect(out.layout!.pages[0]!.lines[0]!.text).not.toMatch(/[\u0080-\u009f]/);
    expect(out.findings.map((f) => [f.rule, f.messageId, f.source.file])).toEqual([['encoding-fallback', 'latin1', 'piano-1252.txt']]);
  });
});
