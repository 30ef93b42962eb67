/**
 * Every rate and shape parameter of the synthetic CRM data, in one place (SPEC §11: generated data is the
 * accuracy benchmark, so what it contains must be easy to read and to tune). Shares that CRM-INTAKE.md measures
 * are not fixed numbers: each seed draws its own value from a range around the measured share (drawRates), so no
 * matcher can be tuned to an exact rate (issue 10, "Honest measurement"). Changing any value changes every
 * generated file for a given seed: bump GENERATOR_VERSION (version.ts).
 */
import { hash3, Rng } from './random.js';

// ---- Name variations (CRM-INTAKE "How one company's name varies") -----------------------------------------------

/** Variation classes, in the order a row applies them (truth column `variation`). */
export const VARIATION_CLASSES = [
  'dba_both',
  'dba_brand_only',
  'dba_legal_only',
  'alias',
  'acronym_expansion',
  'tail_added',
  'tail_dropped',
  'abbreviation',
  'ampersand',
  'number_word',
  'the_added',
  'the_dropped',
  'typo',
  'joined',
  'hyphen_space',
  'acronym_dots',
  'apostrophe',
  'legal_dropped',
  'legal_reformatted',
  'legal_added',
  'legal_swapped',
  'store_number',
  'location',
  'dealer_group',
  'annotation',
  'list_mark',
  'unclosed_paren',
  'html_entity',
  'upper',
  'lower',
  'title',
  'random_case',
  'trailing_period',
  'stray_quote',
  'leading_underscore',
  'whitespace',
  'truncated',
] as const;
export type VariationClass = (typeof VARIATION_CLASSES)[number];

/**
 * Share of records carrying each variation, as a [low, high] range around CRM-INTAKE's measured share; a seed draws
 * one value per class. A class that needs something the name lacks (a legal form, an `&`, a chain alias…) is
 * applied more often where it can be, so the share holds over all records as far as the names allow.
 */
export const VARIATION_SHARE_RANGES: Readonly<Record<VariationClass, readonly [number, number]>> = {
  dba_brand_only: [0.006, 0.014],
  dba_legal_only: [0.003, 0.007],
  dba_both: [0.002, 0.006],
  alias: [0.025, 0.055],
  acronym_expansion: [0.003, 0.007],
  tail_added: [0.006, 0.014],
  tail_dropped: [0.006, 0.014],
  abbreviation: [0.05, 0.1],
  ampersand: [0.025, 0.045],
  number_word: [0.003, 0.007],
  the_added: [0.012, 0.028],
  the_dropped: [0.003, 0.007],
  typo: [0.055, 0.105],
  joined: [0.003, 0.007],
  hyphen_space: [0.003, 0.007],
  acronym_dots: [0.006, 0.014],
  apostrophe: [0.006, 0.014],
  legal_dropped: [0.08, 0.16],
  legal_reformatted: [0.05, 0.11],
  legal_added: [0.012, 0.028],
  legal_swapped: [0.005, 0.015],
  store_number: [0.01, 0.02],
  location: [0.012, 0.028],
  dealer_group: [0.003, 0.007],
  annotation: [0.02, 0.04],
  list_mark: [0.003, 0.007],
  unclosed_paren: [0.003, 0.007],
  html_entity: [0.002, 0.006],
  upper: [0.07, 0.15],
  lower: [0.04, 0.08],
  title: [0.025, 0.055],
  random_case: [0.005, 0.015],
  trailing_period: [0.006, 0.014],
  stray_quote: [0.006, 0.014],
  leading_underscore: [0.006, 0.014],
  whitespace: [0.03, 0.07],
  truncated: [0.003, 0.008],
};

/**
 * No class changes more than this share of the rows it could change, so a company's canonical form stays common
 * and a class that few names allow (a trade name, an `&`) falls short of its share rather than taking over them.
 */
export const MAX_ROW_SHARE = 0.35;

/** Another system cuts long names at about 28 characters; each seed draws its own cut in this range. */
export const TRUNCATE_AT_RANGE = [26, 31] as const;

// ---- Who is in the file (CRM-INTAKE "Who is in the file") ---------------------------------------------------------

