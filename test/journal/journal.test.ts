import assert from 'node:assert/strict';
import { appendFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { foldDecisions, memberFingerprint } from '../../src/journal/fold.js';
import { JOURNAL_FILE, JournalError, LOCK_FILE, readJournal } from '../../src/journal/journal-file.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { tempDir } from '../support/run-fixture.js';
import { draft } from './support/journal-fixture.js';

test('append then fold: every kind lands in the current state, one fsynced JSON line per event', async () => {
  const root = await tempDir('journal-');
  const w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep', reason: 'known client' }));
  await w.append(draft({ kind: 'must_link', account_ids: ['A1', 'B1'], base_seq: 1 }));
  await w.append(draft({ kind: 'cannot_link', account_ids: ['C1', 'A1', 'A2'], base_seq: 2 }));
  await w.append(draft({ kind: 'set_primary', account_ids: ['A2', 'A1'], base_seq: 3 }));
  await w.append(draft({ kind: 'blacklist_add', term: '  Quokka ', base_seq: 4 }));
  await w.append(draft({ kind: 'group_reviewed', account_ids: ['A2', 'A1'], base_seq: 5 }));
  await w.append(draft({ kind: 'disposition_override', account_ids: ['X1'], value: 'Delete', base_seq: 6 }));
  await w.append(draft({ kind: 'clear_override', account_ids: ['X1'], base_seq: 7 }));
  await w.append(draft({ kind: 'disposition_override', account_ids: ['Z1'], value: 'Delete', dataset: 'other.csv' }));
  await w.close();

  const text = await readFile(join(root, JOURNAL_FILE), 'utf8');
  const lines = text.split('\n');
  assert.equal(lines.length, 10, 'nine lines and a trailing newline');
  const first = JSON.parse(lines[0] as string) as Record<string, unknown>;
  assert.deepEqual(Object.keys(first).sort(), [
    'account_ids',
    'base_seq',
    'dataset',
    'kind',
    'prev',
    'reason',
    'reviewer',
    'run_id',
    'seq',
    'term',
    'ts',
    'undoes',
    'value',
  ]);
  assert.match(first.ts as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  const { events, tornAt } = await readJournal(join(root, JOURNAL_FILE));
  assert.equal(tornAt, null);
  assert.deepEqual(
    events.map((e) => e.seq),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  const state = foldDecisions(events, 'accounts.csv');
  assert.deepEqual([...state.overrides.keys()], ['A1'], 'X1 was cleared; Z1 belongs to another dataset');
  assert.equal(state.overrides.get('A1')?.value, 'Keep');
  assert.deepEqual(
    [...state.links.values()].map((l) => [l.kind, l.a, l.b]),
    [
      ['must_link', 'A1', 'B1'],
      ['cannot_link', 'A1', 'C1'],
      ['cannot_link', 'A2', 'C1'],
    ],
  );
  assert.deepEqual([...state.primaries], [['A2', 4]]);
  assert.deepEqual([...state.manualTerms.keys()], ['quokka']);
  const reviewed = [...state.reviewed.values()];
  assert.equal(reviewed.length, 1);
  assert.equal(reviewed[0]?.groupKey, 'g-A1');
  assert.equal(foldDecisions(events, 'other.csv').overrides.get('Z1')?.value, 'Delete');
});

test('reopening continues the seq; a later cannot_link on a must-linked pair replaces it', async () => {
  const root = await tempDir('journal-');
  let w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'must_link', account_ids: ['A', 'B'] }));
  await w.close();
  w = await JournalWriter.open(root);
  assert.equal(w.lastSeq, 1);
  const e = await w.append(draft({ kind: 'cannot_link', account_ids: ['B', 'A'], base_seq: 1 }));
  assert.equal(e.seq, 2);
  const state = foldDecisions(w.all(), 'accounts.csv');
  await w.close();
  assert.deepEqual(
    [...state.links.values()].map((l) => l.kind),
    ['cannot_link'],
  );
});

