/**
 * Issue 7 server side through fastify's inject: reviewed state from the journal (SPEC §10), bulk accept, the
 * blacklist page API (REVIEW §2.5), maintenance (REVIEW §2.7) and re-run with decisions (REVIEW §2.4).
 */
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generateDataset } from '../../src/generate/index.js';
import { buildServer } from '../../src/server/server.js';
import {
  blacklistPreviewSchema,
  blacklistSchema,
  bulkAcceptResponseSchema,
  type GroupPage,
  groupPageSchema,
  maintenanceRunsSchema,
  rerunResponseSchema,
  runDetailsSchema,
  runTotalsSchema,
} from '../../src/shared/api.js';
import { readParquet, runOn, tempDir } from '../support/run-fixture.js';

let dir: string;
let workspace: string;
let input: string;
let app: FastifyInstance;
let csrf: string;
/** Members (account ids) of each group of the newest run, and every record's name fields. */
const members = new Map<string, string[]>();
let records: Record<string, unknown>[] = [];
const OLD = 'run-old';
const RUN = 'run-new';

before(async () => {
  dir = await tempDir('junction-issue7-');
  workspace = join(dir, 'ws');
  input = join(dir, 'accounts.csv');
  await generateDataset({ rows: 600, seed: 11, out: input });
  await runOn(input, { workspace, runId: OLD });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await runOn(input, { workspace, runId: RUN });
  records = await readParquet(join(workspace, 'runs', RUN, 'records.parquet'), 'row_index');
  for (const r of records) {
    const gid = r.group_id as string;
    const list = members.get(gid) ?? [];
    list.push(r.account_id as string);
    members.set(gid, list);
  }
  app = await buildServer({
    workspace,
    engine: { memoryLimit: '1GB', threads: 2 },
    onError: () => {},
    reviewer: 'ana',
  });
  csrf = ((await app.inject({ method: 'GET', url: '/api/session' })).json() as { csrfToken: string }).csrfToken;
});