/** Share of rows that are junk (`Unknown`, `N/A`, phone numbers…); each is its own entity. */
export const JUNK_ROW_RANGE = [0.012, 0.018] as const;
/** Share of company rows written as a multi-employer entry (`(1) A; (2) B`); each is its own entity. */
export const MULTI_ROW_RANGE = [0.004, 0.006] as const;
/** The heavy head: how many national chains, the largest one's share of rows, and the Zipf decay of the rest. */
export const HEAD_CHAINS_RANGE = [28, 42] as const;
export const HEAD_TOP_SHARE_RANGE = [0.02, 0.035] as const;
export const HEAD_DECAY_RANGE = [0.75, 1.05] as const;
/** The long tail: P(size ≥ s) ≈ s^-exponent, so about half of the entities appear once. */
export const TAIL_EXPONENT_RANGE = [1.0, 1.2] as const;
/** Regional employers reach about 150 records (fewer in small files: rows / TAIL_MAX_DIVISOR). */
export const TAIL_MAX_SIZE = 150;
export const TAIL_MAX_DIVISOR = 100;
export const TAIL_MIN_MAX_SIZE = 20;
/** Share of entities that belong to a look-alike family (CRM-INTAKE: ~13%). */
export const FAMILY_ENTITY_SHARE_RANGE = [0.1, 0.16] as const;
/** Share of families whose members have comparable frequencies (`two forms seen 15 times each`). */
export const FAMILY_EQUAL_SIZE_RANGE = [0.3, 0.5] as const;
/** Size of each member of an equal-size family. */
export const FAMILY_EQUAL_SIZE_MIN = 5;
export const FAMILY_EQUAL_SIZE_MAX = 30;
/** Per ordinary entity: chance it has a `dba` trade name. */
export const DBA_ENTITY_RANGE = [0.1, 0.16] as const;

/** Per dealership family: chance its members belong to a named dealer group (a parenthesised parent). */
export const DEALER_GROUP_RATE = 0.8;
/** Per ordinary entity: chance it has a parent company among the chains. */
export const PARENT_ENTITY_RATE = 0.01;
/** Entities at least this large are chains when they carry a brand name: their rows get store numbers. */
export const CHAIN_MIN_SIZE = 8;
/** Share of entities (largest first) named after a real brand, capped by the brand list. */
export const BRAND_TOP_SHARE = 0.02;
/** Of the brand list, the share reserved for the largest entities; the rest is sprinkled over smaller ones. */
export const BRAND_TOP_RESERVE = 0.6;
/** Per smaller entity: chance it takes a real brand name while any are left. */
export const BRAND_SMALL_RATE = 0.03;
/** Per synthetic name: chance it starts with `The` (so `The` can be dropped as well as added). */
export const THE_NAME_RATE = 0.03;
/** Per acronym entity: chance its canonical name is the expansion rather than the acronym. */
export const EXPANSION_CANONICAL_RATE = 0.3;
/** Per dba entity: chance its canonical name is the brand rather than the legal name. */
export const DBA_BRAND_CANONICAL_RATE = 0.4;

// ---- Synthetic name templates (weights, per entity) --------------------------------------------------------------
// Each template's name space must stay well above its share of a 1M-row file's ~300K entities, or the name
// register spends its time on collisions: templates over small lists (public employers, place businesses) are rare.

export const TEMPLATE_WEIGHTS = {
  surnameTrade: 20,
  adjectiveTrade: 14,
  fakerCompany: 13,
  cityTrade: 11,
  adjectiveCorporate: 5,
  surnameSonsTrade: 5,
  lawFirm: 6,
  placeBusiness: 2,
  publicEmployer: 1.5,
  firstNameTrade: 5,
  acronymTrade: 5,
  coinedBrand: 4,
  restaurant: 4,
  addressProperty: 1.5,
  numberBrand: 1.5,
  trap: 1,
} as const;

/** Chance a trade name takes a qualifier (`Smith Plumbing Services`). */
export const TRADE_QUALIFIER_RATE = 0.45;
/** Chance a regional name has a second word (`Pacific Coast Staffing` rather than `Pacific Staffing`). */
export const PLACE_NOUN_RATE = 0.5;
/** Chance a faker-style company name is taken from faker's own pool rather than composed in faker's patterns. */
export const FAKER_POOL_RATE = 0.25;

