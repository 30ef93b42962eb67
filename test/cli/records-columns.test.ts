/**
 * Columns of records.parquet and pairs.parquet that the stats and write stages assemble from several places
 * (issue 14: fewer strings through the Appender): the raw name is the account name trimmed of every kind of
 * white space, a record's group values are its group's, and a pair's key texts and ids are those of the key's
 * first record in input order.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { quoteField } from '../../src/input/csv-write.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

const NAMES = [
  'Acme Widgets',
  '  Acme Widgets  ',
  '\tAcme Widgets Inc\u00a0',
  'Acme Widgets, Inc.',
  'Acme Widgts',
  '\u3000Harbor Grill\u2003',
  'Harbor Grill LLC',
  'harbor grill',
  'Blue Ridge Diner',
  'Northside Tavern',
  '   ',
];

const run = (async () => {
  const dir = await tempDir();
  const body = NAMES.map((name, i) => `${i + 1},${quoteField(name)},2020-01-0${(i % 9) + 1}`).join('\n');
  const path = await writeInput(dir, 'accounts.csv', `Id,Account Name,Created Date\n${body}\n`);
  const { dir: runDir } = await runOn(path, {});
  return {
    records: await readParquet(join(runDir, 'records.parquet'), 'row_index'),
    groups: await readParquet(join(runDir, 'groups.parquet')),
    pairs: await readParquet(join(runDir, 'pairs.parquet')),
  };
})();

test('name_raw is the account name trimmed of spaces, tabs, no-break and ideographic spaces', async () => {
  const { records } = await run;
  assert.equal(records.length, NAMES.length);
  for (const record of records) {
    const name = record.account_name as string;
    assert.equal(record.name_raw, name.trim(), `name_raw of ${JSON.stringify(name)}`);
  }
  assert.ok(
    records.some((r) => r.name_raw !== r.account_name),
    'some names were trimmed',
  );
});

test("each record carries its group's id, primary and survivorship reason", async () => {
  const { records, groups } = await run;
  const byId = new Map(groups.map((g) => [g.group_id as string, g]));
  for (const record of records) {
    const group = byId.get(record.group_id as string);
    assert.ok(group, `group ${String(record.group_id)} is in groups.parquet`);
    assert.equal(record.primary_account_id, group.primary_account_id);
    assert.equal(record.survivorship_reason, group.survivorship_reason);
  }
  const acme = new Set(records.filter((r) => /acme/i.test(r.account_name as string)).map((r) => r.group_id));
  assert.equal(acme.size, 1, 'the Acme spellings are one group');
});

test("a pair's key texts and ids are those of the key's first record", async () => {
  const { records, pairs } = await run;
  assert.ok(pairs.length > 0, 'the fixture scores pairs');
  const firstOfKey = new Map<string, Record<string, unknown>>();
  for (const record of records) {
    const key = `${String(record.name_core)}\u0000${String(record.suffix_class)}`;
    if (!firstOfKey.has(key)) firstOfKey.set(key, record);
  }
  for (const pair of pairs) {
    for (const side of ['a', 'b']) {
      const first = firstOfKey.get(`${String(pair[`core_${side}`])}\u0000${String(pair[`suffix_${side}`])}`);
      assert.ok(first, `key of side ${side} is a record's (name_core, suffix_class)`);
      assert.equal(pair[`account_id_${side}`], first.account_id);
      assert.equal(pair[`group_id_${side}`], first.group_id);
    }
  }
});

test('pairs.parquet lists pairs by score, highest first, then by their keys in (core, suffix) order', async () => {
  const { pairs } = await run;
  const keyOrder = (x: Record<string, unknown>, y: Record<string, unknown>): number => {
    for (const column of ['core_a', 'suffix_a', 'core_b', 'suffix_b']) {
      const a = String(x[column]);
      const b = String(y[column]);
      if (a !== b) return a < b ? -1 : 1;
    }
    return 0;
  };
  for (let p = 1; p < pairs.length; p++) {
    const before = pairs[p - 1] as Record<string, unknown>;
    const pair = pairs[p] as Record<string, unknown>;
    const byScore = Number(before.score) - Number(pair.score);
    assert.ok(byScore > 0 || (byScore === 0 && keyOrder(before, pair) <= 0), `pair ${p} is in order`);
  }
  assert.ok(
    pairs.some((pair, p) => p > 0 && pair.score === pairs[p - 1]?.score),
    'the fixture has pairs of equal score, ordered by their keys',
  );
});

test('groups.parquet lists groups by id as DuckDB orders text, by code point, whatever the ids hold', async () => {
  const dir = await tempDir();
  // UTF-16 puts a surrogate pair (😀, U+1F600) before U+E000–U+FFFF (\uff21, \ue000); code points put it after.
  const ids = ['b1', 'a\uff21', 'a😀', 'a\ue000', 'A9', 'a', 'ä', 'a-2', 'a 1', 'Z'];
  const body = ids.map((id, i) => `${quoteField(id)},${quoteField(`Company ${String.fromCharCode(65 + i)} Works`)}`);
  const path = await writeInput(dir, 'accounts.csv', `Id,Account Name\n${body.join('\n')}\n`);
  const { dir: runDir } = await runOn(path, {});
  const inFileOrder = (await readParquet(join(runDir, 'groups.parquet'))).map((g) => g.group_id);
  const byDuckDb = (await readParquet(join(runDir, 'groups.parquet'), 'group_id')).map((g) => g.group_id);
  assert.equal(inFileOrder.length, ids.length);
  assert.deepEqual(inFileOrder, byDuckDb);
});
