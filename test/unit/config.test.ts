import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parseConfig, parseConfigText } from '../../src/config/load.js';
import { renderConfigReference } from '../../src/config/reference.js';
import { configSchema } from '../../src/config/schema.js';
import { UsageError } from '../../src/core/errors.js';
import { PIPELINE_STAGES } from '../../src/pipeline/stages.js';
import { TOOL_VERSION } from '../../src/pipeline/version.js';

/** Keys read outside the stages: the runner and CLI read these directly. */
const READ_ELSEWHERE = ['engine', 'workers', 'review', 'input.dataset_name', 'input.templates', 'input.synonyms'];

function leaves(value: unknown, path: string, out: string[]): string[] {
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    path.split('.').length < 2 &&
    !path.endsWith('relationship_ranks') &&
    !path.endsWith('token_rewrites') &&
    !path.endsWith('synonyms')
  ) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.push(path);
  return out;
}

test('every config key is read by some stage or by the runner (no dead keys)', () => {
  const defaults = parseConfig({}, 'defaults');
  const claimed = [...PIPELINE_STAGES.flatMap((s) => s.configKeys), ...READ_ELSEWHERE];
  for (const key of leaves(defaults, '', [])) {
    assert.ok(
      claimed.some((c) => key === c || key.startsWith(`${c}.`) || c.startsWith(`${key}.`)),
      `config key ${key} is read by nobody`,
    );
  }
});

test('unknown keys are errors naming the key', () => {
  assert.throws(
    () => parseConfig({ thresholds: { hihg: 90 } }, 'junction.yaml'),
    (e: Error) => e instanceof UsageError && /unknown key thresholds\.hihg/.test(e.message),
  );
});

test('duplicate YAML keys are errors', () => {
  assert.throws(() => parseConfigText('pairs_floor: 70\npairs_floor: 71\n', 'junction.yaml'), UsageError);
});

test('all problems are reported together, on one line', () => {
  try {
    parseConfig({ thresholds: { high: 120 }, blocking: { max_block: 'x' }, nope: 1 }, 'junction.yaml');
    assert.fail('expected an error');
  } catch (error) {
    const message = (error as Error).message;
    assert.match(message, /thresholds\.high/);
    assert.match(message, /blocking\.max_block/);
    assert.match(message, /unknown key nope/);
    assert.ok(!message.includes('\n'));
  }
});

test('docs/reference/config.md is generated from the schema and up to date', async () => {
  const committed = await readFile(new URL('../../docs/reference/config.md', import.meta.url), 'utf8');
  assert.equal(committed, renderConfigReference(), 'run: node --import tsx tools/gen-config-docs.ts');
});

test('the tool version matches package.json', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(TOOL_VERSION, pkg.version);
});

test('the schema accepts an empty document', () => {
  assert.ok(configSchema.parse({}).thresholds.high > configSchema.parse({}).thresholds.medium);
});
