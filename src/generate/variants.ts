/**
 * How a person typing into a CRM writes an entity's name on one row: legal-form variants, case and punctuation
 * noise, typos, `The`, `&`/`and`, store numbers, abbreviations, dba names, parenthesised parents, notes and
 * annotations (SPEC §3 lists what matching must see through). Also the junk and multi-employer entries (SPEC §4).
 * Every rate is a named constant in rates.ts.
 */
import type { EntityTable } from './entities.js';
import { CHAIN, HARD_NEGATIVE } from './entities.js';
import type { Pools } from './pools.js';
import type { Rng } from './random.js';
import {
  ABBREVIATION_RATE,
  ADD_THE_RATE,
  AMPERSAND_SWAP_RATE,
  ANNOTATION_RATE,
  APOSTROPHE_DROP_RATE,
  DBA_ROW_RATE,
  DROP_THE_RATE,
  LOCATION_NOTE_RATE,
  LOWER_CASE_RATE,
  MULTI_THREE_RATE,
  NOTE_RATE,
  PARENT_PREFIX_ROW_RATE,
  PUNCTUATION_NOISE_RATE,
  STORE_NUMBER_RATE,
  SUFFIX_COMMA_RATE,
  SUFFIX_COMPATIBLE_SWAP_RATE,
  SUFFIX_CONFLICT_RATE,
  SUFFIX_INVENT_RATE,
  SUFFIX_KEEP_RATE,
  TYPO_RATE,
  UPPER_CASE_RATE,
} from './rates.js';
import { ABBREVIATIONS, JUNK_NAMES, LEGAL, LEGAL_FORMS, NAME_NOTES } from './vocabulary.js';

const ABBREVIATION_PATTERN = new RegExp(
  `\\b(${ABBREVIATIONS.flatMap(([word, abbr]) => [word, abbr.replace('.', '\\.')]).join('|')})(?![\\w.])`,
);
const ABBREVIATION_SWAP = new Map<string, string>(
  ABBREVIATIONS.flatMap(([word, abbr]) => [
    [word, abbr],
    [abbr, word],
  ]),
);

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

const JUNK_TOTAL = JUNK_NAMES.reduce((sum, [, w]) => sum + w, 0);
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'aol.com', 'outlook.com'] as const;
const DBA_MARKERS = ['dba', 'dba', 'DBA', 'd/b/a', 'D/B/A', 'aka', 'dba:'] as const;

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * One hand-typing error in a letter (never a digit: in `Pacific Bell 2` or `Local 399` a changed digit would name a
 * different entity). The first letter is rarely hit, as with real typing.
 */
export function addTypo(name: string, rng: Rng): string {
  const letters: number[] = [];
  for (let i = 0; i < name.length; i++) if (isLetter(name.charCodeAt(i))) letters.push(i);
  if (letters.length < 4) return name;
  const start = rng.chance(0.1) ? 0 : 1;
  const at = letters[start + rng.int(letters.length - start)]!;
  const ch = name[at]!;
  switch (rng.int(4)) {
    case 0: {
      const near = KEY_NEIGHBOURS[ch.toLowerCase()];
      if (near === undefined) return name;
      const sub = near[rng.int(near.length)]!;
      return name.slice(0, at) + (ch === ch.toUpperCase() ? sub.toUpperCase() : sub) + name.slice(at + 1);
    }
    case 1:
      return name.slice(0, at) + name.slice(at + 1);
    case 2:
      return name.slice(0, at) + ch + name.slice(at);
    default: {
      const next = name[at + 1];
      if (next === undefined || !isLetter(next.charCodeAt(0))) return name.slice(0, at) + name.slice(at + 1);
      return name.slice(0, at) + next + ch + name.slice(at + 2);
    }
  }
}

function legalForm(rng: Rng, cls: number): string {
  const forms = LEGAL_FORMS[cls]![1];
  if (forms.length === 0) return '';
  return (rng.chance(SUFFIX_COMMA_RATE) ? ', ' : ' ') + rng.pick(forms);
}