after(async () => {
  await app?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function get(url: string): Promise<{ status: number; json: unknown; body: string }> {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, json: r.body.length > 0 ? r.json() : null, body: r.body };
}

async function send(
  method: 'POST' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<{ status: number; json: unknown; body: string }> {
  const r = await app.inject({
    method,
    url,
    headers: { 'x-junction-csrf': csrf },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: r.statusCode, json: r.body.length > 0 ? r.json() : null, body: r.body };
}

async function lastSeq(): Promise<number> {
  return ((await get(`/api/runs/${RUN}/decisions`)).json as { lastSeq: number }).lastSeq;
}

async function decide(body: Record<string, unknown>): Promise<void> {
  const r = await send('POST', `/api/runs/${RUN}/decisions`, { base_seq: await lastSeq(), ...body });
  assert.equal(r.status, 200, r.body);
}

async function rows(query: string): Promise<GroupPage['rows']> {
  const r = await get(`/api/runs/${RUN}/groups?limit=500&${query}`);
  assert.equal(r.status, 200, r.body);
  return groupPageSchema.parse(r.json).rows;
}

const multi = (): [string, string[]][] => [...members].filter(([, ids]) => ids.length > 1);

describe('reviewed state (SPEC §10)', () => {
  test('a group_reviewed mark on the current members makes the group reviewed in the list and the summary', async () => {
    const [gid, ids] = multi()[0] as [string, string[]];
    await rows('view=all'); // opens the run first, so the write refreshes an open run
    await decide({ kind: 'group_reviewed', account_ids: ids });
    const reviewed = await rows('view=all&reviewed=true');
    assert.deepEqual(
      reviewed.map((r) => r.group_id),
      [gid],
    );
    assert.equal(reviewed[0]?.reviewed_stale, false);
    const totals = runTotalsSchema.parse((await get(`/api/runs/${RUN}/summary`)).json);
    assert.equal(totals.progress.reviewed, 1);
  });

  test('a mark on a different member set is stale: unreviewed again, with reviewed_stale', async () => {
    const [gid, ids] = multi()[1] as [string, string[]];
    await decide({ kind: 'group_reviewed', account_ids: ids.slice(0, -1) });
    const row = (await rows('view=all&reviewed=false')).find((r) => r.group_id === gid);
    assert.ok(row !== undefined, 'still unreviewed');
    assert.equal(row.reviewed_stale, true);
  });

  test('a record decision after the run counts as pending on its group (hasDecision filter)', async () => {
    const [gid, ids] = multi()[2] as [string, string[]];
    await decide({ kind: 'disposition_override', account_ids: [ids[0]], value: 'Keep', reason: 'test' });
    const pending = await rows('view=all&hasDecision=true');
    assert.deepEqual(
      pending.map((r) => [r.group_id, r.decisions_pending]),
      [[gid, 1]],
    );
    assert.ok(!(await rows('view=all&hasDecision=false')).some((r) => r.group_id === gid));
  });
});

describe('bulk accept', () => {
  test('accepts exactly the listed multi-record groups without a medium edge, once', async () => {
    const listed = await rows('view=all&multiOnly=true');
    const expected = listed.filter((r) => (r.all_exact || !r.has_medium_edge) && r.accepted !== true);
    assert.ok(expected.length > 0, 'the fixture has acceptable groups');
    const r = await send('POST', `/api/runs/${RUN}/groups/accept-bulk?view=all&multiOnly=true`);
    assert.equal(r.status, 200, r.body);
    assert.equal(bulkAcceptResponseSchema.parse(r.json).accepted, expected.length);
    const after = await rows('view=all&multiOnly=true');
    for (const row of after) {
      assert.equal(row.accepted, row.all_exact || !row.has_medium_edge, row.group_id);
      if (row.accepted === true) assert.equal(row.reviewed, true);
    }
    const again = await send('POST', `/api/runs/${RUN}/groups/accept-bulk?view=all&multiOnly=true`);
    assert.equal(bulkAcceptResponseSchema.parse(again.json).accepted, 0);
  });

  test('needs the CSRF header and rejects a bad filter', async () => {
    const r = await app.inject({ method: 'POST', url: `/api/runs/${RUN}/groups/accept-bulk` });
    assert.equal(r.statusCode, 403);
    assert.equal((await send('POST', `/api/runs/${RUN}/groups/accept-bulk?sort=nope`)).status, 400);
  });
});

describe('blacklist API (REVIEW §2.5)', () => {
  test('preview counts whole-word hits with examples; add shows as a manual term with who', async () => {
    const word = ((records.find((r) => String(r.name_base ?? '').length > 3)?.name_base as string) ?? '').split(
      ' ',
    )[0] as string;
    const expected = records.filter((r) => ` ${String(r.name_base ?? '')} `.includes(` ${word} `));
    const p = await get(`/api/runs/${RUN}/blacklist/preview?term=${encodeURIComponent(word.toUpperCase())}`);
    assert.equal(p.status, 200, p.body);
    const preview = blacklistPreviewSchema.parse(p.json);
    assert.equal(preview.normalised, word);
    assert.equal(preview.hits, expected.length);
    assert.equal(preview.examples.length, Math.min(10, expected.length));
    assert.equal((await get(`/api/runs/${RUN}/blacklist/preview`)).status, 400);

    const before = blacklistSchema.parse((await get('/api/blacklist')).json);
    assert.ok(before.builtIn.length > 0);
    assert.match(before.rule, /whole words/);
    await decide({ kind: 'blacklist_add', term: `zz ${word}` });
    const after = blacklistSchema.parse((await get('/api/blacklist')).json);
    assert.deepEqual(
      after.manual.map((m) => [m.term, m.reviewer]),
      [[`zz ${word}`, 'ana']],
    );
    assert.ok(after.effective.includes(`zz ${word}`));
    assert.equal(after.effective.length, before.effective.length + 1);
  });
});

describe('maintenance (REVIEW §2.7)', () => {
  test('lists runs with size and protection; deletion needs the typed id and spares the newest', async () => {
    const list = maintenanceRunsSchema.parse((await get('/api/maintenance/runs')).json);
    const byId = new Map(list.runs.map((r) => [r.run_id, r]));
    assert.equal(byId.get(RUN)?.deletable, false);
    assert.equal(byId.get(RUN)?.blocker, 'the newest complete run');
    assert.equal(byId.get(OLD)?.deletable, true);
    assert.ok((byId.get(OLD)?.bytes ?? 0) > 0);

    assert.equal((await send('DELETE', `/api/runs/${RUN}`, { confirm: RUN })).status, 409);
    assert.equal((await send('DELETE', `/api/runs/${OLD}`, { confirm: 'run-ol' })).status, 400);
    assert.equal((await send('DELETE', `/api/runs/${OLD}`)).status, 400);
    assert.equal((await send('DELETE', `/api/runs/${OLD}`, { confirm: OLD })).status, 200);
    assert.equal((await get(`/api/runs/${OLD}`)).status, 404);
    assert.match(
      await readFile(join(workspace, 'audit.log'), 'utf8'),
      /deleted run run-old .* by ana via review server/,
    );
  });
});

describe('re-run with decisions', () => {
  test('starts a run in the background that completes and applies an earlier override', async () => {
    const target = records.find((r) => r.disposition !== 'Delete') as Record<string, unknown>;
    await decide({ kind: 'disposition_override', account_ids: [target.account_id], value: 'Delete', reason: 'test' });
    const r = await send('POST', `/api/runs/${RUN}/rerun`);
    assert.equal(r.status, 200, r.body);
    const { runId } = rerunResponseSchema.parse(r.json);
    assert.equal((await send('POST', `/api/runs/${RUN}/rerun`)).status, 409, 'one at a time');
    let status = 'running';
    for (let k = 0; k < 600 && status !== 'complete'; k++) {
      const d = await get(`/api/runs/${runId}`);
      if (d.status === 200) status = runDetailsSchema.parse(d.json).status;
      assert.ok(!status.startsWith('failed'), `re-run ${status}`);
      if (status !== 'complete') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 'complete');
    const fresh = await readParquet(join(workspace, 'runs', runId, 'records.parquet'));
    const record = fresh.find((x) => x.account_id === target.account_id);
    assert.equal(record?.disposition, 'Delete');
    // The new run read the journal, so nothing is pending on it; the accepted groups stay reviewed.
    const page = groupPageSchema.parse((await get(`/api/runs/${runId}/groups?view=all&hasDecision=true`)).json);
    assert.equal(page.total, 0);
    const reviewed = groupPageSchema.parse((await get(`/api/runs/${runId}/groups?view=all&reviewed=true`)).json);
    assert.ok(reviewed.total > 0);
  });
});
