/**
 * The review API (REVIEW §1–2.3) through fastify's inject, over two pipeline runs of one generated dataset.
 * Expected answers come from review-oracle.ts (plain JS over the Parquet files).
 */
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { queryTokens } from '../../src/engine/review-search.js';
import { joinText } from '../../src/server/member-words.js';
import { buildServer, isLoopbackHost, startReviewServer } from '../../src/server/server.js';
import {
  type FacetCounts,
  GROUP_FLAGS,
  GROUP_SORT_KEYS,
  type GroupDetails,
  type GroupPage,
  type GroupQuery,
  groupDetailsSchema,
  groupPageSchema,
  JOIN_REASONS,
  type RunDetails,
  runChangesSchema,
  runDetailsSchema,
  runListSchema,
  runTotalsSchema,
} from '../../src/shared/api.js';
import { type ApiFixture, buildApiFixture, filterGroups, type OracleGroup, sortGroups } from './review-oracle.js';

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

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers });
  const json = response.headers['content-type']?.toString().startsWith('application/json')
    ? (response.json() as unknown)
    : null;
  return { status: response.statusCode, json, body: response.body, headers: response.headers };
}

const runUrl = (path = ''): string => `/api/runs/${fx.runId}${path}`;

function qs(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text.length === 0 ? '' : `?${text}`;
}

async function page(query: Record<string, string | number | undefined>): Promise<GroupPage> {
  const r = await get(runUrl(`/groups${qs(query)}`));
  assert.equal(r.status, 200, `${JSON.stringify(query)} → ${r.body}`);
  return groupPageSchema.parse(r.json);
}

/** Every page of a query, concatenated. */
async function allPages(query: Record<string, string | number | undefined>, limit = 500): Promise<GroupPage['rows']> {
  const rows: GroupPage['rows'] = [];
  for (let offset = 0; ; offset += limit) {
    const p = await page({ ...query, offset, limit });
    rows.push(...p.rows);
    if (p.rows.length < limit) {
      assert.equal(rows.length, p.total, `concatenated pages = total for ${JSON.stringify(query)}`);
      return rows;
    }
  }
}

const ids = (rows: readonly { group_id: string }[]): string[] => rows.map((r) => r.group_id);

describe('runs', () => {
  test('GET /api/runs lists both runs newest first, the newest complete marked latest', async () => {
    const r = await get('/api/runs');
    const runs = runListSchema.parse(r.json);
    assert.deepEqual(
      runs.map((x) => x.run_id),
      [fx.runId, fx.previousRunId],
    );
    assert.equal(runs[0]?.latest, true);
    assert.equal(runs[1]?.latest, false);
    assert.equal(runs[0]?.status, 'complete');
  });

  test('GET /api/runs/:id gives thresholds, counts, stage timings and the previous run', async () => {
    const details: RunDetails = runDetailsSchema.parse((await get(runUrl())).json);
    assert.deepEqual(details.thresholds, fx.thresholds);
    assert.equal(details.stages.length, details.stageNames.length);
    assert.equal(details.previous_run_id, fx.previousRunId);
    assert.equal(details.records, fx.records.length);
    assert.ok(details.rejected >= 1, 'the duplicate id row is rejected');
  });

  test('rejected rows download streams rejected.csv', async () => {
    const r = await get(runUrl('/rejected.csv'));
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/csv/);
    assert.match(String(r.headers['content-disposition']), /attachment; filename=".*-rejected\.csv"/);
    assert.equal(r.body, await readFile(join(fx.runDir, 'rejected.csv'), 'utf8'));
    assert.match(r.body, /duplicate_id/);
  });

  test('a live run reports its current stage and its groups answer 409 until complete', async () => {
    const manifest = JSON.parse(await readFile(join(fx.runDir, 'manifest.json'), 'utf8'));
    const live = 'live-run';
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(fx.workspace, 'runs', live), { recursive: true });
    await writeFile(
      join(fx.workspace, 'runs', live, 'manifest.json'),
      JSON.stringify({
        ...manifest,
        run_id: live,
        status: 'running',
        pid: process.pid,
        finished_at: null,
        stages: manifest.stages.slice(0, 3),
      }),
    );
    try {
      const details = runDetailsSchema.parse((await get(`/api/runs/${live}`)).json);
      assert.equal(details.status, 'running');
      assert.equal(details.stage, details.stageNames[3]);
      const groups = await get(`/api/runs/${live}/groups`);
      assert.equal(groups.status, 409);
      assert.match((groups.json as { error: string }).error, /still running/);
    } finally {
      await rm(join(fx.workspace, 'runs', live), { recursive: true, force: true });
    }
  });

  test('summary totals match the artifacts and progress starts at 0 reviewed', async () => {
    const totals = runTotalsSchema.parse((await get(runUrl('/summary'))).json);
    assert.equal(totals.totalGroups, fx.groups.length);
    assert.equal(totals.totalRecords, fx.records.length);
    assert.equal(
      totals.dispositions.reduce((s, d) => s + d.records, 0),
      fx.records.length,
    );
    for (const d of totals.dispositions) {
      assert.equal(d.records, fx.records.filter((r) => r.disposition === d.disposition).length, d.disposition);
    }
    const queue = fx.groups.filter((g) => g.in_queue);
    assert.equal(totals.progress.queueTotal, queue.length);
    assert.equal(totals.progress.reviewed, 0);
    const first = [...queue].sort((a, b) => fx.riskPosition.get(a.group_id)! - fx.riskPosition.get(b.group_id)!)[0];
    assert.equal(totals.progress.nextUnreviewed, first?.group_id);
  });

  test('changes since the previous run of the dataset count new records and changed groups', async () => {
    const changes = runChangesSchema.parse((await get(runUrl('/changes'))).json);
    assert.equal(changes.previousRunId, fx.previousRunId);
    const changed = fx.groups.filter((g) => g.change !== null);
    assert.equal(changes.groupsChanged, changed.length);
    assert.equal(changes.groupsGained, changed.filter((g) => g.change!.gained > 0).length);
    assert.equal(changes.groupsLost, changed.filter((g) => g.change!.lost > 0).length);
    assert.ok(changes.newRecords > 0 && changes.removedRecords > 0);
    const prevRun = runChangesSchema.parse((await get(`/api/runs/${fx.previousRunId}/changes`)).json);
    assert.equal(prevRun.previousRunId, null);
  });
});

