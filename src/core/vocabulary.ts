/**
 * The closed vocabularies of the product (SPEC §4, §6, §7.1, §8, §9.1), declared once: core's rules and typed
 * columns, the API schemas (src/shared/api.ts builds its zod enums from these arrays) and, through them, the web
 * labels. Pure constants with no imports of their own, so src/shared may import this one core module (the
 * import-boundary test states the exception). A value's code in a typed column is its index.
 */

export const DISPOSITIONS = ['Keep', 'Update', 'Delete', 'Verify'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** SPEC §4: how a record's name takes part in matching. */
export const NAME_CLASSES = ['usable', 'junk', 'multi', 'unusable'] as const;
export type NameClass = (typeof NAME_CLASSES)[number];

/** SPEC §6: why a record is attached to its parent in the group's tree. */
export const JOIN_REASONS = ['primary', 'exact_name', 'edge>=high', 'edge>=medium+shared_token', 'must_link'] as const;
export type JoinReason = (typeof JOIN_REASONS)[number];

/** SPEC §9.1 reason codes, in rule order. */
export const DISPOSITION_REASONS = [
  'manual_override',
  'name_hint',
  'junk_with_activity',
  'junk_name',
  'unusable_name',
  'blacklist_term_in_name',
  'multiple_names',
  'alias_matches_other_group',
  'suffix_conflict',
  'suspicious_singleton',
  'clean_singleton',
  'primary_record',
  'primary_needs_review',
  'duplicate_of_primary',
] as const;
export type DispositionReason = (typeof DISPOSITION_REASONS)[number];

/** SPEC §8 survivorship reasons: `single_record` for groups of one, the others in rule order. */
export const SURVIVORSHIP_REASONS = [
  'single_record',
  'chosen_by_reviewer',
  'only_clean_name',
  'lowest_rank',
  'earliest_created',
  'smallest_id',
] as const;
export type SurvivorshipReason = (typeof SURVIVORSHIP_REASONS)[number];

/** SPEC §7.1: where an alias came from. */
export const ALIAS_SOURCES = [
  'dba',
  'aka',
  'fka',
  'formerly',
  'semicolon',
  'numbered',
  'slash',
  'parentheses',
] as const;
export type AliasSource = (typeof ALIAS_SOURCES)[number];

/**
 * `alias_source` of a mention (issue 11): one of the names of a multi-name record matched against the run's keys.
 * Such a record joins no group; the drawer lists its mentions so a reviewer can assign it to one.
 */
export const MENTION_ALIAS_SOURCE = 'mention';

/** What an alias match's `alias_source` may hold: an alias source (SPEC §7.1) or a mention (issue 11). */
export const ALIAS_MATCH_SOURCES = [...ALIAS_SOURCES, MENTION_ALIAS_SOURCE] as const;
export type AliasMatchSource = (typeof ALIAS_MATCH_SOURCES)[number];

/**
 * Kinds of reviewer decision (SPEC §10), in the journal and in `POST /api/runs/:runId/decisions`; issue 13 adds
 * `canonical_name`, the steward's name for a group's member set.
 */
export const DECISION_KINDS = [
  'disposition_override',
  'clear_override',
  'must_link',
  'cannot_link',
  'set_primary',
  'blacklist_add',
  'blacklist_remove',
  'group_accepted',
  'group_reviewed',
  'canonical_name',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