test('undo is a compensating event; undoing the undo re-applies the original', async () => {
  const root = await tempDir('journal-');
  const w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep' }));
  await w.append(draft({ kind: 'blacklist_add', term: 'quokka', base_seq: 1 }));
  const undo = await w.append(draft({ kind: 'disposition_override', account_ids: ['A1'], undoes: 1, base_seq: 2 }));
  assert.equal(undo.seq, 3);
  let state = foldDecisions(w.all(), 'accounts.csv');
  assert.equal(state.overrides.size, 0);
  assert.equal(state.manualTerms.size, 1, 'other decisions stay');
  await assert.rejects(
    w.append(draft({ kind: 'disposition_override', account_ids: ['A1'], undoes: 1, base_seq: 3 })),
    /decision 1 is already undone \(by decision 3\)/,
  );
  await assert.rejects(
    w.append(draft({ kind: 'blacklist_add', term: 'other', undoes: 2, base_seq: 3 })),
    /must name the same target/,
  );
  await w.append(draft({ kind: 'disposition_override', account_ids: ['A1'], undoes: 3, base_seq: 3 }));
  state = foldDecisions(w.all(), 'accounts.csv');
  assert.equal(state.overrides.get('A1')?.value, 'Keep');
  await w.close();
});

test('a stale write is refused with one line naming who changed the target; other targets still write', async () => {
  const root = await tempDir('journal-');
  const w = await JournalWriter.open(root);
  // Two tabs loaded the journal at seq 0; tab 1 decides first.
  await w.append(
    draft({ kind: 'disposition_override', account_ids: ['001Hs000054S8kI'], value: 'Keep', reviewer: 'ana' }),
  );
  // Tab 2 names the same record by its 18-character id: the same target.
  const refused = await w
    .append(
      draft({ kind: 'disposition_override', account_ids: ['001Hs000054S8kIIAS'], value: 'Delete', reviewer: 'bo' }),
    )
    .then(
      () => null,
      (error: unknown) => error,
    );
  assert.ok(refused instanceof JournalError);
  assert.equal(refused.code, 'conflict');
  assert.equal(
    refused.message,
    'record 001Hs000054S8kIIAS was changed by ana (decision 1) after you loaded it; reload to see it, then decide again.',
  );
  assert.ok(!refused.message.includes('\n'));
  // Tab 2 deciding on another record with the same stale base_seq is fine: nothing it saw changed.
  await w.append(draft({ kind: 'disposition_override', account_ids: ['B2'], value: 'Delete', reviewer: 'bo' }));
  // After reloading (base_seq 2) tab 2 may overwrite.
  await w.append(
    draft({ kind: 'disposition_override', account_ids: ['001Hs000054S8kI'], value: 'Delete', base_seq: 2 }),
  );
  await assert.rejects(
    w.append(draft({ kind: 'blacklist_add', term: 'x', base_seq: 99 })),
    /base_seq 99 is ahead of the journal/,
  );
  // Both tabs racing on one record at the same moment: exactly one wins, neither event is lost silently.
  const results = await Promise.allSettled([
    w.append(draft({ kind: 'set_primary', account_ids: ['P1', 'P2'], base_seq: 3 })),
    w.append(draft({ kind: 'set_primary', account_ids: ['P2', 'P1'], base_seq: 3 })),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected'],
  );
  const state = foldDecisions(w.all(), 'accounts.csv');
  assert.equal(state.overrides.get('001Hs000054S8kIIAS')?.value, 'Delete');
  assert.deepEqual([...state.primaries], [['P1', 4]]);
  await w.close();
});

test('15- and 18-character ids are one record in the fold', async () => {
  const root = await tempDir('journal-');
  const w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'disposition_override', account_ids: ['001Hs000054S8kI'], value: 'Keep' }));
  await w.append(draft({ kind: 'clear_override', account_ids: ['001Hs000054S8kIIAS'], base_seq: 1 }));
  assert.equal(foldDecisions(w.all(), 'accounts.csv').overrides.size, 0);
  await w.close();
});

