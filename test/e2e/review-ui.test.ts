/**
 * The review UI end to end in a real Chromium (REVIEW §3): a generated dataset run twice, the review server on a
 * free port, the production build of the SPA. Each screen is saved as a PNG under test-output/screenshots/.
 */
import assert from 'node:assert/strict';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { z } from 'zod';
import {
  type GroupPage,
  groupDetailsSchema,
  groupPageSchema,
  runChangesSchema,
  runTotalsSchema,
} from '../../src/shared/api.js';
import { eventually, launchChromium, screenshot } from './support/browser.js';
import { type ReviewFixture, startReviewFixture } from './support/review-fixture.js';
import { ensureWebBuild } from './support/web-build.js';

const TEST_TIMEOUT = 90_000;
const fmt = (n: number): string => n.toLocaleString('en-US');

let fx: ReviewFixture;
let browser: Browser;
let context: BrowserContext | null = null;
let pageErrors: string[] = [];

async function api<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
  const response = await fetch(`${fx.baseUrl}${path}`);
  assert.equal(response.status, 200, `GET ${path}`);
  return schema.parse(await response.json());
}

const groupsApi = (search: string): Promise<GroupPage> => api(`/api/runs/${fx.runId}/groups${search}`, groupPageSchema);

/** A fresh page (own context: no shared focus or history) at `path`, recording page errors. */
async function open(path: string): Promise<Page> {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  await page.goto(`${fx.baseUrl}${path}`);
  return page;
}

const groupsPath = (search = ''): string => `/runs/${fx.runId}/groups${search}`;

/** Text of the "N of M groups match" line once it shows numbers. */
async function matchCount(page: Page): Promise<string> {
  return eventually('the match count', async () => {
    const text = (await page.getByTestId('match-count').textContent())?.trim() ?? '';
    return /^[\d,]+ of [\d,]+ groups match$/.test(text) ? text : null;
  });
}

interface RenderedRow {
  index: number;
  groupId: string;
  cells: Record<string, string>;
}

/** The grid rows currently rendered by the virtualiser, with each cell's text by column id. */
async function renderedRows(page: Page): Promise<RenderedRow[]> {
  const rows = await page.evaluate(`[...document.querySelectorAll('table.grid tbody tr[data-index]')].map((r) => ({
    index: Number(r.getAttribute('data-index')),
    groupId: r.getAttribute('data-group-id'),
    cells: Object.fromEntries([...r.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col'), td.textContent])),
  }))`);
  return (rows as RenderedRow[]).sort((a, b) => a.index - b.index);
}

/** The id of the focused element, and whether it is a grid row (its data-index). */
async function focused(page: Page): Promise<{ id: string; rowIndex: string | null; tag: string }> {
  return (await page.evaluate(`({
    id: document.activeElement?.id ?? '',
    rowIndex: document.activeElement?.getAttribute('data-index') ?? null,
    tag: document.activeElement?.tagName ?? '',
  })`)) as { id: string; rowIndex: string | null; tag: string };
}

/** Scrolls the grid down until row `upTo` has been rendered, collecting every row seen on the way. */
async function collectRows(page: Page, upTo: number): Promise<Map<number, RenderedRow>> {
  const seen = new Map<number, RenderedRow>();
  const box = await page.locator('.grid-scroll').boundingBox();
  assert.ok(box, 'grid is on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let step = 0; step < 200 && !seen.has(upTo); step++) {
    await eventually('loaded rows', async () => {
      const rows = await renderedRows(page);
      const placeholders = await page.locator('table.grid tbody tr.placeholder').count();
      if (rows.length === 0 || placeholders > 0) return null;
      for (const r of rows) seen.set(r.index, r);
      return true;
    });
    await page.mouse.wheel(0, 400);
  }
  return seen;
}

