/**
 * Bridge blocks (issue 10 item 2): blocks named by a token (or an alias group) whose members hold that token
 * directly or reach it through a *bridge* — a typo of it (`walmrt` → `walmart`, typo-neighbours.ts), two adjacent
 * tokens that join into it (`wal mart` → `walmart`, `fed ex` → `fedex`) or a long token that splits into it and
 * another word (`philipsgloeilampenfabrieken` → `philips`), initials that spell it
 * (`international business machines` → `ibm`, `a b c staffing` → `abc`), or a spelling of a curated alias group
 * that starts the name (`united parcel service` / `ups`; a one-word spelling only as the whole name).
 *
 * Who meets whom in a block (each rule symmetric in the two keys):
 *  - a bridge member meets every direct member of a block of at most `window` keys; in a larger block, those
 *    within window − 1 places in the block's *remainder order* (the key's non-weak tokens without the bridged span, then
 *    core) — `walmrt stores` sits among the `walmart stores …` keys of a 3,000-key `walmart` block;
 *  - a hub — a member holding at least hubShare of the block's records and at least hubMinRecords records (the
 *    dominant spelling of a head entity: `walmart`, `koninklijke philips electronics`) — meets every member;
 *  - two direct members meet when the token is in at most allTokenMaxDf cores (any token, not only the two
 *    rarest: `holmes` / `chicago public schools holmes oliver wendell`), or when one direct member holds at least
 *    entityShare of the block's records (a head entity's block, up to entityMaxBlock keys); in a head entity's
 *    block bridges meet every member, bridges too (`nv philipsgloeilampenfabrieken` / `koninklijke philips
 *    electronic`); in a small-df token's block they meet its holders, not each other (thousands of `… law group`
 *    keys bridge into one rare `lawgroup`);
 *  - in an alias-group or initials block, which has no direct members, bridges meet each other likewise.
 */

import { continuedTextHash, textHash } from '../first-occurrences.js';
import {
  abbreviatedJoin,
  type KeyTokens,
  MIN_JOINED_ABBREVIATION,
  MIN_JOINED_WORD,
  pluralsOf,
  singularsOf,
} from '../key-tokens.js';
import { TextIndex } from '../text-index.js';
import { sharedColumn, sharedInt32Array } from '../typed-columns.js';
import { compareKeySequences } from './block-index.js';
import type { TypoNeighbours } from './typo-neighbours.js';

export const MEMBER_DIRECT = 0;
export const MEMBER_TYPO = 1;
export const MEMBER_JOINED = 2;
export const MEMBER_INITIALS = 3;
export const MEMBER_ALIAS = 4;
/** A run of one-letter tokens (`n t a`) in the block of initials no key has as a token: met like a direct holder. */
export const MEMBER_ACRONYM = 5;

/** `blockAllPairs` values: members meet as usual; every member meets every other; holders and bridges meet all. */
export const ALL_PAIRS_NONE = 0;
export const ALL_PAIRS_ENTITY = 1;
export const ALL_PAIRS_HOLDERS = 2;

export interface BridgeBlockOptions {
  maxBlock: number;
  windowSize: number;
  /** Direct members of a token in at most this many cores all meet. */
  allTokenMaxDf: number;
  /** A typo bridge is made from the rarer token only, and only when that token is in at most this many cores. */
  typoMaxDf: number;
  /** A short form (`mcd`) bridges only when at most this many words start with it. */
  typoMaxGroup: number;
  hubShare: number;
  hubMinRecords: number;
  /** A block whose largest key holds this share of its records, with at most entityMaxBlock keys, pairs all. */
  entityShare: number;
  entityMaxBlock: number;
}

