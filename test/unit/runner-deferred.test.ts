import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { Engine } from '../../src/engine/database.js';
import { runStages, type Stage, type StageName } from '../../src/pipeline/runner.js';
import { exists, tempDir } from '../support/run-fixture.js';

const config = parseConfig({}, 'defaults');

/** A stage of these tests: its name, the artifacts it reads and writes, what it does. */
function stage(
  name: StageName,
  inputs: string[],
  outputs: string[],
  run: Stage['run'],
  extra: Partial<Pick<Stage, 'usesEngine' | 'startsIdleWork'>> = {},
): Stage {
  return { name, module: import.meta.url, inputs, outputs, configKeys: [], run, ...extra };
}

/** A stage that logs `line` (when given) as it runs and writes its one output, `<name>.txt`-like marker file. */
function markerStage(name: StageName, inputs: string[], output: string, log?: string[], line?: string): Stage {
  return stage(name, inputs, [output], async (ctx) => {
    if (log !== undefined && line !== undefined) log.push(line);
    await writeFile(ctx.output(output), 'x');
    return {};
  });
}

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

function runnerOptions(cacheDir: string, noCache = true) {
  return {
    cacheDir,
    openEngine: (): Promise<Engine> => Promise.reject(new Error('no engine in this test')),
    config,
    options: {},
    workers: 1,
    noCache,
  };
}

test('a stage runs while the stage before it still writes a file it holds in memory; a stage reading that file from disk waits', async () => {
  const cacheDir = await tempDir();
  const log: string[] = [];
  let release = (): void => undefined;
  const first = stage('ingest', [], ['held.bin', 'plain.txt'], async (ctx) => {
    const slow = slowWrite(ctx.output('held.bin'), log);
    release = slow.release;
    ctx.defer(slow.write);
    ctx.memo.set('held.bin', 'in memory');
    await writeFile(ctx.output('plain.txt'), 'plain');
    return {};
  });
  const second = stage('normalise', ['held.bin'], ['second.txt'], async (ctx) => {
    log.push(`second reads ${String(ctx.memo.get('held.bin'))}`);
    // As the stats stage does with what only the write stage reads: let the memory go, the file stays.
    ctx.memo.delete('held.bin');
    // Only now may the first stage's write end: the second stage did not wait for it.
    release();
    await writeFile(ctx.output('second.txt'), 'x');
    return {};
  });
  const third = stage('classify', ['plain.txt', 'held.bin'], ['third.txt'], async (ctx) => {
    // held.bin is no longer in memory: it is read from the first stage's folder, once complete.
    log.push(`third reads ${await readFile(ctx.input('held.bin'), 'utf8')}`);
    await writeFile(ctx.output('third.txt'), 'x');
    return {};
  });
  const outcomes = await runStages([first, second, third], runnerOptions(cacheDir));
  assert.deepEqual(log, ['second reads in memory', 'write done', 'third reads held']);
  for (const outcome of outcomes) assert.ok(await exists(join(outcome.dir, 'stage.json')), outcome.name);
  assert.equal(await readFile(join(outcomes[0]?.dir as string, 'held.bin'), 'utf8'), 'held');
});

test('a deferred write that fails fails the run and leaves no cache folder, complete or half-written', async () => {
  const cacheDir = await tempDir();
  const failing = stage('ingest', [], ['held.bin'], async (ctx) => {
    ctx.defer(writeFile(join(ctx.output('held.bin'), 'no', 'such', 'folder'), 'x'));
    ctx.memo.set('held.bin', 'in memory');
    return {};
  });
  const next = markerStage('normalise', ['held.bin'], 'next.txt');
  await assert.rejects(runStages([failing, next], runnerOptions(cacheDir)), /ENOENT/);
  for (const stage of ['ingest', 'normalise']) {
    const folders = await readdir(join(cacheDir, stage)).catch(() => []);
    assert.deepEqual(folders, [], `${stage}: ${folders.join(', ')}`);
  }
});

test('a deferred failure stops the run at the next stage boundary, before any stage that does not read its files', async () => {
  const cacheDir = await tempDir();
  const log: string[] = [];
  const failing = stage('ingest', [], ['held.bin'], async (ctx) => {
    ctx.defer(Promise.reject(new Error('the deferred write broke')));
    ctx.memo.set('held.bin', 'in memory');
    return {};
  });
  const middle = markerStage('normalise', ['held.bin'], 'middle.txt', log, 'middle ran');
  // Reads nothing from disk: only the runner's own check can stop it.
  const last = markerStage('classify', [], 'last.txt', log, 'last ran');
  await assert.rejects(runStages([failing, middle, last], runnerOptions(cacheDir)), /the deferred write broke/);
  assert.deepEqual(log, ['middle ran']);
});

