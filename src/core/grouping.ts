/**
 * Edge-gated union-find grouping (SPEC §6). Nodes are records (index 0..n-1), so a reviewer can split one record
 * out even from exact duplicates; exact joins arrive as edges like any other. Every column is a typed array and
 * the per-component state (distinct cores for the canopy bound, cannot-link tags) is bounded, so 1M records and
 * a few million edges cost a few typed arrays, not an object each.
 */
import { JOIN_REASON_CODE } from './column-codes.js';
import { type KeyTokens, keyHasToken } from './key-tokens.js';
import { REPEATED_NAME_MIN_RECORDS } from './match/compare.js';
import { longestPlaceRun } from './match/match-table.js';
import { PairSet } from './pair-set.js';
import { NO_SITE } from './site.js';
import { countSharedDistinctiveTokens } from './token-stats.js';
import { UnionFind } from './union-find.js';

/** `ScoredEdges.reason` values: how the pair of keys was joined upstream (SPEC §5.1, §5.4). */
export const EDGE_REASON = { exact_name: 0, scored: 1 } as const;

/** A joined word is at least this long, and each part at least MIN_JOINED_PART (`starbuckscoffee`, not `cvsx`). */
const MIN_JOINED_WORD = 6;
const MIN_JOINED_PART = 3;

/** The chain guard keeps this many heaviest cores per group: its centre and the spellings beside it. */
const LEADERS = 3;
/** A group's spelling stands beside its centre when intake repeats it this often, absolutely and relatively. */
const ESTABLISHED_MIN_RECORDS = 3;
const ESTABLISHED_MIN_SHARE = 0.05;
/** Words of a centre the place rule looks at; a longer name is no place sibling. */
const MAX_CENTRE_WORDS = 16;

/** Record-level edges, one per (record a, record b) pair, fanned out from the key pairs (SPEC §5.1). */
export interface ScoredEdges {
  a: Int32Array;
  b: Int32Array;
  /** 0..100 (SPEC §5.4); exact joins carry 100. */
  score: Uint8Array;
  /** EDGE_REASON code. */
  reason: Uint8Array;
  /** Distinctive tokens the two cores share (SPEC §6: not weak, not a legal form, df ≤ max_shared_token_df). */
  sharedDistinctive: Uint8Array;
  /** Key ids of the pair, for the (key_a, key_b) tie-break; the pair is compared as (min, max). */
  tieA: Int32Array;
  tieB: Int32Array;
}

/** Record-index pairs from reviewer decisions (SPEC §10), in journal order. */
export interface RecordPairs {
  a: Int32Array;
  b: Int32Array;
}

export interface GroupingInput {
  recordCount: number;
  /** Record → distinct name_core id (≥ 0), or -1 for a record without a core (unusable). */
  coreId: Int32Array;
  /** 0 for unusable and junk records (SPEC §4): scored and exact edges that mention them are ignored. */
  participates: Uint8Array;
  edges: ScoredEdges;
  mustLink: RecordPairs;
  cannotLink: RecordPairs;
  /**
   * Pairs the match model found to be two different companies (src/core/match/conflict.ts): a scored edge may
   * not put both in one group; exact joins and must-links are not checked against them.
   */
  conflicts?: RecordPairs;
  thresholds: { high: number; medium: number };
  /** `canopy.max_without_high_edge`. */
  canopyMaxWithoutHighEdge: number;
  /** The chain guard's data (see {@link CentreGuard}); without it any scored edge ≥ high joins. */
  centres?: GroupCentres;
  /**
   * Per record its house number (NO_SITE: none), given only when the file reads as a site list
   * (src/core/site.ts): no join, exact ones included, puts two house numbers in one group; must-links are not
   * checked (a steward's word).
   */
  sites?: Int32Array;
}

/**
 * What the chain guard knows of cores: records per core id, the pairs of cores the match model scored ≥ medium
 * (in either order), and each core's tokens (through one key of it) with the mask of words rare enough for two
 * centres to agree through (`grouping.centre_shared_token_df`).
 */
