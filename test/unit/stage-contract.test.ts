import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { configLeafKeys } from '../../src/config/config-keys.js';
import { parseConfig } from '../../src/config/load.js';
import { moduleImports, stageCodeHash } from '../../src/pipeline/stage-code.js';
import { stageConfigView, UndeclaredConfigKeyError } from '../../src/pipeline/stage-config.js';
import { tempDir } from '../support/run-fixture.js';

const defaults = parseConfig({}, 'defaults');

test('a stage reading a config key it did not declare gets an error naming the key', () => {
  const view = stageConfigView(defaults, ['thresholds', 'normalise.weak_tokens'], 'group');
  assert.equal(view.thresholds.medium, defaults.thresholds.medium);
  assert.deepEqual([...view.normalise.weak_tokens], defaults.normalise.weak_tokens);
  assert.throws(
    () => view.pairs_floor,
    (e: Error) => e instanceof UndeclaredConfigKeyError && /stage group read config key pairs_floor/.test(e.message),
  );
  assert.throws(
    () => view.normalise.legal_forms,
    (e: Error) => e instanceof UndeclaredConfigKeyError && /normalise\.legal_forms/.test(e.message),
  );
});

test('the config a stage sees is read-only, down to its lists', () => {
  const view = stageConfigView(defaults, ['thresholds', 'blacklist'], 'classify');
  assert.throws(() => {
    (view.thresholds as { high: number }).high = 1;
  }, TypeError);
  assert.throws(() => {
    (view.blacklist.terms as string[]).push('x');
  }, TypeError);
  assert.equal(defaults.thresholds.high, parseConfig({}, 'defaults').thresholds.high);
});

test('a stage view spreads and serialises only its declared keys', () => {
  const view = stageConfigView(defaults, ['thresholds.high', 'pairs_floor'], 'score');
  assert.deepEqual(JSON.parse(JSON.stringify(view)), {
    thresholds: { high: defaults.thresholds.high },
    pairs_floor: defaults.pairs_floor,
  });
  assert.deepEqual(Object.keys(view), ['thresholds', 'pairs_floor']);
  assert.equal('blocking' in view, false);
});

test('the view reports each leaf read, for the dead-keys test', () => {
  const reads: string[] = [];
  const view = stageConfigView(defaults, ['normalise'], 'normalise', (key) => reads.push(key));
  void view.normalise.token_rewrites;
  void view.normalise.legal_forms[0];
  assert.deepEqual(reads, ['normalise.token_rewrites', 'normalise.legal_forms']);
});

test('config leaf keys come from the schema (free-form maps are leaves)', () => {
  const leaves = configLeafKeys();
  assert.ok(leaves.includes('thresholds.medium'));
  assert.ok(leaves.includes('normalise.token_rewrites'));
  assert.ok(!leaves.some((k) => k.startsWith('normalise.token_rewrites.')));
});

test('moduleImports finds static, re-exported, side-effect, dynamic and worker imports and marks type-only ones', () => {
  const text = [
    "import type { A } from './a.js';",
    "import { type B, c } from './c.js';",
    'import {',
    '  d,',
    "} from './d.js';",
    "export { e } from './e.js';",
    "export type { F } from './f.js';",
    "import './side.js';",
    "const g = await import('./g.js');",
    "new Worker(new URL('./worker.js', import.meta.url));",
    "// import { h } from './commented.js';",
  ].join('\n');
  assert.deepEqual(
    moduleImports(text).map((i) => `${i.specifier}${i.typeOnly ? ' (type)' : ''}${i.dynamic ? ' (dynamic)' : ''}`),
    [
      './a.js (type)',
      './c.js',
      './d.js',
      './e.js',
      './f.js (type)',
      './side.js',
      './g.js (dynamic)',
      './worker.js (dynamic)',
    ],
  );
});

/** A stage module `stage.ts` importing `./rule.js` (a value) and `./shape.js` (types only), in its own folder. */
async function stageFixture(): Promise<{ dir: string; url: string }> {
  const dir = join(await tempDir(), 'src');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'stage.ts'),
    "import type { Shape } from './shape.js';\nimport { rule } from './rule.js';\nexport const s: Shape = rule;\n",
  );
  await writeFile(join(dir, 'rule.ts'), "import { deeper } from './deeper.js';\nexport const rule = deeper + 1;\n");
  await writeFile(join(dir, 'deeper.ts'), 'export const deeper = 1;\n');
  await writeFile(join(dir, 'shape.ts'), 'export type Shape = number;\n');
  return { dir, url: pathToFileURL(join(dir, 'stage.ts')).href };
}

test('a stage cache key changes when a module it imports at run time changes, however deep', async () => {
  const { url } = await stageFixture();
  const { url: sameUrl } = await stageFixture();
  const { dir: changed, url: changedUrl } = await stageFixture();
  await writeFile(join(changed, 'deeper.ts'), 'export const deeper = 2;\n');
  const before = await stageCodeHash(url);
  assert.equal(await stageCodeHash(sameUrl), before, 'the same code in another folder hashes the same');
  assert.notEqual(await stageCodeHash(changedUrl), before);
});

test('a type-only import does not change the stage code hash (erased at run time, absent from dist/)', async () => {
  const { url } = await stageFixture();
  const { dir: copy, url: copyUrl } = await stageFixture();
  await writeFile(join(copy, 'shape.ts'), 'export type Shape = number | string;\n');
  assert.equal(await stageCodeHash(copyUrl), await stageCodeHash(url));
});

test('a package a stage imports counts with its installed version', async () => {
  const { dir, url } = await stageFixture();
  const { dir: copy, url: copyUrl } = await stageFixture();
  for (const [root, version] of [
    [dir, '1.0.0'],
    [copy, '1.0.1'],
  ] as const) {
    await mkdir(join(root, 'node_modules', 'left-pad'), { recursive: true });
    await writeFile(join(root, 'node_modules', 'left-pad', 'package.json'), JSON.stringify({ version }));
    await writeFile(join(root, 'deeper.ts'), "import pad from 'left-pad';\nexport const deeper = pad;\n");
  }
  assert.notEqual(await stageCodeHash(copyUrl), await stageCodeHash(url));
});
