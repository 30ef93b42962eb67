import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { configLeafKeys } from '../../src/config/config-keys.js';
import { parseConfig, parseConfigText } from '../../src/config/load.js';
import { renderConfigReference } from '../../src/config/reference.js';
import { CROSS_FIELD_RULES, configSchema } from '../../src/config/schema.js';
import { UsageError } from '../../src/core/errors.js';
import { quoteField } from '../../src/input/csv-write.js';
import { executeRun } from '../../src/pipeline/run.js';
import { PIPELINE_STAGES } from '../../src/pipeline/stages.js';
import { TOOL_VERSION } from '../../src/pipeline/version.js';
import { Workspace } from '../../src/pipeline/workspace.js';
import { tempDir, writeInput } from '../support/run-fixture.js';

/** Keys read outside the stages: the runner (engine, input.dataset_name), the CLI (workers), the review server (review). */
const READ_ELSEWHERE = ['engine', 'workers', 'review', 'input.dataset_name', 'matching.steward_aliases'];

let reads: Promise<Map<string, Set<string>>> | null = null;

/**
 * The stages' actual reads, through their read-only config views (issue 12 item 8: declarations alone proved
 * nothing), on a file that exercises every stage: aliases, junk, a multi-name entry, near duplicates.
 */
function stageReads(): Promise<Map<string, Set<string>>> {
  reads ??= (async () => {
    const dir = await tempDir();
    const names = [
      'Acme, Inc.',
      'ACME Inc',
      'Acme Corp',
      'Walmart #12',
      'Wal-Mart Stores, Inc.',
      'Unknown',
      '(1) Acme Corp; (2) Beta LLC',
      'Johnson Plumbing dba Quick Drain',
      'Quick Drain LLC',
    ];
    const body = names.map((n, i) => `A${i},${quoteField(n)},Customer,2020-01-0${(i % 9) + 1}`).join('\n');
    const input = await writeInput(dir, 'accounts.csv', `Account ID,Account Name,Relationship,Created Date\n${body}\n`);
    const seen = new Map<string, Set<string>>();
    await executeRun({
      workspace: new Workspace(join(dir, 'ws')),
      config: parseConfig({}, 'test'),
      inputPath: input,
      sheet: null,
      encoding: 'auto',
      colOverrides: {},
      excludeHeaders: [],
      decisions: null,
      noCache: true,
      workers: 1,
      onConfigRead: (stage, key) => {
        const keys = seen.get(stage) ?? new Set<string>();
        keys.add(key);
        seen.set(stage, keys);
      },
    });
    return seen;
  })();
  return reads;
}

const covers = (claim: string, key: string): boolean =>
  key === claim || key.startsWith(`${claim}.`) || claim.startsWith(`${key}.`);

test('every config key is read by some stage or by the runner, CLI or server (no dead keys)', async () => {
  const read = [...[...(await stageReads()).values()].flatMap((keys) => [...keys]), ...READ_ELSEWHERE];
  for (const key of configLeafKeys()) {
    assert.ok(
      read.some((r) => covers(r, key)),
      `config key ${key} is read by nobody`,
    );
  }
});

test('every key a stage declares is one it reads (a declared key it never reads only invalidates its cache)', async () => {
  const all = await stageReads();
  for (const stage of PIPELINE_STAGES) {
    const keys = [...(all.get(stage.name) ?? [])];
    for (const declared of stage.configKeys) {
      assert.ok(
        keys.some((k) => covers(declared, k)),
        `stage ${stage.name} declares ${declared} but never reads it`,
      );
    }
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
