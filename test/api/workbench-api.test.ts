/**
 * The steward's workbench through fastify's inject (issue 13): near-miss review and its labels, the labelled-pairs
 * file, the group graph and a split on an edge, "why together" with probabilities, the compact cluster view and
 * canonical names (journaled, stale after the member set changes, exported in the merge plan), and the threshold
 * explorer (consistent with the run at its own threshold, precision/recall against a truth column, Apply).
 */
import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadRunConfig } from '../../src/config/load.js';
import { FEATURE_NAMES } from '../../src/core/match/features.js';
import { Engine } from '../../src/engine/database.js';
import { BAND_WIDTH } from '../../src/engine/review-near-miss.js';
import { buildServer } from '../../src/server/server.js';
import { type GroupPage, groupPageSchema } from '../../src/shared/api.js';
import {
  canonicalNamesSchema,
  clusterNameMembersSchema,
  clusterNamesSchema,
  decisionWriteResponseSchema,
  groupGraphSchema,
  groupWhySchema,
  type NearMissPage,
  nearMissPageSchema,
  splitEdgeResponseSchema,
  thresholdApplyResponseSchema,
  thresholdExamplesSchema,
  thresholdSweepSchema,
} from '../../src/shared/workbench-api.js';
import { readCsvObjects, readParquet, runOn } from '../support/run-fixture.js';
import { TRUTH_COLUMN, type WorkbenchFixture, workbenchRun } from '../support/workbench-fixture.js';

let fx: WorkbenchFixture;
let app: FastifyInstance;
let csrf: string;
let run: string;

before(async () => {
  fx = await workbenchRun(4000, 23, 'junction-workbench-api-');
  run = fx.runId;
  app = await buildServer({
    workspace: fx.workspace,
    engine: { memoryLimit: '1GB', threads: 2 },
    onError: () => {},
    reviewer: 'ana',
  });
  csrf = ((await app.inject({ method: 'GET', url: '/api/session' })).json() as { csrfToken: string }).csrfToken;
});

after(async () => {
  await app?.close();
  if (fx !== undefined) await rm(fx.dir, { recursive: true, force: true });
});

async function get<T>(url: string, parse: (x: unknown) => T): Promise<T> {
  const r = await app.inject({ method: 'GET', url });
  assert.equal(r.statusCode, 200, `GET ${url}: ${r.body.slice(0, 300)}`);
  return parse(r.json());
}

async function post(url: string, payload: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
  const r = await app.inject({ method: 'POST', url, headers: { 'x-junction-csrf': csrf }, payload });
  return { status: r.statusCode, json: r.body.length > 0 ? r.json() : null };
}

const lastSeq = async (): Promise<number> =>
  ((await app.inject(`/api/runs/${run}/decisions`)).json() as { lastSeq: number }).lastSeq;
const nearMisses = (query = ''): Promise<NearMissPage> =>
  get(`/api/runs/${run}/near-misses${query}`, (x) => nearMissPageSchema.parse(x));
const groups = (query: string): Promise<GroupPage> =>
  get(`/api/runs/${run}/groups${query}`, (x) => groupPageSchema.parse(x));

