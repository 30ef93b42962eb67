/**
 * Canonical names of generated entities: synthetic company names built from faker pools and trade words, the
 * hard-negative families, and the register that keeps distinct entities from sharing a name (two entities with
 * the same name would be indistinguishable, so the truth would be wrong, not hard).
 */
import type { Pools } from './pools.js';
import type { Rng } from './random.js';
import {
  EXPANSION_CANONICAL_RATE,
  FAKER_POOL_RATE,
  FOREIGN_COINED_RATE,
  PLACE_NOUN_RATE,
  TEMPLATE_WEIGHTS,
  THE_NAME_RATE,
  TRADE_QUALIFIER_RATE,
} from './rates.js';
import type { Industry } from './vocabulary.js';
import {
  ABBREVIATIONS,
  ACRONYM_TRADES,
  CAR_MAKES,
  COINED_HEADS,
  COINED_TAILS,
  COMPASS_NOUNS,
  COMPASS_WORDS,
  CORPORATE_NOUNS,
  EXPANSION_WORDS,
  FOREIGN_LEGAL_CLASSES,
  FUND_STEMS,
  GENERIC_TAILS,
  industryIndex,
  LEGAL,
  NAME_ADJECTIVES,
  NUMBER_BRAND_PREFIXES,
  NUMBER_BRAND_WORDS,
  NUMBER_WORDS,
  PLACE_BUSINESSES,
  PLACE_INSTITUTIONS,
  PLACE_NOUNS,
  PUBLIC_BODY_SHAPES,
  PUBLIC_EMPLOYERS,
  RESTAURANT_NOUNS,
  RESTAURANT_SHAPES,
  ROMAN_NUMERALS,
  SAINTS,
  SIBLING_NOUNS,
  SIMILAR_SURNAMES,
  TRADE_QUALIFIERS,
  TRADES,
  TRAP_SHAPES,
  UNIONS,
} from './vocabulary.js';

export interface NamedEntity {
  name: string;
  industry: number;
  /** Forced legal-form class (index into LEGAL_FORMS), or -1 to draw one from the entity weights. */
  suffix: number;
  /** The other way the same company is written: an acronym's expansion, or the acronym of an expanded name. */
  alternate?: string;
  /** Only the legal form tells this name from junk (`12050 Harbor Blvd LLC` is a company, `12050 Harbor Blvd` an
   * address): rows always write it. */
  keepsLegalForm?: boolean;
}

const ABBREVIATION_TO_WORD = new Map(
  ABBREVIATIONS.map(([word, abbr]) => [abbr.toLowerCase().replace('.', ''), word.toLowerCase()]),
);
const NUMBER_TO_WORD = new Map(NUMBER_WORDS.map(([word, digits]) => [digits.toLowerCase(), word.toLowerCase()]));
const GENERIC_TAIL_WORDS = new Set(GENERIC_TAILS.map((t) => t.toLowerCase()));
const FINGERPRINT_DROP = new Set([
  'the',
  'and',
  'of',
  'inc',
  'incorporated',
  'llc',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llp',
  'lp',
  'pc',
  'pllc',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'spa',
  'nv',
  'bv',
  'oyj',
  'abp',
]);

/**
 * A loose key for "would a reader call these the same name": case, punctuation, spaces and hyphens, `&`/`and`,
 * legal forms, a leading `The`, abbreviations, number words and a generic tail do not count (each is a variation a
 * row may apply, so two entities sharing a key would be told apart by nothing). Two entities never share one.
 */
export function nameFingerprint(name: string): string {
  const tokens = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .split(/[^a-z0-9]+/);
  const kept: string[] = [];
  for (const token of tokens) {
    if (token === '' || FINGERPRINT_DROP.has(token)) continue;
    kept.push(NUMBER_TO_WORD.get(token) ?? ABBREVIATION_TO_WORD.get(token) ?? token);
  }
  if (kept.length > 1 && GENERIC_TAIL_WORDS.has(kept[kept.length - 1]!)) kept.pop();
  return kept.join('');
}

/** Remembers every name handed out in a run. */
export class NameRegister {
  private readonly taken = new Set<string>();