/** Legal-form class of an entity (index into vocabulary LEGAL_FORMS), relative weights. */
export const ENTITY_SUFFIX_WEIGHTS = [40, 24, 20, 6, 4, 1, 2, 1, 1, 1] as const;
/** Brands are mostly written without a legal form. */
export const BRAND_SUFFIX_WEIGHTS = [62, 20, 4, 9, 4, 1, 0, 0, 0, 0] as const;
/** Per coined brand (`Zentrix`): chance it is a foreign company with an international legal form (`Zentrix AG`). */
export const FOREIGN_COINED_RATE = 0.3;
/** A multi-employer entry: chance it lists three employers rather than two. */
export const MULTI_THREE_RATE = 0.12;

/** One seed's draw of every ranged rate above. */
export interface DrawnRates {
  variation: Record<VariationClass, number>;
  truncateAt: number;
  junkRows: number;
  multiRows: number;
  headChains: number;
  headTopShare: number;
  headDecay: number;
  tailExponent: number;
  familyEntityShare: number;
  familyEqualSize: number;
  dbaEntity: number;
}

function uniform(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + rng.float() * (hi - lo);
}

/**
 * The rates of one seed. Drawn from their own stream (not the row stream), in a fixed order, so the same seed
 * always gives the same rates.
 */
export function drawRates(seed: number): DrawnRates {
  const rng = new Rng(hash3(seed, 0x5a7e, 0x11));
  const variation = {} as Record<VariationClass, number>;
  for (const c of VARIATION_CLASSES) variation[c] = uniform(rng, VARIATION_SHARE_RANGES[c]);
  return {
    variation,
    truncateAt: rng.range(TRUNCATE_AT_RANGE[0], TRUNCATE_AT_RANGE[1]),
    junkRows: uniform(rng, JUNK_ROW_RANGE),
    multiRows: uniform(rng, MULTI_ROW_RANGE),
    headChains: rng.range(HEAD_CHAINS_RANGE[0], HEAD_CHAINS_RANGE[1]),
    headTopShare: uniform(rng, HEAD_TOP_SHARE_RANGE),
    headDecay: uniform(rng, HEAD_DECAY_RANGE),
    tailExponent: uniform(rng, TAIL_EXPONENT_RANGE),
    familyEntityShare: uniform(rng, FAMILY_ENTITY_SHARE_RANGE),
    familyEqualSize: uniform(rng, FAMILY_EQUAL_SIZE_RANGE),
    dbaEntity: uniform(rng, DBA_ENTITY_RANGE),
  };
}

// ---- Other columns (per row) ------------------------------------------------------------------------------------

/** `Parent Account ID`: a row of an entity that has a parent company points at that parent's first row. */
export const PARENT_ID_FROM_PARENT_RATE = 0.5;
/** `Parent Account ID`: a chain row points at the chain's first row (store → head office). */
export const PARENT_ID_CHAIN_RATE = 0.25;
/** `Parent Account ID`: any other row of a multi-record entity points at the entity's first row. */
export const PARENT_ID_SAME_ENTITY_RATE = 0.04;
/** Date formats (`Created Date`, `Last Modified Date`), cumulative by order: ISO date-time, M/D/YYYY, M/D/YY h:mm AM,
 * ISO date, Excel serial; whatever is left is blank. */
export const DATE_FORMAT_WEIGHTS = [0.46, 0.24, 0.2, 0.05, 0.005] as const;
export const RELATIONSHIP_BLANK_RATE = 0.15;
/** Chance a relationship value has case or spacing noise (`company name on paystubs `). */
export const RELATIONSHIP_NOISE_RATE = 0.02;
export const TYPE_BLANK_RATE = 0.3;
export const INDUSTRY_BLANK_RATE = 0.45;
/** Chance a row shows its entity's address (else a random one for chains, else blank). */
export const ADDRESS_FROM_ENTITY_RATE = 0.45;
export const ADDRESS_BLANK_RATE = 0.35;
export const PHONE_BLANK_RATE = 0.4;
export const WEBSITE_BLANK_RATE = 0.6;
export const EMPLOYEES_BLANK_RATE = 0.7;
export const REVENUE_BLANK_RATE = 0.8;
/** Chance `Description` is filled, and of those the chance it spans lines. */
export const DESCRIPTION_RATE = 0.3;
export const DESCRIPTION_MULTILINE_RATE = 0.3;