describe('near-miss review', () => {
  test('pairs across groups, the highest band under medium first, in a stable sample order', async () => {
    const page = await nearMisses('?limit=20');
    const { medium } = page.thresholds;
    assert.ok(page.bands.length > 0, 'the generated data has near misses');
    const first = page.bands[0];
    // Bands are BAND_WIDTH-point steps down from the medium threshold; only those holding pairs are listed.
    const firstMax = first?.max ?? Number.NaN;
    assert.ok(firstMax <= medium && (medium - firstMax) % BAND_WIDTH === 0, `a band under medium: ${firstMax}`);
    const under = page.bands.filter((b) => b.id !== 'refused');
    for (let i = 1; i < under.length; i++) assert.ok((under[i]?.max ?? 0) <= (under[i - 1]?.min ?? 0), 'bands go down');
    assert.equal(page.band, first?.id);
    assert.equal(page.total, first?.unlabelled);
    for (const p of page.pairs) {
      assert.notEqual(p.a.group_id, p.b.group_id, 'a near miss crosses groups');
      assert.ok(p.evidence.score < medium && p.evidence.score >= (first?.min ?? 0), 'in its band');
      assert.equal(p.evidence.model, 'probability', 'pairs.parquet v2: the match model (issue 10)');
      assert.equal(p.evidence.score, Math.floor(100 * p.evidence.probability + 1e-9));
      const sum = p.evidence.contributions.reduce((s, c) => s + c.weight, 0);
      assert.ok(
        Math.abs(sum - (p.evidence.match_weight ?? Number.NaN)) <= 1e-6,
        `the waterfall adds up to the match weight: ${sum}`,
      );
    }
    const again = await nearMisses('?limit=20');
    assert.deepEqual(
      again.pairs.map((p) => [p.a.account_id, p.b.account_id]),
      page.pairs.map((p) => [p.a.account_id, p.b.account_id]),
      'the same sample on reload',
    );
    const bad = await app.inject(`/api/runs/${run}/near-misses?limit=0`);
    assert.equal(bad.statusCode, 400);
  });

  test('one label each way is journaled as must/cannot-link and leaves the unlabelled list', async () => {
    // Match probabilities are bimodal: take the first band under medium with two pairs to label.
    const bands = (await nearMisses('?limit=1')).bands;
    const band = bands.find((b) => b.id !== 'refused' && b.unlabelled >= 2);
    assert.ok(band, 'a band with two pairs');
    const page = await nearMisses(`?limit=5&band=${band.id}`);
    const [same, different] = page.pairs;
    assert.ok(same && different, 'two pairs to label');
    const wrote = await post(`/api/runs/${run}/near-misses/label`, {
      account_id_a: same.a.account_id,
      account_id_b: same.b.account_id,
      label: 'same',
      base_seq: await lastSeq(),
    });
    assert.equal(wrote.status, 200, JSON.stringify(wrote.json));
    const event = decisionWriteResponseSchema.parse(wrote.json).event;
    assert.equal(event.kind, 'must_link');
    assert.equal(event.reason, 'near-miss review');
    assert.deepEqual(event.account_ids, [same.a.account_id, same.b.account_id]);
    const second = await post(`/api/runs/${run}/near-misses/label`, {
      account_id_a: different.a.account_id,
      account_id_b: different.b.account_id,
      label: 'different',
      base_seq: await lastSeq(),
    });
    assert.equal(second.status, 200);

    const after = await nearMisses(`?limit=200&band=${band.id}`);
    const ids = (p: { a: { account_id: string }; b: { account_id: string } }): string =>
      `${p.a.account_id}|${p.b.account_id}`;
    assert.ok(!after.pairs.some((p) => ids(p) === ids(same) || ids(p) === ids(different)), 'labelled pairs leave');
    assert.equal(after.total, page.total - 2);
    assert.deepEqual(after.labels, { must: 1, cannot: 1 });
    const labelled = await nearMisses(`?show=labelled&band=${page.band}`);
    assert.deepEqual(
      labelled.pairs.map((p) => [ids(p), p.label?.kind]).sort(),
      [
        [ids(same), 'must_link'],
        [ids(different), 'cannot_link'],
      ].sort(),
    );
    const stale = await post(`/api/runs/${run}/near-misses/label`, {
      account_id_a: same.a.account_id,
      account_id_b: same.b.account_id,
      label: 'different',
      base_seq: 0,
    });
    assert.equal(stale.status, 409, 'a label from a stale page is refused (SPEC §10 no lost updates)');
  });

  test('the labelled-pairs file lists every label of the dataset with names and the pair probability', async () => {
    const r = await app.inject(`/api/runs/${run}/labelled-pairs.csv`);
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-disposition']), /labelled-pairs\.csv/);
    const file = join(fx.dir, 'labels.csv');
    await writeFile(file, r.body);
    const rows = await readCsvObjects(file);
    assert.equal(rows.length, 2);
    const must = rows.find((x) => x.label === 'match');
    assert.equal(must?.decision, 'must_link');
    assert.equal(must?.reason, 'near-miss review');
    assert.ok((must?.name_a ?? '').length > 0 && (must?.name_b ?? '').length > 0);
    assert.ok(Number(must?.probability) > 0 && Number(must?.probability) < 1);
    assert.equal(rows.find((x) => x.label === 'non_match')?.decision, 'cannot_link');
  });
});

