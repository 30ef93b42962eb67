import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RELATIONSHIP_RANKS, DEFAULT_UNKNOWN_RELATIONSHIP_RANK } from '../../src/config/default-ranks.js';
import { NAME_CLASS_CODE } from '../../src/core/column-codes.js';
import { reasonText, survivorshipReasonText } from '../../src/core/reason-text.js';
import {
  choosePrimaries,
  compileRelationshipRanks,
  relationshipRank,
  relationshipRanks,
  SURVIVORSHIP_REASONS,
  SURVIVORSHIP_RULES,
  type SurvivorshipInput,
} from '../../src/core/survivorship.js';
import type { NameClass } from '../../src/core/types.js';

const table = compileRelationshipRanks(DEFAULT_RELATIONSHIP_RANKS, DEFAULT_UNKNOWN_RELATIONSHIP_RANK);

interface Rec {
  /** Canonical account_id; its rank among all records decides rule (4) and group_id. */
  id: string;
  relationship?: string;
  created?: string | null;
  nameClass?: NameClass;
  blacklisted?: boolean;
  multi?: boolean;
  /** seq of a reviewer's set_primary naming this record. */
  setPrimary?: number;
}

/** Run survivorship over groups of records; returns per group the primary's id, the group id and the reason. */
function survive(groups: readonly (readonly Rec[])[]) {
  const recs = groups.flat();
  const n = recs.length;
  const component = Int32Array.from(groups.flatMap((g, gi) => g.map(() => gi)));
  const sortedIds = recs.map((r) => r.id).sort();
  const input: SurvivorshipInput = {
    recordCount: n,
    component,
    groupCount: groups.length,
    setPrimarySeq: Int32Array.from(recs, (r) => r.setPrimary ?? -1),
    nameClass: Uint8Array.from(recs, (r) => NAME_CLASS_CODE[r.nameClass ?? (r.multi ? 'multi' : 'usable')]),
    hasBlacklistTerm: Uint8Array.from(recs, (r) => (r.blacklisted ? 1 : 0)),
    hasMultipleNames: Uint8Array.from(recs, (r) => (r.multi ? 1 : 0)),
    relationshipRank: relationshipRanks(
      recs.map((r) => r.relationship ?? null),
      table,
    ),
    createdMs: Float64Array.from(recs, (r) => (r.created ? Date.parse(`${r.created}T00:00:00Z`) : Number.NaN)),
    accountIdRank: Int32Array.from(recs, (r) => sortedIds.indexOf(r.id)),
  };
  const result = choosePrimaries(input);
  return groups.map((_, g) => {
    const p = result.primary[g] as number;
    return {
      primary: (recs[p] as Rec).id,
      groupId: `g-${(recs[result.groupIdRecord[g] as number] as Rec).id}`,
      reason: SURVIVORSHIP_REASONS[result.reason[g] as number],
      text: survivorshipReasonText(result, g, (recs[p] as Rec).relationship ?? null),
    };
  });
}

const only = (groups: readonly (readonly Rec[])[]) => survive(groups)[0];

test('a group of one: the record itself, `single record`', () => {
  assert.deepEqual(only([[{ id: 'B1' }]]), {
    primary: 'B1',
    groupId: 'g-B1',
    reason: 'single_record',
    text: 'single record',
  });
});

test('rule 0: a reviewer’s set_primary wins over every other rule, `chosen by reviewer`', () => {
  const r = only([
    [
      { id: 'A1', relationship: 'Company Name on W-2', created: '2010-01-01' },
      { id: 'A2', relationship: 'Other/Miscellaneous', created: '2020-01-01', blacklisted: true, setPrimary: 7 },
    ],
  ]);
  assert.deepEqual([r?.primary, r?.reason, r?.text], ['A2', 'chosen_by_reviewer', 'chosen by reviewer']);
});

test('rule 0: with several set_primary decisions in a group, the latest (highest seq) wins', () => {
  const r = only([
    [
      { id: 'A1', setPrimary: 12 },
      { id: 'A2', setPrimary: 30 },
      { id: 'A3', setPrimary: 5 },
    ],
  ]);
  assert.equal(r?.primary, 'A2');
  assert.equal(r?.reason, 'chosen_by_reviewer');
});

