/**
 * How a person typing into a CRM writes one company's name on one row (CRM-INTAKE "How one company's name
 * varies"): every variation class of the table, each applied at the share of records the seed drew for it, and
 * recorded so the truth says which classes a row carries (issue 10, recall by variation).
 *
 * A class that needs something the name lacks (an `&`, a legal form, a chain alias…) can only apply to some rows.
 * The sampler keeps, per class, how often it was applicable when tried, and tries it more often accordingly, so the
 * class's share over all records approaches the drawn share wherever the names allow it.
 */
import type { EntityTable } from './entities.js';
import { BRAND, CHAIN, KEEPS_LEGAL_FORM, withLegal, writtenLegalForm } from './entities.js';
import type { Pools } from './pools.js';
import type { Rng } from './random.js';
import { CHAIN_MIN_SIZE, type DrawnRates, MAX_ROW_SHARE, VARIATION_CLASSES, type VariationClass } from './rates.js';
import {
  ABBREVIATIONS,
  ANNOTATION_SHAPES,
  GENERIC_TAILS,
  INDUSTRIES,
  INDUSTRY_TAILS,
  LEGAL,
  LEGAL_FORMS,
  NUMBER_WORDS,
} from './vocabulary.js';

/** One row's name while it is being written: the company words, the legal form, then the whole string. */
interface RowState {
  core: string;
  /** The legal form with its separator (`, Inc.`), or ''. */
  legal: string;
  /** A trade-name form already carries its legal form: no legal-form class applies. */
  legalLocked: boolean;
  /** The assembled name, once decorations start. */
  full: string;
}

interface RowContext {
  entities: EntityTable;
  e: number;
  pools: Pools;
  truncateAt: number;
}

/** Applies the class to the row if it can; false when the name offers nothing to vary. */
type Variation = (s: RowState, x: RowContext, rng: Rng) => boolean;

/** Classes of one group exclude each other on a row (one case style, one legal-form change…). */
const EXCLUSIVE: Partial<Record<VariationClass, string>> = {
  dba_brand_only: 'dba',
  dba_legal_only: 'dba',
  dba_both: 'dba',
  tail_added: 'tail',
  tail_dropped: 'tail',
  the_added: 'the',
  the_dropped: 'the',
  legal_dropped: 'legal',
  legal_reformatted: 'legal',
  legal_added: 'legal',
  legal_swapped: 'legal',
  upper: 'case',
  lower: 'case',
  title: 'case',
  random_case: 'case',
  list_mark: 'prefix',
  stray_quote: 'prefix',
  leading_underscore: 'prefix',
};
/** The first class that works on the assembled name rather than on the company words. */
const FIRST_DECORATION = VARIATION_CLASSES.indexOf('store_number');

/** Neighbouring keys on a QWERTY keyboard, for substitution typos. */
const KEY_NEIGHBOURS: Record<string, string> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

