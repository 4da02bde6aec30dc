/** File-system helpers: atomic writes and expanding folders into their files. */
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

/**
 * Expands the command-line inputs: a folder becomes the files inside it
 * (recursively, sorted, hidden files skipped); anything else stays as given,
 * so that a missing path is reported by the pipeline with its name.
 */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) out.push(...(await listFiles(input)));
    else out.push(input);
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Output name for an input: `<name without extension>.json`, made unique within one run. */
export function outputName(input: string, used: Set<string>, extension = '.json'): string {
  const stem = basename(input).replace(/\.[^.]+$/, '') || 'documento';
  let name = `${stem}${extension}`;
  for (let k = 2; used.has(name); k++) name = `${stem}-${k}${extension}`;
  used.add(name);
  return name;
}
