import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { aliasLookupJob } from '../../src/pipeline/alias.js';
import type { KeysBundle } from '../../src/pipeline/block.js';
import { readBundle } from '../../src/pipeline/bundle.js';
import type { ClassesBundle } from '../../src/pipeline/classify.js';
import type { NamesBundle } from '../../src/pipeline/normalise.js';
import { type AliasLookupJob, lookUpAliases, lookUpAliasesOnWorker } from '../../src/workers/alias-lookups.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

// Issue 14: the group stage starts the alias stage's look-ups on a worker thread, since they read no grouping; a
// resumed run, whose bundles come from the cache, looks up on the stage's own thread. Both must find the same.
const NAMES = [
  'Johnson Plumbing dba Quick Drain',
  'Quick Drain',
  'Quick Drain Inc',
  'Harbor Freight Tools',
  'Harbour Freight Tools',
  'Acme Holdings LLC aka Harbor Freight',
  '(1) Acme Corp; (2) Beta Logistics LLC',
  'Acme Corp',
  'ACME Corporation',
  'Beta Logistics',
  'Beta Logistics LLC',
  'Walmart #12',
  'Kaiser Permanente (California)',
  'Kaiser Permanente',
  'Unknown',
];

async function fixtureRun() {
  const dir = await tempDir();
  const body = NAMES.map((name, i) => `A${i},${quoteField(name)}`).join('\n');
  const input = await writeInput(dir, 'accounts.csv', `Account ID,Account Name\n${body}\n`);
  return { input, workspace: join(dir, 'ws') };
}

async function cached<T extends object>(workspace: string, stage: string, artifact: string): Promise<T> {
  const [key] = await readdir(join(workspace, 'cache', stage));
  return readBundle<T & Record<string, never>>(join(workspace, 'cache', stage, key as string, artifact));
}

/** The alias stage's job of the fixture, made of the bundles a run left in its cache. */
async function fixtureJob(): Promise<AliasLookupJob> {
  const { input, workspace } = await fixtureRun();
  const run = await runOn(input, { workspace });
  const names = await cached<NamesBundle>(workspace, 'normalise', 'names.bin');
  const classes = await cached<ClassesBundle>(workspace, 'classify', 'classes.bin');
  const keys = await cached<KeysBundle>(workspace, 'block', 'keys.bin');
  return aliasLookupJob(names, classes, keys, run.config);
}

test('the alias look-ups on a worker thread are the ones made on the calling thread, aliases and mentions alike', async () => {
  const job = await fixtureJob();
  assert.equal(job.index, undefined, 'keys read back from the cache: the index is built where the look-ups run');
  const here = await lookUpAliases(job, 1);
  const there = await lookUpAliasesOnWorker(job);
  assert.deepEqual(there, here);
  const kept = [...here.pairQuery].map((j) => here.queries[j]);
  assert.ok(
    kept.some((q) => q?.mention === true),
    'a name of the multi-name record is kept',
  );
  assert.ok(
    kept.some((q) => q?.mention === false),
    'an alias is kept',
  );
  const floor = (j: number): number => (here.queries[j]?.mention === true ? job.medium : job.high);
  here.pairQuery.forEach((j, p) => {
    assert.ok((here.pairScore[p] as number) >= floor(j), 'only pairs at their query threshold are kept');
  });
});

test('a run whose group stage looked the aliases up ahead matches a run resumed at the alias stage', async () => {
  const { input, workspace } = await fixtureRun();
  const fresh = await runOn(input, { workspace, runId: 'fresh' });
  const resumed = await runOn(input, { workspace, runId: 'resumed', from: 'alias' });
  const hits = Object.fromEntries(resumed.manifest.stages.map((s) => [s.name, s.cache_hit]));
  assert.deepEqual([hits.group, hits.survive, hits.alias], [true, true, false]);
  const matches = await readParquet(join(fresh.dir, 'alias_matches.parquet'));
  assert.ok(matches.length > 0);
  assert.deepEqual(await readParquet(join(resumed.dir, 'alias_matches.parquet')), matches);
  const aliasCounts = (counts: Record<string, number>) =>
    ['aliases_looked_up', 'alias_matches', 'multi_name_records', 'mentions'].map((name) => counts[name]);
  assert.deepEqual(aliasCounts(resumed.manifest.counts), aliasCounts(fresh.manifest.counts));
});

test('a worker whose look-ups fail rejects with the reason', async () => {
  const job = await fixtureJob();
  const broken = { ...job, blocking: { ...job.blocking, windowSize: 0 } };
  await assert.rejects(lookUpAliasesOnWorker(broken), /alias look-ups failed in a worker thread: .*windowSize=0/);
});
