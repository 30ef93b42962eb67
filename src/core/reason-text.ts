/**
 * The one place reason codes become words for reviewers (SPEC §6, §8, §9.1): the UI and the exports call
 * `reasonText`, so a code never has two wordings. Codes are data; the detail carries the values a sentence names.
 */
import type { JunkKind } from './junk/junk-kind.js';
import type { SurvivorshipReason, SurvivorshipResult } from './survivorship.js';
import { SURVIVORSHIP_REASONS } from './survivorship.js';
import type { Disposition, DispositionReason, JoinReason } from './types.js';

export type ReasonCode = DispositionReason | JoinReason | SurvivorshipReason;

/** Values a reason sentence may name; each code reads only the fields it needs and words around missing ones. */
export interface ReasonDetail {
  /** Blacklist, junk or suspicious terms found in the name (SPEC §9.2). */
  terms?: readonly string[];
  /** Why a junk name is junk, and the words or spans that showed it (issue 11). */
  junkKind?: JunkKind | null;
  evidence?: readonly string[];
  /** junk_with_activity: the source columns that hold activity. */
  activityColumns?: readonly string[];
  /** The reviewer's disposition for `manual_override`. */
  override?: Disposition;
  /** Survivorship: the primary's relationship rank and text, and the best rank it beat. */
  rank?: number;
  relationship?: string | null;
  beatsRank?: number;
  /** Survivorship: the primary's created_date, epoch ms. */
  createdMs?: number;
  /** Suffix conflict: the record's legal-form class and the group's dominant class(es). */
  suffixClass?: string;
  dominantClass?: string;
  /** Join reasons: the score of the edge to the parent, the parent's name, the run's thresholds, shared tokens. */
  score?: number;
  parentName?: string | null;
  high?: number;
  medium?: number;
  sharedTokens?: readonly string[];
  /** alias_matches_other_group: the matching alias and the group it matched. */
  alias?: string;
  matchedGroupId?: string;
}

const quoted = (terms: readonly string[] | undefined): string =>
  terms && terms.length > 0 ? terms.map((t) => `"${t}"`).join(', ') : '';
const withTerms = (text: string, terms: readonly string[] | undefined): string =>
  terms && terms.length > 0 ? `${text}: ${quoted(terms)}` : text;
const scoreText = (score: number): string => (Number.isInteger(score) ? String(score) : score.toFixed(1));
/** `94 to ACME`: the edge that joined a member to its parent. */
const joinedBy = (d: ReasonDetail): string =>
  `${d.score === undefined || Number.isNaN(d.score) ? 'a score' : scoreText(d.score)} to ${d.parentName ?? 'another member'}`;
const sharedWords = (tokens: readonly string[] | undefined): string =>
  tokens === undefined || tokens.length === 0
    ? 'a shared distinctive token'
    : `shared token${tokens.length > 1 ? 's' : ''} ${tokens.map((t) => `'${t}'`).join(', ')}`;
/** UTC calendar date of an epoch-ms instant, as SPEC §8's example prints it: `2019-03-04`. */
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** What each junk kind is, in words (issue 11): the one wording of a classification reason. */
const JUNK_KIND_TEXT: { readonly [K in JunkKind]: string } = {
  email: 'an e-mail address',
  web_address: 'a web address',
  phone: 'a phone number',
  street_address: 'a street address',
  money: 'a pay or money amount',
  employee_count: 'a number of employees',
  job_fact: 'a fact about the job, not the employer',
  placeholder: 'a placeholder or intake note',
  generic_word: 'only a generic word',
  legal_form_only: 'only a legal form',
  hint: 'a kind of workplace with no name',
};

/**
 * Why a name is junk, in words: @example junkReasonText('money', ['$18/hr']) → 'a pay or money amount: "$18/hr"'
 */
export function junkReasonText(kind: JunkKind, evidence: readonly string[] = []): string {
  return withTerms(JUNK_KIND_TEXT[kind], evidence);
}

/** `not a company name` with the junk kind and its evidence when known, else with the blacklist terms. */
const notACompany = (d: ReasonDetail): string =>
  d.junkKind
    ? `not a company name: ${junkReasonText(d.junkKind, d.evidence)}`
    : withTerms('not a company name', d.terms);

