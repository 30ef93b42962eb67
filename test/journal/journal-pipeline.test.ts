import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { toCaseSafeId } from '../../src/core/salesforce-id.js';
import type { DecisionsSection } from '../../src/journal/applied.js';
import type { DecisionDraft } from '../../src/journal/events.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { buildServer } from '../../src/server/server.js';
import type { DecisionRequest, DecisionResponse, DecisionState } from '../../src/shared/api.js';
import { readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';
import { draft } from './support/journal-fixture.js';

/** 15-character Salesforce-shaped ids; the run stores their 18-character case-safe forms. */
const id15 = (n: number): string => `001AA00000000${String(n).padStart(2, '0')}`;
const id18 = (n: number): string => toCaseSafeId(id15(n));

const INPUT = [
  'Account ID,Account Name',
  `${id15(1)},Acme Staffing LLC`,
  `${id15(2)},Acme Staffing LLC`,
  `${id15(3)},Acme Staffing LLC`,
  `${id15(4)},Blue Ridge Logistics Inc`,
  `${id15(5)},Blue Ridge Logistics Inc`,
  `${id15(6)},Zenith Farms Co`,
  `${id15(7)},Zenith Farms Co`,
  `${id15(8)},Quokka Widgets Inc`,
  `${id15(9)},Harbor Lights Bakery`,
  '',
].join('\n');

type Row = Record<string, unknown>;

async function records(dir: string): Promise<Map<string, Row>> {
  const rows = await readParquet(`${dir}/records.parquet`);
  return new Map(rows.map((r) => [r.account_id as string, r]));
}

async function session(app: FastifyInstance): Promise<string> {
  return (JSON.parse((await app.inject({ url: '/api/session' })).body) as { csrfToken: string }).csrfToken;
}

async function decide(
  app: FastifyInstance,
  csrf: string,
  runId: string,
  body: Partial<DecisionRequest> & { kind: DecisionRequest['kind']; base_seq: number },
): Promise<{ status: number; json: DecisionResponse & { error?: string } }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/runs/${runId}/decisions`,
    headers: { 'x-junction-csrf': csrf, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, json: JSON.parse(res.body) as DecisionResponse & { error?: string } };
}

test('decisions written through the review server apply on the next run; the manifest counts applied and stale', async () => {
  const dir = await tempDir('journal-pipeline-');
  const input = await writeInput(dir, 'accounts.csv', INPUT);
  const first = await runOn(input, { runId: 'before' });
  const before = await records(first.dir);
  assert.equal(before.get(id18(5))?.disposition, 'Update', 'fixture: a duplicate to override');
  assert.equal(before.get(id18(3))?.group_id, `g-${id18(1)}`, 'fixture: a record to split out');
  assert.notEqual(before.get(id18(4))?.group_id, before.get(id18(6))?.group_id, 'fixture: two groups to merge');
  assert.equal(before.get(id18(1))?.is_primary, true, 'fixture: the smallest id is primary before');
  assert.equal(before.get(id18(8))?.disposition, 'Keep');

  const app = await buildServer({ workspace: first.workspace, reviewer: 'ana', staticDir: dir });
  try {
    const csrf = await session(app);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/runs/before/decisions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ kind: 'blacklist_add', term: 'x', base_seq: 0 }),
    });
    assert.equal(noCsrf.statusCode, 403, 'the CSRF hook guards decision writes');

    const steps: Parameters<typeof decide>[3][] = [
      // 15-character form of a record the run holds as 18 characters.
      { kind: 'disposition_override', account_ids: [id15(5)], value: 'Keep', reason: 'separate branch', base_seq: 0 },
      { kind: 'cannot_link', account_ids: [id18(3), id18(1), id18(2)], base_seq: 1 },
      { kind: 'must_link', account_ids: [id18(4), id15(6)], base_seq: 2 },
      { kind: 'set_primary', account_ids: [id18(2), id18(1)], base_seq: 3 },
      { kind: 'blacklist_add', term: 'Quokka', base_seq: 4 },
      // Names no record of this dataset: stale (a 15-character id, reported in its case-safe form).
      { kind: 'disposition_override', account_ids: [id15(99)], value: 'Delete', base_seq: 5 },
    ];
    for (const [k, step] of steps.entries()) {
      const { status, json } = await decide(app, csrf, 'before', step);
      assert.equal(status, 200, JSON.stringify(json));
      assert.equal(json.event.seq, k + 1);
      assert.equal(json.event.reviewer, 'ana');
      assert.equal(json.event.dataset, 'accounts.csv');
      assert.equal(json.event.run_id, 'before');
    }
    // A second tab that loaded at seq 0 and decides on record 5 is refused, with one line.
    const stale = await decide(app, csrf, 'before', {
      kind: 'disposition_override',
      account_ids: [id18(5)],
      value: 'Delete',
      base_seq: 0,
    });
    assert.equal(stale.status, 409);
    assert.equal(
      stale.json.error,
      `record ${id18(5)} was changed by ana (decision 1) after you loaded it; reload to see it, then decide again.`,
    );
    // An override's prev is the value it replaces.
    const again = await decide(app, csrf, 'before', {
      kind: 'disposition_override',
      account_ids: [id18(5)],
      value: 'Verify',
      base_seq: 6,
    });
    assert.equal(again.json.event.prev, 'Keep');
    const undo = await decide(app, csrf, 'before', { kind: 'disposition_override', undoes: 7, base_seq: 7 });
    assert.equal(undo.status, 200, JSON.stringify(undo.json));
    assert.deepEqual(undo.json.event.account_ids, [id18(5)]);

    const state = JSON.parse((await app.inject({ url: '/api/runs/before/decisions' })).body) as DecisionState;
    assert.equal(state.lastSeq, 8);
    assert.equal(state.recordDecisionsEnabled, true);
    assert.deepEqual(
      state.overrides.map((o) => [o.account_id, o.value]).sort(),
      [
        [id18(99), 'Delete'],
        [id18(5), 'Keep'],
      ].sort(),
    );
    assert.deepEqual(
      state.manualTerms.map((t) => t.term),
      ['Quokka'],
    );
    assert.equal(state.events.length, 8);
  } finally {
    await app.close();
  }

  const second = await runOn(input, { workspace: first.workspace.root, runId: 'after' });
  const after = await records(second.dir);
  const r = (n: number): Row => after.get(id18(n)) ?? {};
  assert.equal(r(5).disposition, 'Keep');
  assert.equal(r(5).disposition_reason, 'manual_override');
  assert.equal(r(3).group_id, `g-${id18(3)}`, 'split out by the cannot-link');
  assert.equal(r(3).disposition, 'Keep');
  assert.equal(r(1).group_id, r(2).group_id);
  assert.equal(r(2).is_primary, true, 'set_primary');
  assert.equal(r(1).is_primary, false);
  assert.equal(r(1).disposition, 'Update');
  assert.equal(r(4).group_id, r(6).group_id, 'merged by the must-link');
  assert.equal(r(7).group_id, r(4).group_id);
  assert.equal(r(8).disposition, 'Verify');
  assert.equal(r(8).disposition_reason, 'blacklist_term_in_name');
  assert.equal(r(9).disposition, 'Keep', 'untouched');

  const section = second.manifest.decisions as DecisionsSection;
  assert.deepEqual(section.applied, {
    blacklist_add: 1,
    must_link: 1,
    cannot_link: 2,
    set_primary: 1,
    disposition_override: 1,
  });
  assert.deepEqual(section.stale, [
    { seq: 6, kind: 'disposition_override', account_ids: [id18(99)], missing: [id18(99)] },
  ]);
  assert.deepEqual(section.contradicted, []);
  assert.deepEqual(second.manifest.warnings, first.manifest.warnings);
  // The decisions are part of the cache keys: the stages they affect ran again, the ones before did not.
  const hit = new Map(second.manifest.stages.map((s) => [s.name, s.cache_hit]));
  assert.equal(hit.get('normalise'), true);
  for (const stage of ['classify', 'group', 'survive', 'dispose']) assert.equal(hit.get(stage), false, stage);

  // Each stage hashes only its own part of the decisions: a new override re-runs dispose, not grouping.
  let writer = await JournalWriter.open(first.workspace.root);
  await writer.append(decision({ kind: 'disposition_override', account_ids: [id18(9)], value: 'Delete', base_seq: 8 }));
  await writer.close();
  const third = await runOn(input, { workspace: first.workspace.root, runId: 'third' });
  const hit3 = new Map(third.manifest.stages.map((s) => [s.name, s.cache_hit]));
  for (const stage of ['classify', 'group', 'survive']) assert.equal(hit3.get(stage), true, stage);
  assert.equal(hit3.get('dispose'), false);
  assert.equal((await records(third.dir)).get(id18(9))?.disposition, 'Delete');
  assert.equal((third.manifest.decisions as DecisionsSection).applied.disposition_override, 2);

  // A must-link that contradicts a cannot-link is not applied and is reported (SPEC §6).
  writer = await JournalWriter.open(first.workspace.root);
  await writer.append(decision({ kind: 'must_link', account_ids: [id18(6), id18(5)], base_seq: 9 }));
  await writer.append(decision({ kind: 'cannot_link', account_ids: [id18(4), id18(5)], base_seq: 10 }));
  await writer.close();
  const fourth = await runOn(input, { workspace: first.workspace.root, runId: 'fourth' });
  const section4 = fourth.manifest.decisions as DecisionsSection;
  assert.deepEqual(section4.contradicted, [{ seq: 10, a: id18(5), b: id18(6) }]);
  assert.equal(section4.applied.must_link, 1);
  assert.equal(section4.applied.cannot_link, 3);
  const r4 = await records(fourth.dir);
  assert.notEqual(r4.get(id18(5))?.group_id, r4.get(id18(4))?.group_id);
});

function decision(fields: Partial<DecisionDraft> & Pick<DecisionDraft, 'kind'>): DecisionDraft {
  return { ...draft(fields), dataset: 'accounts.csv', run_id: null };
}

test('a dataset with synthetic row:N ids refuses record-level decisions; terms still work', async () => {
  const dir = await tempDir('journal-synthetic-');
  const input = await writeInput(dir, 'names.csv', 'Account Name\nAcme Inc\nAcme Inc\nBeta LLC\n');
  const run = await runOn(input, { runId: 'synthetic' });
  assert.equal(run.manifest.synthetic_ids, true);
  const app = await buildServer({ workspace: run.workspace, reviewer: 'ana', staticDir: dir });
  try {
    const csrf = await session(app);
    const refused = await decide(app, csrf, 'synthetic', {
      kind: 'disposition_override',
      account_ids: ['row:1'],
      value: 'Keep',
      base_seq: 0,
    });
    assert.equal(refused.status, 409);
    assert.equal(
      refused.json.error,
      'record-level decisions are disabled for run "synthetic": its input has no account id column (ids are row:N); map an id column and run again.',
    );
    const term = await decide(app, csrf, 'synthetic', { kind: 'blacklist_add', term: 'beta', base_seq: 0 });
    assert.equal(term.status, 200);
    const state = JSON.parse((await app.inject({ url: '/api/runs/synthetic/decisions' })).body) as DecisionState;
    assert.equal(state.recordDecisionsEnabled, false);
  } finally {
    await app.close();
  }
});