export interface GroupCentres {
  coreRecords: Int32Array;
  agreeA: Int32Array;
  agreeB: Int32Array;
  coreKey: Int32Array;
  tokens: KeyTokens;
  distinctive: Uint8Array;
  /**
   * Cores that spell one employer of the alias dictionary, each list one employer (`subway`, `subway sandwiches`):
   * a centre stands for all of them, so `subwayy sandwiches` agrees with a `subway` centre through the words of
   * `subway sandwiches`. Optional; none when omitted.
   */
  aliasCores?: readonly Int32Array[];
  /**
   * Rival core pairs — both repeated, of similar counts, and a letter apart (`smith heating` ×24 / `smyth heating`
   * ×21) or differing only by numbers (`los angeles bakery` / `los angeles bakery 9`): two companies, so their
   * centres never agree, whatever they share or the model scored. Optional; none when omitted.
   */
  rivalA?: Int32Array;
  rivalB?: Int32Array;
  /**
   * Places as the guard reads them: `single[t] = 1` for a place of one word, places of several words as their token
   * ids joined by spaces (`runs`), and the head ratio of the comparer. Optional; no place rule when omitted.
   */
  places?: {
    single: Uint8Array;
    runs: ReadonlySet<string>;
    headRatio: number;
    repeatedTailRatio: number;
    /**
     * Town siblings stay apart even when the model scored their centres ≥ medium on the words they share: in a CRM
     * list `Mercedes Benz of Elk Grove` is another dealership than `Mercedes Benz`. False in a site list, whose
     * sites named by their neighbourhood are one organisation's, as the model's site feature knows.
     */
    siblingsOverrideModel?: boolean;
  };
}

/** The accepted joins: a maximum spanning forest over the records (SPEC §6). Arrays have length `count`. */
export interface SpanningForest {
  count: number;
  a: Int32Array;
  b: Int32Array;
  /** Edge score; a must-link counts as 100 (a reviewer's word is the strongest evidence we hold). */
  score: Uint8Array;
  /** JOIN_REASON_CODE of the edge (never `primary`). */
  joinReason: Uint8Array;
  /** Distinctive tokens shared by the two cores; 0 for a must-link. */
  sharedTokens: Uint8Array;
  /** Index into the input edges, or -1 - k for must-link pair k. */
  source: Int32Array;
}

export interface GroupingStats {
  /** Edges with score ≥ medium between two participating records. */
  edgesConsidered: number;
  /** Edges below medium, self-loops, or touching a non-participating record. */
  edgesIgnored: number;
  refusedNoSharedToken: number;
  refusedByCanopy: number;
  refusedByCannotLink: number;
  /** Scored edges refused because they would join two records of a match-model conflict. */
  refusedByConflict: number;
  /** Scored edges refused by the chain guard: the two groups' centres do not agree (see `CentreGuard`). */
  refusedByCentre: number;
  /** Joins refused because the two groups sit at different house numbers of a site list (`GroupingInput.sites`). */
  refusedBySite: number;
  /** Must-links applied, including those whose records were already together. */
  mustLinksApplied: number;
}

export interface GroupingResult {
  /** Record → group 0..groupCount-1, numbered by each group's smallest record index. */
  component: Int32Array;
  groupCount: number;
  /** Group → number of records. */
  groupSize: Int32Array;
  forest: SpanningForest;
  stats: GroupingStats;
  /** Indices into `mustLink` of must-links not applied because they contradict a cannot-link (SPEC §6). */
  contradictedMustLinks: Int32Array;
}

/** Group → its records, ascending: members of g are `members[offsets[g] .. offsets[g + 1])`. */
export interface GroupMembers {
  offsets: Int32Array;
  members: Int32Array;
}

/** Counting sort of records by group. @example membersByGroup([1, 0, 1], 2) → offsets [0, 1, 3], members [1, 0, 2] */
export function membersByGroup(component: Int32Array, groupCount: number): GroupMembers {
  const offsets = new Int32Array(groupCount + 1);
  for (let i = 0; i < component.length; i++) {
    const k = (component[i] as number) + 1;
    offsets[k] = (offsets[k] as number) + 1;
  }
  for (let g = 0; g < groupCount; g++) offsets[g + 1] = (offsets[g + 1] as number) + (offsets[g] as number);
  const cursor = offsets.slice(0, groupCount);
  const members = new Int32Array(component.length);
  for (let i = 0; i < component.length; i++) {
    const g = component[i] as number;
    const at = cursor[g] as number;
    cursor[g] = at + 1;
    members[at] = i;
  }
  return { offsets, members };
}

/** One stable counting-sort pass of `order` by `keys` (aligned with positions in `order`), keys in 0..range-1. */
function countingPass(order: Int32Array, keys: Int32Array, range: number, counts: Int32Array, out: Int32Array): void {
  counts.fill(0, 0, range + 1);
  const m = order.length;
  for (let j = 0; j < m; j++) {
    const k = (keys[j] as number) + 1;
    counts[k] = (counts[k] as number) + 1;
  }
  for (let k = 0; k < range; k++) counts[k + 1] = (counts[k + 1] as number) + (counts[k] as number);
  for (let j = 0; j < m; j++) {
    const k = keys[j] as number;
    const at = counts[k] as number;
    counts[k] = at + 1;
    out[at] = order[j] as number;
  }
}

