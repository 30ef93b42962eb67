import { rootForest } from '../core/forest.js';
import { membersByGroup } from '../core/grouping.js';
import { survivorshipReasonText } from '../core/reason-text.js';
import { choosePrimaries, compileRelationshipRanks, relationshipRanks } from '../core/survivorship.js';
import {
  type DecisionsSection,
  decisionKeys,
  hasRecordDecisions,
  recordIndexByKey,
  setPrimarySeqColumn,
} from '../journal/applied.js';
import type { RunInput } from './ingest.js';
import { HAS_MULTIPLE_NAMES } from './normalise.js';
import type { Stage } from './runner.js';
import { loadArtifact, saveArtifact } from './stage-io.js';

export type SurviveBundle = {
  /** Group → primary record. */
  primary: Int32Array;
  /** Group → record with the smallest account_id (group_id = g-<its id>). */
  groupIdRecord: Int32Array;
  survivorshipReason: string[];
  survivorshipCode: Uint8Array;
  weakBridge: Uint8Array;
  parent: Int32Array;
  joinReason: Uint8Array;
  joinEdgeScore: Float64Array;
  edgeToPrimary: Float64Array;
  sharedTokensCount: Float64Array;
};

/**
 * Rank of each record's account_id among its group's, in ascending code-unit order (0 = the group's smallest): the
 * smallest-id rule and group ids compare ids within a group only, so no sort of all 1M ids is needed (issue 14: that
 * sort was 1.5 s of the stage).
 */
export function accountIdRanksInGroups(ids: readonly string[], component: Int32Array, groupCount: number): Int32Array {
  const { offsets, members } = membersByGroup(component, groupCount);
  const byId = (x: number, y: number): number => {
    const a = ids[x] as string;
    const b = ids[y] as string;
    return a < b ? -1 : a > b ? 1 : x - y;
  };
  const rank = new Int32Array(ids.length);
  for (let g = 0; g < groupCount; g++) {
    const start = offsets[g] as number;
    const end = offsets[g + 1] as number;
    if (end - start < 2) continue;
    if (end - start <= SMALL_GROUP) sortSmallGroup(members, start, end, ids);
    else members.subarray(start, end).sort(byId);
    for (let r = start; r < end; r++) rank[members[r] as number] = r - start;
  }
  return rank;
}

/**
 * Members up to this many are sorted in place by insertion: most groups are a few records, and a typed array's
 * sort with a comparator costs a copy and a call a comparison (issue 14: 77K groups at 1M records).
 */
const SMALL_GROUP = 16;

/** Sorts `members[start .. end)` by their ids in code-unit order, ties by record, as `byId` does. */
function sortSmallGroup(members: Int32Array, start: number, end: number, ids: readonly string[]): void {
  for (let i = start + 1; i < end; i++) {
    const x = members[i] as number;
    const a = ids[x] as string;
    let j = i - 1;
    for (; j >= start; j--) {
      const y = members[j] as number;
      const b = ids[y] as string;
      if (b < a || (b === a && y < x)) break;
      members[j + 1] = y;
    }
    members[j + 1] = x;
  }
}

/** SPEC §1 stage `survive`: primaries (SPEC §8) and the forest rooted at them (SPEC §6). */
export const surviveStage: Stage<RunInput> = {
  name: 'survive',
  module: import.meta.url,
  inputs: ['canonical.bin', 'names.bin', 'classes.bin', 'grouping.bin'],
  outputs: ['survive.bin'],
  configKeys: ['survivorship'],
  extraKey: (options) => ({ primaries: decisionKeys.survive(options.decisions) }),
  async run(ctx) {
    const records = await loadArtifact(ctx, 'canonical.bin');
    const names = await loadArtifact(ctx, 'names.bin');
    const classes = await loadArtifact(ctx, 'classes.bin');
    const grouping = await loadArtifact(ctx, 'grouping.bin');
    const n = records.accountId.length;
    const groupCount = grouping.summary.json.groupCount;
    const hasMultipleNames = new Uint8Array(n);
    for (let i = 0; i < n; i++) hasMultipleNames[i] = (names.flags[i] as number) & HAS_MULTIPLE_NAMES ? 1 : 0;
    const table = compileRelationshipRanks(
      ctx.config.survivorship.relationship_ranks,
      ctx.config.survivorship.unknown_rank,
    );
    // SPEC §8 rule 0: the reviewer's set_primary decisions, by account id (15/18-character forms both match).
    const decisions = ctx.options.decisions;
    const primaries = hasRecordDecisions(decisions)
      ? setPrimarySeqColumn(decisions.primaries, recordIndexByKey(records.accountId), n)
      : { column: new Int32Array(n).fill(-1), applied: 0, stale: [] };
    const chosen = choosePrimaries({
      recordCount: n,
      component: grouping.component,
      groupCount,
      setPrimarySeq: primaries.column,
      nameClass: classes.nameClass,
      hasBlacklistTerm: classes.hasBlacklistTerm,
      hasMultipleNames,
      relationshipRank: relationshipRanks(records.relationship, table),
      createdMs: records.createdMs,
      accountIdRank: accountIdRanksInGroups(records.accountId, grouping.component, groupCount),
    });
    const rooted = rootForest({
      recordCount: n,
      component: grouping.component,
      groupCount,
      primary: chosen.primary,
      forest: {
        count: grouping.forestA.length,
        a: grouping.forestA,
        b: grouping.forestB,
        score: grouping.forestScore,
        joinReason: grouping.forestJoinReason,
        sharedTokens: grouping.forestSharedTokens,
        source: grouping.forestSource,
      },
    });
    const survivorshipReason = new Array<string>(groupCount);
    for (let g = 0; g < groupCount; g++) {
      survivorshipReason[g] = survivorshipReasonText(
        chosen,
        g,
        records.relationship[chosen.primary[g] as number] || null,
      );
    }
    let weakBridges = 0;
    for (let g = 0; g < groupCount; g++) weakBridges += rooted.weakBridge[g] as number;
    saveArtifact(ctx, 'survive.bin', {
      primary: chosen.primary,
      groupIdRecord: chosen.groupIdRecord,
      survivorshipReason,
      survivorshipCode: chosen.reason,
      weakBridge: rooted.weakBridge,
      parent: rooted.parent,
      joinReason: rooted.joinReason,
      joinEdgeScore: rooted.joinEdgeScore,
      edgeToPrimary: rooted.edgeToPrimary,
      sharedTokensCount: rooted.sharedTokensCount,
    } satisfies SurviveBundle);
    const section: DecisionsSection = {
      applied: { set_primary: primaries.applied },
      stale: primaries.stale,
      contradicted: [],
    };
    return { counts: { weak_bridge_groups: weakBridges }, sections: { decisions: section } };
  },
};