/** A multi-key group joined by a medium edge: it has a graph worth drawing. */
async function mediumGroup(): Promise<string> {
  const page = await groups('?view=all&joinReason=edge>=medium%2Bshared_token&sort=size&dir=desc&limit=20');
  const row = page.rows.find((r) => r.size >= 3);
  assert.ok(row, 'a group joined by a medium edge');
  return row.group_id;
}

describe('group graph and why together', () => {
  test('keys as nodes, the forest as accepted edges, unused pairs as rejected ones', async () => {
    const groupId = await mediumGroup();
    const graph = await get(`/api/runs/${run}/groups/${groupId}/graph`, (x) => groupGraphSchema.parse(x));
    assert.equal(graph.nodes.filter((n) => n.is_primary).length, 1);
    assert.equal(graph.nodes.reduce((s, n) => s + n.records, 0) <= 1000, true);
    const accepted = graph.edges.filter((e) => e.accepted);
    assert.equal(accepted.length, graph.nodes.length - 1, 'a spanning tree over the keys');
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) assert.ok(ids.has(e.a) && ids.has(e.b));
    const medium = accepted.find((e) => e.join_reason === 'edge>=medium+shared_token');
    assert.ok(medium?.evidence, 'a scored accepted edge carries its evidence');
    assert.ok((medium?.evidence?.score ?? 0) >= graph.thresholds.medium);
    for (const e of graph.edges.filter((x) => !x.accepted)) {
      assert.equal(e.split_off, null);
      assert.ok(e.evidence !== null);
    }
    for (const n of graph.nodes) if (!n.is_primary) assert.ok(n.parent !== null && n.depth > 0);

    const why = await get(`/api/runs/${run}/groups/${groupId}/why`, (x) => groupWhySchema.parse(x));
    assert.equal(why.acceptedTotal, accepted.length);
    const p = why.edges.map((e) => e.evidence?.probability ?? 1);
    assert.deepEqual(
      p,
      [...p].sort((x, y) => x - y),
      'weakest first',
    );
    assert.equal((await app.inject(`/api/runs/${run}/groups/g-nope/graph`)).statusCode, 404);
  });

  test('a split on an edge is one cannot-link from the larger side to every record of the smaller side', async () => {
    const groupId = await mediumGroup();
    const graph = await get(`/api/runs/${run}/groups/${groupId}/graph`, (x) => groupGraphSchema.parse(x));
    const edge = graph.edges.find((e) => e.accepted && e.join_reason === 'edge>=medium+shared_token');
    assert.ok(edge);
    const size = (await get(`/api/runs/${run}/groups?q=${groupId}&view=all`, (x) => groupPageSchema.parse(x))).rows[0]
      ?.size;
    const wrote = await post(`/api/runs/${run}/groups/${groupId}/split-edge`, {
      account_id_a: edge.account_id_b,
      account_id_b: edge.account_id_a,
      base_seq: await lastSeq(),
    });
    assert.equal(wrote.status, 200, JSON.stringify(wrote.json));
    const split = splitEdgeResponseSchema.parse(wrote.json);
    assert.equal(split.split_off, edge.split_off, 'the member that joined through the edge and everything under it');
    assert.equal(split.event.kind, 'cannot_link');
    const ids = split.event.account_ids ?? [];
    const smaller = Math.min(split.split_off, (size ?? 0) - split.split_off);
    assert.equal(ids.length, smaller + 1, 'the anchor plus the smaller side');
    assert.ok([edge.account_id_a, edge.account_id_b].includes(ids[0] as string), 'anchored at an end of the edge');

    const notAnEdge = await post(`/api/runs/${run}/groups/${groupId}/split-edge`, {
      account_id_a: 'nope',
      account_id_b: edge.account_id_b,
      base_seq: await lastSeq(),
    });
    assert.equal(notAnEdge.status, 400);
  });
});