/**
 * Indices of the usable edges in processing order (SPEC §6): score descending, then (key_a, key_b), then the
 * record pair, then exact before scored, more shared tokens first, then input index. Everything but the last
 * key is a property of the edge itself, so the result is the same however the input was ordered.
 * Score and key pair by LSD radix passes (linear, no comparator calls on millions of edges); the short runs
 * that tie on both are then sorted by comparator.
 */
function orderEdges(input: GroupingInput, stats: GroupingStats): Int32Array {
  const { edges, participates, recordCount } = input;
  const { a, b, score, tieA, tieB } = edges;
  const medium = input.thresholds.medium;
  const m = a.length;
  if (b.length !== m || score.length !== m || edges.reason.length !== m || edges.sharedDistinctive.length !== m) {
    throw new Error(`grouping: edge columns differ in length (a has ${m}). Pass one value per edge in every column.`);
  }
  if (tieA.length !== m || tieB.length !== m) {
    throw new Error(`grouping: tie-break key columns differ in length from the edges (${m}).`);
  }
  let kept = 0;
  let maxKey = 0;
  for (let e = 0; e < m; e++) {
    const x = a[e] as number;
    const y = b[e] as number;
    if (x < 0 || y < 0 || x >= recordCount || y >= recordCount) {
      throw new Error(
        `grouping: edge ${e} names record ${x < 0 || x >= recordCount ? x : y}, outside 0..${recordCount - 1}.`,
      );
    }
    const ka = tieA[e] as number;
    const kb = tieB[e] as number;
    if (ka < 0 || kb < 0) throw new Error(`grouping: edge ${e} has a negative key id (${ka}, ${kb}).`);
    if ((score[e] as number) < medium || x === y || participates[x] === 0 || participates[y] === 0) {
      stats.edgesIgnored++;
      continue;
    }
    kept++;
    if (ka > maxKey) maxKey = ka;
    if (kb > maxKey) maxKey = kb;
  }
  stats.edgesConsidered = kept;
  let order = new Int32Array(kept);
  for (let e = 0, j = 0; e < m; e++) {
    const x = a[e] as number;
    const y = b[e] as number;
    if ((score[e] as number) < medium || x === y || participates[x] === 0 || participates[y] === 0) continue;
    order[j++] = e;
  }
  if (kept < 2) return order;
  const counts = new Int32Array(Math.max(maxKey + 1, 101) + 1);
  const keys = new Int32Array(kept);
  let out = new Int32Array(kept);
  const pass = (fill: (e: number) => number, r: number): void => {
    for (let j = 0; j < kept; j++) keys[j] = fill(order[j] as number);
    countingPass(order, keys, r, counts, out);
    const t = order;
    order = out;
    out = t;
  };
  // Least significant first; each pass is stable, so earlier passes break ties of later ones.
  pass((e) => Math.max(tieA[e] as number, tieB[e] as number), maxKey + 1);
  pass((e) => Math.min(tieA[e] as number, tieB[e] as number), maxKey + 1);
  pass((e) => 100 - Math.min(100, score[e] as number), 101);
  sortTiedKeyPairs(order, edges);
  return order;
}

/**
 * Edges with the same score and key pair are the record pairs one key pair fanned out to (SPEC §5.1): a short
 * run, sorted in place by record pair, exact before scored, more shared tokens first, then input index.
 */
function sortTiedKeyPairs(order: Int32Array, edges: ScoredEdges): void {
  const { a, b, score, tieA, tieB, reason, sharedDistinctive } = edges;
  const recLo = (e: number): number => Math.min(a[e] as number, b[e] as number);
  const recHi = (e: number): number => Math.max(a[e] as number, b[e] as number);
  const keyLo = (e: number): number => Math.min(tieA[e] as number, tieB[e] as number);
  const keyHi = (e: number): number => Math.max(tieA[e] as number, tieB[e] as number);
  const byRecords = (e: number, f: number): number =>
    recLo(e) - recLo(f) ||
    recHi(e) - recHi(f) ||
    (reason[e] as number) - (reason[f] as number) ||
    (sharedDistinctive[f] as number) - (sharedDistinctive[e] as number) ||
    e - f;
  for (let start = 0; start < order.length; ) {
    const first = order[start] as number;
    let end = start + 1;
    while (end < order.length) {
      const e = order[end] as number;
      if (score[e] !== score[first] || keyLo(e) !== keyLo(first) || keyHi(e) !== keyHi(first)) break;
      end++;
    }
    if (end - start > 1) order.subarray(start, end).sort(byRecords);
    start = end;
  }
}

/**
 * Distinct cores per component, for the canopy bound. Only the count matters once it exceeds the bound
 * (every later medium join with that component is refused), so each list holds at most `cap` cores and is a
 * linked list threaded through the records themselves: three Int32Arrays whatever the graph.
 */