export interface BridgeBlocks {
  blockCount: number;
  /** Blocks `aliasBlockStart .. aliasBlockEnd − 1` are alias groups: every member is a bridge, and they meet. */
  aliasBlockStart: number;
  aliasBlockEnd: number;
  /** Members of block v: `memberKey[blockStart[v] .. blockStart[v + 1])`; a large block's in remainder order. */
  blockStart: Int32Array;
  memberKey: Int32Array;
  memberBlock: Int32Array;
  memberKind: Uint8Array;
  memberHub: Uint8Array;
  /** ALL_PAIRS_* of block v: a head entity's block, or a token in few cores (its holders meet everyone). */
  blockAllPairs: Uint8Array;
  /** Members that are bridges or hubs, per block (0: nothing in the block needs visiting beyond direct pairs). */
  blockSpecial: Int32Array;
  /** Hub members of block v: `hubMember[hubStart[v] .. hubStart[v + 1])` (member indices). */
  hubStart: Int32Array;
  hubMember: Int32Array;
  /**
   * Direct members (MEMBER_DIRECT, MEMBER_ACRONYM) of block v: `directMember[directStart[v] .. directStart[v + 1])`
   * (member indices, in block order) — all a bridge meets besides the hubs, in a block of thousands of bridges.
   */
  directStart: Int32Array;
  directMember: Int32Array;
  /** Key → its member indices: `keySlot[keyStart[k] .. keyStart[k + 1])`. */
  keyStart: Int32Array;
  keySlot: Int32Array;
}

/** Alias groups as token-id sequences (tokens of the key dictionary; a name with an unknown token cannot match). */
export interface AliasGroups {
  /** Spelling s: tokens `ids[offsets[s] .. offsets[s + 1])`, group `group[s]`. */
  offsets: Int32Array;
  ids: Int32Array;
  group: Int32Array;
  groupCount: number;
}

/** Tokens this short bridge by a typo only into a spelling with SHORT_TYPO_RATIO times their records. */
const SHORT_TYPO_LENGTH = 3;
const SHORT_TYPO_RATIO = 4;

/** Shortest word a split bridge cuts out of a run-together token. */
const MIN_SPLIT_PART = 4;

/**
 * The word a plural stands for when only its singular is a token (the rewrites made `stores` `store`, `companies`
 * `company`): the tail of a run-together word escaped them (`safewaystores`, `tjxcompanies`).
 */
function singularIn(wordId: (text: string) => number | undefined, word: string): number | undefined {
  for (const singular of singularsOf(word)) {
    const id = wordId(singular);
    if (id !== undefined) return id;
  }
  return undefined;
}

/**
 * The token that spells words a and b run together, b perhaps in the plural (`safewaystores`, `tjxcompanies`), from
 * the tokens' index and a's hash: a + b is never made (issue 14: a look-up per pair of adjacent words of every key,
 * each joined string hashed by V8 anew, was ~0.5 s of the bridge worker at 1M records).
 */
function joinedIn(tokenIndex: TextIndex, a: string, aHash: number, b: string): number | undefined {
  const joined = tokenIndex.numberOfJoined(a, b, continuedTextHash(aHash, b));
  if (joined >= 0) return joined;
  for (const plural of pluralsOf(b)) {
    const id = tokenIndex.numberOfJoined(a, plural, continuedTextHash(aHash, plural));
    if (id >= 0) return id;
  }
  return undefined;
}

/** The tokens in a table of texts numbered by token id, with each token's `textHash` (for joined words). */
interface TokenTable {
  index: TextIndex;
  hashes: Int32Array;
}

/** The {@link TokenTable} of `tokens`, which must be distinct. */
export function tokenTableOf(tokens: readonly string[]): TokenTable {
  const hashes = new Int32Array(tokens.length);
  const index = new TextIndex(tokens.length);
  for (let t = 0; t < tokens.length; t++) {
    hashes[t] = textHash(tokens[t] as string);
    if (index.numberOf(tokens[t] as string, hashes[t]) !== t)
      throw new Error('bridge blocks: a token is listed twice.');
  }
  return { index, hashes };
}

/**
 * Growable parallel typed arrays of memberships, sized ahead by the caller at 2.5 a key token: the bench files hold
 * 1.6 at 94K records and 2.06 at 1M (issue 14: from 16K, seven doublings at 1M records, whose copies and fresh arrays
 * showed as ~0.2 s of the bridge worker's profile; at twice the key tokens, one doubling at 1M, ~90 ms and 70 MB
 * where 2.5 takes 44 MB; 17 bytes a slot).
 */