describe('compact cluster view and canonical names', () => {
  let groupId: string;
  let size: number;

  test('one row per distinct name with its count, the primary first; the records of one name', async () => {
    const page = await groups('?view=all&sort=size&dir=desc&limit=5');
    const big = page.rows[0];
    assert.ok(big && big.size >= 5);
    groupId = big.group_id;
    size = big.size;
    const names = await get(`/api/runs/${run}/groups/${groupId}/names`, (x) => clusterNamesSchema.parse(x));
    assert.equal(names.size, size);
    assert.equal(
      names.names.reduce((s, n) => s + n.count, 0),
      size,
    );
    assert.equal(names.names[0]?.primary, true, 'the primary name first');
    assert.equal(names.namesTotal, names.names.length);
    assert.equal(new Set(names.names.map((n) => n.name)).size, names.names.length);
    const counts = names.names.slice(1).map((n) => n.count);
    assert.deepEqual(
      counts,
      [...counts].sort((x, y) => y - x),
      'then by count',
    );
    assert.equal(names.canonical, null);
    const one = names.names[0];
    assert.ok(one);
    const members = await get(
      `/api/runs/${run}/groups/${groupId}/names/members?name=${encodeURIComponent(one.name)}`,
      (x) => clusterNameMembersSchema.parse(x),
    );
    assert.equal(members.total, one.count);
    assert.equal(members.members[0]?.is_primary, true);
  });

  test('a canonical name is journaled for the member set, shown for the group and exported in the merge plan', async () => {
    const wrote = await post(`/api/runs/${run}/groups/${groupId}/canonical-name`, {
      value: '  Clean Name Co  ',
      reason: 'store numbers',
      base_seq: await lastSeq(),
    });
    assert.equal(wrote.status, 200, JSON.stringify(wrote.json));
    const event = decisionWriteResponseSchema.parse(wrote.json).event;
    assert.equal(event.kind, 'canonical_name');
    assert.equal(event.value, 'Clean Name Co', 'trimmed');
    assert.equal(event.account_ids?.length, size, 'every member');
    const names = await get(`/api/runs/${run}/canonical-names`, (x) => canonicalNamesSchema.parse(x));
    assert.deepEqual(
      names.names.map((n) => [n.group_id, n.value, n.state]),
      [[groupId, 'Clean Name Co', 'current']],
    );
    const details = await get(`/api/runs/${run}/groups/${groupId}/names`, (x) => clusterNamesSchema.parse(x));
    assert.equal(details.canonical?.value, 'Clean Name Co');
    assert.equal(details.canonical?.reviewer, 'ana');

    const r = await app.inject(
      `/api/runs/${run}/export?scope=merge-plan&format=loader-csv&view=all&allowPending=true&q=${groupId}`,
    );
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    const file = join(fx.dir, 'plan.csv');
    await writeFile(file, r.body);
    const plan = await readCsvObjects(file);
    assert.ok(plan.length > 0);
    assert.ok(plan.every((row) => row.group_id === groupId && row.canonical_name === 'Clean Name Co'));
    const blank = await post(`/api/runs/${run}/groups/${groupId}/canonical-name`, {
      value: '   ',
      base_seq: await lastSeq(),
    });
    assert.equal(blank.status, 400);
  });
});

