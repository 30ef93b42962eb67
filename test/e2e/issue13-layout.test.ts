/**
 * Issue 13 in a real Chromium, at 1280×800 and 1440×900: no screen scrolls sideways (the workbench's near misses
 * and thresholds included), the drawer's actions are on screen and the group list stays beside it, member rows are
 * one line with details on demand, the top bar and the Blacklist page fit; the work queue opens on Delete records, not unusable singletons (defect 7); the Blacklist
 * page opened from a run previews that run's dataset (defect 4). Screenshots: test-output/screenshots/50-*.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { generateDataset } from '../../src/generate/index.js';
import {
  type Blacklist,
  blacklistSchema,
  type DecisionState,
  decisionStateSchema,
  type GroupPage,
  groupPageSchema,
} from '../../src/shared/api.js';
import { runOn, tempDir, writeInput } from '../support/run-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';
import { assertNoPageOverflow } from './support/viewport.js';

/** The left and right edges of every element a locator matches. */
async function rects(locator: Locator): Promise<{ left: number; right: number }[]> {
  const out: { left: number; right: number }[] = [];
  for (const el of await locator.all()) {
    const box = await el.boundingBox();
    assert.ok(box, 'a visible element');
    out.push({ left: box.x, right: box.x + box.width });
  }
  return out;
}

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
const TEST_TIMEOUT = 3 * 60_000;

let dir: string;
let session: ReviewSession;
let runA: string;
let runB: string;
let multiGroup: string;
/** The list the multi-record group is opened from: largest first, so it is on the first screen of rows. */
const LIST = 'view=all&sort=size&dir=desc';

/** Dataset B: another CRM, run last, so "the newest run" is not dataset A's. One name starts with a space. */
const OTHER_CRM = [
  'Account ID,Account Name',
  'B-1,Zenith Farms Co',
  'B-2, Acme Tools',
  'B-3,Beta Works',
  'B-4,Moss Garden Supply',
  '',
].join('\n');

const size = (s: { width: number; height: number }): string => `${s.width}x${s.height}`;

async function groups(runId: string, query: string): Promise<GroupPage> {
  return session.getJson(`/api/runs/${runId}/groups?${query}`, (x) => groupPageSchema.parse(x));
}

/** The whole page does not scroll sideways, and the top bar's last link (Maintenance) is not cut off. */
async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  await assertNoPageOverflow(page, what);
  const maintenance = await page.getByRole('link', { name: 'Maintenance' }).boundingBox();
  const inner = page.viewportSize()?.width ?? 0;
  assert.ok(maintenance && maintenance.x + maintenance.width <= inner, `${what}: Maintenance is cut off`);
}

