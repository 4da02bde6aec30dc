/**
 * OpenDocument Text packaging: the `content.xml` rendered from a template,
 * the shared `templates/odt-styles.xml` (page layout, footer with «Pagina N
 * di M» and the document's title, title page, table of contents), a manifest
 * and metadata, zipped with fflate. The `mimetype` entry comes first and
 * uncompressed, as ODF requires, so LibreOffice and Word both recognize the
 * file. Every SVG picture gets a PNG drawn from it (`@napi-rs/canvas`) as the
 * second image of its frame, for readers that do not show SVG.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { packageRoot } from '../io.js';
import { VERSION } from '../version.js';

const MIMETYPE = 'application/vnd.oasis.opendocument.text';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const mediaType = (path: string) => (path.endsWith('.png') ? 'image/png' : path.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream');

function manifest(pictures: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
${pictures.map((p) => ` <manifest:file-entry manifest:full-path="${p}" manifest:media-type="${mediaType(p)}"/>\n`).join('')}</manifest:manifest>
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

/** The shared styles with the document's title in the page footer. */
export function stylesXml(title: string): string {
  return readFileSync(join(packageRoot(), 'templates', 'odt-styles.xml'), 'utf8').replace('{{footer}}', () => escapeXml(title)); // a function: `$&` in a title stays text
}

/** Pixels per SVG unit of the PNG fallback: twice the SVG size, sharp when printed... */
const PNG_SCALE = 2;
/** ...unless that is more than 12 million pixels (a chart of hundreds of rows): then as many as fit in them. */
const PNG_MAX_PIXELS = 12_000_000;

/** The PNG of an SVG (white background), or null when it cannot be drawn (no canvas binary, an SVG it cannot read). */
export function svgToPng(svg: string): Uint8Array | null {
  try {
    const canvas = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
    const image = new canvas.Image();
    image.src = Buffer.from(svg);
    if (!image.width || !image.height) return null;
    const scale = Math.min(PNG_SCALE, Math.sqrt(PNG_MAX_PIXELS / (image.width * image.height)));
    const c = canvas.createCanvas(Math.max(1, Math.ceil(image.width * scale)), Math.max(1, Math.ceil(image.height * scale)));
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(image, 0, 0, c.width, c.height);
    return new Uint8Array(c.toBuffer('image/png'));
  } catch {
    return null;
  }
}

/** Each `<draw:image>` of an SVG picture followed by the image of its PNG, inside the same frame. */
function withPngFallbacks(contentXml: string, pngs: Map<string, string>): string {
  return contentXml.replace(/<draw:image xlink:href="(Pictures\/[^"]+\.svg)"([^>]*)\/>/g, (tag, href: string, rest: string) => {
    const png = pngs.get(href);
    if (!png) return tag;
    const svgTag = /draw:mime-type=/.test(rest) ? tag : `<draw:image xlink:href="${href}"${rest} draw:mime-type="image/svg+xml"/>`;
    return `${svgTag}<draw:image xlink:href="${png}"${rest.replace(/\s*draw:mime-type="[^"]*"/, '')} draw:mime-type="image/png"/>`;
  });
}

/**
 * The .odt file for a rendered `content.xml`. `date` fixes the zip timestamps
 * and metadata (reproducible output); `pictures` are SVG files placed under
 * `Pictures/` (name -> SVG text), referenced from the content; each gets a
 * PNG beside it (`unita.svg` -> `unita.png`).
 */
export function packageOdt(contentXml: string, title: string, date: Date, pictures: Record<string, string> = {}): Uint8Array {
  const mtime = date;
  const pngs = new Map<string, string>();
  const pngFiles: Zippable = {};
  for (const [name, svg] of Object.entries(pictures)) {
    if (!name.endsWith('.svg')) continue;
    const png = svgToPng(svg);
    if (!png) continue;
    const pngName = `Pictures/${name.replace(/\.svg$/, '.png')}`;
    pngs.set(`Pictures/${name}`, pngName);
    pngFiles[pngName] = [png, { level: 0, mtime }];
  }
  const names = [...Object.keys(pictures).map((n) => `Pictures/${n}`), ...Object.keys(pngFiles)];
  const files: Zippable = {
    mimetype: [strToU8(MIMETYPE), { level: 0, mtime }],
    'content.xml': [strToU8(withPngFallbacks(contentXml, pngs)), { level: 6, mtime }],
    'styles.xml': [strToU8(stylesXml(title)), { level: 6, mtime }],
    'meta.xml': [strToU8(meta(title, date)), { level: 6, mtime }],
    'META-INF/manifest.xml': [strToU8(manifest(names)), { level: 6, mtime }],
  };
  for (const [name, svg] of Object.entries(pictures)) files[`Pictures/${name}`] = [strToU8(svg), { level: 6, mtime }];
  Object.assign(files, pngFiles);
  return zipSync(files);
}
