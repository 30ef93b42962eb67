/**
 * Issue 7 pages in a real Chromium (REVIEW §2.4–2.7): blacklist preview and add/remove round-trip, maintenance
 * protection and typed-confirmation delete, the export dialog (merge plan CSV = the listed groups), bulk accept
 * updating the progress counter, and "Re-run with decisions" reaching the new run's groups. Own fixture: a
 * generated dataset run twice in a temp workspace. Screenshots: test-output/screenshots/2x-*.png.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { generateDataset } from '../../src/generate/index.js';
import { parseCsvText } from '../../src/input/csv-parse.js';
import {
  blacklistSchema,
  decisionStateSchema,
  groupDetailsSchema,
  groupPageSchema,
  maintenanceRunsSchema,
  sessionSchema,
} from '../../src/shared/api.js';
import { runOn, tempDir } from '../support/run-fixture.js';
import { eventually, screenshot } from './support/browser.js';
import { ReviewSession, reviewSessionHooks } from './support/review-session.js';

const TEST_TIMEOUT = 90_000;

let dir: string;
let session: ReviewSession;
let olderRunId: string;
let runId: string;

function open(path: string): Promise<Page> {
  return session.open(path, { acceptDownloads: true });
}

/** Every group id the groups list shows for a query string (all pages). */
async function listedGroupIds(search: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await session.getJson(`/api/runs/${runId}/groups?${search}&offset=${offset}&limit=500`, (x) =>
      groupPageSchema.parse(x),
    );
    for (const r of page.rows) ids.add(r.group_id);
    if (offset + 500 >= page.total) return ids;
  }
}

/** The downloaded CSV as rows of fields, read with the project's own RFC 4180 parser. */
function parseCsv(text: string): string[][] {
  return parseCsvText(text, ',').map((r) => r.fields);
}

const progressReviewed = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('review-progress').textContent()) ?? '';
  const m = /^([\d,]+) of ([\d,]+)/.exec(text.trim());
  return m ? Number(m[1]?.replaceAll(',', '')) : -1;
};