class CoreCanopy {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly next: Int32Array;
  /** Distinct cores of a root's component, saturated at cap + 1. */
  readonly count: Int32Array;
  private readonly stamp: Int32Array;
  private stampNow = 0;

  constructor(
    private readonly coreId: Int32Array,
    private readonly cap: number,
  ) {
    const n = coreId.length;
    this.head = new Int32Array(n);
    this.tail = new Int32Array(n);
    this.next = new Int32Array(n).fill(-1);
    this.count = new Int32Array(n);
    let maxCore = -1;
    for (let i = 0; i < n; i++) {
      const c = coreId[i] as number;
      if (c > maxCore) maxCore = c;
      const has = c >= 0 ? 1 : 0;
      this.head[i] = has ? i : -1;
      this.tail[i] = has ? i : -1;
      this.count[i] = Math.min(has, cap + 1);
    }
    this.stamp = new Int32Array(maxCore + 1);
  }

  /** Distinct cores after merging the components rooted at ra and rb (saturated at cap + 1); no change made. */
  mergedCount(ra: number, rb: number): number {
    const ca = this.count[ra] as number;
    const cb = this.count[rb] as number;
    if (ca > this.cap || cb > this.cap) return this.cap + 1;
    const s = this.markList(ra);
    let total = ca;
    for (let x = this.head[rb] as number; x >= 0; x = this.next[x] as number) {
      if (this.stamp[this.coreId[x] as number] !== s) total++;
    }
    return Math.min(total, this.cap + 1);
  }

  /** Account for the component rooted at `from` having been merged into the one rooted at `into`. */
  merge(into: number, from: number): void {
    const ci = this.count[into] as number;
    const cf = this.count[from] as number;
    if (ci > this.cap || cf > this.cap) {
      this.count[into] = this.cap + 1;
      return;
    }
    const s = this.markList(into);
    let total = ci;
    let x = this.head[from] as number;
    while (x >= 0) {
      const after = this.next[x] as number;
      const c = this.coreId[x] as number;
      if (this.stamp[c] !== s) {
        this.stamp[c] = s;
        this.next[x] = -1;
        if ((this.tail[into] as number) < 0) this.head[into] = x;
        else this.next[this.tail[into] as number] = x;
        this.tail[into] = x;
        total++;
      }
      x = after;
    }
    this.count[into] = Math.min(total, this.cap + 1);
  }

  private markList(root: number): number {
    const s = ++this.stampNow;
    for (let x = this.head[root] as number; x >= 0; x = this.next[x] as number)
      this.stamp[this.coreId[x] as number] = s;
    return s;
  }
}

/**
 * Cannot-link tags per component (SPEC §10). Cannot-link k tags its two records with 2k and 2k+1; two components
 * may not merge when one holds tag t and the other t^1. Cannot-links are rare, so only components that hold a
 * tag have a set, and sets merge smaller into larger.
 */
class CannotLinks {
  private readonly byRoot = new Map<number, Set<number>>();

  constructor(pairs: RecordPairs, recordCount: number) {
    if (pairs.a.length !== pairs.b.length) throw new Error('grouping: cannot-link columns differ in length.');
    for (let k = 0; k < pairs.a.length; k++) {
      const x = pairs.a[k] as number;
      const y = pairs.b[k] as number;
      checkRecord(x, recordCount, 'cannot-link', k);
      checkRecord(y, recordCount, 'cannot-link', k);
      if (x === y) continue;
      this.tag(x, 2 * k);
      this.tag(y, 2 * k + 1);
    }
  }

  private tag(record: number, t: number): void {
    let set = this.byRoot.get(record);
    if (set === undefined) {
      set = new Set();
      this.byRoot.set(record, set);
    }
    set.add(t);
  }

  conflict(ra: number, rb: number): boolean {
    const sa = this.byRoot.get(ra);
    const sb = this.byRoot.get(rb);
    if (sa === undefined || sb === undefined) return false;
    const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
    for (const t of small) if (large.has(t ^ 1)) return true;
    return false;
  }

  merge(into: number, from: number): void {
    const sf = this.byRoot.get(from);
    if (sf === undefined) return;
    this.byRoot.delete(from);
    const si = this.byRoot.get(into);
    if (si === undefined) {
      this.byRoot.set(into, sf);
      return;
    }
    const [small, large] = si.size <= sf.size ? [si, sf] : [sf, si];
    for (const t of small) large.add(t);
    this.byRoot.set(into, large);
  }
}