test('malformed decisions are refused before anything is written', async () => {
  const root = await tempDir('journal-');
  const w = await JournalWriter.open(root);
  await assert.rejects(w.append(draft({ kind: 'must_link', account_ids: ['A'] })), /needs two or more account_ids/);
  await assert.rejects(w.append(draft({ kind: 'disposition_override', account_ids: ['A'] })), /needs a value/);
  await assert.rejects(w.append(draft({ kind: 'blacklist_add', account_ids: ['A'] })), /needs a term/);
  await assert.rejects(w.append(draft({ kind: 'set_primary', account_ids: ['A'], value: 'Keep' })), /takes no value/);
  assert.equal(w.lastSeq, 0);
  await w.close();
  assert.equal(await readFile(join(root, JOURNAL_FILE), 'utf8'), '');
});

test('a torn last line is reported with its byte offset, never dropped; removing it as told continues', async () => {
  const root = await tempDir('journal-');
  const path = join(root, JOURNAL_FILE);
  let w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'disposition_override', account_ids: ['A1'], value: 'Keep' }));
  await w.close();
  const intact = (await readFile(path)).length;
  await appendFile(path, '{"seq":2,"ts":"2026-');
  const message = `decisions.jsonl: last line is incomplete (byte ${intact}); earlier events are intact. Remove that line to continue.`;
  await assert.rejects(JournalWriter.open(root), (error: unknown) => {
    assert.ok(error instanceof JournalError);
    assert.equal(error.code, 'torn_tail');
    assert.equal(error.message, message);
    return true;
  });
  // The refused open released the lock, and the file is untouched.
  await assert.rejects(readFile(join(root, LOCK_FILE)), /ENOENT/);
  assert.ok((await readFile(path)).length > intact);
  const read = await readJournal(path);
  assert.equal(read.tornAt, intact);
  assert.equal(read.events.length, 1);
  // A complete line that is not a valid event is torn too when it is the last one.
  await truncate(path, intact);
  await appendFile(path, '{"seq":2}\n');
  await assert.rejects(JournalWriter.open(root), /last line is incomplete/);
  await truncate(path, intact);
  w = await JournalWriter.open(root);
  assert.equal((await w.append(draft({ kind: 'blacklist_add', term: 'q', base_seq: 1 }))).seq, 2);
  await w.close();
});

test('a bad line before the last one is damage, not a torn tail', async () => {
  const root = await tempDir('journal-');
  const path = join(root, JOURNAL_FILE);
  const w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'blacklist_add', term: 'a' }));
  await w.close();
  const good = await readFile(path, 'utf8');
  await writeFile(path, `not json\n${good}`);
  await assert.rejects(readJournal(path), /line 1 \(byte 0\) is not a valid decision event/);
  await writeFile(path, `${good}${good}`);
  await assert.rejects(readJournal(path), /line 2 has seq 1 after seq 1/);
});

test('a second writer in the same workspace cannot take the lock; a dead holder is taken over (issue 12)', async () => {
  const root = await tempDir('journal-');
  const w = await JournalWriter.open(root);
  await assert.rejects(
    JournalWriter.open(root),
    new RegExp(`decisions are being written by process ${process.pid} \\(another junction review on this workspace\\)`),
  );
  await w.close();
  const lock = join(root, LOCK_FILE);
  await writeFile(lock, `999999999 ${(await import('node:os')).hostname()}\n`);
  await (await JournalWriter.open(root)).close();
  assert.match(await readFile(join(root, 'audit.log'), 'utf8'), /took over decisions\.lock \(process 999999999 on /);
});

test('reviewed/accepted hold their member set: a group whose members change no longer matches', async () => {
  const root = await tempDir('journal-');
  const w = await JournalWriter.open(root);
  await w.append(draft({ kind: 'group_accepted', account_ids: ['B', 'A'] }));
  await w.append(draft({ kind: 'group_reviewed', account_ids: ['A', 'B', 'C'], base_seq: 1 }));
  const state = foldDecisions(w.all(), 'accounts.csv');
  await w.close();
  const accepted = state.reviewed.get('group_accepted:g-A');
  const reviewed = state.reviewed.get('group_reviewed:g-A');
  assert.equal(accepted?.fingerprint, memberFingerprint(['A', 'B']));
  assert.deepEqual(accepted?.accountIds, ['A', 'B']);
  assert.notEqual(accepted?.fingerprint, memberFingerprint(['A', 'B', 'C']), 'a third member makes it unaccepted');
  assert.equal(reviewed?.fingerprint, memberFingerprint(['C', 'B', 'A']), 'order does not matter');
});
