import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await tsFiles(path)));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

/** STYLE §2: core holds pure rules and imports nothing outside core (any-ascii is its one library: SPEC §3 step 1). */
test('src/core imports nothing outside src/core', async () => {
  const core = join(SRC, 'core');
  for (const file of await tsFiles(core)) {
    for (const spec of await importsOf(file)) {
      if (spec === 'any-ascii') continue;
      assert.ok(spec.startsWith('.'), `${relative(SRC, file)} imports package ${spec}`);
      const target = resolve(dirname(file), spec);
      assert.ok(target.startsWith(core), `${relative(SRC, file)} imports ${spec} from outside core`);
    }
  }
});

/** STYLE §2: engine/ is the only importer of @duckdb/node-api. */
test('only src/engine imports @duckdb/node-api', async () => {
  for (const file of await tsFiles(SRC)) {
    if (file.startsWith(join(SRC, 'engine'))) continue;
    assert.ok(!(await importsOf(file)).includes('@duckdb/node-api'), `${relative(SRC, file)} imports DuckDB directly`);
  }
});

/** Nothing imports the CLI. */
test('nothing imports src/cli', async () => {
  for (const file of await tsFiles(SRC)) {
    if (file.startsWith(join(SRC, 'cli'))) continue;
    for (const spec of await importsOf(file))
      assert.ok(!resolve(dirname(file), spec).startsWith(join(SRC, 'cli')), `${relative(SRC, file)} imports the CLI`);
  }
});

/**
 * STYLE §2: the web app compiles against `src/shared` only — plus one pure core rule, `salesforce-id`, so the
 * decision overlay matches 15- and 18-character ids exactly as the journal does. Never the engine, server or node:*.
 */
test('web/src imports only web/src, src/shared and src/core/salesforce-id', async () => {
  const web = fileURLToPath(new URL('../../web/src/', import.meta.url));
  const allowed = [join(SRC, 'shared'), join(SRC, 'core', 'salesforce-id.js'), web];
  for (const file of await tsFiles(web)) {
    for (const spec of await importsOf(file)) {
      assert.ok(!spec.startsWith('node:'), `${relative(web, file)} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      assert.ok(
        allowed.some((a) => target.startsWith(a)),
        `${relative(web, file)} imports ${spec}`,
      );
    }
  }
});

/**
 * STYLE §2: src/shared imports zod only — plus pure core modules that import nothing themselves (the decision
 * model keys ids with `salesforce-id`, issue 13), so the web app can run the very same code.
 */
test('src/shared imports only zod, src/shared and import-free core modules', async () => {
  const shared = join(SRC, 'shared');
  for (const file of await tsFiles(shared)) {
    for (const spec of await importsOf(file)) {
      if (spec === 'zod') continue;
      assert.ok(spec.startsWith('.'), `${relative(SRC, file)} imports package ${spec}`);
      const target = resolve(dirname(file), spec);
      if (target.startsWith(shared)) continue;
      assert.ok(target.startsWith(join(SRC, 'core')), `${relative(SRC, file)} imports ${spec}`);
      const source = target.replace(/\.js$/, '.ts');
      assert.deepEqual(await importsOf(source), [], `${relative(SRC, source)} must import nothing to be shared`);
    }
  }
});