describe('groups: sort', () => {
  for (const key of GROUP_SORT_KEYS) {
    for (const dir of ['asc', 'desc'] as const) {
      test(`sort=${key}&dir=${dir}: concatenated pages are the full order, group_id breaks ties`, async () => {
        const rows = await allPages({ view: 'all', sort: key, dir }, 347);
        const expected = sortGroups(fx.groups, key, dir, fx.riskPosition);
        assert.deepEqual(ids(rows), ids(expected));
      });
    }
  }

  test('the default view is the work queue in risk order with risk_rank ascending', async () => {
    const rows = await allPages({});
    const expected = sortGroups(
      fx.groups.filter((g) => g.in_queue),
      'risk',
      'asc',
      fx.riskPosition,
    );
    assert.deepEqual(ids(rows), ids(expected));
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i]!.risk_rank > rows[i - 1]!.risk_rank);
    // Issue 13 defect 7: Delete records reach the queue, first; unusable-name singletons come last.
    assert.equal(rows[0]?.risk_tier, 'delete');
    const tiers = rows.map((r) => r.risk_tier);
    assert.ok(tiers.includes('verify') && tiers.indexOf('verify') > tiers.lastIndexOf('delete'));
    const unusable = tiers.indexOf('unusable');
    if (unusable >= 0)
      assert.ok(
        tiers.slice(unusable).every((t) => t === 'unusable'),
        'unusable singletons last',
      );
    assert.ok(rows.every((r) => r.reviewed === false && r.decisions_pending === 0));
  });
});