test('rule 1: the only clean name wins, `only clean name (…)`', () => {
  const r = only([
    [
      { id: 'A1', relationship: 'Company Name on W-2', created: '2001-01-01', blacklisted: true },
      { id: 'A2', relationship: 'Other/Miscellaneous', created: '2024-01-01' },
      { id: 'A3', relationship: 'Company Name on Paystubs', multi: true },
      { id: 'A0', nameClass: 'junk', blacklisted: true },
    ],
  ]);
  assert.deepEqual(
    [r?.primary, r?.reason, r?.text],
    ['A2', 'only_clean_name', 'only clean name (others are junk / multi-name / blacklisted)'],
  );
});

test('a record with a blacklist term never becomes primary when another member is clean', () => {
  // Better rank, earlier date and smaller id all lose to being clean.
  const r = only([
    [
      { id: 'A1', relationship: 'Company Name on W-2', created: '1999-01-01', blacklisted: true },
      { id: 'Z9', relationship: 'Other/Miscellaneous', created: null },
    ],
  ]);
  assert.equal(r?.primary, 'Z9');
});

test('rule 1 does not decide when no member is clean: the next rules choose among all', () => {
  const r = only([
    [
      { id: 'A1', relationship: 'Other/Miscellaneous', blacklisted: true },
      { id: 'A2', relationship: 'Company Name on W-2', multi: true },
    ],
  ]);
  assert.deepEqual([r?.primary, r?.reason], ['A2', 'lowest_rank']);
});

test('rule 2: lowest relationship rank, `rank 10 (Company Name on W-2) beats 60`', () => {
  const r = only([
    [
      { id: 'A1', relationship: 'Other/Miscellaneous', created: '2001-01-01' },
      { id: 'A2', relationship: 'Company Name on W-2', created: '2020-01-01' },
    ],
  ]);
  assert.deepEqual([r?.primary, r?.reason, r?.text], ['A2', 'lowest_rank', 'rank 10 (Company Name on W-2) beats 60']);
});

test('rule 2: the rank beaten is the best rank among the other clean candidates', () => {
  const r = only([
    [
      { id: 'A1', relationship: 'Staffing Agency' },
      { id: 'A2', relationship: 'company name on paystubs ' },
      { id: 'A3', relationship: 'Company Name on Offer Letter' },
      { id: 'A4', relationship: 'Company Name on W-2', blacklisted: true },
    ],
  ]);
  assert.equal(r?.text, 'rank 10 (company name on paystubs) beats 20');
});

test('rule 2: an unknown relationship ranks 60', () => {
  const r = only([
    [
      { id: 'A1', relationship: 'Friend of a friend' },
      { id: 'A2', relationship: 'Parent Company' },
    ],
  ]);
  assert.equal(r?.text, 'rank 45 (Parent Company) beats 60');
});

test('rule 3: same rank, earliest created date wins, `earliest created (2019-03-04)`', () => {
  const r = only([
    [
      { id: 'A1', relationship: 'Company Name on W-2', created: '2021-07-01' },
      { id: 'A2', relationship: 'Company Name on Paystubs', created: '2019-03-04' },
      { id: 'A3', relationship: 'Other/Miscellaneous', created: '2001-01-01' },
    ],
  ]);
  assert.deepEqual([r?.primary, r?.reason, r?.text], ['A2', 'earliest_created', 'earliest created (2019-03-04)']);
});

test('rule 3: a null created date sorts last', () => {
  const r = only([
    [
      { id: 'A1', created: null },
      { id: 'A2', created: '2023-12-31' },
    ],
  ]);
  assert.deepEqual([r?.primary, r?.reason], ['A2', 'earliest_created']);
});

test('rule 4: same rank and date, the smallest account id wins, `same rank and date: smallest id`', () => {
  const r = only([
    [
      { id: '001B', created: '2019-03-04' },
      { id: '001A', created: '2019-03-04' },
      { id: '001C', created: null },
    ],
  ]);
  assert.deepEqual([r?.primary, r?.reason, r?.text], ['001A', 'smallest_id', 'same rank and date: smallest id']);
});