const DBA_MARKERS = ['dba', 'dba', 'DBA', 'd/b/a', 'D/B/A', 'aka', 'dba:'] as const;
const ABBREVIATION_SWAP = new Map<string, string>();
for (const [word, abbr] of ABBREVIATIONS) {
  ABBREVIATION_SWAP.set(word, abbr);
  // A lone letter becomes a compass word only when it was one: `S & W Plumbing` is not `South & W`.
  if (abbr.replace('.', '').length >= 2) ABBREVIATION_SWAP.set(abbr, word);
}
/** Any swappable word, to skip names with none before splitting them into words. */
const ABBREVIATION_ANY = new RegExp(
  `(?<![A-Za-z.])(${[...ABBREVIATION_SWAP.keys()].map((k) => k.replace('.', '\\.')).join('|')})(?![A-Za-z.])`,
);
const NUMBER_SWAP = new Map<string, string>();
for (const [word, digits] of NUMBER_WORDS) {
  NUMBER_SWAP.set(word, digits);
  NUMBER_SWAP.set(digits, word);
}
const NUMBER_PATTERN = new RegExp(
  `(?<![\\w/-])(${[...NUMBER_SWAP.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\w/-])`,
  'g',
);
const GENERIC_TAIL_SET = new Set<string>(GENERIC_TAILS);
const SWAPPABLE_LEGAL = [LEGAL.INC, LEGAL.LLC, LEGAL.CORP] as const;

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Word spans `[start, end)` of the letters-only runs of `text` at least `min` long. */
function letterRuns(text: string, min: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const letter = i < text.length && isLetter(text.charCodeAt(i));
    if (letter && start < 0) start = i;
    else if (!letter && start >= 0) {
      if (i - start >= min) runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

/** Letters of a legal form written in full that a typo may hit (`Incorporated`, `Company`; not `Inc`). */
const MIN_TYPED_LEGAL_WORD = 7;

/**
 * {@link addTypo} over the company words and a legal form written in full (CRM-INTAKE: a typo in any word,
 * `Acme Incorperated`), as [core, legal]. The words are drawn as one list, so a row without such a form draws
 * exactly as before.
 */
export function typoInNameOrLegalForm(core: string, legal: string, rng: Rng): [string, string] {
  const legalRuns = letterRuns(legal, MIN_TYPED_LEGAL_WORD);
  if (legalRuns.length === 0) return [addTypo(core, rng), legal];
  // The legal form's words follow the core's, one character apart, so one typo lands in one of the two.
  const whole = `${core}\u0000${legal}`;
  const shift = core.length + 1;
  const runs = [...letterRuns(core, 3), ...legalRuns.map(([a, b]): [number, number] => [a + shift, b + shift])];
  const typed = addTypo(whole, rng, runs);
  const cut = typed.indexOf('\u0000');
  return [typed.slice(0, cut), typed.slice(cut + 1)];
}

/**
 * One keyboard typo (neighbour key, dropped letter, doubled letter, swapped letters) in a word chosen uniformly
 * from the name's words of three letters or more, so short names and any word of a long name are hit alike.
 * Digits are never changed: in `Teamsters Local 399` a changed digit would name a different entity.
 */
export function addTypo(name: string, rng: Rng, runs = letterRuns(name, 3)): string {
  if (runs.length === 0) return name;
  const [start, end] = rng.pick(runs);
  // The first letter of a word is rarely hit, as with real typing.
  const from = rng.chance(0.1) ? start : start + 1;
  const at = from + rng.int(end - from);
  const ch = name[at]!;
  switch (rng.int(4)) {
    case 0: {
      const near = KEY_NEIGHBOURS[ch.toLowerCase()]!;
      const sub = near[rng.int(near.length)]!;
      return name.slice(0, at) + (ch === ch.toUpperCase() ? sub.toUpperCase() : sub) + name.slice(at + 1);
    }
    case 1:
      return name.slice(0, at) + name.slice(at + 1);
    case 2:
      return name.slice(0, at) + ch + name.slice(at);
    default: {
      const swapAt = at + 1 < end ? at : at - 1;
      // A one-letter word cannot swap, and swapping `tt` changes nothing: double the letter instead.
      if (swapAt < start || name[swapAt] === name[swapAt + 1]) return name.slice(0, at) + ch + name.slice(at);
      return name.slice(0, swapAt) + name[swapAt + 1]! + name[swapAt]! + name.slice(swapAt + 2);
    }
  }
}

function storeNumber(rng: Rng): string {
  const n = rng.chance(0.7) ? rng.range(1, 9999) : rng.range(1, 400);
  switch (rng.int(9)) {
    case 0:
    case 1:
    case 2:
      return ` #${n}`;
    case 3:
      return ` # ${n}`;
    case 4:
      return ` Store ${n}`;
    case 5:
      return ` Store #${n}`;
    case 6:
      return ` store no ${n}`;
    case 7:
      return ` ${n}`;
    default:
      return ` #${String(n).padStart(4, '0')}`;
  }
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[^a-z'])([a-z])/g, (_m, before: string, c: string) => before + c.toUpperCase());
}

/** Replaces the `index`-th match of `pattern` (global) in `text` by `replace(match)`. */
function replaceNth(text: string, pattern: RegExp, index: number, replace: (m: string) => string): string {
  let seen = 0;
  return text.replace(pattern, (m) => (seen++ === index ? replace(m) : m));
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

const WORD = /[A-Za-z][A-Za-z.]*/g;
const ACRONYM = /\b(?![IVX]+\b)[A-Z]{2,4}\b(?![.'])/g;

const VARIATIONS: Readonly<Record<VariationClass, Variation>> = {
  dba_brand_only: (s, x) => {
    const dba = x.entities.dba.get(x.e);
    if (dba === undefined || dba.brandCanonical) return false;
    s.core = dba.brand;
    s.legal = '';
    s.legalLocked = true;
    return true;
  },
  dba_legal_only: (s, x) => {
    const dba = x.entities.dba.get(x.e);
    if (dba === undefined || !dba.brandCanonical) return false;
    s.core = dba.legal;
    s.legal = '';
    s.legalLocked = true;
    return true;
  },
  dba_both: (s, x, rng) => {
    const dba = x.entities.dba.get(x.e);
    if (dba === undefined) return false;
    s.core = `${dba.legal} ${rng.pick(DBA_MARKERS)} ${dba.brand}`;
    s.legal = '';
    s.legalLocked = true;
    return true;
  },
  alias: (s, x, rng) => {
    const aliases = x.entities.aliases.get(x.e);
    if (aliases === undefined) return false;
    s.core = rng.pick(aliases);
    s.legal = '';
    return true;
  },
  acronym_expansion: (s, x) => {
    const other = x.entities.alternate.get(x.e);
    if (other === undefined || s.core !== x.entities.name[x.e]) return false;
    s.core = other;
    return true;
  },
  tail_added: (s, x, rng) => {
    if (s.legalLocked) return false;
    const last = s.core.slice(s.core.lastIndexOf(' ') + 1);
    if (GENERIC_TAIL_SET.has(last)) return false;
    const industryTails = INDUSTRY_TAILS[INDUSTRIES[x.entities.industry[x.e]!]!];
    const tail = industryTails !== undefined && rng.chance(0.5) ? rng.pick(industryTails) : rng.pick(GENERIC_TAILS);
    if (s.core.endsWith(` ${tail}`)) return false;
    s.core = `${s.core} ${tail}`;
    return true;
  },
  tail_dropped: (s) => {
    const space = s.core.lastIndexOf(' ');
    if (space <= 0 || !GENERIC_TAIL_SET.has(s.core.slice(space + 1))) return false;
    s.core = s.core.slice(0, space);
    return true;
  },
  abbreviation: (s, _x, rng) => {
    if (!ABBREVIATION_ANY.test(s.core)) return false;
    const hits = [...s.core.matchAll(WORD)].filter((m) => ABBREVIATION_SWAP.has(m[0]));
    if (hits.length === 0) return false;
    const m = rng.pick(hits);
    s.core = s.core.slice(0, m.index) + ABBREVIATION_SWAP.get(m[0])! + s.core.slice(m.index + m[0].length);
    return true;
  },
  ampersand: (s) => {
    if (s.core.includes(' & ')) s.core = s.core.replace(' & ', ' and ');
    else if (s.core.includes(' and ')) s.core = s.core.replace(' and ', ' & ');
    else return false;
    return true;
  },
  number_word: (s, _x, rng) => {
    const n = countMatches(s.core, NUMBER_PATTERN);
    if (n === 0) return false;
    s.core = replaceNth(s.core, NUMBER_PATTERN, rng.int(n), (m) => NUMBER_SWAP.get(m)!);
    return true;
  },
  the_added: (s) => {
    if (/^the /i.test(s.core)) return false;
    s.core = `The ${s.core}`;
    return true;
  },
  the_dropped: (s) => {
    if (!/^the /i.test(s.core)) return false;
    s.core = s.core.slice(4);
    return true;
  },
  typo: (s, _x, rng) => {
    const [core, legal] = typoInNameOrLegalForm(s.core, s.legal, rng);
    if (core === s.core && legal === s.legal) return false;
    s.core = core;
    s.legal = legal;
    return true;
  },
  joined: (s, _x, rng) => {
    const gaps = countMatches(s.core, /(?<=[A-Za-z])[ -](?=[A-Za-z])/g);
    if (gaps === 0) return false;
    s.core = replaceNth(s.core, /(?<=[A-Za-z])[ -](?=[A-Za-z])/g, rng.int(gaps), () => '');
    return true;
  },
  hyphen_space: (s, _x, rng) => {
    if (s.core.includes('-')) {
      s.core = s.core.replace('-', ' ');
      return true;
    }
    const camel = countMatches(s.core, /(?<=[a-z])(?=[A-Z][a-z])/g);
    if (camel > 0) {
      s.core = replaceNth(s.core, /(?<=[a-z])(?=[A-Z][a-z])/g, rng.int(camel), () => ' ');
      return true;
    }
    const gaps = countMatches(s.core, /(?<=[A-Za-z]) (?=[A-Za-z])/g);
    if (gaps === 0) return false;
    s.core = replaceNth(s.core, /(?<=[A-Za-z]) (?=[A-Za-z])/g, rng.int(gaps), () => '-');
    return true;
  },
  acronym_dots: (s, _x, rng) => {
    const n = countMatches(s.core, ACRONYM);
    if (n === 0) return false;
    const style = rng.int(3);
    s.core = replaceNth(s.core, ACRONYM, rng.int(n), (m) =>
      style === 0 ? `${m.split('').join('.')}.` : style === 1 ? m.split('').join('.') : m.split('').join(' '),
    );
    return true;
  },
  apostrophe: (s) => {
    if (s.core.includes("'")) {
      s.core = s.core.replace("'", '');
      return true;
    }
    const m = /([A-Za-z]{3,}[^s\W])s\b/.exec(s.core);
    if (m === null) return false;
    s.core = `${s.core.slice(0, m.index + m[1]!.length)}'${s.core.slice(m.index + m[1]!.length)}`;
    return true;
  },
  legal_dropped: (s, x) => {
    if (s.legalLocked || s.legal === '' || (x.entities.flags[x.e]! & KEEPS_LEGAL_FORM) !== 0) return false;
    s.legal = '';
    return true;
  },
  legal_reformatted: (s, x, rng) => {
    const cls = x.entities.suffix[x.e]!;
    if (s.legalLocked || s.legal === '' || cls === LEGAL.NONE) return false;
    const forms = LEGAL_FORMS[cls]![1];
    for (let tries = 0; tries < 6; tries++) {
      const form = rng.chance(0.15) ? rng.pick(forms).toUpperCase() : rng.pick(forms);
      // A foreign form moves to the other end now and then (`Volvo AB`, `AG Siemens` are both seen).
      const written = s.legal.endsWith(' ')
        ? rng.chance(0.5)
          ? ` ${form}`
          : `${form} `
        : (rng.chance(0.4) ? ', ' : ' ') + form;
      if (written !== s.legal) {
        s.legal = written;
        return true;
      }
    }
    return false;
  },
  legal_added: (s, x, rng) => {
    if (s.legalLocked || s.legal !== '' || x.entities.suffix[x.e] !== LEGAL.NONE) return false;
    s.legal = (rng.chance(0.3) ? ', ' : ' ') + rng.pick(['Inc', 'Inc.', 'LLC', 'Corp', 'Co.', 'Company'] as const);
    return true;
  },
  legal_swapped: (s, x, rng) => {
    const cls = x.entities.suffix[x.e]!;
    if (s.legalLocked || s.legal === '' || cls === LEGAL.NONE) return false;
    const others = SWAPPABLE_LEGAL.filter((c) => c !== cls);
    s.legal = writtenLegalForm(rng, rng.pick(others));
    return true;
  },
  store_number: (s, x, rng) => {
    const flags = x.entities.flags[x.e]!;
    const chain = (flags & CHAIN) !== 0 || ((flags & BRAND) !== 0 && x.entities.size[x.e]! >= CHAIN_MIN_SIZE);
    if (!chain) return false;
    s.full += storeNumber(rng);
    return true;
  },
  location: (s, x, rng) => {
    // `432 Doyle Center LLC, Maine` reads as a street address with its state: the legal form must end the name.
    if ((x.entities.flags[x.e]! & KEEPS_LEGAL_FORM) !== 0) return false;
    const place = rng.chance(0.8) ? rng.pick(x.pools.cities) : rng.pick(x.pools.states);
    switch (rng.int(5)) {
      case 0:
        s.full = `${s.full} - ${place}`;
        break;
      case 1:
        s.full = `${s.full} (${place})`;
        break;
      case 2:
        s.full = `${s.full} ${place}`;
        break;
      case 3:
        s.full = `${s.full}, ${place}`;
        break;
      default:
        s.full = `${s.full} of ${place}`;
    }
    return true;
  },
  dealer_group: (s, x, rng) => {
    const parent = x.entities.parent[x.e]!;
    if (parent < 0) return false;
    const name = x.entities.name[parent]!;
    // `(Sonic) X Honda`: a short form only when the first word says who it is.
    const first = name.split(' ')[0]!;
    const short = first.length >= 4 && first !== 'Group' && rng.chance(0.5);
    s.full = `(${short ? first : name}) ${s.full}`;
    return true;
  },
  annotation: (s, _x, rng) => {
    s.full = rng.pick(ANNOTATION_SHAPES).replace('{n}', s.full);
    return true;
  },
  list_mark: (s, _x, rng) => {
    s.full = `${rng.pick(['1.', '1. ', '1) ', '1 - '] as const)}${s.full}`;
    return true;
  },
  unclosed_paren: (s, x, rng) => {
    s.full = rng.chance(0.3)
      ? `(${s.full}`
      : `${s.full} (${rng.chance(0.5) ? rng.pick(x.pools.cities) : rng.pick(['per client', 'paystubs', 'W2'] as const)}`;
    return true;
  },
  html_entity: (s, _x, rng) => {
    if (s.full.includes('&')) s.full = s.full.replace('&', '&amp;');
    else if (s.full.includes("'")) s.full = s.full.replace("'", rng.chance(0.5) ? '&#39;' : '&#x27;');
    else return false;
    return true;
  },
  upper: (s) => changeCase(s, s.full.toUpperCase()),
  lower: (s) => changeCase(s, s.full.toLowerCase()),
  title: (s) => changeCase(s, titleCase(s.full)),
  random_case: (s, _x, rng) => {
    let out = '';
    for (const c of s.full) out += rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase();
    return changeCase(s, out);
  },
  trailing_period: (s) => {
    if (s.full.endsWith('.')) return false;
    s.full += '.';
    return true;
  },
  stray_quote: (s, _x, rng) => {
    s.full = rng.chance(0.7) ? `"${s.full}` : `${s.full}"`;
    return true;
  },
  leading_underscore: (s) => {
    s.full = `_${s.full}`;
    return true;
  },
  whitespace: (s, _x, rng) => {
    const space = s.full.indexOf(' ');
    switch (rng.int(6)) {
      case 0:
        s.full = ` ${s.full}`;
        break;
      case 1:
        s.full = `${s.full} `;
        break;
      case 2:
        s.full = `${s.full}\u00a0`;
        break;
      case 3:
        if (space < 0) return false;
        s.full = `${s.full.slice(0, space)}\u00a0${s.full.slice(space + 1)}`;
        break;
      default:
        if (space < 0) return false;
        s.full = `${s.full.slice(0, space)}  ${s.full.slice(space + 1)}`;
    }
    return true;
  },
  truncated: (s, x) => {
    if (s.full.length <= x.truncateAt || (x.entities.flags[x.e]! & KEEPS_LEGAL_FORM) !== 0) return false;
    s.full = s.full.slice(0, x.truncateAt);
    return true;
  },
};

function changeCase(s: RowState, changed: string): boolean {
  if (changed === s.full) return false;
  s.full = changed;
  return true;
}

/** A name and the variation classes it carries. */
export interface VariedName {
  name: string;
  classes: VariationClass[];
}

/**
 * Writes company rows' names at the seed's drawn shares. Stateful (the applicability estimates), so one sampler
 * serves one file, row by row, in file order.
 */
export class VariationSampler {
  private readonly target: Float64Array;
  private readonly tried = new Float64Array(VARIATION_CLASSES.length);
  private readonly applicable = new Float64Array(VARIATION_CLASSES.length);
  /** Rows written and rows carrying each class, for the summary. */
  rows = 0;
  readonly counts = new Float64Array(VARIATION_CLASSES.length);

  constructor(
    private readonly rates: DrawnRates,
    private readonly entities: EntityTable,
    private readonly pools: Pools,
    /** Company rows per record of the file: shares are per record, junk and multi rows carry none. */
    companyShare: number,
  ) {
    this.target = Float64Array.from(VARIATION_CLASSES, (c) => Math.min(1, rates.variation[c] / companyShare));
  }

  /** The `Account Name` of one company row of entity `e`. */
  rowName(rng: Rng, e: number): VariedName {
    const s: RowState = {
      core: this.entities.name[e]!,
      legal: this.entities.legal[e]!,
      legalLocked: false,
      full: '',
    };
    const x: RowContext = { entities: this.entities, e, pools: this.pools, truncateAt: this.rates.truncateAt };
    const classes: VariationClass[] = [];
    const groups: string[] = [];
    for (let i = 0; i < VARIATION_CLASSES.length; i++) {
      if (i === FIRST_DECORATION) s.full = withLegal(s.core, s.legal);
      const c = VARIATION_CLASSES[i]!;
      // Try more often where the class is often inapplicable (estimate with a prior of one success).
      const estimate = (this.applicable[i]! + 1) / (this.tried[i]! + 1);
      if (rng.float() >= Math.min(MAX_ROW_SHARE, this.target[i]! / estimate)) continue;
      this.tried[i]!++;
      const group = EXCLUSIVE[c];
      if (group !== undefined && groups.includes(group)) continue;
      if (!VARIATIONS[c](s, x, rng)) continue;
      this.applicable[i]!++;
      this.counts[i]!++;
      classes.push(c);
      if (group !== undefined) groups.push(group);
    }
    this.rows++;
    return { name: s.full, classes };
  }

  /** Entity `e`'s name as the company writes it, with its legal form. */
  canonicalName(e: number): string {
    return withLegal(this.entities.name[e]!, this.entities.legal[e]!);
  }

  /** A plain form of entity `e`'s name for a multi-employer entry: canonical, sometimes without its legal form. */
  plainName(rng: Rng, e: number): string {
    const name = this.entities.name[e]!;
    return rng.chance(0.5) ? withLegal(name, this.entities.legal[e]!) : name;
  }
}