/**
 * The chain guard (issue 10). Single-link grouping percolates on large files: `Lowe's` → a typo of it that
 * is also one letter from `Lowe Group` → … until unrelated heads share one group. Each group has a centre, the
 * core of most records among the centres it merged (a head's own spelling), and a scored edge may join two
 * groups only when their centres agree: one core, a pair the match model scored ≥ medium, or two cores sharing
 * a rare word (`GroupCentres.distinctive`: `Philips` and `Koninklijke Philips Electronics` meet through other
 * spellings; `bank` is too common to make `Ameris Bank` agree with `Bank of America`). A group
 * then grows around what it is, not along a path of look-alikes; exact joins and must-links are not checked.
 * A rare word written joined to another counts as shared (`starbuckscoffee` / `starbucks`), and spellings a
 * group holds often enough agree like its centre (`leadersMatch`).
 */
class CentreGuard {
  /**
   * Per group root its LEADERS heaviest cores, heaviest first (-1: none): `leaders[r * LEADERS]` is the centre.
   * Top-k of a union is top-k of the two top-k lists, so each merge keeps this exact.
   */
  private readonly leaders: Int32Array;
  private readonly agreeing: PairSet;
  private readonly rivals: PairSet;

  /** Core → its alias-dictionary employer's spellings in this file, when it has some. */
  private readonly spellings = new Map<number, Int32Array>();

  constructor(
    coreId: Int32Array,
    private readonly data: GroupCentres,
  ) {
    this.leaders = new Int32Array(coreId.length * LEADERS).fill(-1);
    for (let i = 0; i < coreId.length; i++) this.leaders[i * LEADERS] = coreId[i] as number;
    for (const cores of data.aliasCores ?? []) for (const c of cores) this.spellings.set(c, cores);
    if (data.agreeA.length !== data.agreeB.length) throw new Error('grouping: centre pair columns differ in length.');
    this.agreeing = PairSet.of(data.agreeA, data.agreeB);
    const rivalA = data.rivalA ?? new Int32Array(0);
    const rivalB = data.rivalB ?? new Int32Array(0);
    if (rivalA.length !== rivalB.length) throw new Error('grouping: rival pair columns differ in length.');
    this.rivals = PairSet.of(rivalA, rivalB);
  }

  private centreOf(root: number): number {
    return this.leaders[root * LEADERS] as number;
  }

  agree(ra: number, rb: number): boolean {
    const x = this.centreOf(ra);
    const y = this.centreOf(rb);
    if (x < 0 || y < 0) return true;
    if (this.rivals.has(x, y)) return false;
    // Before the model's agreement: `Mercedes Benz` ×10 / `Mercedes Benz of Elk Grove` ×8 score medium on their shared
    // words, yet the town makes the second another dealership, as the comparer's repeated-town rule says.
    const siblingsFirst = this.data.places?.siblingsOverrideModel === true;
    if (siblingsFirst && this.placeSiblings(x, y)) return false;
    if (this.leadersMatch(ra, rb)) return true;
    if (!siblingsFirst && this.placeSiblings(x, y)) return false;
    return this.shareWord(x, y) || this.spellingShares(x, y) || this.spellingShares(y, x);
  }

  /** Scratch for `placeSiblings`: the words of each centre the other lacks. */
  private readonly onlyX = new Int32Array(MAX_CENTRE_WORDS);
  private readonly onlyY = new Int32Array(MAX_CENTRE_WORDS);

  /**
   * Two centres that share words and differ only by places are sibling companies (`Biergarten Apex` ×29 /
   * `Biergarten Rancho Cordova` ×27, `Pho Elyria` / `Pho Gilbert`: intake repeats each), unless one is a place tail
   * on the other's head (`townTail`: `Target` ×900 / `Target Mesa`). A word they share is then no reason to agree.
   */
  private placeSiblings(x: number, y: number): boolean {
    const places = this.data.places;
    if (places === undefined) return false;
    const kx = this.data.coreKey[x] as number;
    const ky = this.data.coreKey[y] as number;
    const nx = this.wordsLacking(kx, ky, this.onlyX);
    const ny = this.wordsLacking(ky, kx, this.onlyY);
    if (nx < 0 || ny < 0 || nx + ny === 0) return false;
    const px = nx > 0 && allPlaces(this.onlyX, nx, places.single, places.runs);
    const py = ny > 0 && allPlaces(this.onlyY, ny, places.single, places.runs);
    if (nx > 0 && ny > 0) return px && py;
    return nx === 0
      ? py && !townTail(x, y, this.data.coreRecords, places)
      : px && !townTail(y, x, this.data.coreRecords, places);
  }

