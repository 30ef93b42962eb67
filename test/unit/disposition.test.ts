import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DISPOSITION_CODE,
  DISPOSITION_REASONS,
  DISPOSITIONS,
  JOIN_REASONS,
  NAME_CLASS_CODE,
  NO_OVERRIDE,
} from '../../src/core/column-codes.js';
import {
  compatibilitySets,
  DISPOSITION_RULES,
  type DispositionInput,
  decideDispositions,
  suffixConflicts,
} from '../../src/core/disposition.js';
import { EDGE_REASON, groupRecords } from '../../src/core/grouping.js';
import { type JunkKind, junkKindCode, NOT_JUNK } from '../../src/core/junk/junk-kind.js';
import { type ReasonCode, reasonText } from '../../src/core/reason-text.js';
import { choosePrimaries } from '../../src/core/survivorship.js';
import type { Disposition, DispositionReason, NameClass } from '../../src/core/types.js';

interface Rec {
  nameClass?: NameClass;
  /** Issue 11: why a junk name is junk, and activity in a configured column. */
  junkKind?: JunkKind;
  activity?: boolean;
  blacklisted?: boolean;
  multi?: boolean;
  alias?: boolean;
  suffixConflict?: boolean;
  suspicious?: boolean;
  override?: Disposition;
}

/** Groups of records, the primary given as an index into its group (a singleton's only record is its primary). */
interface Group {
  primary?: number;
  records: readonly Rec[];
}

function dispositionInput(groups: readonly Group[]): DispositionInput {
  const recs = groups.flatMap((g) => g.records);
  const starts: number[] = [];
  let at = 0;
  for (const g of groups) {
    starts.push(at);
    at += g.records.length;
  }
  return {
    recordCount: recs.length,
    component: Int32Array.from(groups.flatMap((g, gi) => g.records.map(() => gi))),
    groupCount: groups.length,
    primary: Int32Array.from(groups, (g, gi) => (starts[gi] as number) + (g.primary ?? 0)),
    nameClass: Uint8Array.from(recs, (r) => NAME_CLASS_CODE[r.nameClass ?? (r.multi ? 'multi' : 'usable')]),
    junkKind: Uint8Array.from(recs, (r) => (r.junkKind ? junkKindCode(r.junkKind) : NOT_JUNK)),
    hasActivity: Uint8Array.from(recs, (r) => (r.activity ? 1 : 0)),
    hasBlacklistTerm: Uint8Array.from(recs, (r) => (r.blacklisted || r.nameClass === 'junk' ? 1 : 0)),
    hasMultipleNames: Uint8Array.from(recs, (r) => (r.multi ? 1 : 0)),
    aliasMatchesOtherGroup: Uint8Array.from(recs, (r) => (r.alias ? 1 : 0)),
    suffixConflict: Uint8Array.from(recs, (r) => (r.suffixConflict ? 1 : 0)),
    suspiciousHit: Uint8Array.from(recs, (r) => (r.suspicious ? 1 : 0)),
    override: Uint8Array.from(recs, (r) => (r.override ? DISPOSITION_CODE[r.override] : NO_OVERRIDE)),
  };
}

/** `Disposition reason` of every record, in input order. */
function dispose(groups: readonly Group[]): string[] {
  const r = decideDispositions(dispositionInput(groups));
  return [...r.disposition].map((d, i) => `${DISPOSITIONS[d]} ${DISPOSITION_REASONS[r.reason[i] as number]}`);
}

const single = (rec: Rec): Group => ({ records: [rec] });
const clean: Rec = {};

