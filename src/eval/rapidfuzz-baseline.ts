import { buildKeyStore } from '../core/key-store.js';
import { buildKeyTokens } from '../core/key-tokens.js';
import { scorePairs } from '../core/score.js';
import { UnionFind } from '../core/union-find.js';

/**
 * The "20-line RapidFuzz script" of issue 10, as a baseline: RapidFuzz's default processing (lower case, every
 * run of characters that is not a letter or digit becomes one space), a block per first three characters,
 * `token_set_ratio ≥ 90` (our kernel equals RapidFuzz's bit for bit), connected components. Returns a cluster
 * label per name; an empty name is its own cluster.
 * @example rapidFuzzClusters(['Acme Inc', 'ACME, Inc.', 'Beta']) → ['r:0', 'r:0', 'r:2']
 */
export function rapidFuzzClusters(names: readonly string[], threshold = 90): string[] {
  const processed = names.map((n) =>
    n
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  );
  const distinct = new Map<string, number>();
  for (const p of processed) if (p.length > 0 && !distinct.has(p)) distinct.set(p, distinct.size);
  const texts = [...distinct.keys()];
  const blocks = new Map<string, number[]>();
  texts.forEach((t, i) => {
    const key = t.slice(0, 3);
    const list = blocks.get(key);
    if (list === undefined) blocks.set(key, [i]);
    else list.push(i);
  });
  const a: number[] = [];
  const b: number[] = [];
  for (const members of blocks.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        a.push(members[x] as number);
        b.push(members[y] as number);
      }
    }
  }
  const tokens = buildKeyTokens(texts, { tokenRewrites: {}, weakTokens: [] });
  const store = buildKeyStore(
    tokens,
    texts.map(() => 'NONE'),
    texts,
  );
  const uf = new UnionFind(texts.length);
  const BATCH = 1 << 20;
  for (let start = 0; start < a.length; start += BATCH) {
    const pa = Int32Array.from(a.slice(start, start + BATCH));
    const pb = Int32Array.from(b.slice(start, start + BATCH));
    const scores = scorePairs(store, pa, pb, {
      numStyleMismatchPenalty: 0,
      suffixConflictPenalty: 0,
      suffixEquivalence: [],
    });
    for (let k = 0; k < pa.length; k++)
      if ((scores.tokenSet[k] as number) >= threshold) uf.union(pa[k] as number, pb[k] as number);
  }
  return processed.map((p, i) => (p.length === 0 ? `row:${i}` : `r:${uf.find(distinct.get(p) as number)}`));
}