  /**
   * Key k's words (not weak) that key `other` lacks, in order, into `out`; their count, or −1 when the two share no
   * word or k has more words than `out` holds.
   */
  private wordsLacking(k: number, other: number, out: Int32Array): number {
    const { offsets, ids, isWeak } = this.data.tokens;
    let n = 0;
    let shared = 0;
    for (let p = offsets[k] as number; p < (offsets[k + 1] as number); p++) {
      const t = ids[p] as number;
      if (isWeak[t] === 1) continue;
      if (keyHasToken(this.data.tokens, other, t)) shared++;
      else if (n === out.length) return -1;
      else out[n++] = t;
    }
    return shared === 0 ? -1 : n;
  }

  /**
   * The two groups' centres, or established spellings of them, are one core or a pair the match model scored
   * ≥ medium. A spelling is established when intake repeats it (`walgreen` ×44 beside
   * `walgreens` ×498): a newcomer scored against it (`wlgreen`) is a spelling of the group, while a one-off typo
   * in a group stands for nothing, so chains through look-alikes stay refused.
   */
  private leadersMatch(ra: number, rb: number): boolean {
    const x = this.centreOf(ra);
    const y = this.centreOf(rb);
    if (x < 0 || y < 0) return false;
    for (let i = 0; i < LEADERS; i++) {
      const lx = this.leaders[ra * LEADERS + i] as number;
      if (lx < 0 || (i > 0 && !this.established(lx, x))) continue;
      for (let j = 0; j < LEADERS; j++) {
        const ly = this.leaders[rb * LEADERS + j] as number;
        if (ly < 0 || (j > 0 && !this.established(ly, y))) continue;
        if (lx === ly || this.agreeing.has(lx, ly)) return true;
      }
    }
    return false;
  }

  private established(core: number, centre: number): boolean {
    const w = this.data.coreRecords[core] as number;
    return w >= ESTABLISHED_MIN_RECORDS && w >= ESTABLISHED_MIN_SHARE * (this.data.coreRecords[centre] as number);
  }

  /**
   * Distinctive words that are no town, built on the first shared-word test: a town's name alone says little of a
   * company (`Hartford` / `East Hartford Construction`).
   */
  private sharedEvidence: Uint8Array | null = null;

  private shareWord(x: number, y: number): boolean {
    const d = this.data;
    const kx = d.coreKey[x] as number;
    const ky = d.coreKey[y] as number;
    if (this.sharedEvidence === null) {
      const towns = d.places?.single;
      this.sharedEvidence =
        towns === undefined ? d.distinctive : Uint8Array.from(d.distinctive, (v, t) => (towns[t] === 1 ? 0 : v));
    }
    return (
      countSharedDistinctiveTokens(d.tokens, kx, ky, this.sharedEvidence) > 0 ||
      this.joinedWord(kx, ky) ||
      this.joinedWord(ky, kx)
    );
  }

  /** Token text → id, built on the first joined-word test (only refused joins get that far). */
  private tokenIds: Map<string, number> | null = null;

  /**
   * A word of key `whole` is words of key `parts` written as one (issue 10 class 5): two adjacent words joined
   * (`homedepot` / `home depot`), or a distinctive word run into another word of the file (`starbuckscoffee`
   * / `starbucks`, `loweshome centers` / `lowes`). At least one part must be distinctive, as for a shared word.
   */
  private joinedWord(whole: number, parts: number): boolean {
    const { tokens, offsets, ids, isWeak } = this.data.tokens;
    const distinctive = this.data.distinctive;
    const pStart = offsets[parts] as number;
    const pEnd = offsets[parts + 1] as number;
    for (let p = offsets[whole] as number; p < (offsets[whole + 1] as number); p++) {
      const word = tokens[ids[p] as number] as string;
      if (word.length < MIN_JOINED_WORD) continue;
      for (let q = pStart; q < pEnd; q++) {
        const u = ids[q] as number;
        const head = tokens[u] as string;
        if (head.length < MIN_JOINED_PART || !word.startsWith(head) || word.length === head.length) continue;
        const v = q + 1 < pEnd ? (ids[q + 1] as number) : -1;
        if (v >= 0 && head + tokens[v] === word && (distinctive[u] === 1 || distinctive[v] === 1)) return true;
        if (distinctive[u] !== 1 || word.length - head.length < MIN_JOINED_PART) continue;
        this.tokenIds ??= new Map(tokens.map((t, id) => [t, id]));
        const rest = this.tokenIds.get(word.slice(head.length));
        if (rest !== undefined && isWeak[rest] === 0) return true;
      }
    }
    return false;
  }

  /** A centre stands for every spelling of its dictionary employer. */
  private spellingShares(centre: number, other: number): boolean {
    const cores = this.spellings.get(centre);
    if (cores === undefined) return false;
    for (const c of cores) if (c !== centre && this.shareWord(c, other)) return true;
    return false;
  }

  /** Scratch for `merge`: the merged group's leaders, heaviest first. */
  private readonly top = new Int32Array(LEADERS);