const TEXT: { readonly [C in ReasonCode]: (d: ReasonDetail) => string } = {
  // SPEC §9.1 disposition reasons.
  manual_override: (d) => (d.override ? `set to ${d.override} by a reviewer` : 'set by a reviewer'),
  name_hint: (d) =>
    `no company name, only a hint at the workplace${d.evidence && d.evidence.length > 0 ? ` (${quoted(d.evidence)})` : ''}: find the employer`,
  junk_with_activity: (d) =>
    `${notACompany(d)}; the record has activity${d.activityColumns && d.activityColumns.length > 0 ? ` (${quoted(d.activityColumns)})` : ''}, so check before deleting`,
  junk_name: notACompany,
  unusable_name: () => 'no usable name (empty, digits only or a single letter)',
  blacklist_term_in_name: (d) => withTerms('name contains a blacklisted term', d.terms),
  multiple_names: () => 'holds more than one company name',
  alias_matches_other_group: (d) =>
    d.alias
      ? `alias "${d.alias}" matches another group${d.matchedGroupId ? ` (${d.matchedGroupId})` : ''}`
      : 'an alias matches another group',
  suffix_conflict: (d) =>
    d.suffixClass && d.dominantClass
      ? `legal form ${d.suffixClass} conflicts with the group's ${d.dominantClass}`
      : "legal form conflicts with the rest of the group's",
  suspicious_singleton: (d) => withTerms('looks like a placeholder', d.terms),
  clean_singleton: () => 'unique company, no duplicates found',
  primary_record: () => 'master record of its group',
  primary_needs_review: () => "the group's master record needs review first",
  duplicate_of_primary: () => 'duplicate: merge into the master record',
  // SPEC §6 join reasons (REVIEW §2.3: the member joined, the score and the run's threshold).
  primary: () => 'primary: the record the others join',
  exact_name: (d) => (d.parentName ? `same name as ${d.parentName}` : 'same name'),
  'edge>=high': (d) => `${joinedBy(d)}, above high${d.high === undefined ? '' : ` ${d.high}`}`,
  'edge>=medium+shared_token': (d) =>
    `${joinedBy(d)}, above medium${d.medium === undefined ? '' : ` ${d.medium}`} with ${sharedWords(d.sharedTokens)}`,
  must_link: (d) => (d.parentName ? `linked to ${d.parentName} by a reviewer` : 'linked by a reviewer'),
  // SPEC §8 survivorship reasons.
  single_record: () => 'single record',
  chosen_by_reviewer: () => 'chosen by reviewer',
  only_clean_name: () => 'only clean name (others are junk / multi-name / blacklisted)',
  lowest_rank: (d) => {
    const rank = d.rank === undefined ? 'lowest rank' : `rank ${d.rank}`;
    const label = d.relationship?.trim() ? ` (${d.relationship.trim()})` : '';
    const beats = d.beatsRank === undefined || Number.isNaN(d.beatsRank) ? '' : ` beats ${d.beatsRank}`;
    return `${rank}${label}${beats}`;
  },
  earliest_created: (d) =>
    d.createdMs === undefined || Number.isNaN(d.createdMs)
      ? 'earliest created'
      : `earliest created (${isoDate(d.createdMs)})`,
  smallest_id: () => 'same rank and date: smallest id',
};

/**
 * Words for a reviewer. @example reasonText('lowest_rank', { rank: 10, relationship: 'Company Name on W-2', beatsRank: 60 })
 * → 'rank 10 (Company Name on W-2) beats 60'
 */
export function reasonText(code: ReasonCode, detail: ReasonDetail = {}): string {
  return TEXT[code](detail);
}

/**
 * `survivorship_reason` of group g in words. @example for a group decided by created date →
 * 'earliest created (2019-03-04)'
 */
export function survivorshipReasonText(
  result: SurvivorshipResult,
  g: number,
  primaryRelationship?: string | null,
): string {
  const code = SURVIVORSHIP_REASONS[result.reason[g] as number] as SurvivorshipReason;
  const key = result.winnerKey[g] as number;
  return reasonText(code, {
    rank: key,
    relationship: primaryRelationship ?? null,
    beatsRank: result.runnerUpKey[g] as number,
    createdMs: key,
  });
}
