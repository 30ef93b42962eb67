import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HAND_SET_MATCH_MODEL } from '../../src/config/default-match-model.js';
import { parseConfig } from '../../src/config/load.js';
import { buildKeyStore } from '../../src/core/key-store.js';
import { buildKeyTokens } from '../../src/core/key-tokens.js';
import { repeatedAlike } from '../../src/core/match/compare.js';
import { isConflict } from '../../src/core/match/conflict.js';
import { ALIGN_TYPO_SIMILAR, F_ALIGNMENT, FEATURE_COUNT } from '../../src/core/match/features.js';
import { compileMatchModel } from '../../src/core/match/match-model.js';
import { buildMatchTable } from '../../src/core/match/match-table.js';
import { PairMatcher } from '../../src/core/match/pair-matcher.js';
import {
  allocatePairScores,
  type PairScores,
  type PreparedScoreOptions,
  prepareScoreOptions,
} from '../../src/core/score.js';
import { matchOptions } from '../../src/pipeline/score.js';
import { warmUpMatcher } from '../../src/workers/score-warm-up.js';

// The shipped comparer thresholds (config `matching.comparison` defaults).
const OPTIONS = matchOptions(parseConfig({}, 'defaults')).comparison;

const CORES = [
  'acme plumbing',
  'acme plumbing services',
  'acme plumbing 2',
  'acme plumbng',
  'apex plumbing',
  'international business machines',
  'ibm',
  'seiu local 741',
  'seiu local 752',
  'target',
  'targget',
  'walmart',
  'wal mart',
  'green seafood',
  'greene seafood',
  'tesla',
  'tesla electric',
];

/** Every pair of CORES scored with the match model, with the given keep floor, after `before` used the matcher. */
function scoreAll(
  keepFloor: number,
  before?: (matcher: PairMatcher, a: Int32Array, b: Int32Array, prepared: PreparedScoreOptions) => void,
): { a: Int32Array; b: Int32Array; out: PairScores; nameRecords: Int32Array } {
  const tokens = buildKeyTokens(CORES, { tokenRewrites: {}, weakTokens: ['the', 'and', 'of'] });
  const suffixes = CORES.map(() => 'NONE');
  const store = buildKeyStore(tokens, suffixes, CORES);
  const table = buildMatchTable({
    tokens,
    keySuffix: suffixes,
    keyRecords: Int32Array.from(CORES, (_, i) => 1 + (i % 7) * 10),
    genericTokens: ['company', 'services', 'group'],
    aliasCores: [],
    suffixEquivalence: [],
    noSuffix: 'NONE',
  });
  const a: number[] = [];
  const b: number[] = [];
  for (let x = 0; x < CORES.length; x++) {
    for (let y = x + 1; y < CORES.length; y++) {
      a.push(x);
      b.push(y);
    }
  }
  const out = allocatePairScores(a.length);
  const prepared = prepareScoreOptions(store, {
    numStyleMismatchPenalty: 5,
    suffixConflictPenalty: 10,
    suffixEquivalence: [],
  });
  const matcher = new PairMatcher(store, table, compileMatchModel(HAND_SET_MATCH_MODEL), OPTIONS, keepFloor);
  before?.(matcher, Int32Array.from(a), Int32Array.from(b), prepared);
  matcher.matchRange(Int32Array.from(a), Int32Array.from(b), 0, a.length, prepared, out);
  return { a: Int32Array.from(a), b: Int32Array.from(b), out, nameRecords: table.keyNameRecords };
}

test('a keep floor changes nothing about the pairs kept: the others only skip the kernel', () => {
  const full = scoreAll(0);
  const floor = 70;
  const fast = scoreAll(floor);
  let kept = 0;
  let skipped = 0;
  for (let k = 0; k < full.a.length; k++) {
    const at = k * FEATURE_COUNT;
    const keep = (full.out.score[k] as number) >= floor || isConflict(full.out.levels, at);
    assert.equal((fast.out.score[k] as number) >= floor || isConflict(fast.out.levels, at), keep, `pair ${k}`);
    if (!keep) {
      if (fast.out.tokenSet[k] === 0 && fast.out.probability[k] === 0) skipped++;
      continue;
    }
    kept++;
    for (const column of [
      'score',
      'base',
      'tokenSort',
      'tokenSet',
      'jaccard',
      'penalties',
      'probability',
      'matchWeight',
    ] as const) {
      assert.equal(fast.out[column][k], full.out[column][k], `${column} of pair ${k}`);
    }
    assert.deepEqual(
      fast.out.levels.subarray(at, at + FEATURE_COUNT),
      full.out.levels.subarray(at, at + FEATURE_COUNT),
    );
  }
  assert.ok(kept > 0, 'some pairs are kept');
  assert.ok(skipped > 0, 'some pairs skip the kernel');
});

// Issue 14: the scorer marks the pairs the score stage keeps, rather than the stage's thread reading every pair again.
test('the pairs marked to keep are those that score the floor, the conflicts and the rivals repeated alike', () => {
  const floor = 70;
  const { a, b, out, nameRecords } = scoreAll(floor);
  const pairOf = (x: string, y: string): number => {
    for (let k = 0; k < a.length; k++) if (CORES[a[k] as number] === x && CORES[b[k] as number] === y) return k;
    throw new Error(`no pair ${x} / ${y}`);
  };
  const seiu = pairOf('seiu local 741', 'seiu local 752');
  assert.ok((out.score[seiu] as number) < floor && isConflict(out.levels, seiu * FEATURE_COUNT));
  assert.equal(out.keep[seiu], 1, 'a conflict below the floor is kept');
  assert.equal(out.keep[pairOf('target', 'targget')], 1);
  assert.equal(out.keep[pairOf('apex plumbing', 'tesla')], 0);
  let kept = 0;
  for (let k = 0; k < a.length; k++) {
    const at = k * FEATURE_COUNT;
    // A rival counts only when intake repeats both names about as often: `acme plumbng` ×1 is a typo.
    const rival =
      out.levels[at + F_ALIGNMENT] === ALIGN_TYPO_SIMILAR &&
      repeatedAlike(
        nameRecords[a[k] as number] as number,
        nameRecords[b[k] as number] as number,
        OPTIONS.typoFrequencyRatio,
      );
    const expected = (out.score[k] as number) >= floor || isConflict(out.levels, at) || rival;
    assert.equal(out.keep[k], expected ? 1 : 0, `pair ${CORES[a[k] as number]} / ${CORES[b[k] as number]}`);
    kept += out.keep[k] as number;
  }
  assert.ok(kept > 2 && kept < a.length, `${kept} of ${a.length} kept`);
  assert.ok(
    scoreAll(0).out.keep.every((flag) => flag === 1),
    'without a floor every pair is kept',
  );
});

test('a matcher warmed up on other pairs scores every pair as a fresh one does', () => {
  const fresh = scoreAll(70);
  // Reversed pairs, so the comparer's per-key words and its typo memo hold other keys when the real pairs start.
  const warmed = scoreAll(70, (matcher, a, b, prepared) => warmUpMatcher(matcher, b, a, a.length, prepared));
  assert.deepEqual(warmed.out, fresh.out);
});