  merge(into: number, from: number): void {
    const top = this.top.fill(-1);
    for (let i = 0; i < 2 * LEADERS; i++) {
      const root = i < LEADERS ? into : from;
      let c = this.leaders[root * LEADERS + (i % LEADERS)] as number;
      if (c < 0 || top.includes(c)) continue;
      // Insert c into the sorted list (heavier first, then the smaller core id); the lightest falls off.
      for (let k = 0; k < LEADERS && c >= 0; k++) {
        const t = top[k] as number;
        if (t < 0 || this.heavier(c, t)) {
          top[k] = c;
          c = t;
        }
      }
    }
    this.leaders.set(top, into * LEADERS);
  }

  private heavier(c: number, t: number): boolean {
    const w = this.data.coreRecords;
    return (w[c] as number) > (w[t] as number) || (w[c] === w[t] && c < t);
  }
}

/**
 * A name written once with a town after another name written at least this many times as often is that company's
 * site (`Torres Builders Galveston` ×1 / `Torres Builders` ×2): CRM-INTAKE's location qualifier follows any name,
 * while sibling companies named by their towns are each repeated.
 */
const ONE_OFF_TOWN_TAIL_RATIO = 2;

/**
 * Whether centre `tail` (the words of `head` and a town) is a site of `head` rather than a company of its own: a
 * name written once on a name twice as frequent ({@link ONE_OFF_TOWN_TAIL_RATIO}), one written twice on a head of
 * `headRatio` times its records (`Target Mesa`), or, when intake repeats it, on a head `repeatedTailRatio` times
 * its records — `Pho Corona` ×15 is no site of `Pho` ×130 (the plain name of many restaurants whose towns were
 * dropped), while `Target Mesa` ×20 is one of `Target` ×15,000.
 */
function townTail(
  head: number,
  tail: number,
  records: Int32Array,
  places: NonNullable<GroupCentres['places']>,
): boolean {
  const t = records[tail] as number;
  const ratio =
    t >= REPEATED_NAME_MIN_RECORDS ? places.repeatedTailRatio : t === 1 ? ONE_OFF_TOWN_TAIL_RATIO : places.headRatio;
  return (records[head] as number) >= ratio * t;
}

/**
 * Whether words[0 .. n) are places end to end: places of several words (the longest first) or of one.
 * @example allPlaces([santa, cruz], 2, single, runs with 'santa cruz') → true
 */
function allPlaces(words: Int32Array, n: number, single: Uint8Array, runs: ReadonlySet<string>): boolean {
  let i = 0;
  while (i < n) {
    let end = longestPlaceRun(words, i, n, runs);
    if (end === i && single[words[i] as number] === 1) end = i + 1;
    if (end === i) return false;
    i = end;
  }
  return true;
}

function checkRecord(x: number, recordCount: number, what: string, k: number): void {
  if (!Number.isInteger(x) || x < 0 || x >= recordCount) {
    throw new Error(`grouping: ${what} ${k} names record ${x}, outside 0..${recordCount - 1}.`);
  }
}

/**
 * Group records (SPEC §6). Must-links join first, in input (journal) order; then edges with score ≥ medium in
 * descending score: a high edge (or an exact join) always joins, a medium edge joins only when the cores share a
 * distinctive token and the merged component stays within the canopy bound; any join that would put a
 * cannot-link pair into one component is refused.
 * Must-links are a reviewer's explicit word, so they also apply to non-participating (junk, unusable) records and
 * are exempt from the canopy bound; this is how junk can end up in a multi-record group (SPEC §9.1 rule 4).
 * @example records 0 `acme` and 1 `acme corp` with an edge of score 95 → one group, forest [0—1, 95, `edge>=high`]
 */