/** SPEC §9.1, one row per case: the world, the record under test (index into all records), the expected outcome. */
const ROWS: [name: string, groups: Group[], record: number, expected: `${Disposition} ${DispositionReason}`][] = [
  [
    '1 reviewer override on a junk singleton',
    [single({ nameClass: 'junk', override: 'Keep' })],
    0,
    'Keep manual_override',
  ],
  [
    '1 reviewer override on a group member',
    [{ records: [clean, { override: 'Delete' }] }],
    1,
    'Delete manual_override',
  ],
  ['2 junk name, singleton', [single({ nameClass: 'junk' })], 0, 'Delete junk_name'],
  ['2 a contact detail, singleton', [single({ nameClass: 'junk', junkKind: 'phone' })], 0, 'Delete junk_name'],
  [
    '2a a hint with no name is Verify, never Delete (issue 11)',
    [single({ nameClass: 'junk', junkKind: 'hint' })],
    0,
    'Verify name_hint',
  ],
  [
    '2b junk on a record with activity is Verify (issue 11)',
    [single({ nameClass: 'junk', junkKind: 'placeholder', activity: true })],
    0,
    'Verify junk_with_activity',
  ],
  ['2b activity on a company record changes nothing', [single({ activity: true })], 0, 'Keep clean_singleton'],
  [
    '1 a reviewer override beats a hint',
    [single({ nameClass: 'junk', junkKind: 'hint', override: 'Delete' })],
    0,
    'Delete manual_override',
  ],
  ['3 unusable name', [single({ nameClass: 'unusable' })], 0, 'Verify unusable_name'],
  [
    '3 unusable name with a blacklist term is still unusable_name',
    [single({ nameClass: 'unusable', blacklisted: true })],
    0,
    'Verify unusable_name',
  ],
  [
    '4 blacklist term inside an otherwise usable name',
    [single({ blacklisted: true })],
    0,
    'Verify blacklist_term_in_name',
  ],
  [
    '4 junk inside a multi-record group',
    [{ records: [clean, { nameClass: 'junk' }] }],
    1,
    'Verify blacklist_term_in_name',
  ],
  [
    '4 a blacklist term beats multiple names (first match wins)',
    [single({ multi: true, blacklisted: true })],
    0,
    'Verify blacklist_term_in_name',
  ],
  ['5 has_multiple_names', [single({ multi: true })], 0, 'Verify multiple_names'],
  ['5 multiple names beats an alias match', [single({ multi: true, alias: true })], 0, 'Verify multiple_names'],
  ['6 an alias matches another group', [single({ alias: true })], 0, 'Verify alias_matches_other_group'],
  [
    '6 a primary whose alias matches another group',
    [{ records: [{ alias: true }, clean] }],
    0,
    'Verify alias_matches_other_group',
  ],
  ['7 member with a conflicting suffix', [{ records: [clean, { suffixConflict: true }] }], 1, 'Verify suffix_conflict'],
  ['8 singleton matching the suspicious pattern', [single({ suspicious: true })], 0, 'Verify suspicious_singleton'],
  [
    '8 does not apply to a group member matching the suspicious pattern',
    [{ records: [clean, { suspicious: true }] }],
    1,
    'Update duplicate_of_primary',
  ],
  ['9 clean singleton', [single(clean)], 0, 'Keep clean_singleton'],
  ['10 primary of a group', [{ primary: 1, records: [clean, clean] }], 1, 'Keep primary_record'],
  [
    '11 member of a group whose primary is Verify',
    [{ records: [{ multi: true }, clean] }],
    1,
    'Verify primary_needs_review',
  ],
  [
    '11 member of a group whose primary a reviewer set to Delete',
    [{ records: [{ override: 'Delete' }, clean] }],
    1,
    'Verify primary_needs_review',
  ],
  ['12 other member of a group', [{ records: [clean, clean, clean] }], 2, 'Update duplicate_of_primary'],
];

for (const [name, groups, record, expected] of ROWS) {
  test(`§9.1 rule ${name} → ${expected}`, () => {
    assert.equal(dispose(groups)[record], expected);
  });
}

test('junk is Delete only as a singleton, and Verify blacklist_term_in_name inside a multi-record group', () => {
  assert.deepEqual(dispose([single({ nameClass: 'junk' }), { records: [clean, { nameClass: 'junk' }] }]), [
    'Delete junk_name',
    'Keep primary_record',
    'Verify blacklist_term_in_name',
  ]);
});

test('a junk primary (set by a reviewer) is Verify and sends its members to review', () => {
  assert.deepEqual(dispose([{ records: [{ nameClass: 'junk' }, clean] }]), [
    'Verify blacklist_term_in_name',
    'Verify primary_needs_review',
  ]);
});

test('a group with a Keep primary: members Update, whatever order the records come in', () => {
  assert.deepEqual(dispose([{ primary: 2, records: [clean, clean, clean] }, single(clean)]), [
    'Update duplicate_of_primary',
    'Update duplicate_of_primary',
    'Keep primary_record',
    'Keep clean_singleton',
  ]);
});

test('the rule table is data, in SPEC §9.1 order, ending with a rule that always matches', () => {
  assert.deepEqual(
    DISPOSITION_RULES.map((r) => r.reason),
    DISPOSITION_REASONS,
  );
  // Dropping the suspicious-pattern row lets a suspicious singleton fall through to `clean_singleton`.
  const custom = DISPOSITION_RULES.filter((r) => r.reason !== 'suspicious_singleton');
  const r = decideDispositions(dispositionInput([single({ suspicious: true })]), custom);
  assert.equal(DISPOSITION_REASONS[r.reason[0] as number], 'clean_singleton');
});

test('a table with no catch-all rule fails loudly on a record no rule matches', () => {
  assert.throws(
    () => decideDispositions(dispositionInput([single(clean)]), DISPOSITION_RULES.slice(0, 3)),
    /no rule matched record 0/,
  );
});

test('an override code outside 0..3 is an error', () => {
  const input = dispositionInput([single(clean)]);
  input.override[0] = 7;
  assert.throws(() => decideDispositions(input), /override code 7/);
});

