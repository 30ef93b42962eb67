/**
 * Typo neighbours among all tokens (issue 10 item 2: typo keys on each distinctive token, not only the first).
 * Two tokens are neighbours when they share a deletion variant: one deletion for tokens of `minLength` letters or
 * more (the token itself for one letter shorter, so an insertion meets), and also two deletions for tokens of
 * `twoDeletionMinLength` or more — `targget`/`target`/`taget`, `microsfot`/`microsoft` (a transposition shares a
 * one-deletion variant), `pruit`/`pruitt`. Variants are hashes (char-key.ts); a collision only adds a spurious
 * neighbour. A variant shared by more than `maxGroup` tokens (short, common shapes) links nothing: it says little.
 */
import { radixSortByHash } from './char-blocks.js';
import { BASE, charKeyHashes, finish } from './char-key.js';

export interface TypoNeighbourOptions {
  minLength: number;
  twoDeletionMinLength: number;
  maxGroup: number;
}

/** Token → its neighbour tokens: `neighbours[offsets[t] .. offsets[t + 1])`, ascending, each once. */
export interface TypoNeighbours {
  offsets: Int32Array;
  neighbours: Int32Array;
}

/** Hashes of `token` with positions i < j deleted, written from `at`; returns the new end. */
function twoDeletionHashes(token: string, out: Uint32Array, at: number): number {
  const n = token.length;
  let used = at;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let h = 0;
      for (let c = 0; c < n; c++) if (c !== i && c !== j) h = (Math.imul(h, BASE) + token.charCodeAt(c)) | 0;
      out[used++] = finish(h, n - 2);
    }
  }
  return used;
}

/** Typo neighbours among the tokens with `use[t] = 1`. */
export function findTypoNeighbours(
  tokens: readonly string[],
  use: Uint8Array,
  opts: TypoNeighbourOptions,
): TypoNeighbours {
  const tokenCount = tokens.length;
  let total = 0;
  let longest = 0;
  for (let t = 0; t < tokenCount; t++) {
    if (use[t] === 0) continue;
    const n = (tokens[t] as string).length;
    total += n + 1 + (n >= opts.twoDeletionMinLength ? (n * (n - 1)) / 2 : 0);
    if (n > longest) longest = n;
  }
  const hashes = new Uint32Array(total);
  const owners = new Int32Array(total);
  const scratch = new Uint32Array(longest + 1 + (longest * (longest - 1)) / 2);
  let used = 0;
  for (let t = 0; t < tokenCount; t++) {
    if (use[t] === 0) continue;
    const token = tokens[t] as string;
    let n = charKeyHashes(token, opts.minLength, scratch);
    if (token.length >= opts.twoDeletionMinLength) n = twoDeletionHashes(token, scratch, n);
    for (let i = 0; i < n; i++) {
      hashes[used] = scratch[i] as number;
      owners[used++] = t;
    }
  }
  const sorted = radixSortByHash(hashes.subarray(0, used), owners.subarray(0, used));
  // Neighbour pairs packed as t · tokenCount + u (both directions), sorted and deduplicated at the end.
  let pairs = new Float64Array(1024);
  let pairCount = 0;
  const run: number[] = [];
  for (let i = 0; i < used; ) {
    const hash = sorted.hashes[i] as number;
    run.length = 0;
    let j = i;
    for (; j < used && sorted.hashes[j] === hash; j++) {
      const t = sorted.tokens[j] as number;
      if (run.length === 0 || run[run.length - 1] !== t) run.push(t);
    }
    i = j;
    if (run.length < 2 || run.length > opts.maxGroup) continue;
    const need = run.length * (run.length - 1);
    if (pairCount + need > pairs.length) {
      const grown = new Float64Array(Math.max(pairs.length * 2, pairCount + need));
      grown.set(pairs.subarray(0, pairCount));
      pairs = grown;
    }
    for (const t of run) for (const u of run) if (t !== u) pairs[pairCount++] = t * tokenCount + u;
  }
  const packed = pairs.subarray(0, pairCount).sort();
  const offsets = new Int32Array(tokenCount + 1);
  const neighbours = new Int32Array(pairCount);
  let n = 0;
  for (let p = 0; p < pairCount; p++) {
    const v = packed[p] as number;
    if (p > 0 && packed[p - 1] === v) continue;
    const t = Math.floor(v / tokenCount);
    neighbours[n++] = v - t * tokenCount;
    offsets[t + 1] = (offsets[t + 1] as number) + 1;
  }
  for (let t = 0; t < tokenCount; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
  return { offsets, neighbours: neighbours.slice(0, n) };
}