export function groupRecords(input: GroupingInput): GroupingResult {
  const n = input.recordCount;
  const { high, medium } = input.thresholds;
  if (input.coreId.length !== n || input.participates.length !== n) {
    throw new Error(`grouping: coreId and participates must have one value per record (${n}).`);
  }
  if (!(medium <= high)) throw new Error(`grouping: thresholds.medium (${medium}) exceeds thresholds.high (${high}).`);
  const stats: GroupingStats = {
    edgesConsidered: 0,
    edgesIgnored: 0,
    refusedNoSharedToken: 0,
    refusedByCanopy: 0,
    refusedByCannotLink: 0,
    refusedByConflict: 0,
    refusedByCentre: 0,
    refusedBySite: 0,
    mustLinksApplied: 0,
  };
  const uf = new UnionFind(n);
  const canopy = new CoreCanopy(input.coreId, input.canopyMaxWithoutHighEdge);
  const cannot = new CannotLinks(input.cannotLink, n);
  const conflicts = new CannotLinks(input.conflicts ?? { a: new Int32Array(0), b: new Int32Array(0) }, n);
  const centres = input.centres === undefined ? null : new CentreGuard(input.coreId, input.centres);
  // A group's house number: the first one it took (a site list's group sits at one site).
  const siteOf = input.sites === undefined ? null : Int32Array.from(input.sites);

  const maxTreeEdges = Math.max(n - 1, 0);
  const fa = new Int32Array(maxTreeEdges);
  const fb = new Int32Array(maxTreeEdges);
  const fScore = new Uint8Array(maxTreeEdges);
  const fReason = new Uint8Array(maxTreeEdges);
  const fShared = new Uint8Array(maxTreeEdges);
  const fSource = new Int32Array(maxTreeEdges);
  let treeCount = 0;
  const join = (
    ra: number,
    rb: number,
    x: number,
    y: number,
    score: number,
    reason: number,
    shared: number,
    source: number,
  ) => {
    const root = uf.unionRoots(ra, rb);
    const other = root === ra ? rb : ra;
    canopy.merge(root, other);
    cannot.merge(root, other);
    conflicts.merge(root, other);
    centres?.merge(root, other);
    if (siteOf !== null && (siteOf[root] as number) === NO_SITE) siteOf[root] = siteOf[other] as number;
    fa[treeCount] = x;
    fb[treeCount] = y;
    fScore[treeCount] = score;
    fReason[treeCount] = reason;
    fShared[treeCount] = shared;
    fSource[treeCount] = source;
    treeCount++;
  };

  const must = input.mustLink;
  if (must.a.length !== must.b.length) throw new Error('grouping: must-link columns differ in length.');
  const contradicted: number[] = [];
  for (let k = 0; k < must.a.length; k++) {
    const x = must.a[k] as number;
    const y = must.b[k] as number;
    checkRecord(x, n, 'must-link', k);
    checkRecord(y, n, 'must-link', k);
    const ra = uf.find(x);
    const rb = uf.find(y);
    if (ra === rb) {
      stats.mustLinksApplied++;
      continue;
    }
    if (cannot.conflict(ra, rb)) {
      contradicted.push(k);
      continue;
    }
    join(ra, rb, x, y, 100, JOIN_REASON_CODE.must_link, 0, -1 - k);
    stats.mustLinksApplied++;
  }

  const { a, b, score, reason, sharedDistinctive } = input.edges;
  const order = orderEdges(input, stats);
  for (let j = 0; j < order.length; j++) {
    const e = order[j] as number;
    const x = a[e] as number;
    const y = b[e] as number;
    const ra = uf.find(x);
    const rb = uf.find(y);
    if (ra === rb) continue;
    const s = score[e] as number;
    const exact = reason[e] === EDGE_REASON.exact_name;
    const strong = exact || s >= high;
    const shared = sharedDistinctive[e] as number;
    if (!strong && shared === 0) {
      stats.refusedNoSharedToken++;
      continue;
    }
    if (cannot.conflict(ra, rb)) {
      stats.refusedByCannotLink++;
      continue;
    }
    if (siteOf !== null) {
      const sa = siteOf[ra] as number;
      const sb = siteOf[rb] as number;
      if (sa !== NO_SITE && sb !== NO_SITE && sa !== sb) {
        stats.refusedBySite++;
        continue;
      }
    }
    if (!exact && conflicts.conflict(ra, rb)) {
      stats.refusedByConflict++;
      continue;
    }
    if (!exact && centres !== null && !centres.agree(ra, rb)) {
      stats.refusedByCentre++;
      continue;
    }
    if (!strong && canopy.mergedCount(ra, rb) > input.canopyMaxWithoutHighEdge) {
      stats.refusedByCanopy++;
      continue;
    }
    const code = exact
      ? JOIN_REASON_CODE.exact_name
      : strong
        ? JOIN_REASON_CODE['edge>=high']
        : JOIN_REASON_CODE['edge>=medium+shared_token'];
    join(ra, rb, x, y, s, code, shared, e);
  }

  const { label, count } = uf.labels();
  const groupSize = new Int32Array(count);
  for (let i = 0; i < n; i++) {
    const k = label[i] as number;
    groupSize[k] = (groupSize[k] as number) + 1;
  }
  return {
    component: label,
    groupCount: count,
    groupSize,
    forest: {
      count: treeCount,
      a: fa.slice(0, treeCount),
      b: fb.slice(0, treeCount),
      score: fScore.slice(0, treeCount),
      joinReason: fReason.slice(0, treeCount),
      sharedTokens: fShared.slice(0, treeCount),
      source: fSource.slice(0, treeCount),
    },
    stats,
    contradictedMustLinks: Int32Array.from(contradicted),
  };
}
