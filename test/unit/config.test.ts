import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parseConfig, parseConfigText } from '../../src/config/load.js';
import { renderConfigReference } from '../../src/config/reference.js';
import { CROSS_FIELD_RULES, configSchema } from '../../src/config/schema.js';
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

test('all problems are reported together, one line each naming the key', () => {
  try {
    parseConfig({ thresholds: { high: 120, medium: 130 }, blocking: { max_block: 'x' }, nope: 1 }, 'junction.yaml');
    assert.fail('expected an error');
  } catch (error) {
    const lines = (error as Error).message.split('\n');
    assert.match(lines[0] as string, /^junction\.yaml: \d+ problems/);
    const problems = lines.slice(1);
    assert.ok(problems.some((l) => /^ {2}thresholds\.high: /.test(l)));
    assert.ok(problems.some((l) => /^ {2}blocking\.max_block: /.test(l)));
    assert.ok(problems.some((l) => /^ {2}unknown key nope$/.test(l)));
  }
});

/** A config that breaks exactly one cross-field rule, and the key its message must name. */
const CROSS_FIELD_CASES: readonly { name: string; config: unknown; key: string; words: RegExp }[] = [
  {
    name: 'thresholds.medium above thresholds.high',
    config: { thresholds: { high: 85, medium: 90 } },
    key: 'thresholds.medium',
    words: /90 is above thresholds\.high \(85\)/,
  },
  {
    name: 'pairs_floor above thresholds.medium',
    config: { pairs_floor: 90, thresholds: { high: 95, medium: 88 } },
    key: 'pairs_floor',
    words: /90 is above thresholds\.medium \(88\)/,
  },
  {
    name: 'suffix.equivalence naming a class no legal form has',
    config: { suffix: { equivalence: [['INC', 'INCORPORATED']] } },
    key: 'suffix.equivalence',
    words: /"INCORPORATED" is not a class of normalise\.legal_forms/,
  },
  {
    name: 'input.templates mapping an unknown field',
    config: { input: { templates: [{ match: '*.csv', columns: { account_nam: 'Name' } }] } },
    key: 'input.templates',
    words: /unknown field account_nam/,
  },
  {
    name: 'input.synonyms for an unknown field',
    config: { input: { synonyms: { acount_id: ['Id'] } } },
    key: 'input.synonyms',
    words: /unknown field acount_id/,
  },
];

for (const c of CROSS_FIELD_CASES) {
  test(`config refused at start-up: ${c.name}`, () => {
    assert.throws(
      () => parseConfig(c.config, 'junction.yaml'),
      (e: Error) =>
        e instanceof UsageError &&
        e.message.startsWith(`junction.yaml: ${c.key}: `) &&
        c.words.test(e.message) &&
        !e.message.includes('\n'),
    );
  });
}

test('every cross-field rule has a test case', () => {
  assert.equal(CROSS_FIELD_RULES.length, CROSS_FIELD_CASES.length);
});

test('equal thresholds and a floor at medium are accepted', () => {
  const config = parseConfig({ thresholds: { high: 90, medium: 90 }, pairs_floor: 90 }, 'junction.yaml');
  assert.equal(config.thresholds.medium, 90);
});

test('a cross-field problem is reported together with a shape problem elsewhere', () => {
  assert.throws(
    () => parseConfig({ thresholds: { high: 85, medium: 90 }, blocking: { window: 'x' } }, 'junction.yaml'),
    (e: Error) => /thresholds\.medium: 90 is above/.test(e.message) && /blocking\.window: /.test(e.message),
  );
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
