/**
 * The decisions of REVIEW §2.4 as journal requests (SPEC §10). Group-level kinds name every member (reviewed /
 * accepted apply to exactly this member set), so they page through the whole group first.
 */
import type { Disposition } from '../../../src/shared/api.js';
import { allMemberIds } from './group-members.js';
import type { Decisions } from './use-decisions.js';

export function setDisposition(
  d: Decisions,
  accountId: string,
  value: Disposition,
  reason: string | null,
): Promise<boolean> {
  return d.decide(
    { kind: 'disposition_override', account_ids: [accountId], value, reason },
    `${accountId} set to ${value}`,
  );
}

export function clearOverride(d: Decisions, accountId: string): Promise<boolean> {
  return d.decide({ kind: 'clear_override', account_ids: [accountId] }, `Override of ${accountId} cleared`);
}

/** The chosen record first; the rest of its group loses any earlier choice (the server's fold). */
export async function setPrimary(d: Decisions, runId: string, groupId: string, accountId: string): Promise<boolean> {
  const others = (await allMemberIds(runId, groupId)).filter((id) => id !== accountId);
  return d.decide({ kind: 'set_primary', account_ids: [accountId, ...others] }, `${accountId} will be the primary`);
}

/** Split: a cannot-link between the record and each other member of its group. */
export async function splitOut(d: Decisions, runId: string, groupId: string, accountId: string): Promise<boolean> {
  const others = (await allMemberIds(runId, groupId)).filter((id) => id !== accountId);
  if (others.length === 0) return false;
  return d.decide({ kind: 'cannot_link', account_ids: [accountId, ...others] }, `${accountId} will be split out`);
}

/** Merge: a must-link between the two groups' primaries (grouping joins everything linked to them). */
export function mergeGroups(d: Decisions, primary: string, otherPrimary: string, otherGroup: string): Promise<boolean> {
  return d.decide({ kind: 'must_link', account_ids: [primary, otherPrimary] }, `Will merge with ${otherGroup}`);
}

export async function markGroup(
  d: Decisions,
  runId: string,
  groupId: string,
  kind: 'group_reviewed' | 'group_accepted',
): Promise<boolean> {
  const ids = await allMemberIds(runId, groupId);
  return d.decide(
    { kind, account_ids: ids },
    `${groupId} ${kind === 'group_reviewed' ? 'marked reviewed' : 'accepted'}`,
  );
}
