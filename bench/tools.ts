/**
 * The reference commands the benchmarks compare against (pdftotext,
 * tesseract) are Debian packages: installed with apt-get when missing, so
 * every run compares in the same run. Benchmarks only: piao itself never
 * needs them.
 */
import { spawnSync } from 'node:child_process';

/** True when `command` is on the PATH, after installing `debianPackage` with apt-get if it was not. */
export function ensureCommand(command: string, debianPackage: string): boolean {
  const present = () => spawnSync('which', [command]).status === 0;
  if (present()) return true;
  console.log(`\ninstallo ${debianPackage} (${command}) con apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', debianPackage], { stdio: 'inherit', env }).status === 0;
  // Fresh machines may have empty package lists.
  if (!install()) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    install();
  }
  return present();
}