class Memberships {
  key: Int32Array;
  block: Int32Array;
  kind: Uint8Array;
  skipFrom: Int32Array;
  skipTo: Int32Array;
  count = 0;
  constructor(capacity: number) {
    const size = Math.max(1 << 14, capacity);
    this.key = new Int32Array(size);
    this.block = new Int32Array(size);
    this.kind = new Uint8Array(size);
    this.skipFrom = new Int32Array(size);
    this.skipTo = new Int32Array(size);
  }
  push(key: number, block: number, kind: number, skipFrom: number, skipTo: number): void {
    if (this.count === this.key.length) {
      const size = this.key.length * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(size);
        b.set(a);
        return b;
      };
      this.key = grow(this.key, (n) => new Int32Array(n));
      this.block = grow(this.block, (n) => new Int32Array(n));
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
      this.skipFrom = grow(this.skipFrom, (n) => new Int32Array(n));
      this.skipTo = grow(this.skipTo, (n) => new Int32Array(n));
    }
    const i = this.count++;
    this.key[i] = key;
    this.block[i] = block;
    this.kind[i] = kind;
    this.skipFrom[i] = skipFrom;
    this.skipTo[i] = skipTo;
  }
}

/**
 * Build the bridge blocks. `hasKey[k] = 0` leaves key k out (ineligible or without a non-weak token); `weights[k]`
 * is its record count; `df` the token document frequencies; `tokenRank` the token text order; `tokenTable` numbers
 * the tokens' texts (joined and initials bridges only lead to tokens some key has).
 */