describe('groups: filters', () => {
  const cases: [string, Partial<GroupQuery>, Record<string, string>][] = [
    ['view=all', { view: 'all' }, { view: 'all' }],
    ['view=queue', { view: 'queue' }, { view: 'queue' }],
    ['view=changed', { view: 'changed' }, { view: 'changed' }],
    ...(['new_records', 'gained', 'lost'] as const).map((k): [string, Partial<GroupQuery>, Record<string, string>] => [
      `change=${k}`,
      { view: 'changed', change: [k] },
      { view: 'changed', change: k },
    ]),
    ...(['Keep', 'Update', 'Delete', 'Verify'] as const).flatMap(
      (d): [string, Partial<GroupQuery>, Record<string, string>][] => [
        [`disposition=${d} (contains)`, { view: 'all', disposition: [d] }, { view: 'all', disposition: d }],
        [
          `disposition=${d} (primary)`,
          { view: 'all', disposition: [d], dispositionMode: 'primary' },
          { view: 'all', disposition: d, dispositionMode: 'primary' },
        ],
      ],
    ),
    [
      'disposition=Delete,Verify (either)',
      { view: 'all', disposition: ['Delete', 'Verify'] },
      { view: 'all', disposition: 'Delete,Verify' },
    ],
    ...GROUP_FLAGS.map((f): [string, Partial<GroupQuery>, Record<string, string>] => [
      `flags=${f}`,
      { view: 'all', flags: [f] },
      { view: 'all', flags: f },
    ]),
    [
      'flags=weak_bridge,suffix_conflict (either)',
      { view: 'all', flags: ['weak_bridge', 'suffix_conflict'] },
      { view: 'all', flags: 'weak_bridge,suffix_conflict' },
    ],
    ...JOIN_REASONS.map((j): [string, Partial<GroupQuery>, Record<string, string>] => [
      `joinReason=${j}`,
      { view: 'all', joinReason: [j] },
      { view: 'all', joinReason: j },
    ]),
    ['sizeMin=3', { view: 'all', sizeMin: 3 }, { view: 'all', sizeMin: '3' }],
    ['sizeMax=2', { view: 'all', sizeMax: 2 }, { view: 'all', sizeMax: '2' }],
    ['edgeMin=90', { view: 'all', edgeMin: 90 }, { view: 'all', edgeMin: '90' }],
    ['edgeMax=88.5', { view: 'all', edgeMax: 88.5 }, { view: 'all', edgeMax: '88.5' }],
    ['multiOnly=true', { view: 'all', multiOnly: 'true' }, { view: 'all', multiOnly: 'true' }],
    ['multiOnly=false', { view: 'all', multiOnly: 'false' }, { view: 'all', multiOnly: 'false' }],
    ['reviewed=false', { view: 'all', reviewed: 'false' }, { view: 'all', reviewed: 'false' }],
    ['reviewed=true', { view: 'all', reviewed: 'true' }, { view: 'all', reviewed: 'true' }],
    ['hasDecision=true', { view: 'all', hasDecision: 'true' }, { view: 'all', hasDecision: 'true' }],
    [
      'several at once (AND across parameters)',
      { view: 'queue', disposition: ['Update'], sizeMin: 2, sizeMax: 30, edgeMax: 99, joinReason: ['exact_name'] },
      { view: 'queue', disposition: 'Update', sizeMin: '2', sizeMax: '30', edgeMax: '99', joinReason: 'exact_name' },
    ],
  ];
  for (const [name, oracleQuery, params] of cases) {
    test(`${name}: the listed groups and the true total`, async () => {
      const expected = sortGroups(filterGroups(fx.groups, oracleQuery), 'risk', 'asc', fx.riskPosition);
      const rows = await allPages(params);
      assert.deepEqual(ids(rows), ids(expected));
      const first = await page({ ...params, limit: 1 });
      assert.equal(first.total, expected.length);
      assert.equal(first.totalGroups, fx.groups.length);
    });
  }

  test('every filter kind has a case with at least one group (the cases are not vacuous)', () => {
    for (const [name, oracleQuery] of cases) {
      // Nothing is reviewed, decided or must-linked before issue 7, and a primary is never an Update (SPEC §9.1).
      const empty = ['reviewed=true', 'hasDecision=true', 'disposition=Update (primary)', 'joinReason=must_link'];
      if (empty.includes(name)) continue;
      assert.ok(filterGroups(fx.groups, oracleQuery).length > 0, name);
    }
  });

  test('rows of the changed view carry new/gained/lost counts', async () => {
    const rows = await allPages({ view: 'changed' });
    const byId = new Map(fx.groups.map((g) => [g.group_id, g]));
    for (const r of rows) assert.deepEqual(r.change, byId.get(r.group_id)?.change, r.group_id);
  });

  test('facets give the total each one-click disposition or flag filter would show', async () => {
    const base = { view: 'queue', sizeMin: '2' };
    const facets = (await get(runUrl(`/facets${qs(base)}`))).json as FacetCounts;
    assert.equal(facets.base, (await page({ ...base, limit: 1 })).total);
    for (const d of ['Keep', 'Update', 'Delete', 'Verify'] as const) {
      assert.equal(facets.disposition[d], (await page({ ...base, disposition: d, limit: 1 })).total, d);
    }
    for (const f of GROUP_FLAGS) assert.equal(facets.flags[f], (await page({ ...base, flags: f, limit: 1 })).total, f);
  });
});