  /** Registers `name` and returns true, or returns false when an equivalent name is already taken. */
  claim(name: string): boolean {
    const key = nameFingerprint(name);
    if (key === '' || this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
}

type Template = keyof typeof TEMPLATE_WEIGHTS;
const TEMPLATES = Object.keys(TEMPLATE_WEIGHTS) as Template[];
const TEMPLATE_TOTAL = TEMPLATES.reduce((sum, t) => sum + TEMPLATE_WEIGHTS[t], 0);

function pickTemplate(rng: Rng): Template {
  let x = rng.float() * TEMPLATE_TOTAL;
  for (const t of TEMPLATES) {
    x -= TEMPLATE_WEIGHTS[t];
    if (x < 0) return t;
  }
  return 'surnameTrade';
}

/** How many of `commonSurnames` take the Zipf-weighted share of draws. */
const COMMON_SURNAME_HEAD = 50;

function surname(rng: Rng, pools: Pools): string {
  // Common surnames dominate real business names; the rest of faker's list forms the long tail.
  return rng.chance(0.45) ? pools.commonSurnames[rng.zipfIndex(COMMON_SURNAME_HEAD, 0.8)]! : rng.pick(pools.surnames);
}

/** A trade, sometimes with a qualifier (`Plumbing`, `Plumbing Services`), and the industry it implies. */
function trade(rng: Rng): readonly [string, Industry] {
  const [t, industry] = rng.pickZipf(TRADES, 0.9);
  // Only one-word trades take a qualifier: `Plumbing Services`, never `Janitorial Services Solutions`.
  if (t.includes(' ') || !rng.chance(TRADE_QUALIFIER_RATE)) return [t, industry];
  return [`${t} ${rng.pickZipf(TRADE_QUALIFIERS, 0.8)}`, industry];
}

/** A regional first part (`Pacific`, `Pacific Coast`). */
function region(rng: Rng): string {
  const adjective = rng.pickZipf(NAME_ADJECTIVES, 0.8);
  return rng.chance(PLACE_NOUN_RATE) ? `${adjective} ${rng.pick(PLACE_NOUNS)}` : adjective;
}

/** A company name in faker's own patterns (`Schmidt-Kuhn`, `Deckow, Kemmer and Conn`, `Miller Group`). */
function fakerStyleName(rng: Rng, pools: Pools): NamedEntity {
  const industry = industryIndex('Other');
  if (rng.chance(FAKER_POOL_RATE)) {
    // Faker writes `Kris Inc` / `Moen LLC`; keep the legal form out of the canonical name, variants add it back.
    const name = rng.pick(pools.fakerCompanies);
    const form = / (Inc|LLC)$/.exec(name);
    if (form !== null)
      return { name: name.slice(0, form.index), industry, suffix: form[1] === 'Inc' ? LEGAL.INC : LEGAL.LLC };
    return { name: name.replace(' - ', '-'), industry, suffix: -1 };
  }
  const a = rng.pick(pools.surnames);
  const b = rng.pick(pools.surnames);
  switch (rng.int(4)) {
    case 0:
      return { name: `${a}-${b}`, industry, suffix: -1 };
    case 1:
      return { name: `${a}, ${b} and ${rng.pick(pools.surnames)}`, industry, suffix: -1 };
    case 2:
      return { name: `${a} ${rng.pick(['Group', 'and Sons', 'Holdings', 'Partners'])}`, industry, suffix: -1 };
    default:
      return { name: `${a} & ${b}`, industry, suffix: -1 };
  }
}

function fill(template: string, rng: Rng, pools: Pools): string {
  return template
    .replace('{region}', region(rng))
    .replace('{noun}', rng.pick(RESTAURANT_NOUNS))
    .replace('{city}', rng.pick(pools.cities))
    .replace('{county}', rng.pick(pools.counties))
    .replace('{state}', rng.pick(pools.states))
    .replace('{last}', surname(rng, pools))
    .replace('{first}', rng.pick(pools.firstNames))
    .replace('{saint}', rng.pick(SAINTS));
}

function acronym(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 3; i++) s += String.fromCharCode(65 + rng.int(26));
  return s;
}

function withIndustry(name: string, industry: Industry, suffix = -1): NamedEntity {
  return { name, industry: industryIndex(industry), suffix };
}

/** An acronym company (`PVS Plumbing`) and its expansion (`Premier Valley Systems Plumbing`), either way round. */
function acronymWithExpansion(rng: Rng): NamedEntity {
  const [t, industry] = trade(rng);
  const words = distinct(rng, EXPANSION_WORDS, 3);
  const initials = words.map((w) => w[0]).join('');
  const short = `${initials} ${t}`;
  const long = `${words.join(' ')} ${t}`;
  return rng.chance(EXPANSION_CANONICAL_RATE)
    ? { ...withIndustry(long, industry), alternate: short }
    : { ...withIndustry(short, industry), alternate: long };
}

function coinedWord(rng: Rng): string {
  return rng.pick(COINED_HEADS) + rng.pick(COINED_TAILS);
}

/** One synthetic company name (not yet registered). */
export function syntheticName(rng: Rng, pools: Pools): NamedEntity {
  const named = templateName(rng, pools);
  // A few names start with `The`, so rows can drop it as well as add it.
  if (named.alternate === undefined && !named.name.startsWith('The ') && rng.chance(THE_NAME_RATE)) {
    named.name = `The ${named.name}`;
  }
  return named;
}

function templateName(rng: Rng, pools: Pools): NamedEntity {
  switch (pickTemplate(rng)) {
    case 'surnameTrade': {
      const [t, industry] = trade(rng);
      return withIndustry(`${surname(rng, pools)} ${t}`, industry);
    }
    case 'adjectiveTrade': {
      const [t, industry] = trade(rng);
      return withIndustry(`${region(rng)} ${t}`, industry);
    }
    case 'fakerCompany':
      return fakerStyleName(rng, pools);
    case 'cityTrade': {
      const [t, industry] = trade(rng);
      return withIndustry(`${rng.pick(pools.cities)} ${t}`, industry);
    }
    case 'adjectiveCorporate': {
      const [noun, industry] = rng.pickZipf(CORPORATE_NOUNS, 0.8);
      const r = rng.float();
      const first = r < 0.3 ? surname(rng, pools) : r < 0.5 ? rng.pick(pools.cities) : region(rng);
      return withIndustry(`${first} ${noun}`, industry);
    }
    case 'surnameSonsTrade': {
      const [t, industry] = trade(rng);
      const link = rng.pick([' & Sons ', ' and Sons ', ' Brothers ', ' & Son ', ' Bros ']);
      return withIndustry(`${surname(rng, pools)}${link}${t}`, industry);
    }
    case 'lawFirm': {
      const a = surname(rng, pools);
      const b = surname(rng, pools);
      const suffix = rng.pick([LEGAL.LLP, LEGAL.LLP, LEGAL.PC, LEGAL.PLLC, LEGAL.NONE]);
      if (rng.chance(0.4)) return withIndustry(`${a}, ${b} & ${surname(rng, pools)}`, 'Consulting', suffix);
      return withIndustry(`${a} & ${b}${rng.chance(0.5) ? ' Law Group' : ''}`, 'Consulting', suffix);
    }
    case 'placeBusiness': {
      const [t, industry] = rng.pick(PLACE_BUSINESSES);
      return withIndustry(fill(t, rng, pools), industry);
    }
    case 'publicEmployer': {
      const [t, industry] = rng.pick(PUBLIC_EMPLOYERS);
      return withIndustry(fill(t, rng, pools), industry, LEGAL.NONE);
    }
    case 'firstNameTrade': {
      const [t, industry] = trade(rng);
      return withIndustry(`${rng.pick(pools.firstNames)}'s ${t}`, industry);
    }
    case 'acronymTrade': {
      if (rng.chance(0.8)) return acronymWithExpansion(rng);
      const [t, industry] = trade(rng);
      return withIndustry(`${acronym(rng)} ${t}`, industry);
    }
    case 'coinedBrand': {
      const word = coinedWord(rng);
      const suffix = rng.chance(FOREIGN_COINED_RATE) ? rng.pick(FOREIGN_LEGAL_CLASSES) : -1;
      if (rng.chance(0.5)) return withIndustry(word, 'Technology', suffix);
      const [noun, industry] = rng.pickZipf(CORPORATE_NOUNS, 0.8);
      return withIndustry(`${word} ${noun}`, industry, suffix);
    }
    case 'restaurant':
      return withIndustry(fill(rng.pick(RESTAURANT_SHAPES), rng, pools), 'Food & Beverage');
    case 'addressProperty': {
      // `12050 Harbor Blvd LLC`: a real company (a property holding), not an address typed as a name.
      const street = rng.pick(pools.streets).replace(/ (Apt\.|Suite) .*$/, '');
      return { ...withIndustry(street, 'Finance', rng.chance(0.8) ? LEGAL.LLC : LEGAL.LP), keepsLegalForm: true };
    }
    case 'numberBrand':
      return withIndustry(`${rng.pick(NUMBER_BRAND_PREFIXES)} ${rng.pick(NUMBER_BRAND_WORDS)}`, 'Other');
    case 'trap':
      return withIndustry(fill(rng.pick(TRAP_SHAPES), rng, pools), 'Other');
  }
}

/**
 * Kinds of look-alike families (CRM-INTAKE "What must stay apart"). `brandTrade` (`Kaiser Permanente` / `Kaiser
 * Roofing`) pairs a real brand with small companies named after its first word; it is named in entities.ts, once
 * the brands are handed out.
 */
export const FAMILY_KINDS = [
  'dealership',
  'dealershipOf',
  'regionTrades',
  'acronym',
  'corporateSiblings',
  'similarSurnames',
  'sonsBrothers',
  'compass',
  'numberBrand',
  'publicBodies',
  'brandTrade',
  'fundSeries',
  'numbered',
  'union',
  'surnameTrades',
  'placeInstitution',
] as const;
export type FamilyKind = (typeof FAMILY_KINDS)[number];

function distinct<T>(rng: Rng, list: readonly T[], k: number): T[] {
  const out: T[] = [];
  for (let tries = 0; out.length < k && tries < 50; tries++) {
    const x = rng.pick(list);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

/**
 * Names for a family of `k` distinct entities that share most of their words (hard negatives: `Buena Park Honda`
 * / `Buena Park Toyota`, `ABC Staffing` / `ABD Staffing`, `Pacific Bell` / `Pacific Bell 2`, `Teamsters Local
 * 399` / `Teamsters Local 63`). May return fewer than `k` names; each is a different entity.
 */
export function familyNames(kind: FamilyKind, k: number, rng: Rng, pools: Pools): NamedEntity[] {
  const entity = withIndustry;
  switch (kind) {
    case 'dealershipOf': {
      const city = rng.pick(pools.cities);
      return distinct(rng, CAR_MAKES, k).map((make) => entity(`${make} of ${city}`, 'Retail'));
    }
    case 'regionTrades': {
      const r = region(rng);
      return distinct(rng, TRADES, k).map(([t, industry]) => entity(`${r} ${t}`, industry));
    }
    case 'corporateSiblings': {
      const stem = rng.chance(0.5) ? `First ${rng.pick(NAME_ADJECTIVES)}` : region(rng);
      return distinct(rng, SIBLING_NOUNS, k).map((noun) => entity(`${stem} ${noun}`, 'Finance'));
    }
    case 'similarSurnames': {
      const [t, industry] = trade(rng);
      return rng
        .pick(SIMILAR_SURNAMES)
        .slice(0, k)
        .map((last) => entity(`${last} ${t}`, industry));
    }
    case 'sonsBrothers': {
      const last = surname(rng, pools);
      const [t, industry] = trade(rng);
      const sons = rng.chance(0.5) ? `${last} & Sons` : `${last} & Sons ${t}`;
      return [entity(sons, industry), entity(`${last} Brothers ${t}`, industry)];
    }
    case 'compass': {
      const noun = rng.pick(COMPASS_NOUNS);
      const [t, industry] = trade(rng);
      return distinct(rng, COMPASS_WORDS, k).map((w) => entity(`${w} ${noun} ${t}`, industry));
    }
    case 'numberBrand': {
      const prefix = rng.pick(NUMBER_BRAND_PREFIXES);
      return distinct(rng, NUMBER_BRAND_WORDS, k).map((w) => entity(`${prefix} ${w}`, 'Other'));
    }
    case 'publicBodies': {
      const place = rng.chance(0.5) ? rng.pick(pools.cities) : rng.pick(pools.counties);
      return distinct(rng, PUBLIC_BODY_SHAPES, k).map((shape) =>
        entity(shape.replace('{p}', place), 'Government', LEGAL.NONE),
      );
    }
    case 'fundSeries': {
      const stem = `${rng.chance(0.5) ? surname(rng, pools) : rng.pick(NAME_ADJECTIVES)} ${rng.pick(FUND_STEMS)}`;
      const first = rng.int(ROMAN_NUMERALS.length - k + 1);
      return ROMAN_NUMERALS.slice(first, first + k).map((n) => entity(`${stem} ${n}`, 'Finance', LEGAL.LP));
    }
    case 'brandTrade':
      return [];
    case 'dealership': {
      const city = rng.pick(pools.cities);
      return distinct(rng, CAR_MAKES, k).map((make) => entity(`${city} ${make}`, 'Retail'));
    }
    case 'acronym': {
      const t = rng.pick(ACRONYM_TRADES);
      const first = acronym(rng);
      const letters = distinct(
        rng,
        Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)),
        k,
      );
      const names = new Set([first, ...letters.map((c) => first.slice(0, 2) + c)]);
      return [...names].slice(0, k).map((a) => entity(`${a} ${t}`, 'Consulting'));
    }
    case 'numbered': {
      const root = syntheticName(rng, pools);
      const numbers = distinct(rng, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], k);
      const names = numbers.map((n) => `${root.name} ${n}`);
      if (rng.chance(0.6)) names[0] = root.name;
      return names.map((name) => ({ name, industry: root.industry, suffix: root.suffix }));
    }
    case 'union': {
      const union = rng.pick(UNIONS);
      const numbers = new Set<number>();
      while (numbers.size < k) numbers.add(rng.range(1, 999));
      return [...numbers].map((n) => entity(`${union} Local ${n}`, 'Not For Profit', LEGAL.NONE));
    }
    case 'surnameTrades': {
      const last = surname(rng, pools);
      return distinct(rng, TRADES, k).map(([t, industry]) => entity(`${last} ${t}`, industry));
    }
    case 'placeInstitution': {
      const [prefix, suffix, industry] = rng.pick(PLACE_INSTITUTIONS);
      return distinct(rng, pools.cities, k).map((city) => entity(`${prefix}${city}${suffix}`, industry, LEGAL.NONE));
    }
  }
}
