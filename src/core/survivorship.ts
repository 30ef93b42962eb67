/**
 * Survivorship (SPEC §8): the primary of each group, chosen by an ordered list of rules that is data. Each rule
 * gives every candidate a key (smaller is better); a rule keeps the candidates with the best key, and the rule
 * that narrows the candidates to one is the `survivorship_reason`. Per-record facts are typed columns.
 */
import { NAME_CLASS_CODE } from './column-codes.js';
import { membersByGroup } from './grouping.js';
import { SURVIVORSHIP_REASONS, type SurvivorshipReason } from './vocabulary.js';

export { SURVIVORSHIP_REASONS, type SurvivorshipReason };
export const SURVIVORSHIP_REASON_CODE: Readonly<Record<SurvivorshipReason, number>> = {
  single_record: 0,
  chosen_by_reviewer: 1,
  only_clean_name: 2,
  lowest_rank: 3,
  earliest_created: 4,
  smallest_id: 5,
};

/** Per-record facts the rules read. */
export interface SurvivorshipColumns {
  /** `seq` of the reviewer's latest `set_primary` decision naming the record (SPEC §10), or -1. */
  setPrimarySeq: Int32Array;
  /** NAME_CLASS_CODE (SPEC §4). */
  nameClass: Uint8Array;
  hasBlacklistTerm: Uint8Array;
  hasMultipleNames: Uint8Array;
  /** Relationship rank; unknown relationships already carry the table's unknown rank (`relationshipRank`). */
  relationshipRank: Uint8Array | Uint16Array | Int32Array;
  /** created_date as epoch ms; NaN when null (nulls last). */
  createdMs: Float64Array;
  /** Rank of the canonical account_id among its group's in ascending order (0 = smallest); unique within a group. */
  accountIdRank: Int32Array;
}

export interface SurvivorshipRule {
  reason: Exclude<SurvivorshipReason, 'single_record'>;
  /** Smaller is better; +Infinity for "no claim" (every candidate with +Infinity ties). */
  key: (c: SurvivorshipColumns, i: number) => number;
}

/** SPEC §8 rules (0)–(4), in order; first rule that leaves one candidate decides. */
export const SURVIVORSHIP_RULES: readonly SurvivorshipRule[] = [
  // The latest set_primary in the group wins, so a later decision replaces an earlier one.
  {
    reason: 'chosen_by_reviewer',
    key: (c, i) => ((c.setPrimarySeq[i] as number) >= 0 ? -(c.setPrimarySeq[i] as number) : Infinity),
  },
  {
    reason: 'only_clean_name',
    key: (c, i) =>
      c.nameClass[i] === NAME_CLASS_CODE.usable && c.hasMultipleNames[i] === 0 && c.hasBlacklistTerm[i] === 0 ? 0 : 1,
  },
  { reason: 'lowest_rank', key: (c, i) => c.relationshipRank[i] as number },
  { reason: 'earliest_created', key: (c, i) => (Number.isNaN(c.createdMs[i]) ? Infinity : (c.createdMs[i] as number)) },
  { reason: 'smallest_id', key: (c, i) => c.accountIdRank[i] as number },
];

export interface SurvivorshipInput extends SurvivorshipColumns {
  recordCount: number;
  component: Int32Array;
  groupCount: number;
}

export interface SurvivorshipResult {
  /** Group → primary record. */
  primary: Int32Array;
  /** Group → SURVIVORSHIP_REASON_CODE. */
  reason: Uint8Array;
  /** Group → the deciding rule's key for the primary (e.g. its rank, its created ms); NaN for single records. */
  winnerKey: Float64Array;
  /** Group → best key among the candidates the deciding rule eliminated (e.g. the rank it beat); NaN if none. */
  runnerUpKey: Float64Array;
  /** Group → record with the smallest canonical account_id: `group_id` = `g-` + its account_id (SPEC §6). */
  groupIdRecord: Int32Array;
}

/**
 * Choose each group's primary (SPEC §8). When every rule ties (impossible with unique account ids) the smallest
 * record index wins and the reason is the last rule's.
 * @example W-2 (rank 10) and Other (rank 60), both clean → primary the W-2 record, reason `lowest_rank`, keys 10 / 60
 */