describe('groups: search', () => {
  const tokenHolders = (predicate: (token: string) => boolean): Set<string> =>
    new Set(fx.records.filter((r) => r.name_tokens.some(predicate)).map((r) => r.group_id));

  test('prefix: every group with a member name token starting with it, names of matching members listed', async () => {
    // A group of at most five records, so the member is among the matched names listed (five per group at most).
    const small = (g: string): boolean => fx.records.filter((r) => r.group_id === g).length <= 5;
    const member = fx.records.find(
      (r) => !r.is_primary && r.name_tokens.some((t) => t.length >= 6) && small(r.group_id),
    )!;
    const token = member.name_tokens.find((t) => t.length >= 6)!;
    const prefix = token.slice(0, 4);
    const rows = await allPages({ view: 'all', q: prefix.toUpperCase() });
    assert.deepEqual(
      new Set(ids(rows)),
      tokenHolders((t) => t.startsWith(prefix)),
    );
    const hit = rows.find((r) => r.group_id === member.group_id)!;
    assert.ok(hit.matched_names.includes(member.account_name), 'a non-primary member counts and is listed');
    const p = await page({ view: 'all', q: prefix });
    assert.deepEqual(p.search, { mode: 'prefix', terms: [prefix] });
  });

  test('several words: a record must match every word (the last as a prefix)', async () => {
    const member = fx.records.find((r) => r.name_tokens.length >= 2 && r.name_tokens.every((t) => t.length >= 3))!;
    const [w1, w2] = member.name_tokens as [string, string];
    const rows = await allPages({ view: 'all', q: `${w1} ${w2.slice(0, 2)}` });
    const expected = new Set(
      fx.records
        .filter(
          (r) => r.name_tokens.some((t) => t.startsWith(w1)) && r.name_tokens.some((t) => t.startsWith(w2.slice(0, 2))),
        )
        .map((r) => r.group_id),
    );
    assert.deepEqual(new Set(ids(rows)), expected);
  });

  test('fuzzy: a misspelt word with no prefix match finds the similar token', async () => {
    const all = new Set(fx.records.flatMap((r) => r.name_tokens));
    let typo = '';
    let original = '';
    for (const token of all) {
      if (token.length < 7 || !/^[a-z]+$/.test(token)) continue;
      const candidate = token.slice(0, 3) + token.slice(4); // drop the 4th letter
      if (![...all].some((t) => t.startsWith(candidate))) {
        typo = candidate;
        original = token;
        break;
      }
    }
    assert.ok(typo.length > 0);
    const p = await page({ view: 'all', q: typo, limit: 500 });
    assert.equal(p.search?.mode, 'fuzzy');
    assert.ok(p.search?.terms.includes(original), `${typo} → ${original}`);
    const holders = tokenHolders((t) => t === original);
    assert.ok(ids(p.rows).some((id) => holders.has(id)));
  });

  test('account id (18 and 15 characters) finds its group and names the record', async () => {
    const member = fx.records.find((r) => !r.is_primary && r.account_id.length === 18)!;
    for (const q of [member.account_id, member.account_id.slice(0, 15)]) {
      const p = await page({ view: 'all', q });
      assert.equal(p.search?.mode, 'account_id', q);
      assert.deepEqual(ids(p.rows), [member.group_id]);
      assert.deepEqual(p.rows[0]?.matched_names, [member.account_name]);
    }
  });

  test('group id finds the group, in any letter case', async () => {
    const g = fx.groups.find((x) => x.size > 2)!;
    for (const q of [g.group_id, g.group_id.toLowerCase()]) {
      const p = await page({ view: 'all', q });
      assert.equal(p.search?.mode, 'group_id');
      assert.ok(ids(p.rows).includes(g.group_id), q);
    }
  });

  test('a search nothing matches gives an empty page and total 0', async () => {
    for (const q of ['zzqxjv', '***', 'g-nothing-here']) {
      const p = await page({ view: 'all', q });
      assert.equal(p.total, 0, q);
      assert.deepEqual(p.rows, []);
    }
  });

  test('search combines with filters and sort', async () => {
    const prefix = fx.records
      .find((r) => r.name_tokens[0] !== undefined && r.name_tokens[0].length >= 4)!
      .name_tokens[0]!.slice(0, 3);
    const rows = await allPages({ view: 'all', q: prefix, sort: 'size', dir: 'desc', sizeMin: 2 }, 50);
    const holders = tokenHolders((t) => t.startsWith(prefix));
    const expected = sortGroups(
      fx.groups.filter((g) => holders.has(g.group_id) && g.size >= 2),
      'size',
      'desc',
      fx.riskPosition,
    );
    assert.deepEqual(ids(rows), ids(expected));
  });
});

