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
   * applies only to the first token of a core of two or more tokens (`N Hollywood Cafe` → `north …`, issue 10), or
   * to the first after a leading number (`947 S Street`):
   * a lone letter elsewhere is an initial.
   */
  tokenRewrites: Readonly<Record<string, string>>;
  /** Tokens ignored by jaccard, blocking and the distinctive-token rule (`the`, `and`, `of` …). */
  weakTokens: readonly string[];
}

const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const UNITS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};

/**
 * Rewrite one core's tokens for matching (SPEC §3 step 8). A number of two words (`twenty four`, after the
 * rewrites also `twenty 4`) becomes its digits, as intake writes `24 Hour Fitness` either way.
 * @example rewriteTokens('acme stores', opts) → ['acme', 'store']
 * @example rewriteTokens('twenty four hour fitness', opts) → ['24', 'hour', 'fitness']
 */
export function rewriteTokens(core: string, opts: TokenRewriteOptions): string[] {
  if (core.length === 0) return [];
  const out: string[] = [];
  for (const token of core.split(' ')) {
    if (token.length === 0) continue;
    const rewritten = Object.hasOwn(opts.tokenRewrites, token) ? (opts.tokenRewrites[token] as string) : token;
    const tens = out.length > 0 && Object.hasOwn(TENS, out[out.length - 1] as string);
    if (tens && Object.hasOwn(UNITS, rewritten)) {
      out[out.length - 1] = String((TENS[out[out.length - 1] as string] as number) + (UNITS[rewritten] as number));
    } else out.push(rewritten);
  }
  // The first word, or the first after a house number (`947 S Street` is `947 South Street`).
  const at = out.length > 2 && /^\d+ /.test(core) ? 1 : 0;
  if (out.length > at + 1) {
    const first = `^${out[at] as string}`;
    if (Object.hasOwn(opts.tokenRewrites, first)) out[at] = opts.tokenRewrites[first] as string;
  }
  return out;
}

/** Build the token dictionary and per-key token ids for a list of distinct cores. */
export function buildKeyTokens(cores: readonly string[], opts: TokenRewriteOptions): KeyTokens {
  const dictionary = new Map<string, number>();
  const tokens: string[] = [];
  const offsets = new Int32Array(cores.length + 1);
  let ids = new Int32Array(Math.max(16, cores.length * 3));
  let used = 0;
  for (let i = 0; i < cores.length; i++) {
    offsets[i] = used;
    for (const token of rewriteTokens(cores[i] as string, opts)) {
      let id = dictionary.get(token);
      if (id === undefined) {
        id = tokens.length;
        dictionary.set(token, id);
        tokens.push(token);
      }
      if (used === ids.length) {
        const grown = new Int32Array(ids.length * 2);
        grown.set(ids);
        ids = grown;
      }
      ids[used++] = id;
    }
  }
  offsets[cores.length] = used;
  const weak = new Set(opts.weakTokens);
  const isWeak = new Uint8Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) if (weak.has(tokens[t] as string)) isWeak[t] = 1;
  return { keyCount: cores.length, tokens, isWeak, offsets, ids: ids.slice(0, used) };
}
