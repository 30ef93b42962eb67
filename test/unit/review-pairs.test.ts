import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { EVIDENCE_COLUMNS, type EvidenceRow, ensurePairs, evidenceOf } from '../../src/engine/review-pairs.js';
import { ReviewStore, type RunTables } from '../../src/engine/review-store.js';
import { tempDir } from '../support/run-fixture.js';

const penalties = { num_style_mismatch: 5, suffix_conflict: 25 };
const legacy: EvidenceRow = {
  score: 58,
  probability: null,
  match_weight: null,
  contributions: null,
  token_sort: 90,
  token_set: 100,
  jaccard: 0.5,
  penalty_num_style: true,
  penalty_suffix_conflict: true,
};

test('an older run: the score is the percentage and its terms (SPEC §5.4) add up to it', () => {
  const e = evidenceOf(legacy, 'score', penalties);
  assert.equal(e.probability, 0.58);
  assert.deepEqual(
    e.contributions.map((c) => [c.feature, c.weight]),
    [
      ['token_sort', 40.5],
      ['token_set', 35],
      ['jaccard', 10],
      ['number style', -5],
      ['legal form', -25],
    ],
  );
  assert.equal(
    e.contributions.reduce((s, c) => s + c.weight, 0),
    55.5,
  );
});

test('a v2 run: the probability and the contributions as written (bits, the prior first)', () => {
  const contributions = [
    { feature: 'prior', level: 'prior', weight: -6 },
    { feature: 'alignment', level: 'typo_rare_to_common', weight: 9.5 },
  ];
  const e = evidenceOf(
    { ...legacy, probability: 0.918, score: 92, match_weight: 3.5, contributions },
    'probability',
    penalties,
  );
  assert.deepEqual(e, { model: 'probability', probability: 0.918, score: 92, match_weight: 3.5, contributions });
});

test('pairs.parquet v2 without score or the old components is read: score = round(100 · probability)', async () => {
  const dir = await tempDir('review-pairs-');
  const store = await ReviewStore.open({ memoryLimit: '512MB', threads: 1 });
  try {
    await store.run(
      'groups',
      `CREATE TABLE t_groups AS SELECT * FROM (VALUES (1, 'g-a'), (2, 'g-b')) v(gid, group_id)`,
    );
    await store.run(
      'pairs',
      `COPY (SELECT 'a' AS account_id_a, 'b' AS account_id_b, 'acme' AS core_a, 'acme co' AS core_b, 'NONE' AS suffix_a,
                    'NONE' AS suffix_b, 'g-a' AS group_id_a, 'g-b' AS group_id_b, 0.875 AS probability, 2.8 AS match_weight,
                    [{'feature': 'prior', 'level': 'prior', 'weight': -5.0}] AS contributions, 'first_token' AS blocking_key)
       TO '${join(dir, 'pairs.parquet')}' (FORMAT parquet)`,
    );
    const tables = { runId: 'r', dir, groups: 't_groups', extra: new Set<string>() } as unknown as RunTables;
    const pairs = await ensurePairs(store, tables);
    assert.equal(pairs.model, 'probability');
    assert.deepEqual([...tables.extra], [pairs.table], 'the table is dropped with the run');
    const [row] = await store.rows<EvidenceRow>('read', `SELECT ${EVIDENCE_COLUMNS} FROM ${pairs.table}`);
    assert.ok(row);
    assert.equal(row.score, 88);
    assert.equal(row.token_sort, null);
    assert.deepEqual(row.contributions, [{ feature: 'prior', level: 'prior', weight: -5 }]);
    assert.equal(evidenceOf(row, pairs.model, penalties).probability, 0.875);
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