test("a stage's engine stays open for the work it deferred and closes when that work ends", async () => {
  const cacheDir = await tempDir();
  const log: string[] = [];
  // Only close() is called on a stage's engine by the runner.
  const engine = { close: (): void => void log.push('engine closed') } as unknown as Engine;
  let release = (): void => undefined;
  const first = stage(
    'ingest',
    [],
    ['held.bin'],
    async (ctx) => {
      const slow = slowWrite(ctx.output('held.bin'), log);
      release = slow.release;
      ctx.defer(slow.write);
      ctx.memo.set('held.bin', 'in memory');
      return {};
    },
    { usesEngine: true },
  );
  const second = stage('normalise', ['held.bin'], ['second.txt'], async (ctx) => {
    log.push('second runs');
    release();
    await writeFile(ctx.output('second.txt'), 'x');
    return {};
  });
  await runStages([first, second], { ...runnerOptions(cacheDir), openEngine: () => Promise.resolve(engine) });
  assert.deepEqual(log, ['second runs', 'write done', 'engine closed']);
});

// Issue 14: names.bin is encoded where the block stage's thread waits on its bridge worker.
/** An ingest stage that defers the write of held.bin until idle, logging when it starts; `inMemory`: held in memo. */
function idleWriter(log: string[], inMemory: boolean): Stage {
  return stage('ingest', [], ['held.bin'], async (ctx) => {
    ctx.deferUntilIdle(async () => {
      log.push('idle work starts');
      await writeFile(ctx.output('held.bin'), 'held');
    });
    if (inMemory) ctx.memo.set('held.bin', 'in memory');
    return {};
  });
}

test("work deferred until idle starts at a later stage's wait point, and the stage's folder completes after it", async () => {
  const cacheDir = await tempDir();
  const log: string[] = [];
  const first = idleWriter(log, true);
  const middle = markerStage('normalise', ['held.bin'], 'middle.txt', log, 'middle runs');
  const waiting = stage(
    'classify',
    ['held.bin'],
    ['waiting.txt'],
    async (ctx) => {
      log.push('waiting stage starts');
      ctx.startIdleWork();
      log.push('waiting stage waits');
      await writeFile(ctx.output('waiting.txt'), 'x');
      return {};
    },
    { startsIdleWork: true },
  );
  const outcomes = await runStages([first, middle, waiting], runnerOptions(cacheDir));
  assert.deepEqual(log, ['middle runs', 'waiting stage starts', 'idle work starts', 'waiting stage waits']);
  assert.equal(await readFile(join(outcomes[0]?.dir as string, 'held.bin'), 'utf8'), 'held');
});

test('work deferred until idle starts when the stage ends if no later stage starts it, or when a stage reads its file', async () => {
  for (const later of ['none', 'reads the file'] as const) {
    const cacheDir = await tempDir();
    const log: string[] = [];
    const first = idleWriter(log, later === 'none');
    const second = stage(
      'normalise',
      ['held.bin'],
      ['second.txt'],
      async (ctx) => {
        log.push(`second reads ${later === 'none' ? 'memory' : await readFile(ctx.input('held.bin'), 'utf8')}`);
        await writeFile(ctx.output('second.txt'), 'x');
        return {};
      },
      // A stage that would start it, but later: reading the file cannot wait for that.
      { startsIdleWork: later !== 'none' },
    );
    await runStages([first, second], runnerOptions(cacheDir));
    assert.deepEqual(log, ['idle work starts', later === 'none' ? 'second reads memory' : 'second reads held'], later);
  }
});

test('work deferred until idle that fails fails the run; a failing stage does not wait for its own idle work', async () => {
  const cacheDir = await tempDir();
  const failing = stage('ingest', [], ['held.bin'], async (ctx) => {
    ctx.deferUntilIdle(() => Promise.reject(new Error('the idle write broke')));
    ctx.memo.set('held.bin', 'in memory');
    return {};
  });
  const next = markerStage('normalise', ['held.bin'], 'next.txt');
  await assert.rejects(runStages([failing, next], runnerOptions(cacheDir)), /the idle write broke/);
  const thrower = stage(
    'ingest',
    [],
    ['held.bin'],
    async (ctx) => {
      ctx.deferUntilIdle(async () => undefined);
      throw new Error('the stage broke');
    },
    { startsIdleWork: false },
  );
  await assert.rejects(runStages([thrower, next], runnerOptions(await tempDir())), /the stage broke/);
});