// ---- SPEC §9.1 rule 7: suffix conflicts ----

const CLASSES = ['NONE', 'INC', 'CORP', 'LLC', 'LTD', 'GMBH'] as const;
type Cls = (typeof CLASSES)[number];

/** suffix_conflict per record for groups of suffix classes; `primary` is an index into the group. */
function conflicts(groups: readonly { primary?: number; classes: readonly Cls[] }[], equivalence = [['INC', 'CORP']]) {
  const classes = groups.flatMap((g) => g.classes);
  const starts: number[] = [];
  let at = 0;
  for (const g of groups) {
    starts.push(at);
    at += g.classes.length;
  }
  const r = suffixConflicts({
    recordCount: classes.length,
    component: Int32Array.from(groups.flatMap((g, gi) => g.classes.map(() => gi))),
    groupCount: groups.length,
    primary: Int32Array.from(groups, (g, gi) => (starts[gi] as number) + (g.primary ?? 0)),
    suffixClass: Int32Array.from(classes, (c) => CLASSES.indexOf(c)),
    classNames: CLASSES,
    equivalence,
  });
  return {
    flags: [...r.conflict],
    dominant: [...r.dominantClass].map((c) => (c < 0 ? null : CLASSES[c])),
  };
}

const SUFFIX_CASES: [
  name: string,
  groups: { primary?: number; classes: Cls[] }[],
  flags: number[],
  dominant: (Cls | null)[],
][] = [
  [
    'Acme Inc, Acme Inc, Acme LLC, Acme: the minority LLC conflicts',
    [{ classes: ['INC', 'INC', 'LLC', 'NONE'] }],
    [0, 0, 1, 0],
    ['INC'],
  ],
  [
    'Acme Inc / Acme LLC / Acme with the Inc primary: the tie goes to the primary, LLC conflicts',
    [{ primary: 0, classes: ['INC', 'LLC', 'NONE'] }],
    [0, 1, 0],
    ['INC'],
  ],
  [
    'Acme Inc / Acme LLC / Acme with the LLC primary: the tie goes to the primary, Inc conflicts',
    [{ primary: 1, classes: ['INC', 'LLC', 'NONE'] }],
    [1, 0, 0],
    ['LLC'],
  ],
  [
    'Acme Inc / Acme LLC / Acme with the bare Acme primary: an unresolved tie flags both explicit records',
    [{ primary: 2, classes: ['INC', 'LLC', 'NONE'] }],
    [1, 1, 0],
    [null],
  ],
  [
    'INC and CORP pool as one equivalence set and outvote LLC',
    [{ primary: 4, classes: ['INC', 'CORP', 'LLC', 'LLC', 'INC'] }],
    [0, 0, 1, 1, 0],
    ['INC'],
  ],
  ['a NONE member never conflicts', [{ classes: ['LLC', 'NONE', 'NONE', 'NONE'] }], [0, 0, 0, 0], ['LLC']],
  ['a group without explicit classes has no dominant class', [{ classes: ['NONE', 'NONE'] }], [0, 0], [null]],
  [
    'a primary outside the majority conflicts too',
    [{ primary: 0, classes: ['GMBH', 'LLC', 'LLC'] }],
    [1, 0, 0],
    ['LLC'],
  ],
  ['singletons never conflict', [{ classes: ['LLC'] }, { classes: ['INC'] }], [0, 0], [null, null]],
];

for (const [name, groups, flags, dominant] of SUFFIX_CASES) {
  test(`§9.1 rule 7 suffix_conflict: ${name}`, () => {
    assert.deepEqual(conflicts(groups), { flags, dominant });
  });
}

test('compatibility sets: overlapping equivalence sets merge; NONE has none', () => {
  const sets = compatibilitySets(CLASSES, [
    ['INC', 'CORP'],
    ['CORP', 'LTD'],
  ]);
  assert.deepEqual([...sets], [-1, 1, 1, 3, 1, 5]);
});

