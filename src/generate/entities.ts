/**
 * The entity table of a generated file: who the real companies are, how many records each has, what each is
 * canonically called, and which look-alike family it belongs to (CRM-INTAKE "Who is in the file", "What must stay
 * apart"). Per-entity data lives in typed arrays (plus a few strings per entity), never per row, so a 1M-row file
 * holds a few hundred thousand small entries at most.
 */
import type { FamilyKind, NamedEntity } from './names.js';
import { FAMILY_KINDS, familyNames, NameRegister, syntheticName } from './names.js';
import type { Pools } from './pools.js';
import type { Rng } from './random.js';
import type { DrawnRates } from './rates.js';
import {
  BRAND_SMALL_RATE,
  BRAND_SUFFIX_WEIGHTS,
  BRAND_TOP_RESERVE,
  BRAND_TOP_SHARE,
  CHAIN_MIN_SIZE,
  DBA_BRAND_CANONICAL_RATE,
  DEALER_GROUP_RATE,
  ENTITY_SUFFIX_WEIGHTS,
  FAMILY_EQUAL_SIZE_MAX,
  FAMILY_EQUAL_SIZE_MIN,
  PARENT_ENTITY_RATE,
  TAIL_MAX_DIVISOR,
  TAIL_MAX_SIZE,
  TAIL_MIN_MAX_SIZE,
} from './rates.js';
import {
  AUTO_GROUPS,
  CHAIN_ALIASES,
  FAMOUS_CHAINS,
  industryIndex,
  LEGAL,
  LEGAL_FORMS,
  LEGAL_TAIL,
  PREFIX_LEGAL_CLASSES,
  TRADES,
} from './vocabulary.js';

/** Entity flags (bit set in `EntityTable.flags`). */
export const HARD_NEGATIVE = 1;
export const CHAIN = 2;
export const BRAND = 4;
/** The legal form is what makes the name a company (`12050 Harbor Blvd LLC`): no row drops or cuts it. */
export const KEEPS_LEGAL_FORM = 8;

/** A company with a trade name: `Acme Holdings LLC dba QuickFix`. */
export interface TradeName {
  /** The legal name with its legal form (`Acme Holdings LLC`). */
  legal: string;
  brand: string;
  /** True when the canonical name is the brand (so `legal only` is the variation), else the legal name. */
  brandCanonical: boolean;
}

export interface EntityTable {
  /** Number of company entities; junk and multi rows get entity ids after these. */
  count: number;
  size: Int32Array;
  /** Canonical name without its legal form. */
  name: string[];
  /** Legal-form class, an index into vocabulary LEGAL_FORMS (0 = none). */
  suffix: Uint8Array;
  /** The canonical legal form as written, with its separator (`, Inc.`, ` LLC`), or ''. */
  legal: string[];
  flags: Uint8Array;
  /** Index into vocabulary INDUSTRIES. */
  industry: Uint8Array;
  /** Parent company entity, or -1. */
  parent: Int32Array;
  /** Look-alike family (index into `familyKind`), or -1. */
  family: Int32Array;
  familyKind: FamilyKind[];
  /** Trade names, for the entities that have one. */
  dba: Map<number, TradeName>;
  /** Well-known other names of a chain (`UPS` → `United Parcel Service`). */
  aliases: Map<number, readonly string[]>;
  /** The acronym ↔ expansion counterpart of an acronym company's name. */
  alternate: Map<number, string>;
}

/** The largest tail entity a file of `rows` rows may hold: regional employers of up to ~150 records. */
function maxTailSize(rows: number): number {
  return Math.min(TAIL_MAX_SIZE, Math.max(TAIL_MIN_MAX_SIZE, Math.floor(rows / TAIL_MAX_DIVISOR)));
}

/** A draw from the truncated discrete power law of tail entity sizes (about half are 1). */
function drawEntitySize(rng: Rng, maxSize: number, exponent: number): number {
  for (;;) {
    const size = Math.floor((1 - rng.float()) ** (-1 / exponent));
    if (size <= maxSize) return size;
  }
}

/** Sizes of the heavy head: a few dozen chains, the largest `topShare` of the rows, the rest in Zipf decay. */
function headSizes(rows: number, rates: DrawnRates): number[] {
  const sizes: number[] = [];
  for (let k = 1; k <= rates.headChains; k++) {
    const size = Math.round(rows * rates.headTopShare * k ** -rates.headDecay);
    if (size < 2) break;
    sizes.push(size);
  }
  return sizes;
}

function weighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rng.float() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return 0;
}

interface Family {
  kind: FamilyKind;
  first: number;
  members: number;
  parent: number;
}