describe('groups: paging', () => {
  test('an offset past the end gives no rows and the same total; the last page is partial', async () => {
    const total = (await page({ view: 'all', limit: 1 })).total;
    const past = await page({ view: 'all', offset: total + 10, limit: 100 });
    assert.equal(past.total, total);
    assert.deepEqual(past.rows, []);
    const last = await page({ view: 'all', offset: total - 3, limit: 100 });
    assert.equal(last.rows.length, 3);
    assert.equal(last.offset, total - 3);
  });
});

describe('group details', () => {
  const largest = (): OracleGroup => [...fx.groups].sort((a, b) => b.size - a.size)[0]!;

  test('members are paged, never truncated: pages concatenate to every member, primary first', async () => {
    const g = largest();
    const seen: string[] = [];
    let details: GroupDetails | null = null;
    for (let offset = 0; offset < g.size; offset += 7) {
      const r = await get(runUrl(`/groups/${g.group_id}?membersOffset=${offset}&membersLimit=7`));
      assert.equal(r.status, 200, r.body);
      details = groupDetailsSchema.parse(r.json);
      if (offset === 0) assert.equal(details.members[0]?.is_primary, true);
      seen.push(...details.members.map((m) => m.account_id));
      assert.equal(details.membersTotal, g.size);
    }
    const expected = fx.records.filter((r) => r.group_id === g.group_id).map((r) => r.account_id);
    assert.deepEqual([...seen].sort(), [...expected].sort());
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(details !== null && details.mergePreview.length > 0);
  });

  test('why these are together: accepted edges with components, thresholds and plain-language joins', async () => {
    const g = fx.groups
      .filter((x) => x.join_reasons.has('edge>=medium+shared_token'))
      .sort((a, b) => a.size - b.size)[0]!;
    const details = groupDetailsSchema.parse((await get(runUrl(`/groups/${g.group_id}?membersLimit=1000`))).json);
    assert.deepEqual(details.thresholds, fx.thresholds);
    assert.ok(details.edges.some((e) => e.accepted));
    for (const e of details.edges) {
      assert.ok(e.token_set >= 0 && e.token_sort >= 0 && e.jaccard >= 0 && e.score >= 0);
    }
    const medium = details.members.find((m) => m.join_reason === 'edge>=medium+shared_token')!;
    assert.match(
      medium.join_text,
      new RegExp(`^\\d+(\\.\\d)? to .+, above medium ${fx.thresholds.medium} with shared tokens? '`),
    );
    assert.ok(medium.shared_tokens.length > 0);
    const exact = details.members.find((m) => m.join_reason === 'exact_name');
    if (exact !== undefined) assert.match(exact.join_text, /^same name as /);
    assert.ok(details.group.survivorship_reason !== null, 'why this primary');
  });

  test('alias matches link to groups that exist', async () => {
    const { readParquet } = await import('../support/run-fixture.js');
    const aliases = await readParquet(join(fx.runDir, 'alias_matches.parquet'));
    assert.ok(aliases.length > 0);
    const a = aliases[0]!;
    const owner = fx.records.find((r) => r.account_id === a.account_id)!;
    const details = groupDetailsSchema.parse((await get(runUrl(`/groups/${owner.group_id}`))).json);
    const match = details.aliasMatches.find((m) => m.alias === a.alias && m.account_id === a.account_id);
    assert.ok(match !== undefined);
    assert.equal(match.group_id, owner.group_id);
    assert.equal((await get(runUrl(`/groups/${match.matched_group_id}`))).status, 200);
  });

  test('unknown group → 404 with a message', async () => {
    const r = await get(runUrl('/groups/g-NOPE'));
    assert.equal(r.status, 404);
    assert.match((r.json as { error: string }).error, /no group "g-NOPE"/);
  });
});

