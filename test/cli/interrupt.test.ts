import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '../../src/generate/index.js';
import { tempDir } from '../support/run-fixture.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

test('Ctrl-C marks the run interrupted and exits 130', async () => {
  const dir = await tempDir();
  const input = join(dir, 'big.csv');
  await generateDataset({ rows: 30_000, seed: 5, out: input });
  const ws = join(dir, 'ws');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'run', input, '--workspace', ws, '--quiet', '--no-cache'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  // Wait until the run's manifest exists (the interrupt handler is in place by then), then interrupt.
  for (let i = 0; i < 400; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const runs = await readdir(join(ws, 'runs')).catch(() => [] as string[]);
    const manifests = await Promise.all(runs.map((r) => readdir(join(ws, 'runs', r)).catch(() => [] as string[])));
    if (manifests.some((files) => files.includes('manifest.json'))) break;
  }
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130, stderr);
  const [runId] = await readdir(join(ws, 'runs'));
  const manifest = JSON.parse(await readFile(join(ws, 'runs', runId as string, 'manifest.json'), 'utf8')) as {
    status: string;
  };
  assert.equal(manifest.status, 'interrupted');
});