/** The legal form a row writes for an entity of class `cls` ('' for none). */
function rowLegalForm(rng: Rng, cls: number): string {
  if (cls === LEGAL.NONE) {
    return rng.chance(SUFFIX_INVENT_RATE) ? legalForm(rng, rng.chance(0.6) ? LEGAL.INC : LEGAL.LLC) : '';
  }
  if (!rng.chance(SUFFIX_KEEP_RATE)) return '';
  let written = cls;
  if (rng.chance(SUFFIX_CONFLICT_RATE)) written = 1 + rng.int(LEGAL_FORMS.length - 1);
  else if (cls === LEGAL.INC && rng.chance(SUFFIX_COMPATIBLE_SWAP_RATE)) written = LEGAL.CORP;
  else if (cls === LEGAL.CORP && rng.chance(SUFFIX_COMPATIBLE_SWAP_RATE)) written = LEGAL.INC;
  return legalForm(rng, written);
}

function storeNumber(rng: Rng): string {
  const n = rng.chance(0.7) ? rng.range(1, 9999) : rng.range(1, 400);
  switch (rng.int(10)) {
    case 0:
    case 1:
    case 2:
      return ` #${n}`;
    case 3:
      return ` # ${n}`;
    case 4:
    case 5:
      return ` Store ${n}`;
    case 6:
      return ` Store #${n}`;
    case 7:
      return ` store no ${n}`;
    case 8:
      return ` Store Number ${n}`;
    default:
      return ` #${String(n).padStart(4, '0')}`;
  }
}

function punctuationNoise(name: string, rng: Rng): string {
  switch (rng.int(7)) {
    case 0:
      return `_${name}`;
    case 1:
      return `${name}.`;
    case 2:
      return `${name},`;
    case 3:
      return ` ${name}`;
    case 4:
      return `${name} `;
    case 5:
      return name.replace(' ', '  ');
    default:
      return name.replace(' ', '-');
  }
}

/**
 * The company part of a row's name: the canonical name with word-level variants, a typo and a legal form.
 * `plain` leaves out store numbers (used for the second employer of a multi-employer entry and for parents).
 */
function companyVariant(rng: Rng, entities: EntityTable, e: number, plain: boolean): string {
  let name = entities.name[e]!;
  if (rng.chance(ABBREVIATION_RATE)) {
    const m = ABBREVIATION_PATTERN.exec(name);
    if (m !== null) name = name.slice(0, m.index) + ABBREVIATION_SWAP.get(m[1]!)! + name.slice(m.index + m[1]!.length);
  }
  if (rng.chance(AMPERSAND_SWAP_RATE)) {
    if (name.includes(' & ')) name = name.replace(' & ', ' and ');
    else if (name.includes(' and ')) name = name.replace(' and ', ' & ');
  }
  if (name.startsWith('The ')) {
    if (rng.chance(DROP_THE_RATE)) name = name.slice(4);
  } else if (rng.chance(ADD_THE_RATE)) {
    name = `The ${name}`;
  }
  if (name.includes("'") && rng.chance(APOSTROPHE_DROP_RATE)) name = name.replace("'", '');
  if (rng.chance(TYPO_RATE)) name = addTypo(name, rng);
  const chain = !plain && (entities.flags[e]! & CHAIN) !== 0 && (entities.flags[e]! & HARD_NEGATIVE) === 0;
  if (chain && rng.chance(STORE_NUMBER_RATE)) {
    // A store row rarely carries the legal form too (`Walmart #1234`, not `Walmart Inc #1234`).
    return name + (rng.chance(0.1) ? rowLegalForm(rng, entities.suffix[e]!) : '') + storeNumber(rng);
  }
  return name + rowLegalForm(rng, entities.suffix[e]!);
}

