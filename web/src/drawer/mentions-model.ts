/**
 * Mentions (issue 11): a multi-name record joins no group, so the drawer lists, per name it holds, the groups that
 * name matches (alias_matches rows with source `mention`), and one click assigns the record to one of them. Pure
 * data shaping and the journal requests, so the rules are testable without a browser.
 */
import {
  type AliasMatch,
  type DecisionRequest,
  type GroupDetails,
  MENTION_ALIAS_SOURCE,
} from '../../../src/shared/api.js';

export interface MentionTarget {
  groupId: string;
  matchedAccountId: string;
  score: number;
}

export interface MentionedName {
  /** The name as the record holds it. */
  name: string;
  /** Groups it matches, best score first. */
  targets: MentionTarget[];
}

export interface MentioningRecord {
  accountId: string;
  names: MentionedName[];
}

/** A mention made by a record of the opened group (shown under Mentions, not under Alias matches). */
export function isOwnMention(m: AliasMatch, openedGroupId: string): boolean {
  return m.alias_source === MENTION_ALIAS_SOURCE && m.group_id === openedGroupId;
}

/** The mentions of the opened group's own records, per record and name (names in the server's order). */
export function mentionsOf(details: GroupDetails): MentioningRecord[] {
  const groupId = details.group.group_id;
  const records = new Map<string, Map<string, MentionTarget[]>>();
  for (const m of details.aliasMatches) {
    if (!isOwnMention(m, groupId)) continue;
    const names = records.get(m.account_id) ?? new Map<string, MentionTarget[]>();
    records.set(m.account_id, names);
    const targets = names.get(m.alias) ?? [];
    names.set(m.alias, targets);
    targets.push({ groupId: m.matched_group_id, matchedAccountId: m.matched_account_id, score: m.score });
  }
  return [...records].map(([accountId, names]) => ({
    accountId,
    names: [...names].map(([name, targets]) => ({ name, targets: [...targets].sort((a, b) => b.score - a.score) })),
  }));
}

/**
 * The decisions one "Assign" click writes: a must-link between the record and the chosen group's primary (grouping
 * joins it to that group on the next run), then the disposition that follows — Update, merge into that master.
 */
export function assignRequests(
  accountId: string,
  targetPrimaryId: string,
  targetGroupId: string,
  name: string,
): Omit<DecisionRequest, 'base_seq'>[] {
  return [
    { kind: 'must_link', account_ids: [accountId, targetPrimaryId] },
    {
      kind: 'disposition_override',
      account_ids: [accountId],
      value: 'Update',
      reason: `assigned to ${targetGroupId} (mentions "${name}")`,
    },
  ];
}
