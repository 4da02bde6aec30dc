/**
 * Text decoding shared by every reader of text files: plans (ingest) and
 * results sheets in CSV (pipeline/results). No dependencies beyond the
 * platform, so any stage may import it.
 */

/** Byte-order marks of the Unicode encodings other than UTF-8, longest first (UTF-32 LE begins like UTF-16 LE). */
const BOMS: [string, number[]][] = [
  ['utf-32le', [0xff, 0xfe, 0x00, 0x00]],
  ['utf-32be', [0x00, 0x00, 0xfe, 0xff]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/** The Unicode encoding a byte-order mark at the start names, or null. */
export function bomEncoding(bytes: Uint8Array): string | null {
  for (const [name, mark] of BOMS) if (mark.every((b, i) => bytes[i] === b)) return name;
  return null;
}

/**
 * Decodes text: UTF-16 or UTF-32 when a byte-order mark says so, otherwise
 * UTF-8 (BOM dropped), or Windows-1252 when it is not valid UTF-8
 * (`fallback: true`, which callers report as `encoding-fallback`).
 */
export function decodeText(bytes: Uint8Array): { text: string; fallback: boolean } {
  const bom = bomEncoding(bytes);
  if (bom?.startsWith('utf-16')) return { text: new TextDecoder(bom).decode(bytes), fallback: false };
  if (bom) return { text: decodeUtf32(bytes.subarray(4), bom === 'utf-32le'), fallback: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), fallback: false };
  } catch {
    return { text: decodeWindows1252(bytes), fallback: true };
  }
}

/**
 * The characters of Windows-1252 at 0x80-0x9F; the five bytes it leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay the C1 code points, as in the
 * WHATWG encoding standard.
 */
const C1_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252. Node's TextDecoder('windows-1252') decodes 0x80-0x9F as C1
 * control characters (as ISO-8859-1 does), where Windows-1252 has € ‚ „ … ’ “ ”
 * – — and the like: those are put back.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => C1_1252[c.charCodeAt(0) - 0x80]!);
}

/** UTF-32 (TextDecoder has no such label): code points out of range become U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4) {
    const cp = view.getUint32(at, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
