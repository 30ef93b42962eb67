/**
 * Export parity (REVIEW §2.6): for every filter type, the groups an export holds are exactly the groups the
 * groups API lists for the same query string (all pages), and the records scope holds exactly their members —
 * primaries and singletons included. Also the merge plan's batches and held rows, over the same two runs.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseCsvText } from '../../src/input/csv-parse.js';
import { buildServer } from '../../src/server/server.js';
import { type GroupPage, groupPageSchema } from '../../src/shared/api.js';
import { type ApiFixture, buildApiFixture } from '../api/review-oracle.js';

let fx: ApiFixture;
let app: FastifyInstance;

before(async () => {
  fx = await buildApiFixture();
  app = await buildServer({ workspace: fx.workspace, engine: { memoryLimit: '1GB', threads: 2 }, onError: () => {} });
});

after(async () => {
  await app?.close();
  if (fx !== undefined) await rm(fx.dir, { recursive: true, force: true });
});

async function listed(query: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const r = await app.inject({
      method: 'GET',
      url: `/api/runs/${fx.runId}/groups?${query}&offset=${offset}&limit=500`,
    });
    assert.equal(r.statusCode, 200, r.body);
    const page: GroupPage = groupPageSchema.parse(r.json());
    ids.push(...page.rows.map((row) => row.group_id));
    if (page.rows.length < 500) return ids;
  }
}

async function exported(query: string, scope: string): Promise<Record<string, string>[]> {
  const r = await app.inject({
    method: 'GET',
    url: `/api/runs/${fx.runId}/export?scope=${scope}&format=loader-csv&${query}`,
  });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(String(r.headers['content-disposition']), new RegExp(`attachment; filename="${fx.runId}_${scope}_`));
  const records = parseCsvText(r.body, ',').filter((x) => x.raw.length > 0);
  const header = records[0]?.fields ?? [];
  return records.slice(1).map((x) => Object.fromEntries(header.map((h, i) => [h, x.fields[i] ?? ''])));
}

function filterCases(): [string, string][] {
  const named = fx.records.find((r) => r.name_tokens.length > 0 && (r.name_tokens[0]?.length ?? 0) >= 4);
  const token = named?.name_tokens[0] ?? 'acme';
  const someGroup = fx.groups.find((g) => g.size > 2)?.group_id ?? 'g-x';
  const someAccount = fx.records[10]?.account_id ?? '';
  return [
    ['default (queue view)', ''],
    ['view all', 'view=all'],
    ['view changed', 'view=changed'],
    ['change kinds', 'view=all&change=gained,new_records'],
    ['disposition contains Verify', 'view=all&disposition=Verify'],
    ['disposition contains Delete or Update', 'view=all&disposition=Delete,Update'],
    ['disposition primary Keep', 'view=all&disposition=Keep&dispositionMode=primary'],
    ['disposition primary Verify', 'view=all&disposition=Verify&dispositionMode=primary'],
    ['size range', 'view=all&sizeMin=3&sizeMax=6'],
    ['edge range', 'view=all&edgeMin=85&edgeMax=99'],
    ['flag suffix_conflict', 'view=all&flags=suffix_conflict'],
    ['flag has_alias_matches', 'view=all&flags=has_alias_matches'],
    ['flag blacklist_hits', 'view=all&flags=blacklist_hits'],
    ['flag weak_bridge', 'view=all&flags=weak_bridge'],
    ['join reason exact_name', 'view=all&joinReason=exact_name'],
    ['join reason edge>=high', `view=all&joinReason=${encodeURIComponent('edge>=high')}`],
    ['join reason medium', `view=all&joinReason=${encodeURIComponent('edge>=medium+shared_token')}`],
    ['join reason must_link', 'view=all&joinReason=must_link'],
    ['search prefix', `view=all&q=${encodeURIComponent(token.slice(0, 3))}`],
    ['search fuzzy', `view=all&q=${encodeURIComponent(`${token}x`)}`],
    ['search group id', `view=all&q=${encodeURIComponent(someGroup)}`],
    ['search account id', `view=all&q=${encodeURIComponent(someAccount)}`],
    ['search without hits', 'view=all&q=zzzzqqqq'],
    ['multi-record only', 'view=all&multiOnly=true'],
    ['reviewed and decisions', 'view=all&reviewed=false&hasDecision=false'],
    ['everything combined', 'view=queue&disposition=Update&sizeMin=2&flags=weak_bridge,suffix_conflict'],
  ];
}

describe('export parity: exported group ids = listed group ids, records = their members', () => {
  test('every filter type', async () => {
    const membersOf = new Map<string, string[]>();
    for (const r of fx.records) {
      const list = membersOf.get(r.group_id) ?? [];
      list.push(r.account_id);
      membersOf.set(r.group_id, list);
    }
    let nonEmpty = 0;
    for (const [name, query] of filterCases()) {
      const ids = await listed(query);
      if (ids.length > 0) nonEmpty++;
      const groups = await exported(query, 'groups');
      assert.deepEqual(
        groups.map((g) => g.group_id),
        ids,
        `${name}: groups scope = listed ids, in list order`,
      );
      const records = await exported(query, 'records');
      const expected = ids.flatMap((id) => membersOf.get(id) ?? []).sort();
      assert.deepEqual(
        records.map((r) => r.account_id).sort(),
        expected,
        `${name}: records = members of listed groups`,
      );
      const groupsOfRecords = new Set(records.map((r) => r.group_id));
      for (const id of ids) assert.ok(groupsOfRecords.has(id), `${name}: ${id} has its records (singletons too)`);
      assert.equal(records.filter((r) => r.is_primary === 'true').length, ids.length, `${name}: one primary per group`);
    }
    assert.ok(nonEmpty >= 15, `most filters list something (${nonEmpty})`);
  });

  test('sort and paging do not change the exported set', async () => {
    const base = (await exported('view=all', 'groups')).map((g) => g.group_id).sort();
    const sorted = await exported('view=all&sort=size&dir=desc&offset=100&limit=7', 'groups');
    assert.deepEqual(sorted.map((g) => g.group_id).sort(), base);
    assert.deepEqual(
      sorted.map((g) => g.group_id),
      await listed('view=all&sort=size&dir=desc'),
      'rows follow the list order',
    );
  });

  test('a bad filter is a 400 naming the parameter; a bad scope or format is a 400', async () => {
    for (const url of [
      `/api/runs/${fx.runId}/export?scope=records&format=csv&bogus=1`,
      `/api/runs/${fx.runId}/export?scope=records&format=csv&sizeMin=abc`,
      `/api/runs/${fx.runId}/export?scope=everything&format=csv`,
      `/api/runs/${fx.runId}/export?scope=records&format=pdf`,
    ]) {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
    }
  });
});

describe('merge plan', () => {
  test('batches of at most 2 duplicates with one master; Verify held out as a trailing section', async () => {
    const plan = await exported('view=all', 'merge-plan');
    const byId = new Map(fx.records.map((r) => [r.account_id, r]));
    const primaryOf = new Map(fx.records.filter((r) => r.is_primary).map((r) => [r.group_id, r]));
    const firstHeld = plan.findIndex((r) => r.held === 'true');
    assert.ok(firstHeld > 0, 'some rows merge and some are held');
    assert.ok(
      plan.slice(firstHeld).every((r) => r.held === 'true'),
      'held rows form a trailing section',
    );
    const batches = new Map<string, Record<string, string>[]>();
    for (const row of plan.slice(0, firstHeld)) {
      const list = batches.get(row.merge_batch ?? '') ?? [];
      list.push(row);
      batches.set(row.merge_batch ?? '', list);
      const dup = byId.get(row.duplicate_id ?? '');
      assert.equal(dup?.disposition, 'Update', 'only Update records merge');
      assert.equal(primaryOf.get(dup?.group_id ?? '')?.account_id, row.master_id, 'master = the group primary');
      assert.equal(primaryOf.get(dup?.group_id ?? '')?.disposition, 'Keep', 'master is Keep');
    }
    for (const [batch, rows] of batches) {
      assert.ok(rows.length <= 2, `batch ${batch} has at most 2 duplicates`);
      assert.equal(new Set(rows.map((r) => r.master_id)).size, 1, `batch ${batch} has one master`);
    }
    const numbers = [...batches.keys()].map(Number);
    assert.deepEqual(
      numbers,
      numbers.map((_n, i) => i + 1),
      'batches numbered 1..n',
    );
    for (const row of plan.slice(firstHeld)) {
      assert.equal(row.merge_batch, '', 'held rows have no batch');
      const dup = byId.get(row.duplicate_id ?? '');
      const master = primaryOf.get(dup?.group_id ?? '');
      assert.ok(dup?.disposition === 'Verify' || master?.disposition !== 'Keep', 'held = Verify or master not Keep');
    }
    const expectedMerged = fx.records.filter(
      (r) => !r.is_primary && r.disposition === 'Update' && primaryOf.get(r.group_id)?.disposition === 'Keep',
    );
    assert.equal(firstHeld, expectedMerged.length, 'every mergeable duplicate is planned');
    const verifyMembers = fx.records.filter((r) => !r.is_primary && r.disposition === 'Verify');
    const heldIds = new Set(plan.slice(firstHeld).map((r) => r.duplicate_id));
    for (const v of verifyMembers) assert.ok(heldIds.has(v.account_id), `${v.account_id} (Verify) is held`);
  });
});