describe('threshold explorer', () => {
  test('at the run medium the sweep is the run; raising it splits, lowering it merges', async () => {
    const sweep = await get(`/api/runs/${run}/thresholds/sweep`, (x) => thresholdSweepSchema.parse(x));
    const { medium, high } = sweep.thresholds;
    assert.equal(sweep.points.length, 101);
    const at = (t: number) => sweep.points.find((p) => p.t === t);
    const totals = await groups('?view=all&limit=1');
    assert.equal(at(medium)?.groups, totals.total, 'the run itself');
    assert.equal(at(medium)?.split_groups, 0);
    assert.equal(at(medium)?.merges, 0);
    for (let t = 1; t <= 100; t++) {
      assert.ok((at(t - 1)?.groups ?? 0) <= (at(t)?.groups ?? 0), `groups never grow as t falls (t=${t})`);
    }
    assert.ok((at(high)?.split_groups ?? 0) >= (at(medium + 1)?.split_groups ?? 0));
    assert.ok((at(medium - 10)?.merges ?? 0) > 0, 'a lower threshold merges some groups');
    assert.ok(sweep.truth.columns.includes(TRUTH_COLUMN));
    assert.equal(sweep.truth.columns[0], TRUTH_COLUMN, 'a column that looks like a truth is offered first');
    assert.equal(at(medium)?.precision, null);

    const down = await get(`/api/runs/${run}/thresholds/examples?t=${medium - 10}&limit=3`, (x) =>
      thresholdExamplesSchema.parse(x),
    );
    assert.equal(down.mergeTotal, at(medium - 10)?.merges);
    assert.ok(down.merges.length > 0 && down.merges.length <= 3);
    for (const m of down.merges) {
      assert.ok(m.groups.length >= 2);
      assert.ok(m.via !== null && m.via.probability * 100 >= medium - 10 && m.via.probability * 100 < medium);
    }
    const up = await get(`/api/runs/${run}/thresholds/examples?t=${high}`, (x) => thresholdExamplesSchema.parse(x));
    assert.equal(up.splitTotal, at(high)?.split_groups);
    for (const s of up.splits) assert.ok(s.pieces >= 2 && s.cut !== null && s.cut.probability * 100 < high);
  });

  test('precision and recall against a truth column equal the pairwise metrics of the run at its medium', async () => {
    const sweep = await get(`/api/runs/${run}/thresholds/sweep?truth=${encodeURIComponent(TRUTH_COLUMN)}`, (x) =>
      thresholdSweepSchema.parse(x),
    );
    const point = sweep.points.find((p) => p.t === sweep.thresholds.medium);
    assert.ok(point?.precision !== null && point?.recall !== null);
    const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
    try {
      const records = join(fx.workspace, 'runs', run, 'records.parquet').replaceAll("'", "''");
      const [row] = await engine.rows<{ correct: number; predicted: number; truth: number }>(
        'test: pairwise counts',
        `WITH r AS (SELECT group_id, nullif(trim("${TRUTH_COLUMN}"), '') AS e FROM read_parquet('${records}')),
              cells AS (SELECT group_id, e, count(*)::DOUBLE AS n FROM r WHERE e IS NOT NULL GROUP BY ALL),
              c AS (SELECT group_id, count(*)::DOUBLE AS n FROM r GROUP BY ALL),
              t AS (SELECT e, count(*)::DOUBLE AS n FROM r WHERE e IS NOT NULL GROUP BY ALL)
         SELECT (SELECT sum(n * (n - 1) / 2) FROM cells) AS correct, (SELECT sum(n * (n - 1) / 2) FROM c) AS predicted,
                (SELECT sum(n * (n - 1) / 2) FROM t) AS truth`,
      );
      assert.ok(row);
      assert.ok(Math.abs((point?.precision ?? 0) - row.correct / row.predicted) < 1e-9, 'precision');
      assert.ok(Math.abs((point?.recall ?? 0) - row.correct / row.truth) < 1e-9, 'recall');
    } finally {
      engine.close();
    }
    assert.equal(
      (await app.inject(`/api/runs/${run}/thresholds/sweep?truth=${encodeURIComponent('no such')}`)).statusCode,
      400,
    );
  });

  test("the steward's labels give pair precision/recall by threshold", async () => {
    const sweep = await get(`/api/runs/${run}/thresholds/sweep`, (x) => thresholdSweepSchema.parse(x));
    assert.ok(sweep.steward.matched > 0, 'labels from the near-miss and split tests');
    // Lowering the threshold only adds joins: the labels' recall never falls as t does. (A labelled pair may stay
    // apart even at 0: the chain guards still refuse it, as `Jack in the Box` / `JITB` past the canopy bound.)
    const byT = [...sweep.points].sort((x, y) => x.t - y.t);
    for (const p of byT) assert.ok(p.steward_recall !== null, `the must-link counted at ${p.t}`);
    for (let i = 1; i < byT.length; i++)
      assert.ok((byT[i]?.steward_recall ?? 2) <= (byT[i - 1]?.steward_recall ?? -1), 'recall falls as t rises');
  });

  test('Apply writes medium (and high) to <workspace>/junction.yaml; the next junction run reads it', async () => {
    const wrote = await post(`/api/runs/${run}/thresholds/apply`, { medium: 84 });
    assert.equal(wrote.status, 200, JSON.stringify(wrote.json));
    const applied = thresholdApplyResponseSchema.parse(wrote.json);
    assert.equal(applied.path, join(fx.workspace, 'junction.yaml'));
    assert.equal(applied.thresholds.medium, 84);
    const { config, source } = await loadRunConfig(undefined, fx.workspace);
    assert.equal(source, applied.path);
    assert.equal(config.thresholds.medium, 84);
    assert.equal(config.thresholds.high, applied.thresholds.high);
    assert.equal((await post(`/api/runs/${run}/thresholds/apply`, { medium: 90, high: 85 })).status, 400);
    assert.match(await readFile(applied.path, 'utf8'), /medium: 84/);
  });
});

