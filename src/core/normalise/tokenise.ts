import { TOKEN_AFTER_COMMA, TOKEN_AFTER_DASH, TOKEN_AFTER_HASH, TOKEN_DOTTED } from './legal-forms.js';

/** `name_base` tokens of one name, with the flags the short legal-form rule reads (SPEC §3 step 6). */
export interface BaseTokens {
  tokens: string[];
  /**
   * Per token: TOKEN_DOTTED when written dotted (`N.A.`), TOKEN_AFTER_COMMA when a comma precedes it,
   * TOKEN_AFTER_DASH when a spaced dash does, TOKEN_AFTER_HASH when `#` does. May be
   * shorter than `tokens`; a missing entry means no flag.
   */
  flags: readonly number[];
}

// Letters joined by dots (`l.l.c.`, `n.a`, `s.p.a.`, also spaced: `n. v.`). Linear: each repetition consumes a
// letter, a dot and at most one space.
const DOTTED = /(?<![a-z0-9'])(?:[a-z]\. ?)+[a-z](?![a-z0-9'])\.?/g;
// Written in front of a compacted dotted form so the tokeniser can flag it; never part of any name.
const DOTTED_MARK = '\u0001';

const CH_APOSTROPHE = 39;
const CH_COMMA = 44;
const CH_AMP = 38;
const CH_AT = 64;
const CH_PLUS = 43;
const CH_DASH = 45;
const CH_HASH = 35;
const CH_SPACE = 32;
const CH_MARK = 1;

/**
 * SPEC §3 steps 4–5 on lower-case ASCII: dotted legal forms are written compactly (`l.l.c.` → `llc`), `&` →
 * `and`, `@` → `at`, `+` → `plus`, apostrophes are deleted, anything else outside `[a-z0-9]` separates
 * tokens. Joining the tokens with single spaces gives `name_base`.
 * @example tokeniseBase("smith & sons, l.l.c.", forms).tokens → ['smith', 'and', 'sons', 'llc']
 */
export function tokeniseBase(lower: string, compactable: ReadonlySet<string>): BaseTokens {
  let s = lower;
  // A stray mark character in the input is just punctuation.
  if (s.indexOf(DOTTED_MARK) >= 0) s = s.replaceAll(DOTTED_MARK, ' ');
  if (s.indexOf('.') >= 0) {
    s = s.replace(DOTTED, (m) => {
      const compact = m.replace(/[. ]/g, '');
      // Only legal forms are compacted (SPEC §3 step 4); `u.s.a.` stays three letters like any punctuation.
      return compactable.has(compact) ? ` ${DOTTED_MARK}${compact} ` : m;
    });
  }
  const tokens: string[] = [];
  // Filled only once some token carries a flag; most names have no comma and no dotted form.
  let flags: number[] | null = null;
  let pending = 0;
  let start = -1;
  let apostrophe = false;
  const n = s.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === CH_APOSTROPHE) {
      if (start < 0) start = i;
      if (c === CH_APOSTROPHE) apostrophe = true;
      continue;
    }
    if (start >= 0) {
      let token = s.slice(start, i);
      if (apostrophe) token = token.replaceAll("'", '');
      if (token.length > 0) {
        if (pending !== 0) flags = setFlag(flags, tokens.length, pending);
        tokens.push(token);
        pending = 0;
      }
      start = -1;
      apostrophe = false;
    }
    if (c === CH_COMMA) pending |= TOKEN_AFTER_COMMA;
    // A dash with a space beside it separates a tail (`Target - Mesa`); `Wal-Mart` is one name.
    else if (c === CH_DASH && (s.charCodeAt(i - 1) === CH_SPACE || s.charCodeAt(i + 1) === CH_SPACE))
      pending |= TOKEN_AFTER_DASH;
    else if (c === CH_HASH) pending |= TOKEN_AFTER_HASH;
    else if (c === CH_MARK) pending |= TOKEN_DOTTED;
    else if (c === CH_AMP || c === CH_AT || c === CH_PLUS) {
      if (pending !== 0) flags = setFlag(flags, tokens.length, pending);
      tokens.push(c === CH_AMP ? 'and' : c === CH_AT ? 'at' : 'plus');
      pending = 0;
    }
  }
  return { tokens, flags: flags ?? NO_FLAGS };
}

const NO_FLAGS: readonly number[] = [];

function setFlag(flags: number[] | null, index: number, value: number): number[] {
  const out = flags ?? [];
  while (out.length < index) out.push(0);
  out[index] = value;
  return out;
}
