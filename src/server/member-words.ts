import { parseConfig } from '../config/load.js';
import { compileRelationshipRanks, type RelationshipRankTable, reasonText, relationshipRank } from '../core/index.js';
import type { MemberRow } from '../engine/review-queries.js';
import type { Manifest } from '../pipeline/manifest.js';
import type { Member, Thresholds } from '../shared/api.js';
import { thresholdsOf } from './run-catalog.js';

/** What a run's config says about how members were joined and ranked (SPEC §6, §8). */
export interface RunRules {
  thresholds: Thresholds;
  ranks: RelationshipRankTable;
}

/** The rules of a run, from the effective config in its manifest; a key it lacks falls back to the default. */
export function runRules(manifest: Manifest): RunRules {
  const defaults = parseConfig({}, 'defaults');
  const config = manifest.config as { survivorship?: { relationship_ranks?: unknown; unknown_rank?: unknown } } | null;
  const ranks = config?.survivorship?.relationship_ranks;
  const unknownRank = config?.survivorship?.unknown_rank;
  return {
    thresholds: thresholdsOf(manifest) ?? defaults.thresholds,
    ranks: compileRelationshipRanks(
      typeof ranks === 'object' && ranks !== null
        ? (ranks as Record<string, number>)
        : defaults.survivorship.relationship_ranks,
      typeof unknownRank === 'number' ? unknownRank : defaults.survivorship.unknown_rank,
    ),
  };
}

/**
 * The plain-language join of a member (REVIEW §2.3), worded by `reasonText` like every reason: which member it
 * joined, with what score, against which threshold of the run.
 * @example joinText({ join_reason: 'edge>=high', join_edge_score: 94, parent_name: 'ACME', … }, { high: 92, medium: 84 })
 *   → '94 to ACME, above high 92'
 */
export function joinText(
  m: Pick<MemberRow, 'join_reason' | 'join_edge_score' | 'parent_name' | 'shared_tokens'>,
  thresholds: Thresholds,
): string {
  return reasonText(m.join_reason, {
    score: m.join_edge_score ?? undefined,
    parentName: m.parent_name,
    high: thresholds.high,
    medium: thresholds.medium,
    sharedTokens: m.shared_tokens,
  });
}

/** Member rows with the words and ranks the drawer shows. */
export function describeMembers(rows: readonly MemberRow[], rules: RunRules): Member[] {
  return rows.map((m) => ({
    ...m,
    relationship_rank: relationshipRank(m.relationship, rules.ranks),
    join_text: joinText(m, rules.thresholds),
  }));
}
