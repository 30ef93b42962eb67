/**
 * Export formats and scopes over a crafted run (SPEC §13, REVIEW §2.6): formula injection neutralised in csv
 * and exact in loader-csv, the XLSX row limit, Parquet, the delete list's cascade warning, the reparent list
 * for parents that are merged or deleted, the merge plan's refusal while decisions are pending, file names,
 * and the CLI end to end.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { parseConfig } from '../../src/config/load.js';
import { CASCADE_WARNING } from '../../src/engine/export-scopes.js';
import { ReviewStore } from '../../src/engine/review-store.js';
import { exportFileName, filterSummary, parseExportFilter } from '../../src/export/export-request.js';
import { exportRun } from '../../src/export/export-run.js';
import { pendingStructuralDecisions } from '../../src/export/pending-decisions.js';
import { generateDataset } from '../../src/generate/index.js';
import { parseCsvText } from '../../src/input/csv-parse.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { Workspace } from '../../src/pipeline/workspace.js';
import { type OpenRun, ReviewContext } from '../../src/server/review-context.js';
import { RunCatalog } from '../../src/server/run-catalog.js';
import { draft } from '../journal/support/journal-fixture.js';
import { junction } from '../support/cli.js';
import { readCsvObjects, readParquet, runOn, tempDir } from '../support/run-fixture.js';

const INJECTIONS = ['=HYPERLINK("http://x","y")', '+1', '-1', '@SUM(A1)', '\tx', '\rx'];

let dir: string;
let workspace: string;
let runId: string;
let store: ReviewStore;
let run: OpenRun;
/** Children whose Parent Account ID names an Update record (18 chars) and a Delete record (15 chars). */
let crafted: {
  updateParent: string;
  master: string;
  deleteParent: string;
  childOfUpdate: string;
  childOfDelete: string;
};

const csvLine = (fields: string[]): string => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(',');

before(async () => {
  dir = await tempDir('junction-export-');
  await generateDataset({ rows: 600, seed: 11, out: join(dir, 'gen.csv') });
  const rows = parseCsvText(await readFile(join(dir, 'gen.csv'), 'utf8'), ',').filter((r) => r.raw.length > 0);
  const header = rows[0]?.fields ?? [];
  const nameCol = header.indexOf('Account Name');
  const parentCol = header.indexOf('Parent Account ID');
  const data = rows.slice(1).map((r) => [...r.fields]);
  for (const [i, name] of INJECTIONS.entries()) (data[i] as string[])[nameCol] = name;
  for (const r of data) r[parentCol] = '';
  const write = (file: string) => writeFile(file, `${[csvLine(header), ...data.map(csvLine)].join('\n')}\n`);
  // First pass: find an Update record and a Delete record; the second pass points two singletons at them.
  await write(join(dir, 'probe.csv'));
  const probe = await runOn(join(dir, 'probe.csv'));
  const recs = await readParquet(join(probe.dir, 'records.parquet'), 'row_index');
  const update = recs.find((r) => r.disposition === 'Update' && r.is_primary === false && (r.row_index as number) >= 6);
  const del = recs.find((r) => r.disposition === 'Delete' && (r.row_index as number) >= 6);
  const singles = recs.filter((r) => r.group_size === 1 && r.disposition === 'Keep');
  assert.ok(update && del && singles.length >= 2, 'the generated data has Update, Delete and Keep singletons');
  const [a, b] = singles as [Record<string, unknown>, Record<string, unknown>];
  (data[a.row_index as number] as string[])[parentCol] = String(update.account_id);
  (data[b.row_index as number] as string[])[parentCol] = String(del.account_id).slice(0, 15);
  crafted = {
    updateParent: String(update.account_id),
    master: String(update.primary_account_id),
    deleteParent: String(del.account_id),
    childOfUpdate: String(a.account_id),
    childOfDelete: String(b.account_id),
  };
  workspace = join(dir, 'ws');
  await write(join(dir, 'accounts.csv'));
  const result = await runOn(join(dir, 'accounts.csv'), { workspace });
  runId = result.runId;
  const engine = parseConfig({}, 'defaults').engine;
  store = await ReviewStore.open({ memoryLimit: '1GB', threads: Math.min(2, engine.threads) });
  run = await new ReviewContext(new RunCatalog(new Workspace(workspace)), store).open(runId);
});