test('group_id is `g-` + the smallest account id of the group, whoever is primary', () => {
  const [a, b] = survive([
    [
      { id: '003', relationship: 'Company Name on W-2' },
      { id: '001', relationship: 'Other/Miscellaneous' },
    ],
    [{ id: '002' }],
  ]);
  assert.deepEqual([a?.primary, a?.groupId, b?.groupId], ['003', 'g-001', 'g-002']);
});

test('the rule list is data: without the reviewer rule, set_primary is ignored', () => {
  const recs = [
    { seq: 9, rank: 60 },
    { seq: -1, rank: 10 },
  ];
  const input: SurvivorshipInput = {
    recordCount: 2,
    component: Int32Array.from([0, 0]),
    groupCount: 1,
    setPrimarySeq: Int32Array.from(recs, (r) => r.seq),
    nameClass: new Uint8Array(2),
    hasBlacklistTerm: new Uint8Array(2),
    hasMultipleNames: new Uint8Array(2),
    relationshipRank: Int32Array.from(recs, (r) => r.rank),
    createdMs: new Float64Array(2).fill(Number.NaN),
    accountIdRank: Int32Array.from([0, 1]),
  };
  assert.equal(choosePrimaries(input).primary[0], 0);
  assert.equal(choosePrimaries(input, SURVIVORSHIP_RULES.slice(1)).primary[0], 1);
});

test('relationshipRank matches trimmed and case-insensitively; unknown and null → the unknown rank', () => {
  const cases: [string | null, number][] = [
    ['Company Name on W-2', 10],
    ['  company name on w-2 ', 10],
    ['COMPANY NAME ON PAYSTUBS', 10],
    ['Other/Miscellaneous', 60],
    ['Staffing Agency', 40],
    ['W-2', 60],
    ['', 60],
    [null, 60],
  ];
  for (const [text, rank] of cases)
    assert.equal(relationshipRank(text, table), rank, `relationshipRank(${JSON.stringify(text)})`);
});

test('a rank table listing one relationship twice (ignoring case) is an error', () => {
  assert.throws(
    () => compileRelationshipRanks({ 'Staffing Agency': 40, 'staffing agency ': 30 }, 60),
    /"staffing agency " is listed twice/,
  );
});

test('the default rank table runs from paystubs and W-2 (10) to Other/Miscellaneous (60)', () => {
  const ranks = Object.values(DEFAULT_RELATIONSHIP_RANKS);
  assert.equal(DEFAULT_RELATIONSHIP_RANKS['Company Name on Paystubs'], 10);
  assert.equal(DEFAULT_RELATIONSHIP_RANKS['Company Name on W-2'], 10);
  assert.equal(DEFAULT_RELATIONSHIP_RANKS['Other/Miscellaneous'], 60);
  assert.equal(DEFAULT_UNKNOWN_RELATIONSHIP_RANK, 60);
  assert.ok(ranks.every((r) => r >= 10 && r <= 60));
  assert.deepEqual(
    ranks,
    [...ranks].sort((x, y) => x - y),
    'listed from best to worst',
  );
});

test('reasonText renders each survivorship reason in reviewer words', () => {
  const cases: [Parameters<typeof reasonText>[0], Parameters<typeof reasonText>[1], string][] = [
    ['single_record', {}, 'single record'],
    ['chosen_by_reviewer', {}, 'chosen by reviewer'],
    ['only_clean_name', {}, 'only clean name (others are junk / multi-name / blacklisted)'],
    [
      'lowest_rank',
      { rank: 10, relationship: 'Company Name on W-2', beatsRank: 60 },
      'rank 10 (Company Name on W-2) beats 60',
    ],
    ['lowest_rank', { rank: 60, relationship: null, beatsRank: Number.NaN }, 'rank 60'],
    ['earliest_created', { createdMs: Date.UTC(2019, 2, 4) }, 'earliest created (2019-03-04)'],
    ['smallest_id', {}, 'same rank and date: smallest id'],
  ];
  for (const [code, detail, text] of cases) assert.equal(reasonText(code, detail), text, code);
});
