import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { junction } from '../support/cli.js';
import { runOn, tempDir, writeInput } from '../support/run-fixture.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/**
 * `engine.memory_limit` reaches DuckDB in `review` and `export` (issue 12 item 8: both used the defaults):
 * a limit too small for any query makes them fail, where the default succeeds.
 */
async function fixture(): Promise<{ root: string; runId: string; tiny: string }> {
  const dir = await tempDir();
  const input = await writeInput(dir, 'accounts.csv', 'Account ID,Account Name\nA1,Acme\nA2,Acme Inc\nA3,Beta\n');
  const root = join(dir, 'ws');
  const run = await runOn(input, { workspace: root, runId: 'r1' });
  const tiny = join(dir, 'tiny.yaml');
  await writeFile(tiny, 'engine: { memory_limit: "1KB", threads: 1 }\n');
  return { root, runId: run.runId, tiny };
}

test('junction export uses engine.memory_limit from --config', async () => {
  const { root, runId, tiny } = await fixture();
  const out = join(root, 'groups.csv');
  const base = ['export', runId, '--scope', 'groups', '--format', 'csv', '--workspace', root, '--out', out];
  const ok = await junction(base);
  assert.equal(ok.code, 0, ok.stderr);
  const starved = await junction([...base, '--config', tiny]);
  assert.notEqual(starved.code, 0);
  assert.match(starved.stderr, /Out of Memory/);
});

test('junction review uses engine.memory_limit from --config', async () => {
  const { root, runId, tiny } = await fixture();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'review', '--workspace', root, '--port', '0', '--config', tiny],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        const found = /review UI: (http:\/\/\S+)/.exec(text);
        if (found !== null) resolve(found[1] as string);
      });
      child.on('close', (code) => reject(new Error(`review exited ${code}`)));
    });
    const response = await fetch(new URL(`/api/runs/${runId}/groups`, url));
    assert.equal(response.status, 500);
    assert.match(((await response.json()) as { error: string }).error, /Out of Memory/);
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.on('close', resolve));
  }
});
