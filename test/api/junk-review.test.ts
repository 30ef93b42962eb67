/**
 * Issue 11 through the review server: the blacklist page's preview counts exactly the records a run flags (the whole
 * raw name is read), and a multi-name record's mentions let a reviewer assign it to one group — a must-link to that
 * group's primary plus an Update override, both journaled, applied by the next run.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generateDataset } from '../../src/generate/index.js';
import { quoteField } from '../../src/input/csv-write.js';
import { buildServer } from '../../src/server/server.js';
import { blacklistPreviewSchema, groupDetailsSchema, MENTION_ALIAS_SOURCE } from '../../src/shared/api.js';
import { readCsvObjects, readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

/** Names the preview must read the way a run does: parentheses, accents, `&`, apostrophes, dotted legal forms. */
const NAMES = [
  'Globex Corp (DO NOT USE)',
  'Globex Corp',
  'Acme Plumbing (not sure)',
  'Müller & Söhne (do not use)',
  "Don't Use Holdings",
  'Smith & Sons',
  'Smith and Sons Plumbing',
  'Unknown',
  'Unknown L.L.C.',
  'No Company Listed',
  'Techno Company',
  'Straße Bau (not sure)',
  'Walmart (PNC not sure of spelling)',
  'ABM Janitorial',
  'ABM Janitorial',
  'Hemet Valley Medical Center',
  'Hemet Valley Medical Center Inc',
  '1.ABM Janitorial 2.Hemet Valley Medical Center',
];
/** Terms checked; the run is told about all of them, so it flags each. */
const TERMS = ['do not use', 'not sure', 'unknown', 'no company', 'smith and sons', 'strasse', 'dont use', 'sohne'];
const RUN = 'run-1';
const NEXT = 'run-2';

let dir: string;
let workspace: string;
let input: string;
let app: FastifyInstance;
let csrf: string;

before(async () => {
  dir = await tempDir('junction-junk-review-');
  workspace = join(dir, 'ws');
  const generated = join(dir, 'generated.csv');
  await generateDataset({ rows: 300, seed: 5, out: generated });
  const rows = await readCsvObjects(generated);
  const lines = ['Account ID,Account Name'];
  rows.forEach((r, i) => {
    lines.push(`G${String(i).padStart(5, '0')},${quoteField(r['Account Name'] as string)}`);
  });
  NAMES.forEach((name, i) => {
    lines.push(`N${String(i).padStart(5, '0')},${quoteField(name)}`);
  });
  input = await writeInput(dir, 'accounts.csv', `${lines.join('\n')}\n`);
  await runOn(input, { workspace, runId: RUN, config: { blacklist: { terms: TERMS } } });
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

async function decide(body: Record<string, unknown>): Promise<void> {
  const seq = ((await get(`/api/runs/${RUN}/decisions`)).json as { lastSeq: number }).lastSeq;
  const r = await app.inject({
    method: 'POST',
    url: `/api/runs/${RUN}/decisions`,
    headers: { 'x-junction-csrf': csrf },
    payload: { base_seq: seq, ...body },
  });
  assert.equal(r.statusCode, 200, r.body);
}

describe('the blacklist preview counts exactly what a run flags (issue 11)', () => {
  for (const term of TERMS) {
    test(term, async () => {
      const records = await readParquet(join(workspace, 'runs', RUN, 'records.parquet'));
      const flagged = records.filter((r) => (r.blacklist_terms as string[]).includes(term)).map((r) => r.account_id);
      const p = await get(`/api/runs/${RUN}/blacklist/preview?term=${encodeURIComponent(term)}`);
      assert.equal(p.status, 200, p.body);
      const preview = blacklistPreviewSchema.parse(p.json);
      assert.ok(flagged.length > 0, `the fixture holds no name with ${term}`);
      assert.equal(preview.hits, flagged.length);
      assert.deepEqual(
        preview.examples.map((e) => e.account_id),
        flagged.slice(0, preview.examples.length),
      );
    });
  }
  test('parentheses are read: Globex Corp (DO NOT USE) is a hit', async () => {
    const preview = blacklistPreviewSchema.parse(
      (await get(`/api/runs/${RUN}/blacklist/preview?term=DO%20NOT%20USE`)).json,
    );
    assert.ok(preview.examples.some((e) => e.account_name === 'Globex Corp (DO NOT USE)'));
  });
});

describe('mentions of a multi-name record (issue 11)', () => {
  test('the drawer data lists the group each name matches; assigning applies on the next run', async () => {
    const records = await readParquet(join(workspace, 'runs', RUN, 'records.parquet'));
    const multi = records.find((r) => r.account_name === '1.ABM Janitorial 2.Hemet Valley Medical Center');
    const abm = records.find((r) => r.account_name === 'ABM Janitorial');
    const hemet = records.find((r) => r.account_name === 'Hemet Valley Medical Center');
    assert.ok(multi && abm && hemet);
    assert.equal(multi.group_size, 1);
    const details = groupDetailsSchema.parse(
      (await get(`/api/runs/${RUN}/groups/${encodeURIComponent(multi.group_id as string)}`)).json,
    );
    const mentions = details.aliasMatches.filter((m) => m.alias_source === MENTION_ALIAS_SOURCE);
    assert.deepEqual(
      mentions.map((m) => [m.alias, m.matched_group_id]),
      [
        ['ABM Janitorial', abm.group_id],
        ['Hemet Valley Medical Center', hemet.group_id],
      ],
    );
    // The drawer's one click: a must-link to the chosen group's primary, then the disposition that follows.
    const target = groupDetailsSchema.parse(
      (await get(`/api/runs/${RUN}/groups/${encodeURIComponent(hemet.group_id as string)}?membersLimit=1`)).json,
    );
    const primary = target.group.primary_account_id as string;
    await decide({ kind: 'must_link', account_ids: [multi.account_id, primary] });
    await decide({
      kind: 'disposition_override',
      account_ids: [multi.account_id],
      value: 'Update',
      reason: `assigned to ${hemet.group_id}`,
    });
    await runOn(input, { workspace, runId: NEXT, config: { blacklist: { terms: TERMS } } });
    const next = await readParquet(join(workspace, 'runs', NEXT, 'records.parquet'));
    const moved = next.find((r) => r.account_id === multi.account_id);
    const primaryNow = next.find((r) => r.account_id === primary);
    assert.equal(moved?.group_id, primaryNow?.group_id);
    assert.equal(moved?.join_reason, 'must_link');
    assert.equal(moved?.disposition, 'Update');
    assert.equal(moved?.disposition_reason, 'manual_override');
    assert.equal(primaryNow?.is_primary, true);
  });
});
