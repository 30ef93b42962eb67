/** Closed vocabularies of the product (SPEC §4, §6, §9). Shared by every stage, the server and the web app. */

export type Disposition = 'Keep' | 'Update' | 'Delete' | 'Verify';

/** SPEC §4: how a record's name takes part in matching. */
export type NameClass = 'usable' | 'junk' | 'multi' | 'unusable';

/** Legal-form class (SPEC §3 step 6). The classes come from config; `NONE` means no legal suffix. */
export type SuffixClass = string;
export const NO_SUFFIX: SuffixClass = 'NONE';

/** Where an alias came from (SPEC §7.1). */
export type AliasSource = 'dba' | 'aka' | 'fka' | 'formerly' | 'semicolon' | 'numbered' | 'slash' | 'parentheses';

export interface Alias {
  text: string;
  source: AliasSource;
}

/** SPEC §6: why a record is attached to its parent in the group's tree. */
export type JoinReason = 'primary' | 'exact_name' | 'edge>=high' | 'edge>=medium+shared_token' | 'must_link';

/** SPEC §9.1 reason codes, in rule order. */
export type DispositionReason =
  | 'manual_override'
  | 'name_hint'
  | 'junk_with_activity'
  | 'junk_name'
  | 'unusable_name'
  | 'blacklist_term_in_name'
  | 'multiple_names'
  | 'alias_matches_other_group'
  | 'suffix_conflict'
  | 'suspicious_singleton'
  | 'clean_singleton'
  | 'primary_record'
  | 'primary_needs_review'
  | 'duplicate_of_primary';
