/**
 * The review store's read pool (issue 12 defect 10: one query at a time): reads run in parallel on their own
 * connections, yet every statement still sees the writes issued before it and a write never pulls a table
 * from under a read issued before it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ReviewStore } from '../../src/engine/review-store.js';

let store: ReviewStore;

before(async () => {
  store = await ReviewStore.open({ memoryLimit: '512MB', threads: 1, readConnections: 2 });
});

after(() => store?.close());

/** A read that keeps DuckDB busy for a while (a cross product summed), to overlap with other statements. */
const SLOW_READ = 'SELECT sum(a.range * b.range)::DOUBLE AS s FROM range(6000) a, range(6000) b';

test('a quick read is not held behind a slow one: it finishes first', async () => {
  const finished: string[] = [];
  const slow = store.rows('slow', SLOW_READ).then(() => finished.push('slow'));
  const quick = store.rows('quick', 'SELECT 42 AS answer').then(() => finished.push('quick'));
  await Promise.all([slow, quick]);
  assert.deepEqual(finished, ['quick', 'slow']);
});

test('a read sees every write issued before it, even when neither was awaited', async () => {
  const created = store.run('create', 'CREATE OR REPLACE TABLE pool_t AS SELECT 1 AS x');
  const read = store.rows<{ n: number }>('read', 'SELECT count(*)::INTEGER AS n FROM pool_t');
  const inserted = store.run('insert', 'INSERT INTO pool_t VALUES (2)');
  const readAgain = store.rows<{ n: number }>('read again', 'SELECT count(*)::INTEGER AS n FROM pool_t');
  await Promise.all([created, inserted]);
  assert.deepEqual(await read, [{ n: 1 }]);
  assert.deepEqual(await readAgain, [{ n: 2 }]);
});

test('a DROP issued after a slow read waits for it', async () => {
  await store.run('create', 'CREATE OR REPLACE TABLE pool_big AS SELECT range AS v FROM range(6000)');
  const read = store.rows<{ s: number }>(
    'slow read of pool_big',
    'SELECT sum(a.v * b.v)::DOUBLE AS s FROM pool_big a, pool_big b',
  );
  const dropped = store.run('drop', 'DROP TABLE pool_big');
  assert.equal((await read).length, 1);
  await dropped;
  await assert.rejects(store.rows('gone', 'SELECT * FROM pool_big'), /pool_big/);
});

test('a failed read or write does not block the statements after it', async () => {
  await assert.rejects(store.rows('bad read', 'SELECT * FROM no_such_table'), /bad read: /);
  await assert.rejects(store.run('bad write', 'DROP TABLE no_such_table'), /bad write: /);
  assert.deepEqual(await store.rows('after', 'SELECT 1 AS one'), [{ one: 1 }]);
});

test('a read answered since the last write is answered again without running; a write forgets it', async () => {
  const draw = (): Promise<{ r: number }[]> => store.rows<{ r: number }>('draw', 'SELECT random() AS r');
  const [first, concurrent] = await Promise.all([draw(), draw()]);
  const again = await draw();
  assert.deepEqual(concurrent, first, 'identical reads in flight share one execution');
  assert.deepEqual(again, first, 'kept until the next write');
  (again[0] as { r: number }).r = -1;
  assert.notEqual((await draw())[0]?.r, -1, 'every caller gets its own copy');
  await store.run('a write', 'CREATE OR REPLACE TABLE pool_w AS SELECT 1 AS x');
  assert.notDeepEqual(await draw(), first, 'after a write the statement runs again');
});