describe('bad requests', () => {
  const bad: [string, string][] = [
    ['unknown parameter', '/groups?colour=red'],
    ['bad sort enum', '/groups?sort=sise'],
    ['bad dir', '/groups?dir=up'],
    ['bad view', '/groups?view=everything'],
    ['bad disposition in a list', '/groups?disposition=Keep,Maybe'],
    ['bad flag', '/groups?flags=weak'],
    ['bad join reason', '/groups?joinReason=close'],
    ['bad change kind', '/groups?change=moved'],
    ['limit above 500', '/groups?limit=501'],
    ['limit 0', '/groups?limit=0'],
    ['negative offset', '/groups?offset=-1'],
    ['fractional offset', '/groups?offset=1.5'],
    ['non-numeric size', '/groups?sizeMin=big'],
    ['repeated parameter', '/groups?sort=size&sort=risk'],
    ['search over 200 characters', `/groups?q=${'a'.repeat(201)}`],
    ['membersLimit above 1000', '/groups/g-x?membersLimit=1001'],
    ['unknown parameter on details', '/groups/g-x?page=2'],
    ['unknown parameter on summary', '/summary?x=1'],
    ['unknown parameter on facets', '/facets?x=1'],
  ];
  for (const [name, path] of bad) {
    test(`${name} → 400 with a one-line message`, async () => {
      const r = await get(runUrl(path));
      assert.equal(r.status, 400, r.body);
      const error = (r.json as { error: string }).error;
      assert.ok(error.length > 0 && !error.includes('\n'), error);
    });
  }

  test('unknown run → 404 on every run endpoint', async () => {
    for (const path of ['', '/groups', '/groups/g-x', '/facets', '/summary', '/changes', '/rejected.csv']) {
      const r = await get(`/api/runs/20990101-000000-ffffff${path}`);
      assert.equal(r.status, 404, path);
      assert.match((r.json as { error: string }).error, /no run/);
    }
    assert.equal((await get('/api/runs/..%2F..%2Fetc/groups')).status, 404);
  });

  const INJECTIONS = [
    "'; DROP TABLE x; --",
    '" OR 1=1',
    "' OR '1'='1",
    '1; SELECT * FROM duckdb_tables()',
    ') UNION SELECT 1 --',
    '%27%3B',
    '\\x00',
    "g-1' OR group_id LIKE '%",
  ];
  const PARAMS = [
    'view',
    'sort',
    'dir',
    'offset',
    'limit',
    'q',
    'disposition',
    'dispositionMode',
    'sizeMin',
    'sizeMax',
    'edgeMin',
    'edgeMax',
    'flags',
    'joinReason',
    'multiOnly',
    'change',
    'reviewed',
    'hasDecision',
  ];

  test('SQL injection strings in every parameter give 400 or a normal answer, never 500', async () => {
    const before = (await page({ view: 'all', limit: 1 })).total;
    for (const attack of INJECTIONS) {
      for (const param of PARAMS) {
        const r = await get(runUrl(`/groups${qs({ [param]: attack })}`));
        assert.ok(r.status === 400 || r.status === 200, `${param}=${attack} → ${r.status} ${r.body}`);
        if (r.status === 200) assert.equal(param, 'q', `${param} accepted ${attack}`);
        const f = await get(runUrl(`/facets${qs({ [param]: attack })}`));
        assert.ok(f.status === 400 || f.status === 200, `facets ${param}=${attack} → ${f.status}`);
      }
      for (const path of [
        `/api/runs/${encodeURIComponent(attack)}/groups`,
        runUrl(`/groups/${encodeURIComponent(attack)}`),
        runUrl(`/groups/g-x?membersOffset=${encodeURIComponent(attack)}`),
      ]) {
        const r = await get(path);
        assert.ok(r.status === 404 || r.status === 400, `${path} → ${r.status} ${r.body}`);
      }
    }
    assert.equal((await page({ view: 'all', limit: 1 })).total, before, 'the tables are intact');
  });
});

