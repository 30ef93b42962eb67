/**
 * Lists exports of src/ that no other file names (issue 12 item 9: dead code). `unused` means the name appears
 * nowhere but its declaration: delete it. `file-local` means only its own file uses it: drop the `export`,
 * unless it is a type that an exported signature needs. A name is matched as a whole word in src, test, bench,
 * tools and web/src, so a false "used" is possible (a common word), a false "unused" is not.
 *
 *   node --import tsx tools/find-unused-exports.ts [--unused-only]
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SEARCHED = ['src', 'test', 'bench', 'tools', 'web/src'];
const EXPORT =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function\*?|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...(await sourceFiles(path)));
    } else if (/\.(ts|tsx|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

const files = (await Promise.all(SEARCHED.map((d) => sourceFiles(join(ROOT, d))))).flat();
const texts = new Map(await Promise.all(files.map(async (f) => [f, await readFile(f, 'utf8')] as const)));
const unusedOnly = process.argv.includes('--unused-only');
for (const [file, text] of texts) {
  if (!relative(ROOT, file).startsWith('src/')) continue;
  for (const match of text.matchAll(EXPORT)) {
    const name = match[1] as string;
    const word = new RegExp(`\\b${name.replaceAll('$', '\\$')}\\b`, 'g');
    if ([...texts].some(([other, t]) => other !== file && word.test(t))) continue;
    const own = text.match(word)?.length ?? 0;
    if (unusedOnly && own > 1) continue;
    process.stdout.write(`${relative(ROOT, file)}: ${name} (${own > 1 ? 'file-local' : 'unused'})\n`);
  }
}