describe('review UI in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      await ensureWebBuild();
      fx = await startReviewFixture();
      browser = await launchChromium();
    },
    { timeout: 5 * 60_000 },
  );

  after(async () => {
    await context?.close();
    await browser?.close();
    await fx?.close();
  });

  afterEach(() => {
    const errors = pageErrors;
    pageErrors = [];
    assert.deepEqual(errors, [], 'no page errors');
  });

  test('the runs screen lists the run; its details show thresholds, counts and stage timings', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await open('/');
    const row = page.locator(`tr[data-run-id="${fx.runId}"]`);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Complete/);
    assert.match(text, /latest/);
    assert.match(text, /accounts\.csv/);
    assert.equal(await page.locator(`tr[data-run-id="${fx.previousRunId}"]`).count(), 1, 'the earlier run is listed');
    await screenshot(page, '01-runs');

    await row.getByRole('link', { name: fx.runId }).click();
    await page.waitForURL(`**/runs/${fx.runId}`);
    await page.locator('#stages-title').waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    for (const words of ['Thresholds', 'High', 'Medium', 'Counts', 'Rejected rows', 'score', 'Warnings']) {
      assert.ok(body.includes(words), `run details mention ${words}`);
    }
    await screenshot(page, '02-run-details');

    await page.getByRole('link', { name: 'Review groups' }).click();
    await page.waitForURL(`**/runs/${fx.runId}/groups`);
    await matchCount(page);
  });

  test('the groups screen opens on the risk-ordered work queue with true totals and review progress', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await open(groupsPath());
    const expected = await groupsApi('?limit=3');
    assert.ok(expected.total > 100, `the queue spans more than one page (${expected.total})`);
    assert.equal(await matchCount(page), `${fmt(expected.total)} of ${fmt(expected.totalGroups)} groups match`);
    const totals = await api(`/api/runs/${fx.runId}/summary`, runTotalsSchema);
    // The progress line shows `…` until the run summary has loaded: read it once it holds numbers.
    const progress = await eventually('the review progress', async () => {
      const text = (await page.getByTestId('review-progress').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
      return text.includes('…') ? null : text;
    });
    assert.equal(progress, `0 of ${fmt(totals.progress.queueTotal)} groups reviewed`);
    const rows = await eventually('rows', async () => {
      const r = await renderedRows(page);
      return r.length >= 3 ? r : null;
    });
    assert.deepEqual(
      rows.slice(0, 3).map((r) => r.groupId),
      expected.rows.map((r) => r.group_id),
      'the grid shows the queue in risk order',
    );
    await screenshot(page, '03-groups-queue');
  });

  test('sorting by a header orders rows across a page boundary, ties broken by group id', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await open(groupsPath('?view=all'));
    await matchCount(page);
    await page.locator('button[data-sort-key="size"]').click();
    await page.waitForURL(/[?&]sort=size&dir=desc/);
    assert.equal(await page.locator('th:has(button[data-sort-key="size"])').getAttribute('aria-sort'), 'descending');

    const upTo = 130; // pages hold 100 rows: this crosses the first boundary
    const seen = await collectRows(page, upTo);
    const expected = await groupsApi(`?view=all&sort=size&dir=desc&offset=0&limit=${upTo + 1}`);
    for (let i = 0; i <= upTo; i++) {
      const row = seen.get(i);
      assert.ok(row, `row ${i} was rendered`);
      assert.equal(row.groupId, expected.rows[i]?.group_id, `row ${i} is the server's row ${i}`);
      if (i === 0) continue;
      const prev = seen.get(i - 1)!;
      const [a, b] = [Number(prev.cells.size), Number(row.cells.size)];
      assert.ok(
        a > b || (a === b && prev.groupId < row.groupId),
        `rows ${i - 1},${i}: ${a}/${prev.groupId} before ${b}/${row.groupId}`,
      );
    }
    await screenshot(page, '04-sorted-by-size');

    // A second click reverses; ascending is the default direction, so it leaves the URL.
    await page.locator('button[data-sort-key="size"]').click();
    await page.waitForURL((u) => u.search.includes('sort=size') && !u.search.includes('dir='));
    assert.equal(await page.locator('th:has(button[data-sort-key="size"])').getAttribute('aria-sort'), 'ascending');
  });

  test('a summary-strip click filters, lands in the URL, and shows as a removable chip', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await open(groupsPath());
    await matchCount(page);
    const button = page.locator('button[data-filter="disposition:Verify"]');
    const count = await eventually('the Verify count', async () => {
      const t = (await button.locator('.strip-count').textContent())?.trim() ?? '';
      return /^[\d,]+$/.test(t) ? t : null;
    });
    assert.notEqual(count, '0', 'the generated run has Verify groups');
    await button.click();
    await page.waitForURL(/[?&]disposition=Verify/);
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    await eventually('the filtered total', async () => (await matchCount(page)).startsWith(`${count} of `));
    const rows = await eventually('filtered rows', async () => {
      const r = await renderedRows(page);
      return r.length > 0 && r.every((x) => x.cells.verify_count !== '·') ? r : null;
    });
    assert.ok(rows.length > 0);
    assert.equal(await page.locator('.chip', { hasText: 'Contains Verify' }).count(), 1);
    await screenshot(page, '05-filter-verify');

    // The deep link restores the same state in a fresh page.
    const url = page.url();
    const again = await open(url.slice(fx.baseUrl.length));
    assert.ok((await matchCount(again)).startsWith(`${count} of `));
    await again.getByRole('button', { name: 'Remove filter Contains Verify' }).click();
    await again.waitForURL((u) => !u.search.includes('disposition'));
  });

  test('searching a member name lists its groups and highlights the hit', { timeout: TEST_TIMEOUT }, async () => {
    // A word from a non-primary member of a multi-record group: matches inside non-primary members count.
    const page0 = await groupsApi('?view=all&sort=size&dir=desc&limit=20');
    let word: string | null = null;
    for (const g of page0.rows) {
      const d = await api(`/api/runs/${fx.runId}/groups/${encodeURIComponent(g.group_id)}`, groupDetailsSchema);
      const other = d.members.find((m) => !m.is_primary);
      word = other?.account_name.split(/[^A-Za-z]+/).find((w) => w.length >= 5) ?? null;
      if (word) break;
    }
    assert.ok(word, 'found a member name word to search');
    const page = await open(groupsPath());
    await matchCount(page);
    await page.keyboard.press('/');
    assert.equal((await focused(page)).id, 'group-search', '/ focuses the search box');
    await page.keyboard.type(word);
    await page.waitForURL(new RegExp(`[?&]q=${word}`, 'i'));
    const expected = await groupsApi(`?q=${encodeURIComponent(word)}&limit=1`);
    assert.ok(expected.total > 0);
    const want = `${fmt(expected.total)} of ${fmt(expected.totalGroups)} groups match`;
    await eventually(`"${want}"`, async () => (await matchCount(page)) === want);
    const hit = page.locator('table.grid mark.hit').first();
    await hit.waitFor();
    assert.ok(((await hit.textContent()) ?? '').toLowerCase().startsWith(word.slice(0, 3).toLowerCase()));
    await screenshot(page, '06-search');
  });

  test('a misspelt name falls back to similar names, says so, and highlights the hit', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    // The primary name of a multi-record group, one letter dropped from its longest word.
    const { rows } = await groupsApi('?view=all&sort=size&dir=desc&limit=10');
    // The data itself holds misspellings, so take the longest word whose misspelling no name starts with.
    const words = rows
      .flatMap((r) => (r.primary_name ?? '').split(/[^A-Za-z]+/))
      .filter((w) => w.length >= 7)
      .sort((a, b) => b.length - a.length);
    let word: string | undefined;
    let typo = '';
    let expected: Awaited<ReturnType<typeof groupsApi>> | undefined;
    for (const w of words) {
      for (const candidate of [
        w.slice(0, 3) + w.slice(4),
        `${w.slice(0, 3)}${w[3] === 'x' ? 'z' : 'x'}${w.slice(4)}`,
      ]) {
        typo = candidate;
        expected = await groupsApi(`?view=all&q=${encodeURIComponent(typo)}&limit=1`);
        if (expected.search?.mode === 'fuzzy' && expected.total > 0) break;
      }
      if (expected?.search?.mode === 'fuzzy' && expected.total > 0) {
        word = w;
        break;
      }
    }
    assert.ok(word !== undefined && expected !== undefined, 'a long word whose misspelling is read as a fuzzy search');
    assert.ok(expected.total > 0);

    const page = await open(groupsPath(`?view=all&q=${encodeURIComponent(typo)}`));
    const want = `${fmt(expected.total)} of ${fmt(expected.totalGroups)} groups match`;
    await eventually(`"${want}"`, async () => (await matchCount(page)) === want);
    await page.getByTestId('search-mode').waitFor();
    const hit = page.locator('table.grid mark.hit').first();
    await hit.waitFor();
    const marked = ((await hit.textContent()) ?? '').toLowerCase();
    // The first listed group may hold another similar spelling than the word misspelt: the hit is a word the
    // fuzzy search found for the typo (same first three letters).
    assert.ok(
      marked.length >= 3 && marked.startsWith(typo.slice(0, 3).toLowerCase()),
      `"${marked}" marks a similar spelling of "${typo}" (from "${word}")`,
    );
    await screenshot(page, '06b-search-fuzzy');
  });

  test('Enter opens the group drawer with members, why-together, why-primary and merge preview; Escape returns focus', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    // The multi-record group with the weakest edge: fuzzy joins, so it has scored edges to show.
    const list = '?view=all&sort=min_edge&multiOnly=true';
    const page = await open(groupsPath(list));
    await matchCount(page);
    const [top] = (await groupsApi(`${list}&limit=1`)).rows;
    assert.ok(top);
    await page.locator('tr[data-index="0"]').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await eventually('k back on the first row', async () => (await focused(page)).rowIndex === '0');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/groups/${encodeURIComponent(top.group_id)}?**`);
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    const details = await api(`/api/runs/${fx.runId}/groups/${encodeURIComponent(top.group_id)}`, groupDetailsSchema);
    await eventually(
      'member rows',
      async () => (await drawer.locator('table.members tbody tr').count()) === details.members.length,
    );
    await eventually('focus in the drawer', async () => (await focused(page)).id === 'drawer-title');
    const text = (await drawer.textContent()) ?? '';
    assert.ok(text.includes('Why this primary'));
    assert.ok(details.group.survivorship_reason && text.includes(details.group.survivorship_reason));
    assert.ok(text.includes('Why these are together'));
    assert.ok(text.includes('Merge preview'));
    assert.ok(text.includes(`high ${details.thresholds.high}`));
    const joinTexts = details.members.filter((m) => !m.is_primary).map((m) => m.join_text);
    assert.ok(joinTexts.length > 0 && joinTexts.every((t) => text.includes(t)), 'each join is explained in words');
    assert.ok((await drawer.locator('table.edges tbody tr').count()) > 0, 'edges with score components');
    assert.equal(await drawer.locator('table.members tr.is-primary').count(), 1, 'one primary marked');
    assert.ok((await drawer.locator('table.merge tbody tr').count()) > 0, 'merge preview rows');
    await screenshot(page, '07-group-drawer');

    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await page.waitForURL((u) => u.pathname.endsWith('/groups'));
    await eventually('focus back on the row', async () => (await focused(page)).rowIndex === '0');
  });

  test('j/k move through the grid and keep the active row focused', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open(groupsPath());
    await matchCount(page);
    await page.locator('tr[data-index="0"]').waitFor();
    for (const key of ['j', 'j', 'j']) await page.keyboard.press(key);
    await eventually('row 3 active', async () => (await focused(page)).rowIndex === '3');
    await page.keyboard.press('k');
    await eventually('row 2 active', async () => (await focused(page)).rowIndex === '2');
    assert.equal(await page.locator('tr.active').getAttribute('data-index'), '2');
    assert.equal(await page.locator('tr[aria-selected="true"]').count(), 1);
    // With the drawer open, j moves to the next group and keeps the drawer open on it.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    const first = page.url();
    await page.keyboard.press('j');
    await page.waitForURL((u) => u.href !== first && u.pathname.includes('/groups/'));
    await eventually('row 3 open', async () => (await page.locator('tr.open').getAttribute('data-index')) === '3');
  });

  test('the changed view lists groups that differ from the previous run of the dataset', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const page = await open(groupsPath());
    await matchCount(page);
    await page.locator('button[data-view="changed"]').click();
    await page.waitForURL(/[?&]view=changed/);
    const expected = await groupsApi('?view=changed&limit=1');
    assert.ok(expected.total > 0, 'the second run changed some groups');
    await eventually('the changed total', async () =>
      (await matchCount(page)) === `${fmt(expected.total)} of ${fmt(expected.totalGroups)} groups match` ? true : null,
    );
    await page.locator('td[data-col="change"]').first().waitFor();
    const strip = page.getByRole('region', { name: 'Changes since the last run' });
    await strip.getByRole('link', { name: fx.previousRunId }).waitFor();
    await screenshot(page, '08-changed');

    // One click per kind of change: groups that gained members.
    const changes = await api(`/api/runs/${fx.runId}/changes`, runChangesSchema);
    await strip.locator('button[data-filter="change:gained"]').click();
    await page.waitForURL(/[?&]change=gained/);
    const want = `${fmt(changes.groupsGained)} of ${fmt(expected.totalGroups)} groups match`;
    await eventually(`"${want}"`, async () => (await matchCount(page)) === want);
  });
  // Last: it adds a run to the workspace. The copy of the earlier run is dated before it, so it never becomes "latest".
  test('a live run shows its stage progress and opens its groups when it completes', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const id = '20000101-000000-live00';
    const dir = join(fx.workspace, 'runs', id);
    await cp(join(fx.workspace, 'runs', fx.previousRunId), dir, { recursive: true });
    const done = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      stages: { name: string }[];
    } & Record<string, unknown>;
    const writeManifest = async (m: object): Promise<void> => {
      await writeFile(join(dir, 'manifest.tmp'), JSON.stringify(m));
      await rename(join(dir, 'manifest.tmp'), join(dir, 'manifest.json'));
    };
    const base = { ...done, run_id: id, started_at: '2000-01-01T00:00:00.000Z' };
    const running = done.stages[4]?.name;
    assert.ok(running);
    await writeManifest({
      ...base,
      status: 'running',
      pid: process.pid,
      heartbeat: new Date().toISOString(),
      finished_at: null,
      stages: done.stages.slice(0, 4),
    });

    const page = await open(`/runs/${id}`);
    await page.locator('.stages tr.running').waitFor();
    assert.equal((await page.locator('.stages tr.running td').first().textContent())?.trim(), running);
    assert.match((await page.locator('.page-head').textContent()) ?? '', new RegExp(`Running: ${running}`));
    await screenshot(page, '09-live-run');

    await writeManifest({ ...base, finished_at: '2000-01-01T00:00:05.000Z' });
    await page.waitForURL(`**/runs/${id}/groups`, { timeout: 15_000 });
    await matchCount(page);
  });
});
