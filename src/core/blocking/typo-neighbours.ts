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
import { sortAscending } from './sort-ascending.js';

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
  // The tokens of each variant shared by 2 .. maxGroup tokens, each token once (a run is in token order: the sort is
  // stable and the variants were written token by token), and how many neighbours each token gets from them.
  const members = new Int32Array(used);
  const runEnd: number[] = [];
  const degree = new Int32Array(tokenCount + 1);
  let memberCount = 0;
  for (let i = 0; i < used; ) {
    const hash = sorted.hashes[i] as number;
    const from = memberCount;
    let j = i;
    for (; j < used && sorted.hashes[j] === hash; j++) {
      const t = sorted.tokens[j] as number;
      if (memberCount === from || members[memberCount - 1] !== t) members[memberCount++] = t;
    }
    i = j;
    const size = memberCount - from;
    if (size < 2 || size > opts.maxGroup) {
      memberCount = from;
      continue;
    }
    runEnd.push(memberCount);
    for (let q = from; q < memberCount; q++) {
      const slot = (members[q] as number) + 1;
      degree[slot] = (degree[slot] as number) + size - 1;
    }
  }
  // Each token's neighbours bucketed by token (a counting sort: issue 14, sorting the pairs packed as numbers was a
  // fifth of a second of the bridge worker at 1M records), then sorted and deduplicated within each short list.
  for (let t = 0; t < tokenCount; t++) degree[t + 1] = (degree[t + 1] as number) + (degree[t] as number);
  const found = new Int32Array(degree[tokenCount] as number);
  const cursor = degree.slice(0, tokenCount);
  let from = 0;
  for (const to of runEnd) {
    for (let q = from; q < to; q++) {
      const t = members[q] as number;
      let at = cursor[t] as number;
      for (let r = from; r < to; r++) if (r !== q) found[at++] = members[r] as number;
      cursor[t] = at;
    }
    from = to;
  }
  const offsets = new Int32Array(tokenCount + 1);
  let n = 0;
  for (let t = 0; t < tokenCount; t++) {
    const start = degree[t] as number;
    const end = degree[t + 1] as number;
    sortAscending(found, start, end);
    for (let q = start; q < end; q++) if (q === start || found[q] !== found[q - 1]) found[n++] = found[q] as number;
    offsets[t + 1] = n;
  }
  return { offsets, neighbours: found.slice(0, n) };
}