describe('a re-run after the member set changed', () => {
  test('the canonical name turns stale and is no longer exported; the v2 columns are read when present', async () => {
    const names = await get(`/api/runs/${run}/canonical-names`, (x) => canonicalNamesSchema.parse(x));
    const named = names.names[0];
    assert.ok(named);
    // Split the primary out of the named group: the next run's group holds a different member set.
    const members = await readParquet(join(fx.workspace, 'runs', run, 'records.parquet'));
    const ids = members.filter((m) => m.group_id === named.group_id).map((m) => m.account_id as string);
    const [first, ...rest] = ids;
    const split = await app.inject({
      method: 'POST',
      url: `/api/runs/${run}/decisions`,
      headers: { 'x-junction-csrf': csrf },
      payload: { kind: 'cannot_link', account_ids: [first, ...rest], base_seq: await lastSeq() },
    });
    assert.equal(split.statusCode, 200, split.body);
    await app.close();
    const second = await runOn(fx.input, {
      workspace: fx.workspace,
      runId: 'run-2',
      config: { thresholds: { medium: 84 } },
    });
    // A copy of the new run: its pairs.parquet has the match model's columns (issue 10).
    const v2 = join(fx.workspace, 'runs', 'run-3');
    await cp(second.dir, v2, { recursive: true });
    const manifest = JSON.parse(await readFile(join(v2, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(v2, 'manifest.json'), JSON.stringify({ ...manifest, run_id: 'run-3' }));
    app = await buildServer({ workspace: fx.workspace, engine: { memoryLimit: '1GB', threads: 2 }, onError: () => {} });
    csrf = ((await app.inject({ method: 'GET', url: '/api/session' })).json() as { csrfToken: string }).csrfToken;

    run = 'run-2';
    const after = await get(`/api/runs/${run}/canonical-names`, (x) => canonicalNamesSchema.parse(x));
    assert.ok(after.names.length >= 1);
    for (const n of after.names) {
      assert.equal(n.state, 'stale');
      assert.match(n.stale_reason ?? '', /named for \d+ members; since then \d+ records? joined and \d+ records? left/);
    }
    const r = await app.inject(`/api/runs/${run}/export?scope=merge-plan&format=loader-csv&view=all&allowPending=true`);
    assert.equal(r.statusCode, 200);
    const file = join(fx.dir, 'plan-2.csv');
    await writeFile(file, r.body);
    assert.ok(
      (await readCsvObjects(file)).every((row) => row.canonical_name === ''),
      'a stale name is not exported',
    );

    run = 'run-3';
    const page = await nearMisses('?limit=5');
    assert.equal(page.model, 'probability');
    const pair = page.pairs[0];
    assert.ok(pair);
    assert.deepEqual(
      pair.evidence.contributions.map((c) => c.feature),
      // `site` shows only in a site list (src/core/site.ts), which this generated CRM file is not.
      ['prior', ...FEATURE_NAMES.filter((f) => f !== 'site')],
    );
    assert.equal(pair.evidence.score, Math.floor(100 * pair.evidence.probability + 1e-9));
    assert.ok(pair.evidence.match_weight !== null);
    const groupId = await mediumGroup();
    const why = await get(`/api/runs/${run}/groups/${groupId}/why`, (x) => groupWhySchema.parse(x));
    assert.equal(why.model, 'probability');
    assert.ok(why.edges.some((e) => e.evidence?.model === 'probability'));
  });
});