after(async () => {
  store?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

type Scope = 'records' | 'groups' | 'merge-plan' | 'delete-list' | 'reparent';
type Format = 'csv' | 'loader-csv' | 'xlsx' | 'parquet';

async function exportTo(
  scope: Scope,
  format: Format,
  name: string,
  extra: { filter?: string; allowPending?: boolean; pending?: number; xlsxMaxRows?: number; allColumns?: boolean } = {},
) {
  const { query, summary } = parseExportFilter(extra.filter);
  const file = join(dir, name);
  const result = await exportRun(
    store,
    run.tables,
    {
      scope,
      format,
      query,
      filterSummary: summary,
      allColumns: extra.allColumns ?? false,
      allowPending: extra.allowPending ?? false,
    },
    file,
    { workspace, pending: async () => extra.pending ?? 0, xlsxMaxRows: extra.xlsxMaxRows },
  );
  return { file, result };
}

describe('formula injection', () => {
  test('csv neutralises = + - @ tab CR with a leading quote; loader-csv keeps the values exact', async () => {
    const csv = await readCsvObjects((await exportTo('records', 'csv', 'r.csv')).file);
    const loader = await readCsvObjects((await exportTo('records', 'loader-csv', 'r.loader.csv')).file);
    const names = (rows: Record<string, string>[]) => new Set(rows.map((r) => r.account_name));
    const neutral = names(csv);
    const exact = names(loader);
    for (const value of INJECTIONS) {
      assert.ok(neutral.has(`'${value}`), `csv: ${JSON.stringify(value)} neutralised`);
      assert.ok(!neutral.has(value), `csv: ${JSON.stringify(value)} never raw`);
      assert.ok(exact.has(value), `loader-csv: ${JSON.stringify(value)} exact`);
    }
    for (const row of csv) {
      for (const cell of Object.values(row)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, 'no csv cell starts a formula');
    }
    assert.equal(csv.length, loader.length);
  });

  test('all-columns csv neutralises source columns too', async () => {
    const rows = await readCsvObjects((await exportTo('records', 'csv', 'all.csv', { allColumns: true })).file);
    assert.ok(rows.some((r) => r['Account Name'] === '\'=HYPERLINK("http://x","y")'));
    assert.ok('name_core' in (rows[0] ?? {}), 'every column');
  });
});

describe('formats', () => {
  test('xlsx writes text cells and the header; refuses beyond the row limit with a one-line message', async () => {
    const { file, result } = await exportTo('records', 'xlsx', 'r.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    assert.equal(sheet?.rowCount, result.rows + 1);
    const names = new Set<string>();
    sheet?.eachRow((row) => names.add(String(row.getCell(3).value)));
    assert.ok(names.has('=HYPERLINK("http://x","y")'), 'stored as text, not a formula');
    await assert.rejects(
      exportTo('records', 'xlsx', 'big.xlsx', { xlsxMaxRows: 10 }),
      (error: Error) =>
        /at most 10 rows .*--format csv or --format parquet/.test(error.message) && !error.message.includes('\n'),
    );
    assert.equal(existsSync(join(dir, 'big.xlsx')), false, 'no partial file');
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.endsWith('.partial')),
      [],
    );
  });

  test('parquet keeps types', async () => {
    const { file, result } = await exportTo('records', 'parquet', 'r.parquet');
    const rows = await readParquet(file);
    assert.equal(rows.length, result.rows);
    assert.equal(typeof rows[0]?.is_primary, 'boolean');
  });
});

describe('scopes', () => {
  test('delete list: Delete records with the cascade warning and their child count', async () => {
    const { file, result } = await exportTo('delete-list', 'loader-csv', 'd.csv');
    const rows = await readCsvObjects(file);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.cascade_warning === CASCADE_WARNING));
    assert.match(CASCADE_WARNING, /Contacts, Opportunities/);
    assert.ok(result.notes.includes(CASCADE_WARNING), 'the note and the column say the same words');
    const deleted = rows.find((r) => r.account_id === crafted.deleteParent);
    assert.equal(deleted?.child_accounts, '1', 'the crafted child (15-char parent id) is counted');
  });

  test('reparent: parent merged → its master; parent deleted → empty', async () => {
    const rows = await readCsvObjects((await exportTo('reparent', 'loader-csv', 'p.csv')).file);
    const toMaster = rows.find((r) => r.account_id === crafted.childOfUpdate);
    assert.equal(toMaster?.old_parent_id, crafted.updateParent);
    assert.equal(toMaster?.old_parent_disposition, 'Update');
    assert.equal(toMaster?.new_parent_id, crafted.master);
    const cleared = rows.find((r) => r.account_id === crafted.childOfDelete);
    assert.equal(cleared?.old_parent_disposition, 'Delete');
    assert.equal(cleared?.new_parent_id, '');
    assert.equal(rows.length, 2, 'only accounts whose parent moves');
  });

  test('reparent follows the filter: a filter without the parents lists nothing', async () => {
    const rows = await readCsvObjects(
      (await exportTo('reparent', 'loader-csv', 'p2.csv', { filter: 'view=all&q=zzzzqqqq' })).file,
    );
    assert.equal(rows.length, 0);
  });

  test('merge plan is refused while structural decisions are pending, unless allowed', async () => {
    await assert.rejects(
      exportTo('merge-plan', 'csv', 'm.csv', { pending: 3 }),
      /3 split, merge or set-primary decisions wait for a re-run.*--allow-pending/,
    );
    const { result } = await exportTo('merge-plan', 'csv', 'm.csv', { pending: 3, allowPending: true });
    assert.ok(result.rows > 0);
    const plain = await exportTo('merge-plan', 'csv', 'm2.csv');
    assert.equal(plain.result.rows, result.rows);
  });
});

