import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/database.js';
import { loadColumns } from '../../src/engine/load-columns.js';
import { readBundle, writeBundle } from '../../src/pipeline/bundle.js';
import { tempDir } from '../support/run-fixture.js';

const TRICKY = [
  '',
  'plain',
  'comma, inside',
  'quote " inside',
  'new\nline',
  'tab\there',
  '\\N',
  'é€😀',
  ' lead and trail ',
];

test('a bundle round-trips typed arrays, string columns and JSON exactly', async () => {
  const dir = await tempDir();
  const path = join(dir, 'b.bin');
  const bundle = {
    ints: Int32Array.from([1, -2, 2 ** 31 - 1]),
    bytes: Uint8Array.from([0, 255, 7]),
    floats: Float64Array.from([0.1, Number.NaN, -0]),
    names: TRICKY,
    extra: { json: { groupCount: 3, nested: [1, 'a'] } },
    odd: Uint16Array.from([1, 2, 3]), // 6 bytes: the next column must still be aligned
    after: Float64Array.from([42.5]),
  };
  await writeBundle(path, bundle);
  const back = await readBundle<typeof bundle>(path);
  assert.deepEqual([...back.ints], [...bundle.ints]);
  assert.deepEqual([...back.bytes], [...bundle.bytes]);
  assert.ok(Number.isNaN(back.floats[1] as number));
  assert.equal(Object.is(back.floats[2], -0), true);
  assert.deepEqual(back.names, TRICKY);
  assert.deepEqual(back.extra.json, bundle.extra.json);
  assert.deepEqual([...back.odd], [1, 2, 3]);
  assert.deepEqual([...back.after], [42.5]);
});

test('a bundle keeps what in-process columns hold: a lone surrogate, NaN and undefined inside JSON values', async () => {
  const dir = await tempDir();
  const path = join(dir, 'b.bin');
  const bundle = {
    names: ['half \uD800 pair', 'x'.repeat(70_000), ...Array.from({ length: 1000 }, (_v, i) => `name ${i}`)],
    extra: { json: { score: Number.NaN, missing: undefined, list: [1, 'a'] } },
  };
  await writeBundle(path, bundle);
  const back = await readBundle<typeof bundle>(path);
  assert.deepEqual(back.names, bundle.names);
  assert.ok(Number.isNaN(back.extra.json.score));
  assert.ok('missing' in back.extra.json);
  assert.deepEqual(back.extra.json.list, [1, 'a']);
});

test('string columns that repeat along a first-row column are stored once per first row and read back whole', async () => {
  const dir = await tempDir();
  const names = Array.from(
    { length: 700 },
    (_v, i) => ['acme', 'beta', 'acme', 'é€😀', 'beta', 'acme', ''][i % 7] as string,
  );
  const firstRowOf = new Map<string, number>();
  const first = Int32Array.from(names, (name, i) => {
    if (!firstRowOf.has(name)) firstRowOf.set(name, i);
    return firstRowOf.get(name) as number;
  });
  const bundle = { names, upper: names.map((x) => x.toUpperCase()), first, plain: ['a', 'b'] };
  const whole = join(dir, 'whole.bin');
  const once = join(dir, 'once.bin');
  await writeBundle(whole, bundle);
  await writeBundle(once, bundle, { repeated: { first: ['names', 'upper'] } });
  const back = await readBundle<typeof bundle>(once);
  // Some columns only: a repeated column comes whole (its first-row column is read for it), the rest are not read.
  const some = await readBundle<typeof bundle>(once, ['upper']);
  assert.deepEqual(Object.keys(some).sort(), ['first', 'upper']);
  assert.deepEqual(some.upper, bundle.upper);
  assert.deepEqual(back.names, names);
  assert.deepEqual(back.upper, bundle.upper);
  assert.deepEqual([...back.first], [...first]);
  assert.deepEqual(back.plain, ['a', 'b']);
  // Four values of two columns instead of 700 each: every repeat left out is 2 bytes or more.
  assert.ok((await stat(whole)).size - (await stat(once)).size >= 2 * 696 * 2);
  // A first-row column that points forward cannot be undone: an error, not wrong names.
  const damaged = join(dir, 'damaged.bin');
  await writeBundle(damaged, { names, first }, { repeated: { first: ['names'] } });
  const bytes = await readFile(damaged);
  const header = bytes.readUInt32LE(0);
  const base = 8 + header + ((8 - (header % 8)) % 8);
  const entries = JSON.parse(bytes.subarray(8, 8 + header).toString('utf8')) as { name: string; offset: number }[];
  const firstAt = base + (entries.find((e) => e.name === 'first')?.offset as number);
  bytes.writeInt32LE(5, firstAt + 4 * 2);
  await writeFile(damaged, bytes);
  await assert.rejects(readBundle(damaged), /damaged\.bin: row 2 names row 5 as its first: the bundle is damaged/);
});

