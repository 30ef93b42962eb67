/**
 * Bulk actions on selected rows (REVIEW §2.4) in a real Chromium: checkbox + shift-click selection, the
 * "N selected" bar, Mark reviewed / Accept / primary disposition over the selection (one decision per group,
 * written in turn), and x on the active row. Own dataset and temp workspace. Screenshot: 30-bulk.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { generateDataset } from '../../src/generate/index.js';
import {
  type DecisionState,
  decisionStateSchema,
  type GroupRow,
  groupPageSchema,
  type RunTotals,
  runTotalsSchema,
} from '../../src/shared/api.js';
import { runOn, tempDir } from '../support/run-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';

const TEST_TIMEOUT = 90_000;

let dir: string;
let session: ReviewSession;
let runId: string;
/** The first rows of the work queue, in grid order. */
let queue: GroupRow[];

const decisionsApi = (): Promise<DecisionState> =>
  session.getJson(`/api/runs/${runId}/decisions`, (x) => decisionStateSchema.parse(x));
const totalsApi = (): Promise<RunTotals> =>
  session.getJson(`/api/runs/${runId}/summary`, (x) => runTotalsSchema.parse(x));

async function openGrid(): Promise<Page> {
  const page = await session.open(`/runs/${runId}/groups`);
  await page.locator('tr[data-index="0"]').waitFor();
  await page.getByTestId('pending-count').waitFor();
  return page;
}

const checkbox = (page: Page, groupId: string) =>
  page.getByRole('checkbox', { name: `Select group ${groupId}`, exact: true });
const gridRow = (page: Page, groupId: string) => page.locator(`tr[data-group-id="${groupId}"]`);

async function reviewedCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('review-progress').textContent()) ?? '';
  return Number((text.match(/^([\d,]+)/)?.[1] ?? 'NaN').replaceAll(',', ''));
}

async function resultText(page: Page, pattern: RegExp): Promise<string> {
  return eventually(`the bulk result ${pattern}`, async () => {
    const r = page.getByTestId('selection-result');
    const text = (await r.count()) > 0 ? ((await r.textContent()) ?? '') : '';
    return pattern.test(text) ? text : null;
  });
}

describe('bulk actions on selected groups in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      dir = await tempDir('junction-e2e-bulk-');
      const workspace = join(dir, 'ws');
      const input = join(dir, 'accounts.csv');
      await generateDataset({ rows: 1200, seed: 31, out: input });
      runId = (await runOn(input, { workspace })).runId;
      session = await ReviewSession.start(workspace);
      queue = (await session.getJson(`/api/runs/${runId}/groups?limit=10`, (x) => groupPageSchema.parse(x))).rows;
      assert.ok(queue.length >= 6, 'six groups in the work queue');
      assert.ok(
        queue.slice(0, 6).every((r) => !r.reviewed && r.primary_account_id !== null),
        'fresh groups with primaries',
      );
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir }));

  test('click + shift-click selects 3 rows; Mark reviewed writes one decision each and updates progress', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const [a, , c] = queue as [GroupRow, GroupRow, GroupRow];
    const page = await openGrid();
    const before = await reviewedCount(page);
    await checkbox(page, a.group_id).click();
    await checkbox(page, c.group_id).click({ modifiers: ['Shift'] });
    assert.equal(((await page.getByTestId('selected-count').textContent()) ?? '').trim(), '3 groups selected');
    for (const r of queue.slice(0, 3)) assert.equal(await checkbox(page, r.group_id).isChecked(), true);
    assert.equal(await checkbox(page, (queue[3] as GroupRow).group_id).isChecked(), false);
    assert.equal(page.url().includes('/groups/'), false, 'a checkbox click does not open the drawer');
    await screenshot(page, '30-bulk');

    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await resultText(page, /^3 groups marked reviewed/);
    await eventually('progress +3', async () => (await reviewedCount(page)) === before + 3);
    for (const r of queue.slice(0, 3)) {
      await eventually(`${r.group_id} shows reviewed`, async () =>
        ((await gridRow(page, r.group_id).locator('td[data-col="reviewed"]').textContent()) ?? '').includes('Reviewed'),
      );
    }
    assert.equal(await page.getByTestId('selected-count').count(), 0, 'the selection is cleared');
    const reviewed = (await decisionsApi()).reviewed.filter((r) => r.kind === 'group_reviewed');
    assert.deepEqual(
      reviewed.map((r) => r.group_key).sort(),
      queue
        .slice(0, 3)
        .map((r) => r.group_id)
        .sort(),
    );
    for (const r of reviewed) {
      const size = queue.find((q) => q.group_id === r.group_key)?.size;
      assert.equal(r.account_ids.length, size, 'each names its whole member set');
    }
    assert.equal((await totalsApi()).progress.reviewed, before + 3);
  });

  test('select 2 rows and Accept', { timeout: TEST_TIMEOUT }, async () => {
    const [d, e] = queue.slice(3, 5) as [GroupRow, GroupRow];
    const page = await openGrid();
    await checkbox(page, d.group_id).click();
    await checkbox(page, e.group_id).click();
    assert.equal(((await page.getByTestId('selected-count').textContent()) ?? '').trim(), '2 groups selected');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await resultText(page, /^2 groups accepted/);
    const accepted = (await decisionsApi()).reviewed.filter((r) => r.kind === 'group_accepted');
    assert.deepEqual(accepted.map((r) => r.group_key).sort(), [d.group_id, e.group_id].sort());
  });

  test('x selects the active row; Verify on its primary shows in GET decisions', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const f = queue[5] as GroupRow;
    const page = await openGrid();
    await page.locator('tr[data-index="0"]').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('j');
    await eventually(
      'row 6 active',
      async () => (await page.locator('tr[data-index="5"]').getAttribute('aria-selected')) === 'true',
    );
    await page.keyboard.press('x');
    await eventually(
      '1 selected',
      async () => ((await page.getByTestId('selected-count').textContent()) ?? '').trim() === '1 group selected',
    );
    assert.equal(await checkbox(page, f.group_id).isChecked(), true);
    await page.getByLabel("Set primary's disposition").selectOption('Verify');
    await page.getByRole('button', { name: 'Apply to primaries' }).click();
    await resultText(page, /^1 group: primary set to Verify/);
    const overrides = (await decisionsApi()).overrides.map((o) => [o.account_id, o.value]);
    assert.deepEqual(overrides, [[f.primary_account_id, 'Verify']]);
  });
});
