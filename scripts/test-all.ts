import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from './lib/chromium';
import { dataDir } from './lib/paths';

/**
 * The whole suite: type-check, lint and formatting, then every jest test (unit, database, Xledger over HTTP, workflows on a real
 * Temporal dev server, end-to-end). Ends with one plain "N passed, N failed" line.
 */
function run(command: string, args: string[]): number {
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? 'true' } });
  return r.status ?? 1;
}

const bin = (name: string) => path.join(__dirname, '..', 'node_modules', '.bin', name);
fs.mkdirSync(dataDir, { recursive: true });
const resultsFile = path.join(dataDir, 'jest-results.json');
fs.rmSync(resultsFile, { force: true });

console.log('» type-check (tsc --noEmit)');
const tscCode = run(bin('tsc'), ['--noEmit', '-p', '.']);
console.log('» lint (eslint, prettier --check)');
const lintCode = run(bin('eslint'), ['.']) || run(bin('prettier'), ['--check', '--log-level', 'warn', '.']);
console.log('» chromium (for the browser test against Temporal UI)');
let chromiumCode = 0;
try {
  process.env.XSYNC_CHROMIUM_PATH = findChromium((line) => console.log(`  ${line}`));
  console.log(`  ${process.env.XSYNC_CHROMIUM_PATH}`);
} catch (err) {
  console.log(`  ${(err as Error).message}`);
  chromiumCode = 1;
}
console.log('» jest');
const jestCode = run(bin('jest'), ['--runInBand', '--ci', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
}
if (tscCode !== 0) {
  console.log('type-check failed');
  failed += 1;
}
if (lintCode !== 0) {
  console.log('lint failed (npm run format fixes the formatting)');
  failed += 1;
}
if (chromiumCode !== 0) {
  console.log('no Chromium: the browser test cannot run');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(tscCode !== 0 || lintCode !== 0 || chromiumCode !== 0 || jestCode !== 0 || passed === 0 ? 1 : 0);