// Issue 14: the block stage builds the score stage's match table ahead, with the score stage's config.
test("a stage reads a later stage's config as that stage would, and no earlier or missing stage's", async () => {
  const cacheDir = await tempDir();
  const seen: string[] = [];
  const first = stage('block', [], ['first.txt'], async (ctx) => {
    const later = ctx.configOf('score');
    assert.ok(later !== null);
    seen.push(`score reads pairs_floor ${later.pairs_floor}`);
    assert.throws(() => later.grouping, /stage score read config key grouping/);
    assert.throws(() => ctx.config.pairs_floor, /stage block read config key pairs_floor/);
    assert.throws(() => ctx.configOf('ingest'), /no later stage/);
    assert.throws(() => ctx.configOf('block'), /no later stage/);
    assert.equal(ctx.configOf('group'), null, 'no group stage runs after this one');
    await writeFile(ctx.output('first.txt'), 'first');
    return {};
  });
  const second = {
    ...stage('score', [], ['second.txt'], async (ctx) => {
      await writeFile(ctx.output('second.txt'), String(ctx.config.pairs_floor));
      return {};
    }),
    configKeys: ['pairs_floor'],
  };
  const reads: string[] = [];
  await runStages([first, second], {
    ...runnerOptions(cacheDir),
    onConfigRead: (name, key) => reads.push(`${name}:${key}`),
  });
  assert.deepEqual(seen, [`score reads pairs_floor ${config.pairs_floor}`]);
  assert.deepEqual(reads, ['score:pairs_floor', 'score:pairs_floor']);
});

/**
 * A stage whose warm-up logs itself, sees the later stages' configs, and is released; its key logs when it is
 * computed, and its run logs what it took.
 */
function warmStage(
  name: StageName,
  log: string[],
  run: (took: boolean) => Promise<void> = async () => undefined,
): Stage {
  let warm: string | null = null;
  return {
    name,
    module: import.meta.url,
    inputs: [],
    outputs: [`${name}.txt`],
    configKeys: [],
    warmUp(ctx) {
      warm = `${name} warm`;
      log.push(`${name} warm-up sees classify: ${ctx.configOf('classify') !== null}`);
      return () => {
        log.push(`${name} released${warm === null ? '' : ' untaken'}`);
        warm = null;
      };
    },
    extraKey: () => {
      log.push(`${name} key`);
      return null;
    },
    async run(ctx) {
      const took = warm !== null;
      warm = null;
      log.push(`${name} ran, took the warm-up: ${took}`);
      await run(took);
      await writeFile(ctx.output(`${name}.txt`), 'x');
      return {};
    },
  };
}

test('a stage is warmed up before its key, its run takes the warm-up, and it is released after; a cached stage releases it untaken', async () => {
  const cacheDir = await tempDir();
  const log: string[] = [];
  const plain: Stage = {
    name: 'classify',
    module: import.meta.url,
    inputs: [],
    outputs: ['classify.txt'],
    configKeys: [],
    run: async (ctx) => {
      await writeFile(ctx.output('classify.txt'), 'x');
      return {};
    },
  };
  const stages = (): Stage[] => [warmStage('ingest', log), warmStage('normalise', log), plain];
  await runStages(stages(), runnerOptions(cacheDir, true));
  assert.deepEqual(log, [
    'ingest warm-up sees classify: true',
    'ingest key',
    'ingest ran, took the warm-up: true',
    'ingest released',
    'normalise warm-up sees classify: true',
    'normalise key',
    'normalise ran, took the warm-up: true',
    'normalise released',
  ]);
  log.length = 0;
  await runStages(stages(), runnerOptions(cacheDir, false));
  assert.deepEqual(log, [
    'ingest warm-up sees classify: true',
    'ingest key',
    'ingest released untaken',
    'normalise warm-up sees classify: true',
    'normalise key',
    'normalise released untaken',
  ]);
});

test('a run that fails releases what the failing stage warmed up', async () => {
  const cacheDir = await tempDir();
  const log: string[] = [];
  const failing = warmStage('ingest', log, async () => {
    throw new Error('the input is unreadable');
  });
  await assert.rejects(runStages([failing], runnerOptions(cacheDir, true)), /unreadable/);
  assert.deepEqual(log, [
    'ingest warm-up sees classify: false',
    'ingest key',
    'ingest ran, took the warm-up: true',
    'ingest released',
  ]);
});