export function buildBridgeBlocks(
  keys: KeyTokens,
  cores: readonly string[],
  hasKey: Uint8Array,
  weights: Int32Array,
  df: Int32Array,
  tokenRank: Int32Array,
  tokenTable: TokenTable,
  typo: TypoNeighbours,
  aliases: AliasGroups,
  opts: BridgeBlockOptions,
  abbreviations: ReadonlyMap<string, string> = new Map(),
): BridgeBlocks {
  const { keyCount, offsets, ids, isWeak, tokens } = keys;
  const tokenCount = tokens.length;
  // Block ids: tokens, then alias groups, then initials no key has as a token (`n t a` / `national teachers acad`).
  const virtualIds = new Map<string, number>();
  const virtualBase = tokenCount + aliases.groupCount;
  const m = new Memberships(Math.ceil(2.5 * (offsets[keyCount] as number)));
  let seen = new Int32Array(virtualBase + 1024).fill(-1);
  const add = (k: number, block: number, kind: number, from: number, to: number): void => {
    if (block >= seen.length) {
      const grown = new Int32Array(seen.length * 2).fill(-1);
      grown.set(seen);
      seen = grown;
    }
    if (seen[block] === k) return;
    seen[block] = k;
    m.push(k, block, kind, from, to);
  };
  // Initials no key has as a token lead to a block only when some name writes them as one-letter tokens.
  const acronyms = new Set<string>();
  const letters: number[] = [];
  const scanLetterRuns = (k: number, found: (text: string, from: number, to: number) => void): void => {
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    letters.length = 0;
    let runFrom = -1;
    for (let p = start; p <= end; p++) {
      const text = p < end ? (tokens[ids[p] as number] as string) : '';
      if (text.length === 1) {
        if (runFrom < 0) runFrom = p;
        letters.push(text.charCodeAt(0));
        continue;
      }
      if (runFrom >= 0 && p - runFrom >= 2) found(String.fromCharCode(...letters), runFrom, p);
      runFrom = -1;
      letters.length = 0;
    }
  };
  // Callbacks made once, not per key (each closure made costs, more so under tsx's name-keeping wrapper).
  const noteAcronym = (text: string): void => {
    acronyms.add(text);
  };
  for (let k = 0; k < keyCount; k++) if (hasKey[k] === 1) scanLetterRuns(k, noteAcronym);
  // Split targets per token, found once: the words a run-together token is made of.
  const splitCache = new Map<number, Int32Array>();
  const noTargets = new Int32Array(0);
  const wordId = (text: string): number | undefined => {
    const id = tokenTable.index.find(text);
    return id < 0 ? undefined : id;
  };
  const plainWord = (text: string): number | undefined => {
    const id = wordId(text);
    return id !== undefined && isWeak[id] === 0 ? id : undefined;
  };
  const abbreviatedWord = (text: string): number | undefined => {
    const word = abbreviations.get(text);
    return word === undefined ? undefined : plainWord(word);
  };
  const splitTargets = (t: number): Int32Array => {
    const text = tokens[t] as string;
    // The shortest run-together word either reading takes (`mfg` + a word of four letters; a three-letter weak word
    // + MIN_SPLIT_PART).
    if (text.length < MIN_JOINED_ABBREVIATION + MIN_JOINED_WORD) return noTargets;
    const known = splitCache.get(t);
    if (known !== undefined) return known;
    const found: number[] = [];
    // A leading weak word run on (`theautozone`) hides the name after it.
    for (let cut = 3; cut + MIN_SPLIT_PART <= text.length && cut < MIN_SPLIT_PART; cut++) {
      const head = wordId(text.slice(0, cut));
      const rest = head !== undefined && isWeak[head] === 1 ? wordId(text.slice(cut)) : undefined;
      if (rest !== undefined && isWeak[rest] === 0) found.push(rest);
    }
    for (let cut = MIN_SPLIT_PART; cut + MIN_SPLIT_PART <= text.length; cut++) {
      const head = wordId(text.slice(0, cut));
      if (head === undefined || isWeak[head] === 1) continue;
      const tail = wordId(text.slice(cut)) ?? singularIn(wordId, text.slice(cut));
      // The run-together spelling is rarer than one of its parts at least.
      if (tail === undefined || (df[t] as number) >= Math.max(df[head] as number, df[tail] as number)) continue;
      found.push(head);
      if (isWeak[tail] === 0) found.push(tail);
    }
    // …one of them written short (`republicsvcs`: republic and service), again rarer than a part.
    const spelt =
      found.length === 0 && abbreviations.size > 0 ? abbreviatedJoin(text, plainWord, abbreviatedWord) : null;
    if (spelt !== null && (df[t] as number) < Math.max(df[spelt[0]] as number, df[spelt[1]] as number))
      found.push(...spelt);
    const targets = found.length === 0 ? noTargets : Int32Array.from(found);
    splitCache.set(t, targets);
    return targets;
  };
  // Records of the keys holding each token (a token repeated in a key counts twice: rare, and harmless).
  const tokenWeight = new Float64Array(tokenCount);
  for (let k = 0; k < keyCount; k++) {
    if (hasKey[k] === 0) continue;
    for (let p = offsets[k] as number; p < (offsets[k + 1] as number); p++) {
      const t = ids[p] as number;
      tokenWeight[t] = (tokenWeight[t] as number) + (weights[k] as number);
    }
  }
  // Token ids in text order, for the short-form prefix lookup.
  const byText = Int32Array.from(tokens.keys()).sort((x, y) => (tokenRank[x] as number) - (tokenRank[y] as number));
  const initialsBlock = (text: string, create: boolean): number => {
    const token = wordId(text);
    if (token !== undefined) return isWeak[token] === 1 ? -1 : token;
    let id = virtualIds.get(text);
    if (id === undefined) {
      if (!create && !acronyms.has(text)) return -1;
      id = virtualBase + virtualIds.size;
      virtualIds.set(text, id);
    }
    return id;
  };
  // Alias spellings by first token, for the scan below.
  const spellingsByFirst = new Map<number, number[]>();
  for (let s = 0; s + 1 < aliases.offsets.length; s++) {
    const first = aliases.ids[aliases.offsets[s] as number] as number;
    const list = spellingsByFirst.get(first);
    if (list === undefined) spellingsByFirst.set(first, [s]);
    else list.push(s);
  }
  /** The key whose letter runs `bridgeLetterRun` is given. */
  let letterRunKey = -1;
  const bridgeLetterRun = (text: string, from: number, to: number): void => {
    const k = letterRunKey;
    const word = initialsBlock(text, true);
    if (word >= 0) add(k, word, word >= virtualBase ? MEMBER_ACRONYM : MEMBER_INITIALS, from, to);
    // A longer run may carry a legal form's letters (`d s m n v`): its prefixes that are words bridge too.
    for (let cut = 3; cut < text.length; cut++) {
      const prefix = wordId(text.slice(0, cut));
      if (prefix !== undefined && isWeak[prefix] === 0) add(k, prefix, MEMBER_INITIALS, from, from + cut);
    }
  };
  // Spellings of several words, run together: `tjmaxx` for `tj maxx`.
  const joinedSpellings = new Map<string, number>();
  for (let s = 0; s + 1 < aliases.offsets.length; s++) {
    const from = aliases.offsets[s] as number;
    const to = aliases.offsets[s + 1] as number;
    if (to - from < 2) continue;
    let text = '';
    for (let i = from; i < to; i++) text += tokens[aliases.ids[i] as number] as string;
    if (!joinedSpellings.has(text)) joinedSpellings.set(text, aliases.group[s] as number);
  }
  /**
   * Whether token t bridges into its typo neighbour u: t is in few cores, and the rarer spelling (by records,
   * CRM-INTAKE: a form seen 900 times beside one seen twice) is the typo; a three-letter word one letter from another
   * is often a different word (`run` / `rum`), so only a far more frequent spelling (`ups` for `usp`) is taken for
   * the intended one.
   */
  const typoBridges = (t: number, u: number): boolean => {
    if ((df[t] as number) > opts.typoMaxDf) return false;
    const ratio = (tokens[t] as string).length <= SHORT_TYPO_LENGTH ? SHORT_TYPO_RATIO : 1;
    return (tokenWeight[u] as number) >= ratio * (tokenWeight[t] as number);
  };
  /** Whether token t is a rarer typo of token u, as a typo bridge takes it. */
  const typoOf = (t: number, u: number): boolean => {
    if (!typoBridges(t, u)) return false;
    for (let q = typo.offsets[t] as number; q < (typo.offsets[t + 1] as number); q++)
      if (typo.neighbours[q] === u) return true;
    return false;
  };
  /**
   * Key k (tokens start .. end) into the block of each alias group one of whose spellings starts it, one word of the
   * spelling allowed to be a rarer typo of it (`tj maxxx`, `tjx companis`): the typo meets the group's other
   * spellings (`tjx companies`), which no word of it shares.
   */
  const bridgeAliasSpellings = (k: number, start: number, end: number): void => {
    const first = ids[start] as number;
    // A name of one word that is a spelling of several run together (`tjmaxx`).
    const joinedGroup = end - start === 1 ? joinedSpellings.get(tokens[first] as string) : undefined;
    if (joinedGroup !== undefined) add(k, tokenCount + joinedGroup, MEMBER_ALIAS, start, end);
    const typoFirst = typo.offsets[first + 1] as number;
    // Spellings starting with the first word, then with each word the first word may be a typo of.
    for (let q = (typo.offsets[first] as number) - 1; q < typoFirst; q++) {
      const lead = q < (typo.offsets[first] as number) ? first : (typo.neighbours[q] as number);
      if (lead !== first && !typoOf(first, lead)) continue;
      const spellings = spellingsByFirst.get(lead);
      if (spellings === undefined) continue;
      for (const s of spellings) {
        const from = aliases.offsets[s] as number;
        const len = (aliases.offsets[s + 1] as number) - from;
        if (start + len > end || (len === 1 && end - start > 1)) continue;
        let typos = lead === first ? 0 : 1;
        for (let i = 1; i < len && typos <= 1; i++) {
          const word = ids[start + i] as number;
          const spelt = aliases.ids[from + i] as number;
          if (word !== spelt) typos += typoOf(word, spelt) ? 1 : 2;
        }
        if (typos <= 1) add(k, tokenCount + (aliases.group[s] as number), MEMBER_ALIAS, start, start + len);
      }
    }
  };
  for (let k = 0; k < keyCount; k++) {
    if (hasKey[k] === 0) continue;
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    let contentCount = 0;
    for (let p = start; p < end; p++) {
      const t = ids[p] as number;
      if (isWeak[t] === 1) continue;
      contentCount++;
      add(k, t, MEMBER_DIRECT, p, p + 1);
    }
    for (let p = start; p < end; p++) {
      const t = ids[p] as number;
      if (isWeak[t] === 1) continue;
      // Typo bridges go from the rarer spelling into the more frequent one's block.
      for (let q = typo.offsets[t] as number; q < (typo.offsets[t + 1] as number); q++) {
        const u = typo.neighbours[q] as number;
        if (typoBridges(t, u)) add(k, u, MEMBER_TYPO, p, p + 1);
      }
      // Joined bridge: this token and the next one written as one word, the next perhaps as the plural the
      // rewrites made singular (`tjx company` → `tjxcompanies`).
      if (p + 1 < end) {
        const joined = joinedIn(
          tokenTable.index,
          tokens[t] as string,
          tokenTable.hashes[t] as number,
          tokens[ids[p + 1] as number] as string,
        );
        if (joined !== undefined && isWeak[joined] === 0) add(k, joined, MEMBER_JOINED, p, p + 2);
      }
      // Split bridge: a long token that is two known words run together (`philipsgloeilampenfabrieken`).
      const split = splitTargets(t);
      for (let i = 0; i < split.length; i++) add(k, split[i] as number, MEMBER_JOINED, p, p + 1);
      // An alias spelling starts the name; a one-word spelling must be the whole name (`kaiser`, not `kaiser roofing`).
      if (p === start) bridgeAliasSpellings(k, start, end);
    }
    // Initials: a run of one-letter tokens read as one word, and the initials of a name of three or more words.
    letterRunKey = k;
    scanLetterRuns(k, bridgeLetterRun);
    // Initials of the name's words, without and with its weak words (`burger king` → `bk`, `jack in the box` →
    // `jb`, `jitb`): two-letter initials only lead to a word some key has; three or more also to a letter run.
    if (contentCount >= 2) {
      let content = '';
      let every = '';
      for (let p = start; p < end; p++) {
        const t = ids[p] as number;
        const first = (tokens[t] as string)[0] as string;
        every += first;
        if (isWeak[t] === 0) content += first;
      }
      // …and of the first two and three words, so a tail does not hide them (`dollar general store` → `dg`).
      const forms = [content, every, content.slice(0, 2), content.slice(0, 3)];
      for (let f = 0; f < forms.length; f++) {
        const initials = forms[f] as string;
        if (forms.indexOf(initials) !== f) continue;
        const word = initialsBlock(initials, false);
        if (word >= 0 && (initials.length >= 3 || word < tokenCount)) add(k, word, MEMBER_INITIALS, start, end);
      }
    }
    for (let p = start; p < (end - start <= 2 ? end : start + 1); p++) {
      const t = ids[p] as number;
      const text = tokens[t] as string;
      if (isWeak[t] === 1 || text.length < 2 || text.length > 3 || (df[t] as number) > opts.typoMaxDf) continue;
      const from = lowerBound(byText, tokens, text);
      let to = from;
      while (to < byText.length && (tokens[byText[to] as number] as string).startsWith(text)) to++;
      if (to - from > opts.typoMaxGroup) continue;
      for (let i = from; i < to; i++) {
        const u = byText[i] as number;
        if (u !== t && isWeak[u] === 0 && (df[u] as number) >= (df[t] as number)) add(k, u, MEMBER_INITIALS, p, p + 1);
      }
    }
  }
  const blockCount = virtualBase + virtualIds.size;

  // CSR by block (counting sort keeps ascending key order inside a block).
  const n = m.count;
  // The columns returned are on shared memory: the candidate loop's threads read them without a copy (sharedColumn).
  const blockStart = sharedColumn(Int32Array, blockCount + 1);
  for (let i = 0; i < n; i++) {
    const v = (m.block[i] as number) + 1;
    blockStart[v] = (blockStart[v] as number) + 1;
  }
  for (let v = 0; v < blockCount; v++) blockStart[v + 1] = (blockStart[v + 1] as number) + (blockStart[v] as number);
  const cursor = blockStart.slice(0, blockCount);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = m.block[i] as number;
    order[cursor[v] as number] = i;
    cursor[v] = (cursor[v] as number) + 1;
  }
  const memberKey = sharedColumn(Int32Array, n);
  const memberBlock = sharedColumn(Int32Array, n);
  const memberKind = sharedColumn(Uint8Array, n);
  const memberHub = sharedColumn(Uint8Array, n);
  const blockAllPairs = sharedColumn(Uint8Array, blockCount);
  const blockSpecial = sharedColumn(Int32Array, blockCount);
  const hubs: number[] = [];
  const hubStart = sharedColumn(Int32Array, blockCount + 1);
  const directStart = sharedColumn(Int32Array, blockCount + 1);
  const directMember = new Int32Array(n);
  let directCount = 0;
  const remainderCompare = (x: number, y: number): number => compareRemainders(keys, tokenRank, cores, m, x, y);
  for (let v = 0; v < blockCount; v++) {
    const from = blockStart[v] as number;
    const to = blockStart[v + 1] as number;
    hubStart[v] = hubs.length;
    directStart[v] = directCount;
    memberBlock.fill(v, from, to);
    if (to - from < 2) {
      for (let q = from; q < to; q++) {
        memberKey[q] = m.key[order[q] as number] as number;
        memberKind[q] = m.kind[order[q] as number] as number;
      }
      continue;
    }
    // Only bridges use the remainder order (their windows): a block without them keeps key order.
    let bridgeCount = 0;
    for (let q = from; q < to; q++) {
      const kind = m.kind[order[q] as number] as number;
      if (kind !== MEMBER_DIRECT && kind !== MEMBER_ACRONYM) bridgeCount++;
    }
    if (to - from > opts.windowSize && bridgeCount > 0) {
      const sorted = Array.from(order.subarray(from, to)).sort(remainderCompare);
      order.set(sorted, from);
    }
    let weight = 0;
    let heaviest = 0;
    let bridges = 0;
    for (let q = from; q < to; q++) {
      const i = order[q] as number;
      memberKey[q] = m.key[i] as number;
      memberKind[q] = m.kind[i] as number;
      if (memberKind[q] !== MEMBER_DIRECT && memberKind[q] !== MEMBER_ACRONYM) bridges++;
      else directMember[directCount++] = q;
      const kw = weights[memberKey[q] as number] as number;
      weight += kw;
      if (kw > heaviest) heaviest = kw;
    }
    // The block of one dominant spelling (a head entity's name): every member meets, bridges too. A token in few
    // cores: its holders meet each other and every bridge, but bridges not each other — thousands of `… law group`
    // keys bridge into a rare `lawgroup` and would all meet (at 1M, 55M of 81M candidate pairs).
    if (to - from <= opts.entityMaxBlock && heaviest >= opts.entityShare * weight && heaviest >= opts.hubMinRecords)
      blockAllPairs[v] = ALL_PAIRS_ENTITY;
    else if (v < tokenCount && (df[v] as number) <= opts.allTokenMaxDf) blockAllPairs[v] = ALL_PAIRS_HOLDERS;
    const hubFloor = Math.max(opts.hubMinRecords, opts.hubShare * weight);
    for (let q = from; q < to; q++) {
      if ((weights[memberKey[q] as number] as number) < hubFloor) continue;
      memberHub[q] = 1;
      hubs.push(q);
    }
    blockSpecial[v] = bridges + (hubs.length - (hubStart[v] as number));
  }
  hubStart[blockCount] = hubs.length;
  directStart[blockCount] = directCount;

  const keyStart = sharedColumn(Int32Array, keyCount + 1);
  for (let q = 0; q < n; q++) {
    const k = (memberKey[q] as number) + 1;
    keyStart[k] = (keyStart[k] as number) + 1;
  }
  for (let k = 0; k < keyCount; k++) keyStart[k + 1] = (keyStart[k + 1] as number) + (keyStart[k] as number);
  const keySlot = sharedColumn(Int32Array, n);
  const at = keyStart.slice(0, keyCount);
  for (let q = 0; q < n; q++) {
    const k = memberKey[q] as number;
    keySlot[at[k] as number] = q;
    at[k] = (at[k] as number) + 1;
  }
  return {
    blockCount,
    aliasBlockStart: tokenCount,
    aliasBlockEnd: virtualBase,
    blockStart,
    memberKey,
    memberBlock,
    memberKind,
    memberHub,
    blockAllPairs,
    blockSpecial,
    hubStart,
    hubMember: sharedInt32Array(hubs),
    directStart,
    directMember: sharedInt32Array(directMember.subarray(0, directCount)),
    keyStart,
    keySlot,
  };
}

/** First position in `byText` (token ids in text order) whose text is ≥ `text`. */
function lowerBound(byText: Int32Array, tokens: readonly string[], text: string): number {
  let lo = 0;
  let hi = byText.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tokens[byText[mid] as number] as string) < text) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Remainder order of two memberships: non-weak tokens outside the bridged span by text rank, then core, then key. */
function compareRemainders(
  keys: KeyTokens,
  tokenRank: Int32Array,
  cores: readonly string[],
  m: Memberships,
  x: number,
  y: number,
): number {
  const kx = m.key[x] as number;
  const ky = m.key[y] as number;
  return compareKeySequences(
    keys,
    tokenRank,
    cores,
    kx,
    keys.offsets[kx] as number,
    m.skipFrom[x] as number,
    m.skipTo[x] as number,
    ky,
    keys.offsets[ky] as number,
    m.skipFrom[y] as number,
    m.skipTo[y] as number,
  );
}
