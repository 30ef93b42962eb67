/**
 * The compact cluster view and canonical names in Chromium (issue 13): one row per distinct name with its count,
 * expandable to its records; a canonical name typed in the drawer is journaled for the member set, shown in the
 * drawer and the grid, and exported in the merge plan. Screenshot: test-output/screenshots/32-cluster-view.png.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { decisionStateSchema, type GroupRow, groupPageSchema } from '../../src/shared/api.js';
import { type ClusterNames, clusterNamesSchema } from '../../src/shared/workbench-api.js';
import { readCsvObjects } from '../support/run-fixture.js';
import { type WorkbenchFixture, workbenchRun } from '../support/workbench-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';
import { assertFitsBothSizes, REVIEW_VIEWPORT } from './support/viewport.js';

const TEST_TIMEOUT = 90_000;
const NAME = 'Acme Clean Holdings';
let fx: WorkbenchFixture;
let session: ReviewSession;
let group: GroupRow;
let names: ClusterNames;

async function openDrawer(): Promise<Page> {
  const page = await session.open(`/runs/${fx.runId}/groups/${encodeURIComponent(group.group_id)}?view=all`);
  await page.setViewportSize(REVIEW_VIEWPORT);
  await page.getByTestId('cluster-view').locator('tbody tr').first().waitFor();
  return page;
}

describe('compact cluster view in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      fx = await workbenchRun(1500, 23, 'junction-e2e-cluster-');
      session = await ReviewSession.start(fx.workspace);
      const page = await session.getJson(`/api/runs/${fx.runId}/groups?view=all&sort=size&dir=desc&limit=1`, (x) =>
        groupPageSchema.parse(x),
      );
      assert.ok(page.rows[0]);
      group = page.rows[0];
      names = await session.getJson(`/api/runs/${fx.runId}/groups/${group.group_id}/names`, (x) =>
        clusterNamesSchema.parse(x),
      );
      assert.ok(names.names.length >= 2 && names.names.length < group.size, 'repeated names collapse to fewer rows');
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir: fx?.dir }));

  test('one row per distinct name with its count; a row expands to its records', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await openDrawer();
    const view = page.getByTestId('cluster-view');
    const rows = view.getByTestId('cluster-name-row');
    assert.equal(await rows.count(), names.names.length);
    assert.match(
      (await view.locator('.section-head').textContent()) ?? '',
      new RegExp(`${names.namesTotal} distinct names in ${group.size} records`),
    );
    const busiest = [...names.names].sort((a, b) => b.count - a.count)[0];
    assert.ok(busiest);
    // The row that starts with this name (another name may contain it: `the bank of america`).
    const escaped = busiest.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const row = rows.filter({ hasText: new RegExp(`^${escaped}\\d`) }).first();
    assert.match((await row.textContent()) ?? '', new RegExp(`${busiest.count}`));
    await row.getByRole('button').first().click();
    const members = view.getByTestId('cluster-members');
    await members.waitFor();
    assert.equal(await members.locator('li').count(), Math.min(busiest.count, 50));
    await view.scrollIntoViewIfNeeded();
    await screenshot(page, '32-cluster-view');
    await assertFitsBothSizes(page, 'the drawer with the cluster view', view);
  });

  test('a canonical name is journaled, shown in the drawer and the grid, and exported', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await openDrawer();
    const form = page.getByTestId('canonical-form');
    await form.getByRole('textbox').fill(NAME);
    await form.getByRole('textbox').press('Enter');
    await eventually('the name saved', async () =>
      ((await form.getByTestId('canonical-state').textContent()) ?? '').includes(`named “${NAME}” by e2e reviewer`),
    );
    const state = await session.getJson(`/api/runs/${fx.runId}/decisions`, (x) => decisionStateSchema.parse(x));
    const event = state.events.at(-1);
    assert.equal(event?.kind, 'canonical_name');
    assert.equal(event?.value, NAME);
    assert.equal(event?.account_ids?.length, group.size);
    assert.equal(event?.account_ids?.[0], group.primary_account_id, 'the primary first');

    const gridTag = page.locator(`tr[data-group-id="${group.group_id}"]`).getByTestId('canonical-tag').first();
    await eventually('the grid shows the name', async () => ((await gridTag.textContent()) ?? '').includes(NAME));
    await screenshot(page, '33-canonical-name');

    const r = await fetch(
      `${session.baseUrl}/api/runs/${fx.runId}/export?scope=merge-plan&format=loader-csv&view=all&allowPending=true&q=${group.group_id}`,
    );
    assert.equal(r.status, 200);
    const file = join(fx.dir, 'plan.csv');
    await writeFile(file, await r.text());
    const plan = await readCsvObjects(file);
    assert.ok(plan.length > 0 && plan.every((x) => x.canonical_name === NAME));
  });
});
