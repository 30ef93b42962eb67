import assert from 'node:assert/strict';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { Engine } from '../../src/engine/database.js';
import { runStages, type Stage } from '../../src/pipeline/runner.js';
import { tempDir } from '../support/run-fixture.js';

const config = parseConfig({}, 'defaults');

/** A write that finishes when `release` is called, recording when it did. */
function slowWrite(path: string, log: string[]): { write: Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const write = gate.then(async () => {
    await writeFile(path, 'held');
    log.push('write done');
  });
  return { write, release };
}

function runnerOptions(cacheDir: string) {
  return {
    cacheDir,
    openEngine: (): Promise<Engine> => Promise.reject(new Error('no engine in this test')),
    config,
    options: {},
    workers: 1,
    noCache: true,
  };
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

test('a stage runs while the stage before it still writes a file it holds in memory; a stage reading that file from disk waits', async () => {
  const cacheDir = await tempDir();
  const log: string[] = [];
  let release = (): void => undefined;
  const first: Stage = {
    name: 'ingest',
    module: import.meta.url,
    inputs: [],
    outputs: ['held.bin', 'plain.txt'],
    configKeys: [],
    async run(ctx) {
      const slow = slowWrite(ctx.output('held.bin'), log);
      release = slow.release;
      ctx.defer(slow.write);
      ctx.memo.set('held.bin', 'in memory');
      await writeFile(ctx.output('plain.txt'), 'plain');
      return {};
    },
  };
  const second: Stage = {
    name: 'normalise',
    module: import.meta.url,
    inputs: ['held.bin'],
    outputs: ['second.txt'],
    configKeys: [],
    async run(ctx) {
      log.push(`second reads ${String(ctx.memo.get('held.bin'))}`);
      // As the stats stage does with what only the write stage reads: let the memory go, the file stays.
      ctx.memo.delete('held.bin');
      // Only now may the first stage's write end: the second stage did not wait for it.
      release();
      await writeFile(ctx.output('second.txt'), 'x');
      return {};
    },
  };
  const third: Stage = {
    name: 'classify',
    module: import.meta.url,
    inputs: ['plain.txt', 'held.bin'],
    outputs: ['third.txt'],
    configKeys: [],
    async run(ctx) {
      // held.bin is no longer in memory: it is read from the first stage's folder, once complete.
      log.push(`third reads ${await readFile(ctx.input('held.bin'), 'utf8')}`);
      await writeFile(ctx.output('third.txt'), 'x');
      return {};
    },
  };
  const outcomes = await runStages([first, second, third], runnerOptions(cacheDir));
  assert.deepEqual(log, ['second reads in memory', 'write done', 'third reads held']);
  for (const outcome of outcomes) assert.ok(await exists(join(outcome.dir, 'stage.json')), outcome.name);
  assert.equal(await readFile(join(outcomes[0]?.dir as string, 'held.bin'), 'utf8'), 'held');
});

test('a deferred write that fails fails the run and leaves no cache folder, complete or half-written', async () => {
  const cacheDir = await tempDir();
  const failing: Stage = {
    name: 'ingest',
    module: import.meta.url,
    inputs: [],
    outputs: ['held.bin'],
    configKeys: [],
    async run(ctx) {
      ctx.defer(writeFile(join(ctx.output('held.bin'), 'no', 'such', 'folder'), 'x'));
      ctx.memo.set('held.bin', 'in memory');
      return {};
    },
  };
  const next: Stage = {
    name: 'normalise',
    module: import.meta.url,
    inputs: ['held.bin'],
    outputs: ['next.txt'],
    configKeys: [],
    async run(ctx) {
      await writeFile(ctx.output('next.txt'), 'x');
      return {};
    },
  };
  await assert.rejects(runStages([failing, next], runnerOptions(cacheDir)), /ENOENT/);
  for (const stage of ['ingest', 'normalise']) {
    const folders = await readdir(join(cacheDir, stage)).catch(() => []);
    assert.deepEqual(folders, [], `${stage}: ${folders.join(', ')}`);
  }
});