describe('pending decisions from the real journal', () => {
  test('a structural decision recorded after the run makes the merge plan wait; an override does not', async () => {
    const writer = await JournalWriter.open(workspace);
    try {
      const [first, second] = await readCsvObjects((await exportTo('records', 'loader-csv', 'ids.csv')).file);
      const ids = [String(first?.account_id), String(second?.account_id)];
      await writer.append(
        draft({
          kind: 'disposition_override',
          account_ids: [ids[0] as string],
          value: 'Keep',
          dataset: 'accounts.csv',
        }),
      );
      assert.equal(await pendingStructuralDecisions(workspace, runId), 0);
      const split = await writer.append(
        draft({ kind: 'cannot_link', account_ids: ids, base_seq: 1, dataset: 'accounts.csv' }),
      );
      assert.equal(await pendingStructuralDecisions(workspace, runId), 1);
      // Issue 13: the shared model — a split undone since the run is nothing pending (it was 2 events before).
      await writer.append(
        draft({
          kind: 'cannot_link',
          account_ids: ids,
          base_seq: split.seq,
          undoes: split.seq,
          dataset: 'accounts.csv',
        }),
      );
      assert.equal(await pendingStructuralDecisions(workspace, runId), 0);
    } finally {
      await writer.close();
    }
  });
});

describe('file names', () => {
  test('run id, scope, UTC time and filter summary', () => {
    const at = new Date('2025-02-03T04:05:06.789Z');
    assert.equal(exportFileName('r1', 'merge-plan', 'csv', 'all', at), 'r1_merge-plan_20250203-040506_all.csv');
    assert.equal(exportFileName('r1', 'records', 'loader-csv', 'all', at), 'r1_records_20250203-040506_all.loader.csv');
    assert.equal(exportFileName('r1', 'groups', 'xlsx', 'queue', at), 'r1_groups_20250203-040506_queue.xlsx');
    assert.equal(parseExportFilter(undefined).summary, 'all');
    assert.equal(
      parseExportFilter('?view=queue&disposition=Verify&q=Acme Inc').summary,
      'queue_disposition-verify_q-acme-inc',
    );
    assert.equal(filterSummary(new URLSearchParams('sort=size&offset=5')), 'queue');
    assert.deepEqual(
      parseExportFilter('http://127.0.0.1:4173/runs/r1?view=all&flags=weak_bridge#top').query,
      parseExportFilter('view=all&flags=weak_bridge').query,
      'the whole address copied from the browser works',
    );
    assert.equal(filterSummary(new URLSearchParams('q=../../etc/passwd')), 'q-..-..-etc-passwd');
    assert.ok(filterSummary(new URLSearchParams(`q=${'x'.repeat(200)}`)).length <= 60);
  });
});

describe('junction export (CLI)', () => {
  test('writes the file with the default name and reports rows and groups', async () => {
    const out = join(dir, 'cli');
    const r = await junction(
      [
        'export',
        runId,
        '--workspace',
        workspace,
        '--scope',
        'groups',
        '--format',
        'csv',
        '--filter',
        'view=all&multiOnly=true',
        '--out',
        join(dir, 'cli-groups.csv'),
      ],
      { JUNCTION_WORKSPACE: out },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wrote \d+ rows \(\d+ groups\) to .*cli-groups\.csv\n$/);
    assert.match(r.stderr, /multiOnly=true leaves out singletons/);
    const named = await junction(
      ['export', runId, '--workspace', workspace, '--scope', 'delete-list', '--format', 'parquet'],
      {},
    );
    assert.equal(named.code, 0, named.stderr);
    const file = named.stdout.match(/to (.*)\n/)?.[1] ?? '';
    assert.match(file, new RegExp(`${runId}_delete-list_\\d{8}-\\d{6}_all\\.parquet$`));
    assert.ok(existsSync(file));
    await rm(file);
  });

  test('a bad --filter, an unknown run or scope: exit 1 with one line', async () => {
    for (const args of [
      ['export', runId, '--scope', 'records', '--format', 'csv', '--filter', 'sizeMin=abc'],
      ['export', runId, '--scope', 'records', '--format', 'csv', '--filter', 'bogus=1'],
      ['export', 'no-such-run', '--scope', 'records', '--format', 'csv'],
      ['export', runId, '--scope', 'everything', '--format', 'csv'],
    ]) {
      const r = await junction([...args, '--workspace', workspace]);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^junction: /);
    }
  });
});