test('typed columns read back into buffers of their own, and a file cut short reads as a damaged bundle', async () => {
  const dir = await tempDir();
  const path = join(dir, 'typed.bin');
  const bundle = {
    ids: Int32Array.from([3, -1, 7]),
    scores: Float64Array.from([0.5, 1, Number.NaN]),
    flags: Uint8Array.from([1, 0, 1, 1, 0]),
    texts: ['a', 'b'],
  };
  await writeBundle(path, bundle);
  const back = await readBundle<typeof bundle>(path);
  assert.deepEqual([...back.ids], [3, -1, 7]);
  assert.deepEqual([...back.scores], [0.5, 1, Number.NaN]);
  assert.deepEqual([...back.flags], [1, 0, 1, 1, 0]);
  assert.deepEqual(back.texts, ['a', 'b']);
  // Each column owns its memory: posting or keeping one does not carry the file's other columns along.
  assert.equal(back.ids.buffer.byteLength, 3 * 4);
  assert.equal(back.flags.buffer.byteLength, 5);
  const bytes = await readFile(path);
  await writeFile(path, bytes.subarray(0, bytes.length - 4));
  await assert.rejects(readBundle(path), /typed\.bin: the file ends at byte \d+ of \d+: the bundle is damaged/);
});

test('labelled string columns are stored as their distinct values and a code a row, and read back whole', async () => {
  const dir = await tempDir();
  const relationship = Array.from(
    { length: 900 },
    (_v, i) => ['Customer', '', 'Partner', 'é€😀', 'half \uD800'][i % 5] as string,
  );
  const bundle = { relationship, ids: Array.from({ length: 900 }, (_v, i) => `id${i}`), n: Int32Array.of(4) };
  const whole = join(dir, 'whole.bin');
  const labelled = join(dir, 'labelled.bin');
  await writeBundle(whole, bundle);
  await writeBundle(labelled, bundle, { labelled: ['relationship'] });
  const back = await readBundle<typeof bundle>(labelled);
  assert.deepEqual(back.relationship, relationship);
  assert.deepEqual(back.ids, bundle.ids);
  assert.deepEqual([...back.n], [4]);
  // One object per value, as the interned column written had.
  assert.equal(back.relationship[0], back.relationship[5]);
  // Five values and 900 four-byte codes instead of 900 strings of ~8 bytes.
  assert.ok((await stat(labelled)).size < (await stat(whole)).size - 900 * 2);
  // A code outside the values cannot be read back: an error, not a wrong value.
  const bytes = await readFile(labelled);
  const header = bytes.readUInt32LE(0);
  const base = 8 + header + ((8 - (header % 8)) % 8);
  const entries = JSON.parse(bytes.subarray(8, 8 + header).toString('utf8')) as {
    name: string;
    codesOffset?: number;
  }[];
  const codesAt = base + (entries.find((e) => e.name === 'relationship')?.codesOffset as number);
  bytes.writeInt32LE(5, codesAt + 4 * 3);
  await writeFile(labelled, bytes);
  await assert.rejects(
    readBundle(labelled),
    /labelled\.bin: row 3 of relationship has code 5 of 5 values: the bundle is damaged/,
  );
});

test('loadColumns moves strings, numbers, NULLs and booleans into DuckDB exactly, row for row', async () => {
  const dir = await tempDir();
  const engine = await Engine.open({ memoryLimit: '512MB', threads: 1 });
  try {
    const n = TRICKY.length;
    await loadColumns(
      engine,
      't',
      n,
      [
        { name: 'i', type: 'INTEGER', values: Int32Array.from({ length: n }, (_v, k) => k) },
        { name: 's', type: 'VARCHAR', values: TRICKY },
        { name: 'maybe', type: 'VARCHAR', values: TRICKY, nullIfEmpty: true },
        {
          name: 'x',
          type: 'DOUBLE',
          values: Float64Array.from({ length: n }, (_v, k) => (k === 2 ? Number.NaN : k / 4)),
        },
        { name: 'flag', type: 'BOOLEAN', values: Uint8Array.from({ length: n }, (_v, k) => k % 2) },
      ],
      dir,
    );
    const rows = await engine.rows<{ i: number; s: string; maybe: string | null; x: number | null; flag: boolean }>(
      'read',
      'SELECT * FROM t ORDER BY i',
    );
    assert.deepEqual(
      rows.map((r) => r.s),
      TRICKY,
    );
    assert.equal(rows[0]?.maybe, null);
    assert.equal(rows[6]?.maybe, '\\N', 'a literal \\N string stays text');
    assert.equal(rows[2]?.x, null);
    assert.equal(rows[3]?.x, 0.75);
    assert.deepEqual(
      rows.map((r) => r.flag),
      TRICKY.map((_v, k) => k % 2 === 1),
    );
    await loadColumns(engine, 'empty', 0, [{ name: 'a', type: 'INTEGER', values: new Int32Array(0) }], dir);
    assert.equal(await engine.scalar('count', 'SELECT count(*) FROM empty'), 0);
  } finally {
    engine.close();
  }
});