test('Acme Inc / Acme Inc / Acme LLC / Acme grouped end to end: the minority suffix is Verify suffix_conflict', () => {
  // Records: 0 `Acme Inc` (W-2), 1 `Acme Inc`, 2 `Acme LLC`, 3 `Acme`. The Inc/LLC key pair is scored (SPEC §5.1)
  // and lands below medium after the suffix penalty; everything meets through the bare `Acme`.
  const n = 4;
  const g = groupRecords({
    recordCount: n,
    coreId: new Int32Array(n),
    participates: new Uint8Array(n).fill(1),
    edges: {
      a: Int32Array.from([0, 0, 1, 2, 0, 1]),
      b: Int32Array.from([1, 3, 3, 3, 2, 2]),
      score: Uint8Array.from([100, 100, 100, 100, 75, 75]),
      reason: Uint8Array.from([0, 0, 0, 0, 1, 1].map((x) => (x ? EDGE_REASON.scored : EDGE_REASON.exact_name))),
      sharedDistinctive: Uint8Array.from([1, 1, 1, 1, 1, 1]),
      tieA: Int32Array.from([0, 0, 0, 1, 0, 0]),
      tieB: Int32Array.from([0, 2, 2, 2, 1, 1]),
    },
    mustLink: { a: new Int32Array(0), b: new Int32Array(0) },
    cannotLink: { a: new Int32Array(0), b: new Int32Array(0) },
    thresholds: { high: 92, medium: 84 },
    canopyMaxWithoutHighEdge: 8,
  });
  assert.equal(g.groupCount, 1);
  assert.deepEqual(
    [...g.forest.joinReason].map((c) => JOIN_REASONS[c]),
    ['exact_name', 'exact_name', 'exact_name'],
  );
  const s = choosePrimaries({
    recordCount: n,
    component: g.component,
    groupCount: g.groupCount,
    setPrimarySeq: new Int32Array(n).fill(-1),
    nameClass: new Uint8Array(n),
    hasBlacklistTerm: new Uint8Array(n),
    hasMultipleNames: new Uint8Array(n),
    relationshipRank: Int32Array.from([10, 60, 60, 60]),
    createdMs: new Float64Array(n).fill(Number.NaN),
    accountIdRank: Int32Array.from([0, 1, 2, 3]),
  });
  const sc = suffixConflicts({
    recordCount: n,
    component: g.component,
    groupCount: g.groupCount,
    primary: s.primary,
    suffixClass: Int32Array.from([1, 1, 3, 0]),
    classNames: CLASSES,
    equivalence: [['INC', 'CORP']],
  });
  const input = dispositionInput([{ records: [clean, clean, clean, clean] }]);
  const r = decideDispositions({ ...input, primary: s.primary, suffixConflict: sc.conflict });
  assert.deepEqual(
    [...r.disposition].map((d, i) => `${DISPOSITIONS[d]} ${DISPOSITION_REASONS[r.reason[i] as number]}`),
    ['Keep primary_record', 'Update duplicate_of_primary', 'Verify suffix_conflict', 'Update duplicate_of_primary'],
  );
});

// ---- reason words ----

test('every disposition and join reason renders its own words', () => {
  const codes: ReasonCode[] = [...DISPOSITION_REASONS, ...JOIN_REASONS.filter((c) => c !== 'primary')];
  const texts = codes.map((c) => reasonText(c));
  for (const [i, t] of texts.entries()) assert.ok(t.length > 0, `${codes[i]} has no text`);
  assert.equal(new Set(texts).size, texts.length, 'two codes share a wording');
});

test('reason words name the details a reviewer needs', () => {
  const cases: [ReasonCode, Parameters<typeof reasonText>[1], string][] = [
    ['junk_name', { terms: ['pnc is not sure'] }, 'not a company name: "pnc is not sure"'],
    ['junk_name', { junkKind: 'money', evidence: ['$18/hr'] }, 'not a company name: a pay or money amount: "$18/hr"'],
    [
      'name_hint',
      { junkKind: 'hint', evidence: ['warehouse'] },
      'no company name, only a hint at the workplace ("warehouse"): find the employer',
    ],
    [
      'junk_with_activity',
      { junkKind: 'phone', evidence: ['555-1234'], activityColumns: ['Last Activity Date'] },
      'not a company name: a phone number: "555-1234"; the record has activity ("Last Activity Date"), so check before deleting',
    ],
    ['blacklist_term_in_name', { terms: ['unknown'] }, 'name contains a blacklisted term: "unknown"'],
    ['manual_override', { override: 'Keep' }, 'set to Keep by a reviewer'],
    ['suffix_conflict', { suffixClass: 'LLC', dominantClass: 'INC' }, "legal form LLC conflicts with the group's INC"],
    ['suspicious_singleton', { terms: ['dummy'] }, 'looks like a placeholder: "dummy"'],
    [
      'alias_matches_other_group',
      { alias: 'Quick Staffing', matchedGroupId: 'g-001A' },
      'alias "Quick Staffing" matches another group (g-001A)',
    ],
    ['edge>=high', { score: 95, parentName: 'ACME', high: 92 }, '95 to ACME, above high 92'],
    [
      'edge>=medium+shared_token',
      { score: 86.5, parentName: 'Gold Gym', medium: 84, sharedTokens: ['gold', 'gym'] },
      "86.5 to Gold Gym, above medium 84 with shared tokens 'gold', 'gym'",
    ],
    ['exact_name', {}, 'same name'],
    ['must_link', {}, 'linked by a reviewer'],
  ];
  for (const [code, detail, text] of cases) assert.equal(reasonText(code, detail), text, code);
});
