import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AliasMatch, type GroupDetails, MENTION_ALIAS_SOURCE } from '../../src/shared/api.js';
import { assignRequests, isOwnMention, mentionsOf } from '../../web/src/drawer/mentions-model.js';

const match = (over: Partial<AliasMatch>): AliasMatch => ({
  account_id: 'M1',
  alias: 'ABM Janitorial',
  alias_source: MENTION_ALIAS_SOURCE,
  matched_account_id: 'A1',
  matched_group_id: 'g-A1',
  score: 100,
  group_id: 'g-M1',
  ...over,
});

const details = (aliasMatches: AliasMatch[]): GroupDetails =>
  ({ group: { group_id: 'g-M1' }, aliasMatches }) as unknown as GroupDetails;

test('mentions are the opened group own mention rows, per record and name, best score first', () => {
  const d = details([
    match({}),
    match({ alias: 'Hemet Valley', matched_account_id: 'H1', matched_group_id: 'g-H1', score: 90 }),
    match({ alias: 'Hemet Valley', matched_account_id: 'H9', matched_group_id: 'g-H9', score: 95 }),
    // A dba alias of this group, and a mention pointing here from another group: not this record's mentions.
    match({ alias_source: 'dba', alias: 'Quick' }),
    match({ account_id: 'X1', group_id: 'g-X1', matched_group_id: 'g-M1' }),
  ]);
  assert.deepEqual(mentionsOf(d), [
    {
      accountId: 'M1',
      names: [
        { name: 'ABM Janitorial', targets: [{ groupId: 'g-A1', matchedAccountId: 'A1', score: 100 }] },
        {
          name: 'Hemet Valley',
          targets: [
            { groupId: 'g-H9', matchedAccountId: 'H9', score: 95 },
            { groupId: 'g-H1', matchedAccountId: 'H1', score: 90 },
          ],
        },
      ],
    },
  ]);
  assert.equal(isOwnMention(match({ account_id: 'X1', group_id: 'g-X1' }), 'g-M1'), false);
});

test('assigning writes a must-link to the target primary, then Update with the reason', () => {
  assert.deepEqual(assignRequests('M1', 'H1', 'g-H1', 'Hemet Valley'), [
    { kind: 'must_link', account_ids: ['M1', 'H1'] },
    {
      kind: 'disposition_override',
      account_ids: ['M1'],
      value: 'Update',
      reason: 'assigned to g-H1 (mentions "Hemet Valley")',
    },
  ]);
});