describe('issue 13 layout and queue in Chromium', { timeout: 15 * 60_000 }, () => {
  before(
    async () => {
      dir = await tempDir('junction-e2e-issue13-');
      const workspace = join(dir, 'ws');
      const input = join(dir, 'accounts.csv');
      await generateDataset({ rows: 1500, seed: 11, out: input });
      runA = (await runOn(input, { workspace })).runId;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      runB = (await runOn(await writeInput(dir, 'other-crm.csv', OTHER_CRM), { workspace })).runId;
      session = await ReviewSession.start(workspace);
      const all = await groups(runA, `${LIST}&limit=10`);
      const group = all.rows.find((r) => r.size >= 4 && r.size <= 30);
      assert.ok(group, 'a multi-record group');
      multiGroup = group.group_id;
      // A manual term, so the Blacklist page has a Remove button to measure.
      const state = await session.getJson(`/api/runs/${runA}/decisions`, (x) => decisionStateSchema.parse(x));
      const csrf = await session.getJson('/api/session', (x) => x as { csrfToken: string });
      const r = await fetch(`${session.baseUrl}/api/runs/${runA}/decisions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-junction-csrf': csrf.csrfToken },
        body: JSON.stringify({ kind: 'blacklist_add', term: 'a rather long manual term', base_seq: state.lastSeq }),
      });
      assert.equal(r.status, 200, await r.text());
    },
    { timeout: 6 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir }));

  for (const viewport of SIZES) {
    test(`every screen fits ${size(viewport)} without sideways scrolling`, { timeout: TEST_TIMEOUT }, async () => {
      const screens: [string, string, (p: Page) => Promise<unknown>][] = [
        ['runs', '/', (p) => p.locator(`tr[data-run-id="${runA}"]`).waitFor()],
        ['run', `/runs/${runA}`, (p) => p.locator('#stages-title').waitFor()],
        ['groups', `/runs/${runA}/groups`, (p) => p.locator('tr[data-index="0"]').waitFor()],
        ['changed', `/runs/${runA}/groups?view=changed`, (p) => p.getByTestId('match-count').waitFor()],
        ['near-misses', `/runs/${runA}/near-misses`, (p) => p.getByTestId('label-progress').waitFor()],
        ['thresholds', `/runs/${runA}/thresholds`, (p) => p.getByTestId('threshold-numbers').waitFor()],
        ['blacklist', `/blacklist?run=${runA}`, (p) => p.getByTestId('manual-terms').waitFor()],
        ['maintenance', '/maintenance', (p) => p.locator(`tr[data-run-id="${runA}"]`).waitFor()],
      ];
      for (const [name, path, ready] of screens) {
        const page = await session.open(path, { viewport });
        await ready(page);
        await assertNoSidewaysScroll(page, `${name} at ${size(viewport)}`);
        if (name === 'groups' || name === 'changed') {
          // The grid itself does not scroll sideways either (the steward never hunts for the Review column),
          // with the "Why in queue" column or the wider "Change" one.
          const grid = await page.locator('.grid-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth]);
          assert.ok((grid[0] ?? 0) <= (grid[1] ?? 0), `${name} grid ${grid.join(' > ')}`);
        }
        await screenshot(page, `50-${name}-${size(viewport)}`);
      }
      // The Blacklist Remove button sits inside its cell.
      const blacklist = await session.open(`/blacklist?run=${runA}`, { viewport });
      const remove = blacklist.getByTestId('manual-terms').getByRole('button', { name: 'Remove' });
      await remove.waitFor();
      const button = await remove.boundingBox();
      const cell = await remove.locator('xpath=ancestor::td[1]').boundingBox();
      assert.ok(button && cell, 'boxes');
      assert.ok(button.x >= cell.x && button.x + button.width <= cell.x + cell.width + 0.5, 'Remove inside its cell');
    });

    test(`the drawer at ${size(viewport)}: list beside it, actions on screen, one-line rows`, {
      timeout: TEST_TIMEOUT,
    }, async () => {
      const page = await session.open(`/runs/${runA}/groups/${encodeURIComponent(multiGroup)}?${LIST}`, {
        viewport,
      });
      const drawer = page.getByTestId('group-drawer');
      await drawer.locator('tr.member-row').first().waitFor();
      await assertNoSidewaysScroll(page, `drawer at ${size(viewport)}`);
      // The group list stays visible beside the drawer (split pane), left of it.
      const list = await page.locator('table.grid').boundingBox();
      const pane = await drawer.boundingBox();
      assert.ok(list && pane && list.width > 200 && list.x + list.width <= pane.x + 1, 'the list is beside the drawer');
      assert.ok(await page.locator(`tr[data-group-id="${multiGroup}"].open`).isVisible(), 'the open group is listed');
      // Every action button of every member row is inside the viewport.
      const boxes = await rects(drawer.locator('.member-actions button'));
      assert.ok(boxes.length > 0, 'action buttons');
      for (const b of boxes) assert.ok(b.left >= 0 && b.right <= viewport.width, `button at ${b.left}–${b.right}`);
      // Member rows are one line high; details open on demand.
      const heights = await drawer.locator('tr.member-row').evaluateAll((els) => els.map((el) => el.clientHeight));
      assert.ok(
        heights.every((h) => h <= 40),
        `member rows ${heights.join(',')} px`,
      );
      assert.equal(await drawer.getByTestId('member-details').count(), 0, 'details are on demand');
      const first = drawer.locator('tr.member-row').nth(1);
      await first.getByRole('button', { name: /^Details of / }).click();
      const facts = drawer.getByTestId('member-details');
      await facts.waitFor();
      assert.match((await facts.textContent()) ?? '', /Joined because.*Disposition.*Created.*Relationship/);
      await screenshot(page, `50-drawer-${size(viewport)}`);
      // An action keeps the names in view: the name column is still on screen after opening the editor.
      await first.getByRole('button', { name: 'Disposition…' }).click();
      await drawer.locator('.disposition-editor').waitFor();
      const name = await first.locator('.member-name').boundingBox();
      assert.ok(name && name.x >= 0 && name.x < viewport.width / 2, 'the name stays in view');
      await assertNoSidewaysScroll(page, `editor at ${size(viewport)}`);
    });
  }

  test('defect 7: the work queue opens on Delete records; unusable singletons come last', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const queue = await groups(runA, 'limit=500');
    const tiers = queue.rows.map((r) => r.risk_tier);
    assert.equal(tiers[0], 'delete', 'the most destructive proposal first');
    assert.ok(
      tiers.every((t) => t !== 'singleton'),
      'no plain Keep singleton in the queue',
    );
    const lastDelete = tiers.lastIndexOf('delete');
    const firstUnusable = tiers.indexOf('unusable');
    assert.ok(firstUnusable === -1 || firstUnusable > tiers.lastIndexOf('exact'), 'unusable singletons last');
    assert.ok(lastDelete < tiers.indexOf('verify'), 'Delete before Verify');
    const page = await session.open(`/runs/${runA}/groups`, { viewport: SIZES[0] });
    const why = page.locator('tr[data-index="0"] td[data-col="why"]');
    await why.waitFor();
    assert.match((await why.textContent()) ?? '', /Delete record/);
    await screenshot(page, '50-queue-delete-first');
  });

  test('defect 4: the Blacklist page opened from a run previews that run, not the newest dataset', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const newest = await session.getJson('/api/blacklist', (x) => blacklistSchema.parse(x));
    assert.equal(newest.runId, runB, 'without a run, the newest complete run (another dataset)');
    const page = await session.open(`/runs/${runA}/groups`, { viewport: SIZES[0] });
    await page.locator('tr[data-index="0"]').waitFor();
    await page.getByRole('link', { name: 'Blacklist' }).click();
    await page.getByTestId('blacklist-rule').waitFor();
    const head = (await page.locator('.page-head').textContent()) ?? '';
    assert.match(head, new RegExp(`dataset accounts\\.csv, run ${runA}`));
    await page.getByTestId('term-input').fill('unknown');
    const preview = await eventually('the preview', async () => {
      const p = page.getByTestId('term-preview');
      return (await p.count()) > 0 ? p.textContent() : null;
    });
    assert.match(preview ?? '', new RegExp(`of run ${runA} would be hit`));
    const fromRun: Blacklist = await session.getJson(`/api/blacklist?runId=${runA}`, (x) => blacklistSchema.parse(x));
    assert.deepEqual(
      fromRun.manual.map((m) => m.term),
      ['a rather long manual term'],
    );
    await screenshot(page, '50-blacklist-from-run');
  });

  test('defect 6: a leading space sorts by the trimmed name; a singleton says "1 member"', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const sorted = await groups(runB, 'view=all&sort=primary_name');
    assert.deepEqual(
      sorted.rows.map((r) => r.primary_name),
      [' Acme Tools', 'Beta Works', 'Moss Garden Supply', 'Zenith Farms Co'],
    );
    const page = await session.open(`/runs/${runB}/groups?view=all&sort=primary_name`, { viewport: SIZES[0] });
    await page.locator('tr[data-index="0"]').waitFor();
    const names = await page.locator('td[data-col="primary_name"]').allTextContents();
    assert.deepEqual(
      names.map((n) => n.trim()),
      ['Acme Tools', 'Beta Works', 'Moss Garden Supply', 'Zenith Farms Co'],
    );
    await page.locator('tr[data-index="0"]').click();
    const summary = page.locator('.drawer-summary');
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /^1 member(?!s)/);
  });

  test('pending decisions count once per decision in the header and the grid badge is readable', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const before: DecisionState = await session.getJson(`/api/runs/${runA}/decisions`, (x) =>
      decisionStateSchema.parse(x),
    );
    assert.equal(before.appliedSeq, 0);
    const page = await session.open(`/runs/${runA}/groups/${encodeURIComponent(multiGroup)}?${LIST}`, {
      viewport: SIZES[0],
    });
    const drawer = page.getByTestId('group-drawer');
    await drawer.locator('tr.member-row').first().waitFor();
    const count = async (): Promise<string> => ((await page.getByTestId('pending-count').textContent()) ?? '').trim();
    // The manual blacklist term added before is pending too (it applies on the next run).
    await eventually('the term is pending', async () => (await count()) === '1 pending decision');
    // A split names every other member (many pairs) but is one decision.
    await drawer.locator('tr.member-row').nth(1).getByRole('button', { name: 'Split out' }).click();
    await eventually('2 pending decisions', async () => (await count()) === '2 pending decisions');
    await page.getByRole('button', { name: 'Close group details (Escape)' }).click();
    const badge = page.locator(`tr[data-group-id="${multiGroup}"]`).getByTestId('pending-badge');
    await badge.waitFor();
    assert.equal((await badge.textContent())?.trim(), '1 pending');
    const fits = await badge.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    assert.ok(fits, 'the badge is not cut off');
    const cell = await page.locator(`tr[data-group-id="${multiGroup}"] td[data-col="reviewed"]`).boundingBox();
    const box = await badge.boundingBox();
    assert.ok(cell && box && box.x + box.width <= cell.x + cell.width + 0.5, 'the badge is inside the Review cell');
    await screenshot(page, '50-pending-badge');
    // Undo the split so later tests start clean.
    await page.getByRole('button', { name: 'Undo' }).click();
    await eventually('back to 1 pending', async () => (await count()) === '1 pending decision');
  });
});
