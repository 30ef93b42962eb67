/**
 * Every rate and shape parameter of the synthetic CRM data, in one place (SPEC §11: generated data is the
 * accuracy benchmark, so what it contains must be easy to read and to tune). Probabilities are per row unless the
 * name says per entity. Changing any value changes every generated file for a given seed.
 */

// ---- Entity structure ---------------------------------------------------------------------------------------

/** Share of rows that are junk (`Unknown`, `N/A`, phone numbers…); each is its own entity. */
export const JUNK_ROW_RATE = 0.015;
/** Entity sizes follow a discrete power law: P(size ≥ s) ≈ s^-SIZE_EXPONENT, so most entities have 1–3 records. */
export const SIZE_EXPONENT = 1.6;
/** The largest possible entity grows with the file: rows / MAX_SIZE_DIVISOR (a few chains of thousands at 1M). */
export const MAX_SIZE_DIVISOR = 200;
export const MIN_MAX_SIZE = 20;
/** Per new entity: chance it starts a family of hard negatives (distinct entities sharing most words). */
export const FAMILY_RATE = 0.012;
/** Per dealership family: chance its members belong to a named dealer group (a parenthesised parent). */
export const DEALER_GROUP_RATE = 0.5;
/** Per ordinary entity: chance it has a `dba` trade name. */
export const DBA_ENTITY_RATE = 0.025;
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

// ---- Synthetic name templates (weights, per entity) --------------------------------------------------------------
// Each template's name space must stay well above its share of a 1M-row file's ~430K entities, or the name
// register spends its time on collisions: templates over small lists (public employers, place businesses) are rare.

export const TEMPLATE_WEIGHTS = {
  surnameTrade: 22,
  adjectiveTrade: 15,
  fakerCompany: 15,
  cityTrade: 12,
  adjectiveCorporate: 5,
  surnameSonsTrade: 6,
  lawFirm: 6,
  placeBusiness: 2,
  publicEmployer: 1.5,
  firstNameTrade: 5,
  acronymTrade: 5,
} as const;

/** Chance a trade name takes a qualifier (`Smith Plumbing Services`). */
export const TRADE_QUALIFIER_RATE = 0.3;
/** Chance a regional name has a second word (`Pacific Coast Staffing` rather than `Pacific Staffing`). */
export const PLACE_NOUN_RATE = 0.5;
/** Chance a faker-style company name is taken from faker's own pool rather than composed in faker's patterns. */
export const FAKER_POOL_RATE = 0.25;

/** Legal-form class of an entity (index into vocabulary LEGAL_FORMS), relative weights. */
export const ENTITY_SUFFIX_WEIGHTS = [40, 24, 20, 6, 4, 1, 2, 1, 1, 1] as const;
/** Brands are mostly written without a legal form. */
export const BRAND_SUFFIX_WEIGHTS = [62, 20, 4, 9, 4, 1, 0, 0, 0, 0] as const;

// ---- Name variants (per row) ----------------------------------------------------------------------------------

/** An entity with a legal form: chance the row writes it (else the form is left off). */
export const SUFFIX_KEEP_RATE = 0.6;
/** Chance the legal form is preceded by a comma (`Acme, Inc.`). */
export const SUFFIX_COMMA_RATE = 0.3;
/** Chance the row swaps INC ↔ CORP (compatible classes, SPEC §5.1). */
export const SUFFIX_COMPATIBLE_SWAP_RATE = 0.03;
/** Chance the row writes an incompatible legal form (`Acme LLC` for `Acme Inc`): real, and a suffix conflict. */
export const SUFFIX_CONFLICT_RATE = 0.004;
/** An entity without a legal form: chance the row adds one anyway (intake staff guessing `Inc`). */
export const SUFFIX_INVENT_RATE = 0.015;
/** Chain rows: chance of a store number (`Walmart #1234`, `Walmart Store 5678`). */
export const STORE_NUMBER_RATE = 0.45;
/** Chance one abbreviable word is swapped (`International` ↔ `Intl`), when the name has one. */
export const ABBREVIATION_RATE = 0.35;
/** Chance `&` ↔ `and` is swapped, when the name has one. */
export const AMPERSAND_SWAP_RATE = 0.3;
/** Chance a leading `The` is added (or dropped when the canonical name has one). */
export const ADD_THE_RATE = 0.025;
export const DROP_THE_RATE = 0.3;
/** Chance an apostrophe is dropped (`McDonald's` → `McDonalds`). */
export const APOSTROPHE_DROP_RATE = 0.3;
/** Chance of one hand-typing error (substitution by a neighbouring key, deletion, doubling, transposition). */
export const TYPO_RATE = 0.025;
/** Chance the whole name is upper-cased / lower-cased. */
export const UPPER_CASE_RATE = 0.06;
export const LOWER_CASE_RATE = 0.03;
/** Chance of punctuation or spacing noise (`_24 Hour Fitness`, trailing `.`, doubled space, stray spaces). */
export const PUNCTUATION_NOISE_RATE = 0.03;
/** Rows of an entity with a dba name: chance the row writes `Name dba Other`. */
export const DBA_ROW_RATE = 0.35;
/** Rows of an entity with a parent: chance the row writes `(Parent) Name`. */
export const PARENT_PREFIX_ROW_RATE = 0.3;
/** Chance of a parenthesised location (`Kaiser Permanente (California)`). */
export const LOCATION_NOTE_RATE = 0.015;
/** Chance of a parenthesised intake note (`(paystubs)`, `(PNC not sure of spelling)`). */
export const NOTE_RATE = 0.006;
/** Chance of an intake annotation (`Per PNC - Acme`, `Acme - pnc`). */
export const ANNOTATION_RATE = 0.006;
/** Chance a company row is written as a multi-employer entry (`(1)Don Roberto Jewelers; (2) BYD Auto`). */
export const MULTI_EMPLOYER_RATE = 0.005;
/** A multi-employer entry: chance it lists three employers rather than two. */
export const MULTI_THREE_RATE = 0.12;

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
