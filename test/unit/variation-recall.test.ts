import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ALL_FAMILIES,
  familyMerges,
  UNCHANGED_PAIRS,
  type VariationRecord,
  variationRecall,
} from '../../src/eval/variation-recall.js';

const r = (cluster: string, entity: string, variation = '', family = ''): VariationRecord => ({
  cluster,
  entity,
  variation,
  family,
});

describe('variationRecall', () => {
  // A: a1 '' and a2 typo together, a3 upper|typo alone. B: b1 '' and b2 upper together. C: two unchanged together,
  // one apart. A junk row carries its kind but no pairs.
  const records = [
    r('c1', 'A'),
    r('c1', 'A', 'typo'),
    r('c2', 'A', 'upper|typo'),
    r('c3', 'B'),
    r('c3', 'B', 'upper'),
    r('x', 'C'),
    r('x', 'C'),
    r('y', 'C'),
    r('j', 'J', 'junk:placeholder'),
  ];
  const rows = new Map(variationRecall(records).map((row) => [row.variation, row]));

  test('a class counts the true pairs where at least one side carries it, and those found together', () => {
    assert.deepEqual(rows.get('typo'), { variation: 'typo', records: 2, truePairs: 3, foundPairs: 1, recall: 1 / 3 });
    assert.deepEqual(rows.get('upper'), { variation: 'upper', records: 2, truePairs: 3, foundPairs: 1, recall: 1 / 3 });
  });

  test('pairs where neither side carries any class are reported apart', () => {
    assert.deepEqual(rows.get(UNCHANGED_PAIRS), {
      variation: UNCHANGED_PAIRS,
      records: 6,
      truePairs: 3,
      foundPairs: 1,
      recall: 1 / 3,
    });
  });

  test('junk and multi rows earn no pairs and get no row', () => {
    assert.equal(rows.has('junk:placeholder'), false);
    assert.equal(rows.size, 3);
  });

  test('a record listing a class twice counts once', () => {
    const [row] = variationRecall([r('c', 'A', 'typo|typo'), r('c', 'A')]);
    assert.equal(row?.truePairs, 1);
    assert.equal(row?.records, 1);
  });
});

describe('familyMerges', () => {
  // dealership:1 — D (3 records) and E (2): D1 D2 E1 share cluster p. acronym:2 — F and G apart.
  const records = [
    r('p', 'D', '', 'dealership:1'),
    r('p', 'D', '', 'dealership:1'),
    r('q', 'D', '', 'dealership:1'),
    r('p', 'E', '', 'dealership:1'),
    r('s', 'E', '', 'dealership:1'),
    r('f', 'F', '', 'acronym:2'),
    r('g', 'G', '', 'acronym:2'),
    r('p', 'Z'),
  ];
  const rows = new Map(familyMerges(records).map((row) => [row.kind, row]));

  test('look-alike record pairs across entities of a family, and the share wrongly merged', () => {
    assert.deepEqual(rows.get('dealership'), {
      kind: 'dealership',
      families: 1,
      lookalikePairs: 6,
      mergedPairs: 2,
      mergedShare: 1 / 3,
      entityPairs: 1,
      mergedEntityPairs: 1,
    });
    assert.equal(rows.get('acronym')?.mergedPairs, 0);
  });

  test('all families together, listed last', () => {
    const all = familyMerges(records).at(-1);
    assert.deepEqual(all, {
      kind: ALL_FAMILIES,
      families: 2,
      lookalikePairs: 7,
      mergedPairs: 2,
      mergedShare: 2 / 7,
      entityPairs: 2,
      mergedEntityPairs: 1,
    });
  });

  test('records outside any family never count, even in a merged cluster', () => {
    assert.equal(rows.get('dealership')?.lookalikePairs, 6);
  });
});
