/**
 * Token ids of the distinct matching keys (SPEC §5.1: blocking and scoring run over distinct
 * `(name_core, suffix_class)` keys). Tokens are the core's whitespace tokens after the matching-only
 * rewrites of SPEC §3 step 8; weak tokens are kept here and flagged, because token_sort/token_set see them
 * and jaccard, blocking and the distinctive-token rule do not.
 */
export interface KeyTokens {
  /** Number of keys. */
  keyCount: number;
  /** Token id → token text (after rewrites). */
  tokens: string[];
  /** Token id → 1 when the token is weak (SPEC §3 step 8). */
  isWeak: Uint8Array;
  /** Key i's tokens, in core order, are `ids[offsets[i] .. offsets[i + 1])`. Length keyCount + 1. */
  offsets: Int32Array;
  ids: Int32Array;
}

export interface TokenRewriteOptions {
  /**
   * Matching-only rewrites, token → replacement (e.g. `stores` → `store`, `shop` → `store`). A key written `^n`
   * applies only to the first token of a core of two or more tokens (`N Hollywood Cafe` → `north …`, issue 10), to
   * the first after a leading number (`947 S Street`), or to a token after `of` that a word follows (`Dodge of E
   * Hartford`): a lone letter elsewhere is an initial.
   */
  tokenRewrites: Readonly<Record<string, string>>;
  /** Tokens ignored by jaccard, blocking and the distinctive-token rule (`the`, `and`, `of` …). */
  weakTokens: readonly string[];
}

const TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);
const UNITS: ReadonlyMap<string, number> = new Map([
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
]);

/**
 * Rewrite one core's tokens for matching (SPEC §3 step 8). A number of two words (`twenty four`, after the
 * rewrites also `twenty 4`) becomes its digits, as intake writes `24 Hour Fitness` either way.
 * @example rewriteTokens('acme stores', opts) → ['acme', 'store']
 * @example rewriteTokens('twenty four hour fitness', opts) → ['24', 'hour', 'fitness']
 * @example rewriteTokens('twentyfour hour fitness', opts) → ['24', 'hour', 'fitness']
 */
export function rewriteTokens(core: string, opts: TokenRewriteOptions): string[] {
  if (core.length === 0) return [];
  const rewrites = rewriteMapOf(opts.tokenRewrites);
  const out: string[] = [];
  for (const token of core.split(' ')) {
    if (token.length === 0) continue;
    const rewritten = rewrites.get(token) ?? joinedNumber(token) ?? token;
    const last = out.length > 0 ? TENS.get(out[out.length - 1] as string) : undefined;
    const unit = last === undefined ? undefined : UNITS.get(rewritten);
    if (last !== undefined && unit !== undefined) out[out.length - 1] = String(last + unit);
    else out.push(rewritten);
  }
  // The first word, or the first after a house number (`947 S Street` is `947 South Street`).
  const at = out.length > 2 && startsWithNumberWord(core) ? 1 : 0;
  if (out.length > at + 1) {
    const first = rewrites.get(`^${out[at] as string}`);
    if (first !== undefined) out[at] = first;
  }
  // A place after `of` starts there too (`Dodge of E Hartford`, `University of N Carolina`).
  for (let i = 1; i + 1 < out.length; i++) {
    if (out[i - 1] !== 'of') continue;
    const word = rewrites.get(`^${out[i] as string}`);
    if (word !== undefined) out[i] = word;
  }
  return out;
}

/**
 * A number of two words run together (`twentyfour`) as its digits, or undefined.
 * @example joinedNumber('twentyfour') → '24'
 */
function joinedNumber(token: string): string | undefined {
  // The shortest is `fiftyone` (8 letters), the longest `seventyseven` (12).
  if (token.length < 8 || token.length > 12) return undefined;
  for (const [word, tens] of TENS) {
    if (!token.startsWith(word)) continue;
    const unit = UNITS.get(token.slice(word.length));
    return unit === undefined ? undefined : String(tens + unit);
  }
  return undefined;
}

/** `/^\d+ /`: digits, then a space. */
function startsWithNumberWord(core: string): boolean {
  let i = 0;
  for (; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (c < 48 || c > 57) break;
  }
  return i > 0 && core.charCodeAt(i) === 32;
}

/** The rewrites as a Map, made once per rewrite table: a Map lookup is several times a dictionary object's. */
const rewriteMaps = new WeakMap<Readonly<Record<string, string>>, ReadonlyMap<string, string>>();
function rewriteMapOf(table: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  let map = rewriteMaps.get(table);
  if (map === undefined) {
    map = new Map(Object.entries(table));
    rewriteMaps.set(table, map);
  }
  return map;
}

