import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Workspace } from '../../src/pipeline/workspace.js';
import { buildServer } from '../../src/server/server.js';
import { junction } from '../support/cli.js';
import { runOn, tempDir, writeInput } from '../support/run-fixture.js';

/** A workspace with one complete run and one whose manifest is damaged. */
async function workspaceWithDamagedRun(): Promise<{ root: string; good: string }> {
  const dir = await tempDir();
  const input = await writeInput(dir, 'accounts.csv', 'Account ID,Account Name\nA1,Acme\nA2,Acme Inc\n');
  const root = join(dir, 'ws');
  const run = await runOn(input, { workspace: root, runId: 'good' });
  await mkdir(join(root, 'runs', 'broken'));
  await writeFile(join(root, 'runs', 'broken', 'manifest.json'), '{"run_id": "broken", "status": ');
  return { root, good: run.runId };
}

test('runs list shows a damaged manifest as corrupt with the reason, beside the good runs', async () => {
  const { root, good } = await workspaceWithDamagedRun();
  const listed = await junction(['runs', 'list', '--workspace', root]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`^${good}\\s+complete`, 'm'));
  assert.match(listed.stdout, /^broken\s+corrupt\s+manifest\.json is not valid JSON/m);
  const json = JSON.parse((await junction(['runs', 'list', '--workspace', root, '--json'])).stdout) as {
    run_id: string;
    status: string;
  }[];
  assert.deepEqual(
    json.map((r) => `${r.run_id} ${r.status}`),
    [`${good} complete`, 'broken corrupt'],
  );
});

test('runs show says a damaged run is damaged (not "no such run"), and "no run" only when it does not exist', async () => {
  const { root } = await workspaceWithDamagedRun();
  const damaged = await junction(['runs', 'show', 'broken', '--workspace', root]);
  assert.equal(damaged.code, 1);
  assert.match(damaged.stderr, /^junction: run "broken" is damaged: manifest\.json is not valid JSON .*\n$/);
  const missing = await junction(['runs', 'show', 'nope', '--workspace', root]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^junction: no run "nope"/);
});

test('a damaged run can be deleted', async () => {
  const { root } = await workspaceWithDamagedRun();
  const deleted = await junction(['runs', 'delete', 'broken', '--workspace', root, '--yes']);
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.match(deleted.stdout, /^deleted broken/m);
  assert.deepEqual(
    (await new Workspace(root).listRunFolders()).corrupt.map((c) => c.run_id),
    [],
  );
});

test('the API answers 500 naming the damage for a damaged run, 404 only for a missing one', async () => {
  const { root } = await workspaceWithDamagedRun();
  const app = await buildServer({ workspace: root, engine: { memoryLimit: '512MB', threads: 1 }, onError: () => {} });
  try {
    const damaged = await app.inject({ url: '/api/runs/broken' });
    assert.equal(damaged.statusCode, 500);
    assert.match(damaged.json<{ error: string }>().error, /damaged: manifest\.json is not valid JSON/);
    assert.equal((await app.inject({ url: '/api/runs/nope' })).statusCode, 404);
  } finally {
    await app.close();
  }
});

test('a decisions journal that cannot be read is an error, not an empty journal', async () => {
  const { root, good } = await workspaceWithDamagedRun();
  // A symlink loop: stat fails with ELOOP, which is neither "no journal" nor a journal.
  await symlink(join(root, 'loop-b'), join(root, 'loop-a'));
  await symlink(join(root, 'loop-a'), join(root, 'loop-b'));
  await symlink(join(root, 'loop-a'), join(root, 'decisions.jsonl'));
  const app = await buildServer({ workspace: root, engine: { memoryLimit: '512MB', threads: 1 }, onError: () => {} });
  try {
    const response = await app.inject({ url: `/api/runs/${good}/decisions` });
    assert.equal(response.statusCode, 500);
    assert.match(response.json<{ error: string }>().error, /decisions journal .* cannot be read \(ELOOP\)/);
  } finally {
    await app.close();
  }
});
