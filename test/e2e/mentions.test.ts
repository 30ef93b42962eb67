/**
 * Mentions in Chromium (issue 11): a multi-name record's drawer lists the group each of its names matches, and one
 * click assigns it to one of them — a must-link to that group's primary plus Update, journaled and applied by the
 * next run. Screenshot: test-output/screenshots/30-mentions.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { generateDataset } from '../../src/generate/index.js';
import { quoteField } from '../../src/input/csv-write.js';
import { decisionStateSchema } from '../../src/shared/api.js';
import { readCsvObjects, readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';

const MULTI = '1.ABM Janitorial 2.Hemet Valley Medical Center';
const NAMES = ['ABM Janitorial', 'ABM Janitorial', 'Hemet Valley Medical Center', 'Hemet Valley Medical Ctr', MULTI];

let dir: string;
let session: ReviewSession;
let workspace: string;
let input: string;
let runId: string;
let records: Record<string, unknown>[];

const byName = (name: string) => records.find((r) => r.account_name === name) as Record<string, unknown>;

describe('mentions in Chromium', { timeout: 5 * 60_000 }, () => {
  before(
    async () => {
      dir = await tempDir('junction-e2e-mentions-');
      workspace = join(dir, 'ws');
      const generated = join(dir, 'generated.csv');
      await generateDataset({ rows: 300, seed: 3, out: generated });
      const lines = ['Account ID,Account Name'];
      (await readCsvObjects(generated)).forEach((r, i) => {
        lines.push(`G${String(i).padStart(5, '0')},${quoteField(r['Account Name'] as string)}`);
      });
      NAMES.forEach((name, i) => {
        lines.push(`M${String(i).padStart(5, '0')},${quoteField(name)}`);
      });
      input = await writeInput(dir, 'accounts.csv', `${lines.join('\n')}\n`);
      runId = (await runOn(input, { workspace })).runId;
      records = await readParquet(join(workspace, 'runs', runId, 'records.parquet'));
      session = await ReviewSession.start(workspace);
    },
    { timeout: 3 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir }));

  test('the drawer lists the groups each name matches; Assign writes the link and the Update', {
    timeout: 90_000,
  }, async () => {
    const multi = byName(MULTI);
    const hemetGroup = byName('Hemet Valley Medical Center').group_id as string;
    const abmGroup = byName('ABM Janitorial').group_id as string;
    const page = await session.open(`/runs/${runId}/groups/${encodeURIComponent(multi.group_id as string)}?view=all`);
    const section = page.locator('section.mentions');
    await section.waitFor();
    const text = (await section.textContent()) ?? '';
    assert.match(text, /ABM Janitorial/);
    assert.match(text, /Hemet Valley Medical Center/);
    assert.ok(text.includes(abmGroup) && text.includes(hemetGroup), text);
    await screenshot(page, '30-mentions');

    await section.locator(`button[data-assign-group="${hemetGroup}"]`).click();
    await section.getByRole('status').waitFor();
    const state = await eventually('the two decisions', async () => {
      const s = await session.getJson(`/api/runs/${runId}/decisions`, (x) => decisionStateSchema.parse(x));
      return s.overrides.length > 0 && s.mustLinks.length > 0 ? s : null;
    });
    assert.deepEqual(
      state.overrides.map((o) => [o.account_id, o.value]),
      [[multi.account_id, 'Update']],
    );

    const next = (await runOn(input, { workspace })).runId;
    const after = await readParquet(join(workspace, 'runs', next, 'records.parquet'));
    const moved = after.find((r) => r.account_id === multi.account_id);
    const hemet = after.find((r) => r.account_name === 'Hemet Valley Medical Center');
    assert.equal(moved?.group_id, hemet?.group_id);
    assert.equal(moved?.disposition, 'Update');
  });
});
