import { describe, expect, it } from 'vitest';
import { layoutFromText } from '../../../pipeline/ingest/text.js';
import { decodeText, sniffFormat } from '../../../pipeline/ingest/index.js';

describe('layoutFromText', () => {
  it('splits pages on form feeds, keeps file line numbers, tabs make cells', () => {
    const layout = layoutFromText('a\tb\t\tc\nsecond\n\fpage two\nlast\n');
    expect(layout.pages.map((p) => p.lines.map((l) => [l.page, l.line, l.text]))).toEqual([
      [[1, 1, 'a\tb\t\tc'], [1, 2, 'second']],
      [[2, 3, 'page two'], [2, 4, 'last']],
    ]);
    expect(layout.pages[0]!.lines[0]!.cells).toEqual([
      { text: 'a', col: 0 },
      { text: 'b', col: 1 },
      { text: '', col: 2 },
      { text: 'c', col: 3 },
    ]);
  });

  it('handles CRLF and a form feed inside a line', () => {
    const layout = layoutFromText('x\r\ny\fz\r\n');
    expect(layout.pages.map((p) => p.lines.map((l) => `${l.line}:${l.text}`))).toEqual([['1:x', '2:y'], ['2:z']]);
  });
});

describe('sniffFormat and decodeText', () => {
  it.each([
    ['%PDF-1.7\n...', 'pdf'],
    ['\x89PNG\r\n\x1a\n', 'image'],
    ['\xff\xd8\xff\xe0', 'image'],
    ['PK\x03\x04word/document.xml', 'office'],
    ['Obiettivo\tPeso\n', 'text'],
    ['\x00\x01\x02binary', 'binary'],
  ])('%j is %s', (content, format) => {
    expect(sniffFormat(Buffer.from(content, 'latin1')).format).toBe(format);
  });

  it('falls back to Windows-1252 for non-UTF-8 text', () => {
    const latin1 = Buffer.from('Attivit\xe0 e qualit\xe0', 'latin1');
    expect(decodeText(latin1)).toEqual({ text: 'Attività e qualità', fallback: true });
    expect(decodeText(Buffer.from('Attività', 'utf8'))).toEqual({ text: 'Attività', fallback: false });
  });
});