/** Marker in `familyOf`: not in a family, or a head chain. Values ≤ AUTO_GROUP_BASE encode a dealer group. */
const NO_FAMILY = -1;
const AUTO_GROUP_BASE = -2;
/** Mean members of a new family (2 or 3), to turn the drawn share of family entities into a start rate. */
const MEAN_FAMILY_MEMBERS = 2.25;
/** First words of brands too generic to found a `Kaiser Roofing` look-alike (`Bank Roofing` says nothing). */
const GENERIC_FIRST_WORDS = new Set([
  'the',
  'bank',
  'dollar',
  'taco',
  'burger',
  'best',
  'planet',
  'pizza',
  'jack',
  'panda',
  'first',
  'american',
  'united',
  'national',
  'general',
  'family',
  'big',
  'new',
  'great',
]);

/**
 * Draws entity sizes until `companyRows` rows are covered (the head first, then the tail with families mixed in),
 * then names every entity. Draw order is fixed, so the table is a pure function of the generator state, the pools
 * and the drawn rates.
 */
export function buildEntities(rng: Rng, pools: Pools, companyRows: number, rates: DrawnRates): EntityTable {
  const sizes: number[] = [];
  const familyOf: number[] = [];
  const families: Family[] = [];
  const autoGroupEntity = new Map<number, number>();
  let remaining = companyRows;
  const maxSize = maxTailSize(companyRows);
  const add = (family: number, wanted: number): number => {
    const size = Math.min(wanted, remaining);
    remaining -= size;
    sizes.push(size);
    familyOf.push(family);
    return sizes.length - 1;
  };
  for (const size of headSizes(companyRows, rates)) if (remaining > 0) add(NO_FAMILY, size);
  const share = rates.familyEntityShare;
  const familyStart = share / (MEAN_FAMILY_MEMBERS - share * (MEAN_FAMILY_MEMBERS - 1));
  while (remaining > 0) {
    if (!rng.chance(familyStart)) {
      add(NO_FAMILY, drawEntitySize(rng, maxSize, rates.tailExponent));
      continue;
    }
    const kind = rng.pick(FAMILY_KINDS);
    const family: Family = { kind, first: sizes.length, members: 0, parent: -1 };
    families.push(family);
    // `brandTrade` families add one or two small companies to an existing brand; the others have 2–3 members.
    const k = kind === 'brandTrade' ? rng.range(1, 2) : rng.chance(0.75) ? 2 : 3;
    // Comparable frequencies: two forms seen 15 times each are two companies (CRM-INTAKE).
    const equal = kind !== 'brandTrade' && rng.chance(rates.familyEqualSize);
    const base = rng.range(FAMILY_EQUAL_SIZE_MIN, FAMILY_EQUAL_SIZE_MAX);
    for (let j = 0; j < k && remaining > 0; j++) {
      const size = equal
        ? Math.max(2, Math.round(base * (0.8 + 0.4 * rng.float())))
        : drawEntitySize(rng, maxSize, rates.tailExponent);
      add(families.length - 1, size);
      family.members++;
    }
    if ((kind === 'dealership' || kind === 'dealershipOf') && remaining > 0 && rng.chance(DEALER_GROUP_RATE)) {
      const group = rng.int(AUTO_GROUPS.length);
      let parent = autoGroupEntity.get(group);
      if (parent === undefined) {
        parent = add(AUTO_GROUP_BASE - group, drawEntitySize(rng, maxSize, rates.tailExponent));
        autoGroupEntity.set(group, parent);
      }
      family.parent = parent;
    }
  }

  const count = sizes.length;
  const table: EntityTable = {
    count,
    size: Int32Array.from(sizes),
    name: new Array<string>(count).fill(''),
    suffix: new Uint8Array(count),
    legal: new Array<string>(count).fill(''),
    flags: new Uint8Array(count),
    industry: new Uint8Array(count),
    parent: new Int32Array(count).fill(-1),
    family: new Int32Array(count).fill(-1),
    familyKind: [],
    dba: new Map(),
    aliases: new Map(),
    alternate: new Map(),
  };
  const register = new NameRegister();
  const assign = (e: number, named: NamedEntity, suffixWeights: readonly number[]): void => {
    table.name[e] = named.name;
    table.industry[e] = named.industry;
    const cls = LEGAL_TAIL.test(named.name)
      ? LEGAL.NONE
      : named.suffix >= 0
        ? named.suffix
        : weighted(rng, suffixWeights);
    table.suffix[e] = cls;
    table.legal[e] = writtenLegalForm(rng, cls);
    if (named.alternate !== undefined) table.alternate.set(e, named.alternate);
    if (named.keepsLegalForm === true) table.flags[e] = table.flags[e]! | KEEPS_LEGAL_FORM;
  };
  const claimAll = (named: NamedEntity): boolean => {
    if (!register.claim(named.name)) return false;
    if (named.alternate !== undefined && !register.claim(named.alternate)) named.alternate = undefined;
    return true;
  };
  const assignSynthetic = (e: number): void => {
    for (let tries = 0; ; tries++) {
      const named = syntheticName(rng, pools);
      // After many collisions (tiny pools at huge sizes), a place word makes the name new.
      if (tries >= 20) {
        named.name = `${named.name} ${rng.pick(pools.cities)}`;
        named.alternate = undefined;
      }
      if (claimAll(named)) {
        assign(e, named, ENTITY_SUFFIX_WEIGHTS);
        return;
      }
    }
  };

  // Dealer groups first: their names are fixed.
  for (const [group, e] of autoGroupEntity) {
    register.claim(AUTO_GROUPS[group]!);
    assign(e, { name: AUTO_GROUPS[group]!, industry: industryIndex('Retail'), suffix: -1 }, BRAND_SUFFIX_WEIGHTS);
    table.flags[e] = BRAND;
  }

  const brandTradeFamilies: Family[] = [];
  for (const family of families) {
    if (family.kind === 'brandTrade') {
      brandTradeFamilies.push(family);
      continue;
    }
    const names = familyNames(family.kind, family.members, rng, pools);
    const id = table.familyKind.length;
    let named = 0;
    for (let j = 0; j < family.members; j++) {
      const e = family.first + j;
      table.parent[e] = family.parent;
      const candidate = names[j];
      if (candidate !== undefined && register.claim(candidate.name)) {
        assign(e, candidate, ENTITY_SUFFIX_WEIGHTS);
        table.flags[e] = HARD_NEGATIVE;
        table.family[e] = id;
        named++;
      } else {
        assignSynthetic(e);
      }
    }
    if (named >= 2) table.familyKind.push(family.kind);
    else clearFamily(table, family, id);
  }

  // Real brands go to the largest entities (chains), famous chains first; the rest are sprinkled below.
  const ordinary: number[] = [];
  for (let e = 0; e < count; e++) if (familyOf[e] === NO_FAMILY) ordinary.push(e);
  const bySize = Int32Array.from(ordinary).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const brandOrder = Array.from({ length: pools.brands.length }, (_, i) => i);
  shuffle(rng, brandOrder);
  // Famous chains lead, in a seed-dependent order; then storefront brands; then the rest.
  const famous = FAMOUS_CHAINS.map((name) => pools.brands.findIndex((b) => b.name === name)).filter((b) => b >= 0);
  shuffle(rng, famous);
  const storefrontFirst = [
    ...famous,
    ...brandOrder.filter((b) => pools.brands[b]!.storefront),
    ...brandOrder.filter((b) => !pools.brands[b]!.storefront),
  ];
  const topCount = Math.min(
    Math.ceil(count * BRAND_TOP_SHARE),
    Math.floor(pools.brands.length * BRAND_TOP_RESERVE),
    bySize.length,
  );
  let nextBrand = 0;
  const brandEntities: number[] = [];
  const takeBrand = (e: number): boolean => {
    while (nextBrand < storefrontFirst.length) {
      const brand = pools.brands[storefrontFirst[nextBrand++]!]!;
      if (!register.claim(brand.name)) continue;
      assign(e, { name: brand.name, industry: brand.industry, suffix: -1 }, BRAND_SUFFIX_WEIGHTS);
      table.flags[e] = BRAND | (brand.storefront && sizes[e]! >= CHAIN_MIN_SIZE ? CHAIN : 0);
      const aliases = CHAIN_ALIASES[brand.name]?.filter((a) => register.claim(a));
      if (aliases !== undefined && aliases.length > 0) table.aliases.set(e, aliases);
      brandEntities.push(e);
      return true;
    }
    return false;
  };
  // Large brand entities by industry: a franchisee or clinic names its parent in the same line of business
  // (`(McDonald's) Smith Restaurant Group`, `(Kaiser Permanente) Anaheim Medical Center`).
  const parentsByIndustry = new Map<number, number[]>();
  const named = new Uint8Array(count);
  for (let i = 0; i < topCount; i++) {
    const e = bySize[i]!;
    if (takeBrand(e)) {
      named[e] = 1;
      const list = parentsByIndustry.get(table.industry[e]!);
      if (list === undefined) parentsByIndustry.set(table.industry[e]!, [e]);
      else list.push(e);
    }
  }
  for (const e of ordinary) {
    if (named[e] === 1) continue;
    if (nextBrand < storefrontFirst.length && rng.chance(BRAND_SMALL_RATE) && takeBrand(e)) continue;
    assignSynthetic(e);
    if (rng.chance(rates.dbaEntity)) addTradeName(rng, pools, table, register, e);
    const parents = parentsByIndustry.get(table.industry[e]!);
    if (parents !== undefined && rng.chance(PARENT_ENTITY_RATE)) table.parent[e] = rng.pick(parents);
  }

  nameBrandTradeFamilies(rng, table, register, brandTradeFamilies, brandEntities, assignSynthetic);
  return table;
}

