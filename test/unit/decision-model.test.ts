/**
 * The one decision model (issue 13 deliver 1): src/shared folds the journal for the pipeline, the server and the
 * web app alike. These are the web's unit tests too — the web imports exactly these functions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DecisionEventView } from '../../src/shared/api.js';
import { foldDecisions } from '../../src/shared/decision-fold.js';
import { decisionIdKey, memberFingerprint, targetsOf } from '../../src/shared/decision-keys.js';
import { decisionModel, overrideStatus } from '../../src/shared/decision-status.js';
import { describeDecision, overrideWords } from '../../src/shared/decision-words.js';
import { cannotPartners, judgeCanonicalName, judgeMark } from '../../src/shared/review-marks.js';

let seq = 0;
function ev(fields: Partial<DecisionEventView> & Pick<DecisionEventView, 'kind'>): DecisionEventView {
  seq += 1;
  return {
    seq,
    ts: `2026-12-0${1 + (seq % 8)}T10:00:00.000Z`,
    reviewer: 'ana',
    dataset: 'accounts.csv',
    account_ids: null,
    term: null,
    value: null,
    reason: null,
    prev: null,
    base_seq: seq - 1,
    undoes: null,
    run_id: 'r1',
    ...fields,
  };
}
const fresh = (): void => {
  seq = 0;
};

test('defect 1: an override the re-run applied is neither pending nor undoable', () => {
  fresh();
  const events = [ev({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep', reason: 'client' })];
  const before = decisionModel(events, 'accounts.csv', 0);
  assert.equal(before.pendingCount, 1, 'made after run 1 read the journal: pending');
  assert.equal(before.undoable?.seq, 1);
  const after = decisionModel(events, 'accounts.csv', 1);
  assert.equal(after.pendingCount, 0, 'run 2 read seq 1: applied');
  assert.equal(after.undoable, null, 'Undo does not offer an applied decision');
  assert.deepEqual(
    { applied: overrideStatus(after, 'A1').applied?.value, pending: overrideStatus(after, 'A1').pending },
    { applied: 'Keep', pending: false },
  );
});

test('pending compares values: made and undone after the run is nothing; an undo of an applied decision is pending', () => {
  fresh();
  const events = [
    ev({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep' }),
    ev({ kind: 'disposition_override', account_ids: ['B1'], value: 'Delete' }),
  ];
  events.push(ev({ kind: 'disposition_override', account_ids: ['B1'], undoes: 2 }));
  events.push(ev({ kind: 'disposition_override', account_ids: ['A1'], undoes: 1 }));
  const model = decisionModel(events, 'accounts.csv', 1);
  assert.deepEqual(
    model.pending.map((p) => [p.kind, p.seq]),
    [['override', 4]],
    'B1 cancelled out; A1 reverts on the next run',
  );
  const a1 = model.pending[0];
  assert.ok(a1?.kind === 'override' && a1.applied?.value === 'Keep' && a1.current === null);
  assert.equal(model.undoable, null, 'undo events are not undone again, and seq 1 was applied');
});

test('a split of many pairs is one pending decision; a re-set to the applied value is not pending', () => {
  fresh();
  const events = [
    ev({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep' }),
    ev({ kind: 'cannot_link', account_ids: ['X', 'A1', 'A2', 'A3'] }),
    ev({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep', reason: 'again' }),
  ];
  const model = decisionModel(events, 'accounts.csv', 1);
  assert.equal(model.pending.length, 3, 'three pairs');
  assert.equal(model.pendingCount, 1, 'one decision');
  assert.equal(model.undoable?.seq, 3);
});

test('15- and 18-character ids are one key, and other datasets never count', () => {
  fresh();
  const events = [
    ev({ kind: 'disposition_override', account_ids: ['001Hs000054S8kI'], value: 'Delete' }),
    ev({ kind: 'disposition_override', account_ids: ['001Hs000054S8kIIAS'], value: 'Verify' }),
    ev({ kind: 'disposition_override', account_ids: ['001Hs000054S8kI'], value: 'Keep', dataset: 'other.csv' }),
  ];
  const model = decisionModel(events, 'accounts.csv', 0);
  assert.equal(model.current.overrides.size, 1);
  assert.equal(model.current.overrides.get(decisionIdKey('001Hs000054S8kI'))?.value, 'Verify');
  assert.equal(model.pendingCount, 1);
});

test('set_primary and blacklist terms are pending until a run reads them', () => {
  fresh();
  const events = [
    ev({ kind: 'set_primary', account_ids: ['B', 'A', 'C'] }),
    ev({ kind: 'blacklist_add', term: ' Quokka ' }),
    ev({ kind: 'group_reviewed', account_ids: ['A', 'B', 'C'] }),
  ];
  const model = decisionModel(events, 'accounts.csv', 0);
  assert.deepEqual(
    model.pending.map((p) => p.kind),
    ['primary', 'term'],
    'the mark applies at once: never pending',
  );
  assert.equal(decisionModel(events, 'accounts.csv', 3).pendingCount, 0);
});

test('fold up to a seq is what a run applied; the folded override keeps who and why', () => {
  fresh();
  const events = [
    ev({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep', reviewer: 'ana', reason: 'client' }),
    ev({ kind: 'disposition_override', account_ids: ['A1'], value: 'Delete', reviewer: 'bo', reason: 'test row' }),
  ];
  assert.equal(foldDecisions(events, 'accounts.csv', 1).overrides.get('A1')?.reviewer, 'ana');
  const now = foldDecisions(events, 'accounts.csv').overrides.get('A1');
  assert.deepEqual([now?.value, now?.reviewer, now?.reason], ['Delete', 'bo', 'test row']);
});

test('override words name the reviewer and the typed reason (defect 2)', () => {
  assert.equal(
    overrideWords({ value: 'Keep', reviewer: 'ana', reason: 'Active customer: keep: renewed 2026' }),
    'set to Keep by ana: Active customer: keep: renewed 2026',
  );
  assert.equal(overrideWords({ value: 'Delete', reviewer: '', reason: null }), 'set to Delete by a reviewer');
  assert.equal(
    describeDecision({ kind: 'cannot_link', value: null, term: null, account_ids: ['X', 'Y'] }),
    'split (X)',
  );
});

test('member fingerprints ignore order, duplicates and the 15/18 form', () => {
  assert.equal(memberFingerprint(['b', 'a', 'a']), memberFingerprint(['a', 'b']));
  assert.equal(memberFingerprint(['001Hs000054S8kI', 'x']), memberFingerprint(['x', '001Hs000054S8kIIAS']));
  assert.notEqual(memberFingerprint(['a', 'b']), memberFingerprint(['a', 'c']));
  assert.match(memberFingerprint(['a']), /^[0-9a-f]{16}$/);
});

test('defect 6: a reviewed mark is kept after the reviewer splits a record out, and explained otherwise', () => {
  fresh();
  const events = [
    ev({ kind: 'group_reviewed', account_ids: ['A', 'B', 'C', 'X'] }),
    ev({ kind: 'cannot_link', account_ids: ['X', 'A', 'B', 'C'] }),
  ];
  const folded = foldDecisions(events, 'accounts.csv');
  const mark = [...folded.reviewed.values()][0];
  assert.ok(mark);
  const cannot = cannotPartners(folded);
  assert.deepEqual(judgeMark(mark, ['A', 'B', 'C', 'X'], cannot), { status: 'current', note: null });
  const kept = judgeMark(mark, ['A', 'B', 'C'], cannot);
  assert.equal(kept.status, 'kept');
  assert.match(kept.note ?? '', /split out by a reviewer/);
  const grown = judgeMark(mark, ['A', 'B', 'C', 'X', 'N'], cannot);
  assert.equal(grown.status, 'stale');
  assert.match(
    grown.note ?? '',
    /Marked reviewed by ana on .* with 4 members; since then 1 member joined: review it again\./,
  );
  const shrunk = judgeMark(mark, ['A', 'B'], new Map());
  assert.equal(shrunk.status, 'stale', 'a member gone without a split is a change nobody reviewed');
});

test('canonical_name goes through the one model: folded per group, never pending, undoable until a run reads it', () => {
  fresh();
  const events = [
    ev({ kind: 'disposition_override', account_ids: ['A'], value: 'Keep' }),
    ev({ kind: 'canonical_name', account_ids: ['B', 'A', 'C'], value: ' Acme Corp ', reason: 'store numbers' }),
  ];
  const model = decisionModel(events, 'accounts.csv', 1);
  assert.equal(model.pendingCount, 0, 'a name takes effect at once (exported in the merge plan): never pending');
  assert.equal(model.undoable?.seq, 2, 'made since the run: Undo offers it');
  assert.equal(model.current.overrides.size, 1, 'a name is not a disposition override');
  const name = model.current.names.get('g-A');
  assert.deepEqual(
    [name?.value, name?.primaryId, name?.accountIds, name?.reason],
    ['Acme Corp', 'B', ['A', 'B', 'C'], 'store numbers'],
  );
  assert.deepEqual(targetsOf({ kind: 'canonical_name', account_ids: ['B', 'A'], term: null }), ['name:g-A']);
  assert.equal(decisionModel(events, 'accounts.csv', 2).undoable, null, 'read by a run: changed, not undone');
  assert.equal(
    describeDecision({ kind: 'canonical_name', value: 'Acme Corp', term: null, account_ids: ['B', 'A'] }),
    'name group "Acme Corp" (B)',
  );

  events.push(ev({ kind: 'canonical_name', account_ids: ['B', 'A', 'C'], undoes: 2 }));
  const undone = decisionModel(events, 'accounts.csv', 1);
  assert.equal(undone.current.names.size, 0, 'the undo removes the name');
  assert.equal(undone.pendingCount, 0, 'and is not pending either');
});

test('a canonical name goes stale when the member set changes, even by the reviewers own split', () => {
  fresh();
  const events = [
    ev({ kind: 'canonical_name', account_ids: ['A', 'B', 'X'], value: 'Acme' }),
    ev({ kind: 'cannot_link', account_ids: ['X', 'A', 'B'] }),
  ];
  const name = foldDecisions(events, 'accounts.csv').names.get('g-A');
  assert.ok(name);
  assert.deepEqual(judgeCanonicalName(name, ['X', 'B', 'A']), { state: 'current', staleReason: null });
  assert.deepEqual(judgeCanonicalName(name, ['A', 'B']), {
    state: 'stale',
    staleReason: 'named for 3 members; since then 0 records joined and 1 record left',
  });
  assert.equal(
    judgeCanonicalName(name, ['A', 'B', 'X', 'N']).staleReason,
    'named for 3 members; since then 1 record joined and 0 records left',
  );
});

test('a journal value that is not a disposition never folds into an override', () => {
  fresh();
  const events = [ev({ kind: 'disposition_override', account_ids: ['A'], value: 'Acme' })];
  assert.equal(foldDecisions(events, 'accounts.csv').overrides.size, 0);
});
