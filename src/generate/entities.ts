/**
 * The entity table of a generated file: who the real companies are, how many records each has, and what each is
 * canonically called. Per-entity data lives in typed arrays (plus one string per entity), never per row, so a
 * 1M-row file holds a few hundred thousand small entries at most.
 */
import type { FamilyKind, NamedEntity } from './names.js';
import { FAMILY_KINDS, familyNames, NameRegister, syntheticName } from './names.js';
import type { Pools } from './pools.js';
import type { Rng } from './random.js';
import {
  BRAND_SMALL_RATE,
  BRAND_SUFFIX_WEIGHTS,
  BRAND_TOP_RESERVE,
  BRAND_TOP_SHARE,
  CHAIN_MIN_SIZE,
  DBA_ENTITY_RATE,
  DEALER_GROUP_RATE,
  ENTITY_SUFFIX_WEIGHTS,
  FAMILY_RATE,
  MAX_SIZE_DIVISOR,
  MIN_MAX_SIZE,
  PARENT_ENTITY_RATE,
  SIZE_EXPONENT,
} from './rates.js';
import { AUTO_GROUPS, FAMOUS_CHAINS, industryIndex, LEGAL, LEGAL_TAIL } from './vocabulary.js';

/** Entity flags (bit set in `EntityTable.flags`). */
export const HARD_NEGATIVE = 1;
export const CHAIN = 2;
export const BRAND = 4;

export interface EntityTable {
  /** Number of company entities; junk rows get entity ids after these. */
  count: number;
  size: Int32Array;
  /** Canonical name without its legal form. */
  name: string[];
  /** Legal-form class, an index into vocabulary LEGAL_FORMS (0 = none). */
  suffix: Uint8Array;
  flags: Uint8Array;
  /** Index into vocabulary INDUSTRIES. */
  industry: Uint8Array;
  /** Parent company entity, or -1. */
  parent: Int32Array;
  /** Trade names (`dba`), for the few entities that have one. */
  dba: Map<number, string>;
}

/** The largest entity a file of `rows` rows may hold: a few chains of thousands at 1M rows. */
export function maxEntitySize(rows: number): number {
  return Math.max(MIN_MAX_SIZE, Math.floor(rows / MAX_SIZE_DIVISOR));
}

/** A draw from the truncated discrete power law of entity sizes (most are 1–3). */
export function drawEntitySize(rng: Rng, maxSize: number): number {
  for (;;) {
    const size = Math.floor((1 - rng.float()) ** (-1 / SIZE_EXPONENT));
    if (size <= maxSize) return size;
  }
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

/** Marker in `familyOf`: not in a family. Values ≤ AUTO_GROUP_BASE encode a dealer group's index. */
const NO_FAMILY = -1;
const AUTO_GROUP_BASE = -2;

/**
 * Draws entity sizes until `companyRows` rows are covered, then names every entity. Draw order is fixed, so the
 * table is a pure function of the generator state and the pools.
 */
export function buildEntities(rng: Rng, pools: Pools, companyRows: number, maxSize: number): EntityTable {
  const sizes: number[] = [];
  const familyOf: number[] = [];
  const families: Family[] = [];
  const autoGroupEntity = new Map<number, number>();
  let remaining = companyRows;
  const add = (family: number): number => {
    const size = Math.min(drawEntitySize(rng, maxSize), remaining);
    remaining -= size;
    sizes.push(size);
    familyOf.push(family);
    return sizes.length - 1;
  };
  while (remaining > 0) {
    if (!rng.chance(FAMILY_RATE)) {
      add(NO_FAMILY);
      continue;
    }
    const family: Family = { kind: rng.pick(FAMILY_KINDS), first: sizes.length, members: 0, parent: -1 };
    families.push(family);
    const k = rng.range(2, 4);
    for (let j = 0; j < k && remaining > 0; j++) {
      add(families.length - 1);
      family.members++;
    }
    if (family.kind === 'dealership' && remaining > 0 && rng.chance(DEALER_GROUP_RATE)) {
      const group = rng.int(AUTO_GROUPS.length);
      let parent = autoGroupEntity.get(group);
      if (parent === undefined) {
        parent = add(AUTO_GROUP_BASE - group);
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
    flags: new Uint8Array(count),
    industry: new Uint8Array(count),
    parent: new Int32Array(count).fill(-1),
    dba: new Map(),
  };
  const register = new NameRegister();
  const assign = (e: number, named: NamedEntity, suffixWeights: readonly number[]): void => {
    table.name[e] = named.name;
    table.industry[e] = named.industry;
    table.suffix[e] = LEGAL_TAIL.test(named.name)
      ? LEGAL.NONE
      : named.suffix >= 0
        ? named.suffix
        : weighted(rng, suffixWeights);
  };
  const assignSynthetic = (e: number): void => {
    for (let tries = 0; ; tries++) {
      const named = syntheticName(rng, pools);
      // After many collisions (tiny pools at huge sizes), a place word makes the name new.
      if (tries >= 20) named.name = `${named.name} ${rng.pick(pools.cities)}`;
      if (register.claim(named.name)) {
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

  for (const family of families) {
    const names = familyNames(family.kind, family.members, rng, pools);
    for (let j = 0; j < family.members; j++) {
      const e = family.first + j;
      table.parent[e] = family.parent;
      const named = names[j];
      if (named !== undefined && register.claim(named.name)) {
        assign(e, named, ENTITY_SUFFIX_WEIGHTS);
        table.flags[e] = HARD_NEGATIVE;
      } else {
        assignSynthetic(e);
      }
    }
  }

  // Real brands go to the largest entities (chains), storefront brands first; the rest are sprinkled below.
  const ordinary: number[] = [];
  for (let e = 0; e < count; e++) if (familyOf[e] === NO_FAMILY) ordinary.push(e);
  const bySize = Int32Array.from(ordinary).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const brandOrder = Array.from({ length: pools.brands.length }, (_, i) => i);
  for (let i = brandOrder.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [brandOrder[i], brandOrder[j]] = [brandOrder[j]!, brandOrder[i]!];
  }
  // Famous chains lead, in a seed-dependent order; then storefront brands; then the rest.
  const famous = FAMOUS_CHAINS.map((name) => pools.brands.findIndex((b) => b.name === name)).filter((b) => b >= 0);
  for (let i = famous.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [famous[i], famous[j]] = [famous[j]!, famous[i]!];
  }
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
  const takeBrand = (e: number): boolean => {
    while (nextBrand < storefrontFirst.length) {
      const brand = pools.brands[storefrontFirst[nextBrand++]!]!;
      if (!register.claim(brand.name)) continue;
      assign(e, { name: brand.name, industry: brand.industry, suffix: -1 }, BRAND_SUFFIX_WEIGHTS);
      table.flags[e] = BRAND | (brand.storefront && sizes[e]! >= CHAIN_MIN_SIZE ? CHAIN : 0);
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
    if (rng.chance(DBA_ENTITY_RATE)) {
      for (let tries = 0; tries < 5; tries++) {
        const dba = syntheticName(rng, pools).name;
        if (register.claim(dba)) {
          table.dba.set(e, dba);
          break;
        }
      }
    }
    const parents = parentsByIndustry.get(table.industry[e]!);
    if (parents !== undefined && rng.chance(PARENT_ENTITY_RATE)) table.parent[e] = rng.pick(parents);
  }
  return table;
}