describe('access', () => {
  test('a token server refuses requests without it and accepts Bearer or the cookie set from ?token=', async () => {
    const token = 'secret-token-123';
    const guarded = await buildServer({ workspace: fx.workspace, token, engine: { memoryLimit: '512MB', threads: 1 } });
    try {
      assert.equal((await guarded.inject({ url: '/api/runs' })).statusCode, 401);
      assert.equal(
        (await guarded.inject({ url: '/api/runs', headers: { authorization: 'Bearer nope' } })).statusCode,
        401,
      );
      assert.equal(
        (await guarded.inject({ url: '/api/runs', headers: { authorization: `Bearer ${token}` } })).statusCode,
        200,
      );
      const visit = await guarded.inject({ url: `/runs/x?token=${token}&a=1` });
      assert.equal(visit.statusCode, 303);
      assert.equal(visit.headers.location, '/runs/x?a=1');
      const cookie = String(visit.headers['set-cookie']).split(';')[0]!;
      assert.match(String(visit.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
      assert.equal((await guarded.inject({ url: '/api/runs', headers: { cookie } })).statusCode, 200);
      assert.equal(
        (await guarded.inject({ url: '/api/runs', headers: { cookie: 'junction_token=x' } })).statusCode,
        401,
      );
    } finally {
      await guarded.close();
    }
  });

  test('a non-loopback host without a token is refused before listening', async () => {
    await assert.rejects(
      startReviewServer({ workspace: fx.workspace, host: '0.0.0.0', port: 0, token: null }),
      /reachable from other machines: give an access token/,
    );
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('localhost'), true);
    assert.equal(isLoopbackHost('::1'), true);
    assert.equal(isLoopbackHost('0.0.0.0'), false);
    assert.equal(isLoopbackHost('192.168.1.5'), false);
  });

  test('state-changing requests need the CSRF header from /api/session', async () => {
    const refused = await app.inject({ method: 'POST', url: '/api/runs' });
    assert.equal(refused.statusCode, 403);
    const { csrfToken } = (await get('/api/session')).json as { csrfToken: string };
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { 'x-junction-csrf': csrfToken, origin: 'http://evil.example', host: 'localhost:4173' },
    });
    assert.equal(crossSite.statusCode, 403);
    const allowed = await app.inject({ method: 'POST', url: '/api/runs', headers: { 'x-junction-csrf': csrfToken } });
    assert.equal(allowed.statusCode, 404, 'past the CSRF check; no such route yet');
  });
});

describe('static files', () => {
  test('the SPA is served with an index.html fallback for deep links; API paths stay JSON 404s', async () => {
    const dir = join(fx.dir, 'web');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const web = await buildServer({
      workspace: fx.workspace,
      staticDir: dir,
      engine: { memoryLimit: '512MB', threads: 1 },
    });
    try {
      assert.match((await web.inject({ url: '/' })).body, /id="root"/);
      assert.match((await web.inject({ url: '/runs/abc/groups?flags=weak_bridge' })).body, /id="root"/);
      assert.equal((await web.inject({ url: '/assets/app.js' })).body, 'console.log(1)');
      const api = await web.inject({ url: '/api/nothing' });
      assert.equal(api.statusCode, 404);
      assert.deepEqual(api.json(), { error: 'no such endpoint: GET /api/nothing' });
    } finally {
      await web.close();
    }
    const bare = await buildServer({
      workspace: fx.workspace,
      staticDir: join(fx.dir, 'missing'),
      engine: { memoryLimit: '512MB', threads: 1 },
    });
    try {
      assert.match((await bare.inject({ url: '/' })).body, /run <code>npm run build<\/code>/);
    } finally {
      await bare.close();
    }
  });
});

describe('words and tokens', () => {
  test('joinText says the score, the member joined and the threshold (REVIEW §2.3)', () => {
    const t = { high: 92, medium: 84 };
    assert.equal(
      joinText({ join_reason: 'edge>=high', join_edge_score: 94, parent_name: 'ACME', shared_tokens: [] }, t),
      '94 to ACME, above high 92',
    );
    assert.equal(
      joinText(
        {
          join_reason: 'edge>=medium+shared_token',
          join_edge_score: 86,
          parent_name: 'Gold Gym',
          shared_tokens: ['fitness'],
        },
        t,
      ),
      "86 to Gold Gym, above medium 84 with shared token 'fitness'",
    );
    assert.equal(
      joinText({ join_reason: 'exact_name', join_edge_score: 100, parent_name: 'ACME', shared_tokens: [] }, t),
      'same name as ACME',
    );
  });

  test('query tokens fold accents and case and split on punctuation', () => {
    assert.deepEqual(queryTokens('Café  Müller-Co'), ['cafe', 'muller', 'co']);
    assert.deepEqual(queryTokens("'; DROP TABLE x; --"), ['drop', 'table', 'x']);
    assert.deepEqual(queryTokens('***'), []);
  });
});
