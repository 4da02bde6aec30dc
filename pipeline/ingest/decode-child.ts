/**
 * The decoder child process (forked by `image.ts`): receives one image
 * file's bytes, then decodes the pages it is asked for and sends back their
 * grey pixels. Whatever a damaged file does to the native decoder here (a
 * crash, a loop, memory without end), the parent sees this process die or
 * time out and reports that file; the batch goes on.
 *
 * Messages in: `{ open: { bytes, kind, maxRaster } }`, then `{ id, page }`.
 * Messages out: `{ id, page: DecodedPage }` or `{ id, error, known }`.
 */
import { DecodeError, fileDecoder, type DecodeKind, type DecodedPage } from './decode.js';

type Request = { open: { bytes: Uint8Array; kind: DecodeKind; maxRaster: number } } | { id: number; page: number };

let decode: ((index: number) => Promise<DecodedPage>) | null = null;

process.on('message', (request: Request) => {
  if ('open' in request) {
    decode = fileDecoder(request.open.bytes, request.open.kind, request.open.maxRaster);
    return;
  }
  const { id, page } = request;
  void (async () => {
    try {
      if (!decode) throw new DecodeError('nessun file aperto');
      process.send!({ id, page: await decode(page) });
    } catch (error) {
      process.send!({ id, error: error instanceof Error ? error.message : String(error), known: error instanceof DecodeError });
    }
  })();
});
// The parent going away (its run ended or died) ends this process too.
process.on('disconnect', () => process.exit(0));
