import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/engine/database.js';
import { loadOneRowCsv } from '../support/ingest-load-fixture.js';

async function threadsOf(engine: Engine): Promise<number> {
  const [row] = await engine.rows<{ threads: number }>('read', "SELECT current_setting('threads')::INTEGER AS threads");
  return row?.threads ?? Number.NaN;
}

test('statements side by side share the engine threads, one at least each, and get them back (issue 14)', async () => {
  for (const [threads, statements, share] of [
    [2, 2, 1],
    [4, 2, 2],
    [5, 2, 2],
    [1, 2, 1],
    [2, 3, 1],
    [4, 1, 4],
  ] as const) {
    const engine = await Engine.open({ memoryLimit: '256MB', threads });
    try {
      await engine.shareThreadsBetween(statements);
      assert.equal(await threadsOf(engine), share, `${threads} threads between ${statements}`);
      await engine.shareThreadsBetween(1);
      assert.equal(await threadsOf(engine), threads);
    } finally {
      engine.close();
    }
  }
});

test('runAlongside runs its statement with half the threads and gives them back, also after a failure', async () => {
  const engine = await Engine.open({ memoryLimit: '256MB', threads: 4 });
  try {
    await engine.run('table', 'CREATE TABLE seen (threads INTEGER)');
    const during = await engine.runAlongside(
      'side',
      "INSERT INTO seen SELECT current_setting('threads')::INTEGER",
      async () => threadsOf(engine),
    );
    assert.equal(during, 2);
    assert.deepEqual(await engine.rows('read', 'SELECT threads FROM seen'), [{ threads: 2 }]);
    assert.equal(await threadsOf(engine), 4);
    await assert.rejects(
      engine.runAlongside('side', 'SELECT * FROM no_such_table', async () => 0),
      /side: .*no_such_table/,
    );
    assert.equal(await threadsOf(engine), 4);
  } finally {
    engine.close();
  }
});

test('source.parquet is written with half the threads, behind the next stages, and they are given back', async () => {
  const engine = await Engine.open({ memoryLimit: '256MB', threads: 2 });
  const side = await engine.connect();
  try {
    // What the engine's threads were as the write began, read on a second connection.
    const atWrite: number[] = [];
    const run = engine.run.bind(engine);
    engine.run = async (task, sql, params) => {
      if (task === 'writing source.parquet') atWrite.push(await threadsOf(side));
      return run(task, sql, params);
    };
    const { parquet } = await loadOneRowCsv(engine, 22);
    await parquet;
    assert.deepEqual(atWrite, [1]);
    assert.equal(await threadsOf(engine), 2);
  } finally {
    side.close();
    engine.close();
  }
});
