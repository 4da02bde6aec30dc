/**
 * OpenDocument Text packaging: the `content.xml` rendered from a template,
 * the shared `templates/odt-styles.xml`, a manifest and metadata, zipped with
 * fflate. The `mimetype` entry comes first and uncompressed, as ODF requires,
 * so LibreOffice and Word both recognize the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { packageRoot } from '../io.js';
import { VERSION } from '../version.js';

const MIMETYPE = 'application/vnd.oasis.opendocument.text';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function manifest(pictures: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
${pictures.map((p) => ` <manifest:file-entry manifest:full-path="${p}" manifest:media-type="image/svg+xml"/>\n`).join('')}</manifest:manifest>
`;
}

function meta(title: string, date: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
 <office:meta>
  <meta:generator>piao/${VERSION}</meta:generator>
  <dc:title>${escapeXml(title)}</dc:title>
  <dc:language>it-IT</dc:language>
  <meta:creation-date>${date.toISOString().slice(0, 19)}</meta:creation-date>
 </office:meta>
</office:document-meta>
`;
}

/**
 * The .odt file for a rendered `content.xml`. `date` fixes the zip timestamps
 * and metadata (reproducible output); `pictures` are SVG files placed under
 * `Pictures/` (name -> SVG text), referenced from the content.
 */
export function packageOdt(contentXml: string, title: string, date: Date, pictures: Record<string, string> = {}): Uint8Array {
  const mtime = date;
  const files: Zippable = {
    mimetype: [strToU8(MIMETYPE), { level: 0, mtime }],
    'content.xml': [strToU8(contentXml), { level: 6, mtime }],
    'styles.xml': [readFileSync(join(packageRoot(), 'templates', 'odt-styles.xml')), { level: 6, mtime }],
    'meta.xml': [strToU8(meta(title, date)), { level: 6, mtime }],
    'META-INF/manifest.xml': [strToU8(manifest(Object.keys(pictures).map((n) => `Pictures/${n}`))), { level: 6, mtime }],
  };
  for (const [name, svg] of Object.entries(pictures)) files[`Pictures/${name}`] = [strToU8(svg), { level: 6, mtime }];
  return zipSync(files);
}
