import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

const NAMES = [
  'Acme, Inc.',
  'ACME Inc',
  'Acme LLC',
  'Acme',
  'Walmart #12',
  'Walmart Store 99',
  'Wal-Mart Stores, Inc.',
  'Buena Park Honda',
  'Buena Park Toyota',
  'Unknown',
  '(1) Acme Corp; (2) Beta LLC',
  'Johnson Plumbing dba Quick Drain',
  'Quick Drain',
  'Smith & Sons Plumbing LLC',
  'Smith and Sons Plumbing, L.L.C.',
  'Kaiser Permanente (California)',
];

async function artifacts(dir: string): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const file of ['records.parquet', 'groups.parquet', 'pairs.parquet', 'alias_matches.parquet']) {
    out[file] = await readParquet(join(dir, file));
  }
  return JSON.stringify(out, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

test('a cached, resumed (--from) or uncached run produces the same records, groups and pairs as a fresh one', async () => {
  const dir = await tempDir();
  const body = NAMES.map((n, i) => `A${i},${quoteField(n)},2020-01-${String((i % 28) + 1).padStart(2, '0')}`).join(
    '\n',
  );
  const input = await writeInput(dir, 'accounts.csv', `Account ID,Account Name,Created Date\n${body}\n`);
  const workspace = join(dir, 'ws');
  const fresh = await runOn(input, { workspace, runId: 'fresh' });
  assert.ok(fresh.manifest.stages.every((s) => !s.cache_hit));
  const cached = await runOn(input, { workspace, runId: 'cached' });
  assert.ok(
    cached.manifest.stages.every((s) => s.cache_hit),
    'second run reuses every stage',
  );
  const resumed = await runOn(input, { workspace, runId: 'resumed', from: 'group' });
  const hits = Object.fromEntries(resumed.manifest.stages.map((s) => [s.name, s.cache_hit]));
  assert.equal(hits.score, true);
  assert.equal(hits.group, false);
  const uncached = await runOn(input, { workspace, runId: 'uncached', noCache: true, workers: 2 });
  const expected = await artifacts(fresh.dir);
  assert.equal(await artifacts(cached.dir), expected);
  assert.equal(await artifacts(resumed.dir), expected);
  assert.equal(await artifacts(uncached.dir), expected);
  assert.deepEqual(cached.manifest.counts, fresh.manifest.counts);
});

test('a config change re-runs only the stages that read the changed key', async () => {
  const dir = await tempDir();
  const input = await writeInput(
    dir,
    'a.csv',
    'Account ID,Account Name\nA1,Acme Inc\nA2,Acme Incorporated\nA3,Acme Plumbing Co\n',
  );
  const workspace = join(dir, 'ws');
  await runOn(input, { workspace, runId: 'one' });
  const second = await runOn(input, { workspace, runId: 'two', config: { canopy: { max_without_high_edge: 5 } } });
  const hits = Object.fromEntries(second.manifest.stages.map((s) => [s.name, s.cache_hit]));
  assert.deepEqual(
    [hits.ingest, hits.normalise, hits.classify, hits.block, hits.score, hits.group],
    [true, true, true, true, true, false],
  );
});
