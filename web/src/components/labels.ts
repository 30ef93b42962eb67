/**
 * Words and icons for dispositions, flags and join reasons: one table, so the grid, the summary strip, the chips
 * and the drawer always say the same thing (REVIEW §3: text + icon, not colour alone).
 */
import type {
  Disposition,
  DispositionReason,
  GroupFlag,
  GroupSortKey,
  JoinReason,
  RiskTier,
} from '../../../src/shared/api.js';
import type { IconName } from './icons.js';

export interface Label {
  text: string;
  /** Shorter word for dense cells (falls back to `text`). */
  short?: string;
  icon: IconName;
  /** One sentence for tooltips and screen readers. */
  hint: string;
}

export const DISPOSITION_LABELS: Record<Disposition, Label> = {
  Keep: { text: 'Keep', icon: 'keep', hint: 'Keep this record as it is' },
  Update: { text: 'Update', icon: 'update', hint: 'Merge into the primary of its group' },
  Delete: { text: 'Delete', icon: 'delete', hint: 'Junk, not a company: delete after review' },
  Verify: { text: 'Verify', icon: 'verify', hint: 'Needs a human decision' },
};

export const FLAG_LABELS: Record<GroupFlag, Label> = {
  suffix_conflict: {
    text: 'Suffix conflict',
    short: 'Suffix',
    icon: 'suffix',
    hint: 'Members carry incompatible legal suffixes',
  },
  has_alias_matches: {
    text: 'Alias match',
    short: 'Alias',
    icon: 'alias',
    hint: "A member's alias matches another group",
  },
  blacklist_hits: {
    text: 'Blacklist hit',
    short: 'Blacklist',
    icon: 'blacklist',
    hint: 'A member name contains a blacklist term',
  },
  weak_bridge: {
    text: 'Weak bridge',
    short: 'Bridge',
    icon: 'bridge',
    hint: 'Joined through a single medium-score edge',
  },
};

export const JOIN_REASON_LABELS: Record<JoinReason, string> = {
  primary: 'Primary',
  exact_name: 'Same name',
  'edge>=high': 'Score ≥ high',
  'edge>=medium+shared_token': 'Score ≥ medium + shared token',
  must_link: 'Linked by reviewer',
};

export const SORT_LABELS = {
  risk: 'Risk order (work queue)',
  group_id: 'Group',
  size: 'Size',
  primary_name: 'Primary name',
  min_edge: 'Min edge',
  max_edge: 'Max edge',
  keep_count: 'Keep',
  update_count: 'Update',
  delete_count: 'Delete',
  verify_count: 'Verify',
} satisfies Record<GroupSortKey, string>;

/** Work-queue tiers in words (REVIEW §2.2 risk order). */
export const RISK_TIER_LABELS: Record<RiskTier, string> = {
  delete: 'Delete record',
  verify: 'Verify',
  weak_join: 'Weak join',
  large: 'Large group',
  fuzzy: 'Fuzzy match',
  exact: 'Exact name',
  unusable: 'Unusable name',
  singleton: 'Singleton',
};

/** Short words for the Verify reason codes of SPEC §9.1 (the drawer shows the full sentence per record). */
export const VERIFY_REASON_LABELS: Partial<Record<DispositionReason, string>> = {
  manual_override: 'set by reviewer',
  name_hint: 'hint, no name',
  junk_with_activity: 'junk with activity',
  unusable_name: 'unusable name',
  blacklist_term_in_name: 'blacklist term',
  multiple_names: 'several names',
  alias_matches_other_group: 'alias elsewhere',
  suffix_conflict: 'suffix conflict',
  suspicious_singleton: 'placeholder?',
  primary_needs_review: 'primary needs review',
};