/**
 * The plurals of a word the rewrites may have made singular: `-s`, and `-ies` for `-y`. A word run into the one
 * before it escapes the rewrites (`tjxcompanies`, `cleaningservices`), so blocking and the comparer read it through
 * these and {@link singularsOf}.
 * @example pluralsOf('company') → ['companys', 'companies']
 */
export function pluralsOf(singular: string): string[] {
  const plurals = [`${singular}s`];
  if (singular.endsWith('y')) plurals.push(`${singular.slice(0, -1)}ies`);
  return plurals;
}

/** The singulars a plural of {@link pluralsOf} may stand for. @example singularsOf('companies') → ['company', 'companie'] */
export function singularsOf(word: string): string[] {
  const singulars: string[] = [];
  if (word.endsWith('ies')) singulars.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('s')) singulars.push(word.slice(0, -1));
  return singulars;
}

/** Shortest abbreviation read inside a run-together word (`mfg`, `svcs`): two letters (`co`) start too many words. */
export const MIN_JOINED_ABBREVIATION = 3;
/** Shortest plain word read beside it (`shoresvcs` → `shore`). */
export const MIN_JOINED_WORD = 4;

/**
 * The abbreviations of the token rewrites, each to the word it stands for (`svcs` → `service`, `bros` →
 * `brothers`): letters only, {@link MIN_JOINED_ABBREVIATION} or more, shorter than the word (a plural or a spelling
 * such as `centre` is no abbreviation). What {@link abbreviatedJoin} reads inside a run-together word.
 * @example abbreviationsOf({ svcs: 'service', stores: 'store', co: 'company', '^n': 'north' }) → Map { svcs → service }
 */
export function abbreviationsOf(rewrites: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [from, to] of Object.entries(rewrites)) {
    if (
      from.length >= MIN_JOINED_ABBREVIATION &&
      from.length < to.length &&
      LETTERS_ONLY.test(from) &&
      LETTERS_ONLY.test(to)
    )
      out.set(from, to);
  }
  return out;
}
/** A word of lower-case letters only: no digits, no marks. */
export const LETTERS_ONLY = /^[a-z]+$/;

/**
 * The two words a run-together word spells when one of them is written short (issue 10 class 5 with class 3:
 * `republicsvcs` → republic + service, `brosrestaurant` → brothers + restaurant), as ids from `wordId` (a plain word
 * of {@link MIN_JOINED_WORD} letters or more) and `abbreviationId` (an abbreviation, to its word's id); the first cut
 * that reads so, or null. Two plain words are the plain joined rule's (blocking's split bridge, the comparer's
 * joinedExactly), and a word that reads as two abbreviations is left alone.
 * @example abbreviatedJoin('republicsvcs', id of {republic}, id of {svcs → service}) → [republic, service]
 */
export function abbreviatedJoin(
  word: string,
  wordId: (text: string) => number | undefined,
  abbreviationId: (text: string) => number | undefined,
): [number, number] | null {
  // Most words are too short to hold both: no cut to try (the match table asks of every token).
  if (word.length < MIN_JOINED_ABBREVIATION + MIN_JOINED_WORD) return null;
  for (let cut = MIN_JOINED_ABBREVIATION; cut + MIN_JOINED_ABBREVIATION <= word.length; cut++) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    const shortHead = abbreviationId(head);
    if (shortHead !== undefined && tail.length >= MIN_JOINED_WORD) {
      const rest = wordId(tail);
      if (rest !== undefined) return [shortHead, rest];
    }
    const shortTail = abbreviationId(tail);
    if (shortTail !== undefined && head.length >= MIN_JOINED_WORD) {
      const first = wordId(head);
      if (first !== undefined) return [first, shortTail];
    }
  }
  return null;
}

/** Whether key k holds token t. @example keyHasToken(tokens of ['acme roofing'], 0, id of 'roofing') → true */
export function keyHasToken(keys: KeyTokens, k: number, t: number): boolean {
  for (let p = keys.offsets[k] as number; p < (keys.offsets[k + 1] as number); p++) if (keys.ids[p] === t) return true;
  return false;
}

/** Build the token dictionary and per-key token ids for a list of distinct cores. */
export function buildKeyTokens(cores: readonly string[], opts: TokenRewriteOptions): KeyTokens {
  return extendKeyTokens(EMPTY_KEY_TOKENS, cores, opts);
}

const EMPTY_KEY_TOKENS: KeyTokens = {
  keyCount: 0,
  tokens: [],
  isWeak: new Uint8Array(0),
  offsets: new Int32Array(1),
  ids: new Int32Array(0),
};

/**
 * `base` with more keys after its own, one per core: the same token ids for the same tokens, new tokens after
 * base's — what buildKeyTokens of base's cores followed by `cores` would give, without rewriting base's cores again.
 */