/** A row's `Account Name` for a company row of entity `e`. */
export function rowName(rng: Rng, entities: EntityTable, e: number, pools: Pools): string {
  let name = companyVariant(rng, entities, e, false);
  const dba = entities.dba.get(e);
  if (dba !== undefined && rng.chance(DBA_ROW_RATE)) name = `${name} ${rng.pick(DBA_MARKERS)} ${dba}`;
  const parent = entities.parent[e]!;
  if (parent >= 0 && rng.chance(PARENT_PREFIX_ROW_RATE)) {
    name = `(${companyVariant(rng, entities, parent, true)}) ${name}`;
  }
  if (rng.chance(LOCATION_NOTE_RATE)) {
    name = `${name} (${rng.chance(0.6) ? rng.pick(pools.states) : rng.pick(pools.cities)})`;
  }
  if (rng.chance(NOTE_RATE)) name = `${name} ${rng.pick(NAME_NOTES)}`;
  if (rng.chance(ANNOTATION_RATE)) {
    switch (rng.int(4)) {
      case 0:
        name = `Per PNC - ${name}`;
        break;
      case 1:
        name = `Per PNC, ${name}`;
        break;
      case 2:
        name = `${name} - pnc`;
        break;
      default:
        name = `${name} (per pnc)`;
    }
  }
  return caseAndPunctuation(rng, name);
}

function caseAndPunctuation(rng: Rng, name: string): string {
  let out = name;
  const c = rng.float();
  if (c < UPPER_CASE_RATE) out = out.toUpperCase();
  else if (c < UPPER_CASE_RATE + LOWER_CASE_RATE) out = out.toLowerCase();
  if (rng.chance(PUNCTUATION_NOISE_RATE)) out = punctuationNoise(out, rng);
  return out;
}

/**
 * A multi-employer entry (`(1)Don Roberto Jewelers; (2) BYD Auto`). `others` are the entities of the second (and
 * third) employers; the row belongs to entity `e`, the first employer.
 */
export function multiEmployerName(rng: Rng, entities: EntityTable, e: number, others: readonly number[]): string {
  const names = [companyVariant(rng, entities, e, true), ...others.map((o) => companyVariant(rng, entities, o, true))];
  switch (rng.int(7)) {
    case 0:
      return names.map((n, i) => `(${i + 1})${n}`).join('; ');
    case 1:
      return names.map((n, i) => `(${i + 1}) ${n}`).join('; ');
    case 2:
      return names.map((n, i) => `(${i + 1}) ${n}`).join(' ');
    case 3:
      return names.join('; ');
    case 4:
      return names.map((n, i) => `${i + 1}. ${n}`).join(' ');
    case 5:
      return names.join(' / ');
    default:
      return names.map((n, i) => `${i + 1}) ${n}`).join(' ');
  }
}

/** How many other employers a multi-employer entry lists. */
export function multiEmployerOthers(rng: Rng): number {
  return rng.chance(MULTI_THREE_RATE) ? 2 : 1;
}

export function phoneNumber(rng: Rng): string {
  const area = rng.range(201, 989);
  const mid = rng.range(200, 999);
  const last = String(rng.int(10000)).padStart(4, '0');
  switch (rng.int(5)) {
    case 0:
      return `(${area}) ${mid}-${last}`;
    case 1:
      return `${area}-${mid}-${last}`;
    case 2:
      return `${area}.${mid}.${last}`;
    case 3:
      return `+1 ${area} ${mid} ${last}`;
    default:
      return `${area}${mid}${last}`;
  }
}

/** A row's `Account Name` for a junk entry (SPEC §4: not a company; never to be merged). */
export function junkName(rng: Rng, pools: Pools): string {
  let x = rng.float() * JUNK_TOTAL;
  let pick = JUNK_NAMES[0]![0];
  for (const [name, weight] of JUNK_NAMES) {
    x -= weight;
    if (x < 0) {
      pick = name;
      break;
    }
  }
  if (pick === '{phone}') return phoneNumber(rng);
  if (pick === '{email}') {
    const first = rng.pick(pools.firstNames).toLowerCase();
    const last = rng
      .pick(pools.surnames)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    return `${first}.${last}@${rng.pick(EMAIL_DOMAINS)}`;
  }
  return pick;
}
