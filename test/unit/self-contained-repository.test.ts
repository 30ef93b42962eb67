/**
 * A clean clone holds everything it refers to (issue 12 defect 1: three tests read `../shared/data/*.csv` and the
 * README linked `../shared/SPEC.md`, so `npm test` failed on a machine with only the repository). Every relative
 * path written in src, test, bench, tools, the web app and the top-level Markdown resolves inside the repository,
 * nothing names an absolute machine path, and every local Markdown link of the top-level documents exists.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PUBLIC_SUITE } from '../../bench/accuracy-suite.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED_FOLDERS = ['src', 'test', 'bench', 'tools', 'web/src'];
const TOP_LEVEL_DOCUMENTS = ['README.md', 'ACCURACY.md', 'BENCHMARKS.md', 'CHANGELOG.md', 'docs/product/README.md'];
const TEXT_FILE = /\.(ts|tsx|mts|mjs|js|json|md|yaml|yml)$/;
/** A run of `../` and what follows it: a relative path as code, comments and Markdown write it. */
const PARENT_PATH = /(?:\.\.\/)+[\w@.\-/]*/g;
/** Absolute paths of the development machines' checkouts and product folder (built so this file does not match). */
const MACHINE_PATH = new RegExp(['', 'work', '(?:shared|main|wt)\\b'].join('/'));

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && TEXT_FILE.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.split('/').includes('node_modules'));
}

async function scannedFiles(): Promise<string[]> {
  const nested = await Promise.all(SCANNED_FOLDERS.map(filesUnder));
  return [...nested.flat(), ...TOP_LEVEL_DOCUMENTS.filter((file) => existsSync(join(ROOT, file)))];
}

function escapesRepository(file: string, path: string): boolean {
  return relative(ROOT, resolve(dirname(join(ROOT, file)), path)).startsWith('..');
}

test('no file in src, test, bench, tools, web or the top-level docs refers to a path outside the repository', async () => {
  const outside: string[] = [];
  for (const file of await scannedFiles()) {
    const text = await readFile(join(ROOT, file), 'utf8');
    for (const [path] of text.matchAll(PARENT_PATH)) {
      if (escapesRepository(file, path)) outside.push(`${file}: ${path}`);
    }
    const machinePath = MACHINE_PATH.exec(text);
    if (machinePath !== null) outside.push(`${file}: ${machinePath[0]}`);
  }
  assert.deepEqual(outside, [], 'copy what these name into the repository (fixtures, docs/product/) and point there');
});

test('every local link of the top-level Markdown documents names a file of the repository', async () => {
  const missing: string[] = [];
  for (const file of TOP_LEVEL_DOCUMENTS.filter((document) => existsSync(join(ROOT, document)))) {
    const text = await readFile(join(ROOT, file), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      if (target === undefined || /^[a-z]+:/.test(target)) continue;
      if (!existsSync(resolve(dirname(join(ROOT, file)), target))) missing.push(`${file}: ${target}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the public labelled sets are vendored with their licence and the accuracy suite reads them from there', () => {
  const fixtures = join(ROOT, 'test', 'fixtures', 'public');
  for (const document of ['LICENSE', 'README.md']) assert.ok(existsSync(join(fixtures, document)), document);
  for (const entry of PUBLIC_SUITE) {
    assert.equal(relative(fixtures, entry.data).startsWith('..'), false, `${entry.name} reads ${entry.data}`);
    assert.ok(existsSync(entry.data), entry.data);
  }
});