export function extendKeyTokens(base: KeyTokens, cores: readonly string[], opts: TokenRewriteOptions): KeyTokens {
  const writer = new KeyTokenWriter(base, cores.length, (base.offsets[base.keyCount] as number) + cores.length * 3);
  for (const core of cores) {
    writer.startKey();
    for (const token of rewriteTokens(core, opts)) writer.add(token);
  }
  return writer.finish(opts.weakTokens);
}

/** Keys' tokens written key by key after `base`'s, each new token numbered as first seen, as buildKeyTokens does. */
class KeyTokenWriter {
  private readonly base: KeyTokens;
  private readonly tokens: string[];
  private readonly dictionary = new Map<string, number>();
  private readonly offsets: Int32Array;
  private ids: Int32Array;
  private used: number;
  private keys: number;

  /** `capacity`: the token ids expected in all (the array grows past it). */
  constructor(base: KeyTokens, keysToAdd: number, capacity: number) {
    this.base = base;
    this.tokens = base.tokens.slice();
    for (let t = 0; t < this.tokens.length; t++) this.dictionary.set(this.tokens[t] as string, t);
    this.keys = base.keyCount;
    this.offsets = new Int32Array(base.keyCount + keysToAdd + 1);
    this.offsets.set(base.offsets.subarray(0, base.keyCount + 1));
    this.used = base.offsets[base.keyCount] as number;
    this.ids = new Int32Array(Math.max(16, capacity));
    this.ids.set(base.ids.subarray(0, this.used));
  }

  startKey(): void {
    this.offsets[this.keys++] = this.used;
  }

  add(token: string): void {
    let id = this.dictionary.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.dictionary.set(token, id);
      this.tokens.push(token);
    }
    if (this.used === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.used++] = id;
  }

  finish(weakTokens: readonly string[]): KeyTokens {
    const { base, tokens } = this;
    this.offsets[this.keys] = this.used;
    const weak = new Set(weakTokens);
    const isWeak = new Uint8Array(tokens.length);
    isWeak.set(base.isWeak);
    for (let t = base.tokens.length; t < tokens.length; t++) if (weak.has(tokens[t] as string)) isWeak[t] = 1;
    return { keyCount: this.keys, tokens, isWeak, offsets: this.offsets, ids: this.ids.slice(0, this.used) };
  }
}

/**
 * buildKeyTokens(cores, opts), given `base` = buildKeyTokens(cores, baseOpts), where `opts` changes few rewrites
 * (the abbreviations a file teaches, issue 10 class 3): only the cores whose tokens a changed rewrite can reach are
 * rewritten again; the others keep their tokens, and the dictionary is built again in the same first-seen order, so
 * token ids are the same as a full build's (issue 14: a second full build was ~0.4 s of the block stage's critical
 * path at 1M records). When a changed rewrite could reach a core without leaving a trace in its tokens (a `^`
 * rewrite, a number word, a token a `^` rewrite replaces), every core is rewritten again.
 */
export function rebuildKeyTokens(
  base: KeyTokens,
  cores: readonly string[],
  baseOpts: TokenRewriteOptions,
  opts: TokenRewriteOptions,
): KeyTokens {
  const before = rewriteMapOf(baseOpts.tokenRewrites);
  const after = rewriteMapOf(opts.tokenRewrites);
  // A word a changed rewrite applies to shows in the base tokens as what the base rewrites made of it.
  const traces = new Set<string>();
  let traceless = base.keyCount !== cores.length || !sameWords(baseOpts.weakTokens, opts.weakTokens);
  for (const table of [before, after]) {
    for (const word of table.keys()) {
      if (before.get(word) === after.get(word)) continue;
      const trace = before.get(word) ?? joinedNumber(word) ?? word;
      traces.add(trace);
      // A trace a number joins or a `^` rewrite replaced may be gone from the tokens (a `^` rewrite added or changed
      // is a changed word of its own).
      if (word.startsWith('^') || TENS.has(trace) || UNITS.has(trace) || before.has(`^${trace}`)) traceless = true;
    }
  }
  if (traceless) return buildKeyTokens(cores, opts);
  const reached = new Uint8Array(base.tokens.length);
  for (let t = 0; t < base.tokens.length; t++) if (traces.has(base.tokens[t] as string)) reached[t] = 1;
  const writer = new KeyTokenWriter(EMPTY_KEY_TOKENS, cores.length, base.ids.length);
  for (let k = 0; k < cores.length; k++) {
    writer.startKey();
    const from = base.offsets[k] as number;
    const to = base.offsets[k + 1] as number;
    let reachedHere = false;
    for (let p = from; p < to && !reachedHere; p++) reachedHere = reached[base.ids[p] as number] === 1;
    if (reachedHere) for (const token of rewriteTokens(cores[k] as string, opts)) writer.add(token);
    else for (let p = from; p < to; p++) writer.add(base.tokens[base.ids[p] as number] as string);
  }
  return writer.finish(opts.weakTokens);
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((word, i) => word === b[i]));
}
