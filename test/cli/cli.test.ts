import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { junction } from '../support/cli.js';
import { tempDir, writeInput } from '../support/run-fixture.js';

test('bad input exits 1 with one line and no stack trace', async () => {
  const dir = await tempDir();
  const result = await junction(['run', join(dir, 'missing.csv'), '--workspace', join(dir, 'ws')]);
  assert.equal(result.code, 1);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^junction: .*no such file/);
  assert.doesNotMatch(result.stderr, /\bat .*\.ts:\d+/);
});

test('a bad config key exits 1 naming the key', async () => {
  const dir = await tempDir();
  const input = await writeInput(dir, 'a.csv', 'Account ID,Account Name\nA1,Acme\n');
  const config = await writeInput(dir, 'junction.yaml', 'grouping:\n  max_shared_token_dfs: 0.1\n');
  const result = await junction(['run', input, '--config', config, '--workspace', join(dir, 'ws')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /unknown key grouping\.max_shared_token_dfs/);
});

test('a duplicate config key is an error', async () => {
  const dir = await tempDir();
  const input = await writeInput(dir, 'a.csv', 'Account ID,Account Name\nA1,Acme\n');
  const config = await writeInput(dir, 'junction.yaml', 'thresholds:\n  high: 90\nthresholds:\n  high: 95\n');
  const result = await junction(['run', input, '--config', config, '--workspace', join(dir, 'ws')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /unique|duplicate/i);
});

test('--col naming a missing header is an error that lists the headers', async () => {
  const dir = await tempDir();
  const input = await writeInput(dir, 'a.csv', 'Acct,Company\nA1,Acme\n');
  const result = await junction(['run', input, '--col', 'account_name=Nope', '--workspace', join(dir, 'ws')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Company/);
});

test('run --json, then runs list / show / pin / delete with the safety rules', async () => {
  const dir = await tempDir();
  const ws = join(dir, 'ws');
  const input = await writeInput(dir, 'a.csv', 'Account ID,Account Name\nA1,Acme Inc\nA2,ACME Inc.\nA3,Beta\n');
  const first = await junction(['run', input, '--workspace', ws, '--run-id', 'r1', '--json']);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout) as { run_id: string; counts: Record<string, number> };
  assert.equal(summary.run_id, 'r1');
  assert.equal(summary.counts.rows_in, 3);
  assert.equal(summary.counts.groups, 2);
  const second = await junction(['run', input, '--workspace', ws, '--run-id', 'r2', '--quiet']);
  assert.equal(second.code, 0, second.stderr);

  const list = await junction(['runs', 'list', '--workspace', ws]);
  assert.match(list.stdout, /r2 .*complete.*\[latest\]/);
  const show = await junction(['runs', 'show', 'r1', '--workspace', ws, '--json']);
  assert.equal((JSON.parse(show.stdout) as { status: string }).status, 'complete');
  // Issue 13: without --json, a readable summary instead of raw JSON.
  const words = await junction(['runs', 'show', 'r2', '--workspace', ws]);
  assert.equal(words.code, 0, words.stderr);
  assert.match(words.stdout, /^run r2 {2}complete {2}\[latest\]\n/);
  assert.match(words.stdout, /\n {2}counts +3 rows in, 3 records, 0 rejected, 2 groups/);
  assert.match(words.stdout, /\n {2}decisions +journal read up to seq 0; applied none/);
  assert.doesNotMatch(words.stdout, /^\{/);

  // The newest complete run is protected; a pinned run too; others are previewed until --yes.
  const newest = await junction(['runs', 'delete', 'r2', '--workspace', ws, '--yes']);
  assert.match(newest.stdout, /keep\s+r2 \(the newest complete run\)/);
  assert.equal((await junction(['runs', 'pin', 'r1', '--workspace', ws])).code, 0);
  const pinned = await junction(['runs', 'delete', 'r1', '--workspace', ws, '--yes']);
  assert.match(pinned.stdout, /keep\s+r1 \(pinned/);
  assert.equal((await junction(['runs', 'unpin', 'r1', '--workspace', ws])).code, 0);
  const preview = await junction(['runs', 'delete', 'r1', '--workspace', ws]);
  assert.match(preview.stdout, /would delete r1/);
  const listed = await junction(['runs', 'list', '--workspace', ws, '--json']);
  assert.equal((JSON.parse(listed.stdout) as unknown[]).length, 2);
  const deleted = await junction(['runs', 'delete', 'r1', '--workspace', ws, '--yes']);
  assert.match(deleted.stdout, /deleted r1/);
  const audit = await readFile(join(ws, 'audit.log'), 'utf8');
  assert.match(audit, /deleted run r1/);
  const unknown = await junction(['runs', 'show', 'nope', '--workspace', ws]);
  assert.equal(unknown.code, 1);
});

test('a running manifest whose process is gone shows as failed (stale)', async () => {
  const dir = await tempDir();
  const ws = join(dir, 'ws');
  const input = await writeInput(dir, 'a.csv', 'Account ID,Account Name\nA1,Acme Inc\n');
  assert.equal((await junction(['run', input, '--workspace', ws, '--run-id', 'dead', '--quiet'])).code, 0);
  const path = join(ws, 'runs', 'dead', 'manifest.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  manifest.status = 'running';
  manifest.pid = 2 ** 22 + 12345; // above pid_max: never alive
  await writeInput(join(ws, 'runs', 'dead'), 'manifest.json', JSON.stringify(manifest));
  const list = await junction(['runs', 'list', '--workspace', ws]);
  assert.match(list.stdout, /dead\s+failed \(stale\)/);
});