function shuffle(rng: Rng, list: number[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}

function clearFamily(table: EntityTable, family: Family, id: number): void {
  for (let j = 0; j < family.members; j++) {
    const e = family.first + j;
    if (table.family[e] === id) {
      table.family[e] = -1;
      table.flags[e] = table.flags[e]! & ~HARD_NEGATIVE;
    }
  }
}

/**
 * How an entity writes its legal form when it writes it unchanged (`, Inc.`, ` LLC`), '' for none, or with a
 * trailing space for a form written in front (`AB `).
 */
export function writtenLegalForm(rng: Rng, cls: number): string {
  const forms = LEGAL_FORMS[cls]![1];
  if (forms.length === 0) return '';
  if (PREFIX_LEGAL_CLASSES.has(cls)) return `${rng.pick(forms)} `;
  return (rng.chance(0.3) ? ', ' : ' ') + rng.pick(forms);
}

/** A name with its written legal form, in front or behind (`AB Volvo`, `Acme, Inc.`). */
export function withLegal(core: string, legal: string): string {
  return legal.endsWith(' ') ? legal + core : core + legal;
}

/** Gives entity `e` a trade name: its canonical name is then the legal name or the brand, the other kept aside. */
function addTradeName(rng: Rng, pools: Pools, table: EntityTable, register: NameRegister, e: number): void {
  for (let tries = 0; tries < 5; tries++) {
    const other = syntheticName(rng, pools).name;
    if (!register.claim(other)) continue;
    const legal = withLegal(table.name[e]!, table.legal[e] !== '' ? table.legal[e]! : ' LLC');
    if (rng.chance(DBA_BRAND_CANONICAL_RATE)) {
      table.dba.set(e, { legal, brand: other, brandCanonical: true });
      table.name[e] = other;
      table.suffix[e] = LEGAL.NONE;
      table.legal[e] = '';
    } else {
      table.dba.set(e, { legal, brand: other, brandCanonical: false });
    }
    table.alternate.delete(e);
    return;
  }
}

/**
 * `Kaiser Permanente` / `Kaiser Roofing`, `Tesla` / `Tesla Electric`: each brandTrade family names its members
 * after the first word of a brand already in the file, and the brand joins the family.
 */
function nameBrandTradeFamilies(
  rng: Rng,
  table: EntityTable,
  register: NameRegister,
  families: readonly Family[],
  brandEntities: readonly number[],
  assignSynthetic: (e: number) => void,
): void {
  const candidates = brandEntities.filter((e) => {
    const first = /^[A-Za-z]{4,}(?= |$)/.exec(table.name[e]!)?.[0];
    return first !== undefined && !GENERIC_FIRST_WORDS.has(first.toLowerCase()) && table.family[e] === -1;
  });
  for (const family of families) {
    // Prefer the big brands: a look-alike of a chain seen thousands of times is the hard case.
    const pool = candidates.slice(0, 60);
    let brand = -1;
    for (let tries = 0; tries < 5 && pool.length > 0; tries++) {
      const e = rng.pick(pool);
      if (table.family[e] === -1) {
        brand = e;
        break;
      }
    }
    const id = table.familyKind.length;
    let named = 0;
    for (let j = 0; j < family.members; j++) {
      const e = family.first + j;
      if (brand >= 0) {
        const first = table.name[brand]!.split(' ')[0]!;
        const [t, industry] = rng.pick(TRADES);
        const name = `${first} ${t}`;
        if (register.claim(name)) {
          table.name[e] = name;
          table.industry[e] = industryIndex(industry);
          table.suffix[e] = weighted(rng, ENTITY_SUFFIX_WEIGHTS);
          table.legal[e] = writtenLegalForm(rng, table.suffix[e]!);
          table.flags[e] = HARD_NEGATIVE;
          table.family[e] = id;
          named++;
          continue;
        }
      }
      assignSynthetic(e);
    }
    if (named > 0) {
      table.family[brand] = id;
      table.flags[brand] = table.flags[brand]! | HARD_NEGATIVE;
      table.familyKind.push('brandTrade');
    } else {
      clearFamily(table, family, id);
    }
  }
}
