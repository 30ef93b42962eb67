/**
 * Writes docs/reference/config.md from the zod schema (STYLE §3.4: documented from its schema, never by hand).
 * Run: node --import tsx tools/gen-config-docs.ts [--check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderConfigReference } from '../src/config/reference.js';

const target = fileURLToPath(new URL('../docs/reference/config.md', import.meta.url));
const text = renderConfigReference();
if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    process.stderr.write('docs/reference/config.md is out of date: run node --import tsx tools/gen-config-docs.ts\n');
    process.exit(1);
  }
} else {
  await writeFile(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
