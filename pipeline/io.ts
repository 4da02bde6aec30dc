/** File-system helpers: atomic writes and expanding folders into their files. */
import { lstat, mkdir, readdir, readlink, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import picomatch from 'picomatch';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of piao's package.json (templates and fixtures are found from there, in source and in dist). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json of piao not found');
    dir = up;
  }
  return dir;
}

/** Writes a whole file or nothing: a temp file beside it, then a rename. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** Files no office means to submit: Windows thumbnails and folder settings, Office lock files (`~$piano.docx`). */
const JUNK = /^(?:thumbs\.db|ehthumbs\.db|desktop\.ini|~\$.*)$/i;

export interface ExpandOptions {
  /**
   * Glob patterns (picomatch) of entries to leave out, matched against the
   * path relative to the folder given (`archivio/**`, `*.bak`); a pattern
   * without a slash also matches the bare name at any depth. Default none.
   */
  exclude?: readonly string[];
}

/**
 * Expands the command-line inputs: a folder becomes the entries inside it
 * (recursively, sorted), anything else stays as given, so that a missing
 * path is reported by the pipeline with its name. Hidden entries (`.name`),
 * Windows and Office leftovers (`Thumbs.db`, `desktop.ini`, `~$*` lock files)
 * and `exclude` matches are left out of a folder. Every other entry is kept,
 * links, FIFOs, sockets and devices included: the pipeline says why each of
 * those is not read, so no entry goes missing silently. Links to folders are
 * not followed (a link may loop).
 */
export async function expandInputs(inputs: readonly string[], options: ExpandOptions = {}): Promise<string[]> {
  const excluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true, basename: true }) : () => false;
  const out: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) out.push(...(await listEntries(input, '', excluded)));
    else out.push(input);
  }
  return out;
}

async function listEntries(root: string, under: string, excluded: (path: string) => boolean): Promise<string[]> {
  const entries = await readdir(join(root, under), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || JUNK.test(entry.name)) continue;
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (excluded(rel)) continue;
    if (entry.isDirectory()) {
      if (!excluded(`${rel}/`)) files.push(...(await listEntries(root, rel, excluded)));
    } else files.push(join(root, rel));
  }
  return files;
}

/**
 * Why an entry of the folder `root` is not to be read although it is there:
 * a symbolic link to something outside `root`, or to nothing. Null for a
 * file to read (a link inside `root` is read as the file it points to).
 */
export async function linkProblem(path: string, root: string): Promise<{ kind: 'outside' | 'dangling'; target: string } | null> {
  const info = await lstat(path).catch(() => null);
  if (!info?.isSymbolicLink()) return null;
  const target = await readlink(path).catch(() => '?');
  const real = await realpath(path).catch(() => null);
  if (real === null) return { kind: 'dangling', target };
  const base = await realpath(root).catch(() => root);
  return real === base || real.startsWith(base + sep) ? null : { kind: 'outside', target };
}

/** Output name for an input: `<name without extension>.json`, made unique within one run. */
export function outputName(input: string, used: Set<string>, extension = '.json'): string {
  const stem = basename(input).replace(/\.[^.]+$/, '') || 'documento';
  let name = `${stem}${extension}`;
  for (let k = 2; used.has(name); k++) name = `${stem}-${k}${extension}`;
  used.add(name);
  return name;
}
