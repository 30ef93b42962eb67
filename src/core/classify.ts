import type { NormalisedName } from './normalise/index.js';
import type { TermMatcher } from './term-matcher.js';
import type { NameClass } from './types.js';

export interface ClassifyOptions {
  /** Tokens that carry no identity (`the`, `and`, `of` …, SPEC §3 step 8); a junk name may contain them. */
  weakTokens: readonly string[];
}

// A phone number and nothing else: 7 to 15 digits with the usual punctuation, an optional extension.
const PHONE = /^\+?[\s(]*\d(?:[\s().\-/]*\d){6,14}[\s)]*(?:(?:x|ext\.?|extension)\s*\d{1,6})?$/i;
const DIGITS_AND_SPACES = /^[0-9 ]+$/;

const weakSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function weakSet(list: readonly string[]): ReadonlySet<string> {
  let set = weakSets.get(list);
  if (set === undefined) {
    set = new Set(list);
    weakSets.set(list, set);
  }
  return set;
}

/**
 * SPEC §4, checked in this order:
 * - **unusable**: empty core, only digits, a single letter, a phone number, an e-mail address;
 * - **multi**: `has_multiple_names`. A list that names a real company is not "only blacklist terms",
 *   and Delete is never proposed lightly, so multi is decided before junk;
 * - **junk**: the core holds at least one blacklist term and otherwise only blacklist terms, weak tokens
 *   and digits (`Unknown`, `PNC is not sure`, `1099, no paystubs`, `N/A`, `TBD`). A name of weak tokens
 *   alone (`Only`) is a company name, not junk;
 * - **usable**: everything else.
 *
 * `blacklistHits` are `blacklist.matches(n.name_base)`, computed once by the caller.
 * @example classifyName(normalise('1099, no paystubs'), hits, blacklist, opts) → 'junk'
 */
export function classifyName(
  n: NormalisedName,
  blacklistHits: readonly string[],
  blacklist: TermMatcher,
  opts: ClassifyOptions,
): NameClass {
  const core = n.name_core;
  if (core.length === 0 || DIGITS_AND_SPACES.test(core) || core.length === 1) return 'unusable';
  if (PHONE.test(n.name_raw) || isEmail(n.name_raw)) return 'unusable';
  if (n.has_multiple_names) return 'multi';
  if (blacklistHits.length > 0 && isOnlyBlacklisted(n, blacklist, weakSet(opts.weakTokens))) return 'junk';
  return 'usable';
}

/**
 * Terms match `name_base` (a phrase may run into a stripped legal form: `No Company` → core `no`), but only
 * the core's tokens must be covered; the base is the core plus leading `the`s and trailing legal forms.
 */
function isOnlyBlacklisted(n: NormalisedName, blacklist: TermMatcher, weak: ReadonlySet<string>): boolean {
  const base = n.name_base.split(' ');
  const core = n.name_tokens;
  const covered = blacklist.coverage(base);
  let offset = 0;
  while (offset < base.length && !startsAt(base, core, offset)) offset++;
  if (offset === base.length) return false;
  let anyTerm = false;
  for (let i = 0; i < core.length; i++) {
    const token = core[i] as string;
    if (covered[offset + i] === 1) {
      anyTerm = true;
      continue;
    }
    if (!weak.has(token) && !DIGITS_AND_SPACES.test(token)) return false;
  }
  return anyTerm;
}

/** `local@domain.tld` and nothing else. A scan, since a regular expression would backtrack over long dotted text. */
function isEmail(s: string): boolean {
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@') || /\s/.test(s)) return false;
  const dot = s.indexOf('.', at + 2);
  return dot > 0 && dot < s.length - 1;
}

function startsAt(base: readonly string[], core: readonly string[], offset: number): boolean {
  if (offset + core.length > base.length) return false;
  for (let k = 0; k < core.length; k++) if (base[offset + k] !== core[k]) return false;
  return true;
}
