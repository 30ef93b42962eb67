import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountIdRanksInGroups } from '../../src/pipeline/survive.js';

/** Deterministic pseudo-random ids: case matters (code-unit order puts `Z` before `a`). */
function ids(n: number, seed: number): string[] {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let x = seed;
  const next = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + (next() % 6) }, () => alphabet[next() % alphabet.length]).join(''),
  );
}

/** Each group's ranks are its members' places when sorted by id in code-unit order, ties by record. */
function assertRanksInOrder(all: string[], component: Int32Array, groupCount: number, rank: Int32Array): void {
  for (let g = 0; g < groupCount; g++) {
    const members = [...all.keys()].filter((i) => component[i] === g);
    const sorted = members.slice().sort((x, y) => {
      const a = all[x] as string;
      const b = all[y] as string;
      return a < b ? -1 : a > b ? 1 : x - y;
    });
    assert.deepEqual(
      sorted.map((i) => rank[i]),
      sorted.map((_i, r) => (members.length < 2 ? 0 : r)),
      `group ${g}`,
    );
  }
}

test("each record's rank is its id's place among its group's ids, in code-unit order", () => {
  const all = ids(2000, 7);
  const groupCount = 150;
  const component = Int32Array.from(all, (_id, i) => (i * 7919) % groupCount);
  const rank = accountIdRanksInGroups(all, component, groupCount);
  assertRanksInOrder(all, component, groupCount, rank);
});

test('a record alone in its group has rank 0; ties on equal ids go to the earlier record', () => {
  const rank = accountIdRanksInGroups(['b', 'a', 'a', 'z'], Int32Array.from([0, 0, 0, 1]), 2);
  assert.deepEqual([...rank], [2, 0, 1, 0]);
});

test('groups large and small rank alike: a few large groups among many of one to five records', () => {
  const all = ids(3000, 11);
  // Records 0..1999 in 4 groups of ~500, the rest in groups of 1 to 5.
  const component = Int32Array.from(all, (_id, i) => (i < 2000 ? i % 4 : 4 + Math.floor((i - 2000) / 3)));
  const groupCount = (component.at(-1) as number) + 1;
  const rank = accountIdRanksInGroups(all, component, groupCount);
  assertRanksInOrder(all, component, groupCount, rank);
});