export function choosePrimaries(
  input: SurvivorshipInput,
  rules: readonly SurvivorshipRule[] = SURVIVORSHIP_RULES,
): SurvivorshipResult {
  const { recordCount: n, component, groupCount } = input;
  for (const [name, col] of [
    ['component', component],
    ['setPrimarySeq', input.setPrimarySeq],
    ['nameClass', input.nameClass],
    ['hasBlacklistTerm', input.hasBlacklistTerm],
    ['hasMultipleNames', input.hasMultipleNames],
    ['relationshipRank', input.relationshipRank],
    ['createdMs', input.createdMs],
    ['accountIdRank', input.accountIdRank],
  ] as const) {
    if (col.length !== n) throw new Error(`survivorship: ${name} has ${col.length} values for ${n} records.`);
  }
  if (rules.length === 0) throw new Error('survivorship: the rule list is empty.');
  const { offsets, members } = membersByGroup(component, groupCount);
  const primary = new Int32Array(groupCount);
  const reason = new Uint8Array(groupCount);
  const winnerKey = new Float64Array(groupCount).fill(Number.NaN);
  const runnerUpKey = new Float64Array(groupCount).fill(Number.NaN);
  const groupIdRecord = new Int32Array(groupCount);
  const cand = new Int32Array(n);
  const keys = new Float64Array(n);
  const lastReason = SURVIVORSHIP_REASON_CODE[(rules[rules.length - 1] as SurvivorshipRule).reason];

  for (let g = 0; g < groupCount; g++) {
    const start = offsets[g] as number;
    const end = offsets[g + 1] as number;
    let smallest = members[start] as number;
    for (let k = start + 1; k < end; k++) {
      const i = members[k] as number;
      if ((input.accountIdRank[i] as number) < (input.accountIdRank[smallest] as number)) smallest = i;
    }
    groupIdRecord[g] = smallest;
    if (end - start === 1) {
      primary[g] = members[start] as number;
      reason[g] = SURVIVORSHIP_REASON_CODE.single_record;
      continue;
    }
    let len = end - start;
    cand.set(members.subarray(start, end));
    let decided = -1;
    for (const rule of rules) {
      let best = Infinity;
      for (let k = 0; k < len; k++) {
        const v = rule.key(input, cand[k] as number);
        keys[k] = v;
        if (v < best) best = v;
      }
      let kept = 0;
      let beaten = Infinity;
      for (let k = 0; k < len; k++) {
        const v = keys[k] as number;
        if (v === best) cand[kept++] = cand[k] as number;
        else if (v < beaten) beaten = v;
      }
      if (kept === 1 && len > 1) {
        decided = SURVIVORSHIP_REASON_CODE[rule.reason];
        winnerKey[g] = best;
        runnerUpKey[g] = beaten === Infinity ? Number.NaN : beaten;
        break;
      }
      len = kept;
    }
    // Candidates stay in ascending record order, so cand[0] is the smallest record index on a full tie.
    primary[g] = cand[0] as number;
    reason[g] = decided >= 0 ? decided : lastReason;
  }
  return { primary, reason, winnerKey, runnerUpKey, groupIdRecord };
}

/** A relationship rank table compiled once for lookups (SPEC §8). */
export interface RelationshipRankTable {
  readonly byName: ReadonlyMap<string, number>;
  readonly unknownRank: number;
}

const relationshipKey = (text: string): string => text.trim().toLowerCase();

/**
 * Compile the config table (`survivorship.relationship_ranks`, value → rank); two values that differ only in case
 * or surrounding spaces are an error, since they would match the same records.
 */
export function compileRelationshipRanks(
  ranks: Readonly<Record<string, number>>,
  unknownRank: number,
): RelationshipRankTable {
  const byName = new Map<string, number>();
  for (const [relationship, rank] of Object.entries(ranks)) {
    const key = relationshipKey(relationship);
    if (byName.has(key)) {
      throw new Error(
        `relationship ranks: "${relationship}" is listed twice (matching ignores case and surrounding spaces). Keep one entry.`,
      );
    }
    byName.set(key, rank);
  }
  return { byName, unknownRank };
}

/**
 * Rank of a relationship value, matched trimmed and case-insensitively; unknown or empty → the unknown rank.
 * @example relationshipRank('  company name on w-2 ', table) → 10
 */
export function relationshipRank(text: string | null | undefined, table: RelationshipRankTable): number {
  if (text == null) return table.unknownRank;
  return table.byName.get(relationshipKey(text)) ?? table.unknownRank;
}

/** Ranks of a whole relationship column. */
export function relationshipRanks(texts: readonly (string | null)[], table: RelationshipRankTable): Int32Array {
  const out = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) out[i] = relationshipRank(texts[i], table);
  return out;
}