describe('issue 7 pages in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      dir = await tempDir('junction-e2e-issue7-');
      const workspace = join(dir, 'ws');
      const input = join(dir, 'accounts.csv');
      await generateDataset({ rows: 1500, seed: 31, out: input });
      olderRunId = (await runOn(input, { workspace })).runId;
      // Run ids carry the start second: wait so the second run gets its own id.
      await new Promise((r) => setTimeout(r, 1100));
      runId = (await runOn(input, { workspace })).runId;
      assert.notEqual(olderRunId, runId);
      session = await ReviewSession.start(workspace);
    },
    { timeout: 5 * 60_000 },
  );

  reviewSessionHooks(() => ({ session, dir }));

  test('blacklist: the preview shows hits, adding and removing a term round-trips', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const groups = await session.getJson(`/api/runs/${runId}/groups?view=all&sort=size&dir=desc&limit=50`, (x) =>
      groupPageSchema.parse(x),
    );
    const name = groups.rows.map((r) => r.primary_name ?? '').find((n) => /^[A-Za-z]{4,}\b/.test(n));
    assert.ok(name, 'a primary name starting with a word');
    const term = (/^[A-Za-z]{4,}/.exec(name)?.[0] ?? '').toLowerCase();

    const page = await open('/blacklist');
    await page.getByTestId('blacklist-rule').waitFor();
    assert.match((await page.getByTestId('blacklist-rule').textContent()) ?? '', /whole words/);
    assert.ok((await page.getByTestId('builtin-terms').locator('li').count()) > 0, 'built-in terms are listed');
    await page.getByTestId('term-input').fill(term);
    const hits = await eventually('the preview hits', async () => {
      const t = page.getByTestId('preview-hits');
      return (await t.count()) > 0 ? t.textContent() : null;
    });
    const count = Number(/^([\d,]+)/.exec(hits ?? '')?.[1]?.replaceAll(',', ''));
    assert.ok(count >= 1, `"${term}" hits at least the record it came from (${hits})`);
    const examples = await page.getByTestId('term-preview').locator('li').count();
    assert.equal(examples, Math.min(10, count), 'up to 10 example names');
    await screenshot(page, '2x-blacklist-preview');

    await page.getByRole('button', { name: 'Add term' }).click();
    const added = page.locator(`tr[data-term="${term}"]`);
    await added.waitFor();
    assert.match((await added.textContent()) ?? '', /e2e reviewer/);
    const state = await session.getJson('/api/blacklist', (x) => blacklistSchema.parse(x));
    assert.deepEqual(
      state.manual.map((m) => m.term),
      [term],
    );
    assert.ok(state.effective.includes(term), 'the term is in the effective union');
    assert.ok(
      ((await page.getByTestId('effective-terms').textContent()) ?? '').includes(term),
      'the page shows it in the effective union',
    );
    await screenshot(page, '2x-blacklist-added');

    await added.getByRole('button', { name: 'Remove' }).click();
    await eventually('the term is removed', async () => (await added.count()) === 0);
    const removed = await session.getJson('/api/blacklist', (x) => blacklistSchema.parse(x));
    assert.deepEqual(removed.manual, []);
  });

  test('export: the merge plan CSV from the dialog lists exactly the groups of the view', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const search = 'view=all&disposition=Update&sizeMin=2';
    const page = await open(`/runs/${runId}/groups?${search}`);
    await page.locator('tr[data-group-id]').first().waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/^Merge plan/).check();
    await dialog.getByLabel(/^CSV for spreadsheets/).check();
    await screenshot(page, '2x-export-dialog');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download' }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`${runId}.*merge-plan.*\\.csv$`));
    const path = await download.path();
    const rows = parseCsv(await readFile(path, 'utf8'));
    const header = rows[0] ?? [];
    const col = header.indexOf('group_id');
    assert.ok(col >= 0, `a group_id column in ${header.join(',')}`);
    const exported = new Set(
      rows
        .slice(1)
        .filter((r) => r.length > 1)
        .map((r) => r[col] ?? ''),
    );
    const listed = await listedGroupIds(search);
    assert.ok(exported.size > 0, 'the plan has rows');
    assert.deepEqual([...exported].sort(), [...listed].sort(), 'exported group ids = listed group ids');
    await eventually('the download is reported', async () => (await dialog.getByTestId('export-done').count()) > 0);
  });

  test('export: a merge plan with a pending structural decision shows the 409 message; allow pending downloads', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const groups = await session.getJson(`/api/runs/${runId}/groups?view=all&sort=size&dir=desc&limit=5`, (x) =>
      groupPageSchema.parse(x),
    );
    const big = groups.rows[0];
    assert.ok(big && big.size >= 2);
    const details = await session.getJson(`/api/runs/${runId}/groups/${big.group_id}`, (x) =>
      groupDetailsSchema.parse(x),
    );
    const other = details.members.find((m) => !m.is_primary);
    assert.ok(other);
    const { csrfToken } = await session.getJson('/api/session', (x) => sessionSchema.parse(x));
    const { lastSeq } = await session.getJson(`/api/runs/${runId}/decisions`, (x) => decisionStateSchema.parse(x));
    const written = await fetch(`${session.baseUrl}/api/runs/${runId}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-junction-csrf': csrfToken },
      body: JSON.stringify({ kind: 'set_primary', account_ids: [other.account_id], base_seq: lastSeq }),
    });
    assert.equal(written.status, 200);

    const page = await open(`/runs/${runId}/groups?view=all`);
    await page.locator('tr[data-group-id]').first().waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Merge plan/).check();
    await dialog.getByRole('button', { name: 'Download' }).click();
    const refusal = await eventually('the refusal', async () => {
      const r = dialog.getByTestId('export-refusal');
      return (await r.count()) > 0 ? r.textContent() : null;
    });
    assert.match(refusal ?? '', /pending/i);
    assert.doesNotMatch(refusal ?? '', /\n/);
    await screenshot(page, '2x-export-refused');
    await dialog.getByLabel(/^Allow pending decisions/).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /merge-plan/);
  });

  test('bulk accept: confirmation, a result count, and the progress counter moves', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await open(`/runs/${runId}/groups`);
    await page.locator('tr[data-group-id]').first().waitFor();
    const before = await eventually('the progress counter', async () => {
      const n = await progressReviewed(page);
      return n >= 0 ? String(n) : null;
    });
    await page.getByRole('button', { name: 'Accept all exact/high groups in this view' }).click();
    await screenshot(page, '2x-bulk-confirm');
    await page.getByRole('button', { name: 'Yes, accept' }).click();
    const result = await eventually('the bulk result', async () => {
      const r = page.getByTestId('bulk-result');
      return (await r.count()) > 0 ? r.textContent() : null;
    });
    const accepted = Number(/Accepted ([\d,]+)/.exec(result ?? '')?.[1]?.replaceAll(',', ''));
    assert.ok(accepted > 0, `some groups accepted (${result})`);
    await eventually('the progress counter counts them', async () => {
      const n = await progressReviewed(page);
      return n === Number(before) + accepted;
    });
    await screenshot(page, '2x-bulk-accepted');
  });

  test('maintenance: the newest complete run is protected, an older one deletes after typing its id', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await open('/maintenance');
    const newest = page.locator(`tr[data-run-id="${runId}"]`);
    const older = page.locator(`tr[data-run-id="${olderRunId}"]`);
    await newest.waitFor();
    assert.match((await newest.getByTestId('protected').textContent()) ?? '', /protected/);
    assert.equal(await newest.getByRole('button', { name: 'Delete…' }).count(), 0, 'no delete for the newest');
    // The server refuses it too.
    const { csrfToken } = await session.getJson('/api/session', (x) => sessionSchema.parse(x));
    const refused = await fetch(`${session.baseUrl}/api/runs/${runId}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', 'x-junction-csrf': csrfToken },
      body: JSON.stringify({ confirm: runId }),
    });
    assert.equal(refused.status, 409);

    await older.getByRole('button', { name: 'Delete…' }).click();
    const panel = page.getByTestId('delete-panel');
    const confirm = panel.getByRole('button', { name: 'Delete run' });
    assert.equal(await confirm.isDisabled(), true, 'disabled until the id is typed');
    await panel.getByTestId('confirm-input').fill(olderRunId.slice(0, -1));
    assert.equal(await confirm.isDisabled(), true, 'a wrong id keeps it disabled');
    await panel.getByTestId('confirm-input').fill(olderRunId);
    await screenshot(page, '2x-maintenance-confirm');
    await confirm.click();
    const message = await eventually('the result message', async () => {
      const m = page.getByTestId('maintenance-result');
      return (await m.count()) > 0 ? m.textContent() : null;
    });
    assert.match(message ?? '', new RegExp(`Deleted run ${olderRunId}`));
    await eventually('the row is gone', async () => (await older.count()) === 0);
    const runs = await session.getJson('/api/maintenance/runs', (x) => maintenanceRunsSchema.parse(x));
    assert.deepEqual(
      runs.runs.map((r) => r.run_id),
      [runId],
    );
    // The result stays until dismissed.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.getByTestId('maintenance-result').count(), 1);
    await screenshot(page, '2x-maintenance-deleted');
    await page.getByTestId('maintenance-result').getByRole('button', { name: 'dismiss' }).click();
    assert.equal(await page.getByTestId('maintenance-result').count(), 0);
  });

  test('re-run with decisions from the run details reaches complete and opens the new run', {
    timeout: 3 * 60_000,
  }, async () => {
    const page = await open(`/runs/${runId}`);
    await page.getByRole('button', { name: 'Re-run with decisions' }).click();
    await page.waitForURL(/\/runs\/[^/]+\/groups/, { timeout: 150_000 });
    const newId = decodeURIComponent(/\/runs\/([^/]+)\/groups/.exec(page.url())?.[1] ?? '');
    assert.notEqual(newId, runId, 'a new run opened');
    await page.locator('tr[data-group-id]').first().waitFor();
    const runs = await session.getJson('/api/maintenance/runs', (x) => maintenanceRunsSchema.parse(x));
    assert.equal(runs.runs.find((r) => r.run_id === newId)?.status, 'complete');
    assert.equal(runs.runs.find((r) => r.run_id === newId)?.latest, true);
    await screenshot(page, '2x-rerun-opened');
  });
});
