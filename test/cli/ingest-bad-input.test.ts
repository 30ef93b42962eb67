import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { UsageError } from '../../src/core/errors.js';
import { readCsvObjects, readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

/** SPEC §1.1: every input row ends in records.parquet or rejected.csv. */
function assertAccounting(counts: Record<string, number>): void {
  assert.equal(
    counts.rows_in,
    (counts.records ?? 0) + (counts.rejected ?? 0),
    `rows_in ${counts.rows_in} != records ${counts.records} + rejected ${counts.rejected}`,
  );
}

async function records(dir: string): Promise<Record<string, unknown>[]> {
  return readParquet(join(dir, 'records.parquet'), 'source_row');
}

test('empty file stops with a one-line error', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'empty.csv', '');
  await assert.rejects(
    runOn(path),
    (e: Error) => e instanceof UsageError && /empty/.test(e.message) && !e.message.includes('\n'),
  );
});

test('missing path and a directory stop with a one-line error', async () => {
  const dir = await tempDir();
  await assert.rejects(
    runOn(join(dir, 'nope.csv')),
    (e: Error) => e instanceof UsageError && /no such file/.test(e.message),
  );
  const sub = join(dir, 'folder.csv');
  await mkdir(sub);
  await assert.rejects(runOn(sub), (e: Error) => e instanceof UsageError && /directory/.test(e.message));
});

test('header only completes with zero records', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'header.csv', 'Account ID,Account Name\n');
  const { manifest } = await runOn(path);
  assert.equal(manifest.status, 'complete');
  assert.equal(manifest.counts.rows_in, 0);
  assertAccounting(manifest.counts);
});

test('no name column is a one-line error listing the headers and the --col flag', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'noname.csv', 'Account ID,Phone\n001,555\n');
  await assert.rejects(runOn(path), (e: Error) => {
    assert.ok(e instanceof UsageError, String(e));
    assert.match(e.message, /Phone/);
    assert.match(e.message, /--col/);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
});

test('UTF-8 BOM is not part of the first header', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'bom.csv', '\uFEFFAccount ID,Account Name\nA1,Acme Inc\nA2,Beta LLC\n');
  const { manifest, dir: runDir } = await runOn(path);
  assert.equal(manifest.mapping.account_id, 'Account ID');
  assert.equal(manifest.counts.records, 2);
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_id),
    ['A1', 'A2'],
  );
});

test('semicolon delimiter is sniffed', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'semi.csv', 'Account ID;Account Name;City\nA1;Acme, Inc.;Paris\nA2;Beta;Lyon\n');
  const { manifest, dir: runDir } = await runOn(path);
  assert.equal(manifest.input?.delimiter, ';');
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_name),
    ['Acme, Inc.', 'Beta'],
  );
  assert.deepEqual(
    rows.map((r) => r.City),
    ['Paris', 'Lyon'],
  );
});

test('Windows-1252 names are detected and transcoded (Café, €)', async () => {
  const dir = await tempDir();
  const bytes = iconv.encode('Account ID,Account Name\nA1,Café Rouge\nA2,€uro Traders\n', 'windows-1252');
  const path = await writeInput(dir, 'cp1252.csv', bytes);
  const { manifest, dir: runDir } = await runOn(path);
  assert.equal(manifest.input?.encoding, 'windows-1252');
  assert.ok(manifest.warnings.some((w) => /Windows-1252/.test(w)));
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_name),
    ['Café Rouge', '€uro Traders'],
  );
});

test('a 100 KB cell and multi-line quoted fields are carried through', async () => {
  const dir = await tempDir();
  const big = 'x'.repeat(100_000);
  const path = await writeInput(
    dir,
    'big.csv',
    `Account ID,Account Name,Description\nA1,Acme,"${big}"\nA2,Beta,"line one\nline ""two"", with comma"\n`,
  );
  const { manifest, dir: runDir } = await runOn(path);
  assertAccounting(manifest.counts);
  const rows = await records(runDir);
  assert.equal(String(rows[0]?.Description).length, 100_000);
  assert.equal(rows[1]?.Description, 'line one\nline "two", with comma');
});

test('an unbalanced quote rejects only its own row; the rows after it are kept', async () => {
  const dir = await tempDir();
  const path = await writeInput(
    dir,
    'quote.csv',
    'Account ID,Account Name\nA1,Acme\nA2,"Broken name\nA3,Gamma\nA4,Delta\n',
  );
  const { manifest, dir: runDir } = await runOn(path);
  assertAccounting(manifest.counts);
  assert.equal(manifest.counts.rows_in, 4);
  const rejected = await readCsvObjects(join(runDir, 'rejected.csv'));
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0]?.reason, 'unreadable_row');
  assert.equal(rejected[0]?.row_number, '2');
  assert.match(rejected[0]?.raw_text ?? '', /Broken name/);
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_id),
    ['A1', 'A3', 'A4'],
  );
});

test('a row with too many fields is unreadable; blank lines are skipped and counted', async () => {
  const dir = await tempDir();
  const path = await writeInput(
    dir,
    'blank.csv',
    'Account ID,Account Name\r\nA1,Acme\r\n\r\nA2,Beta,extra\r\n\r\nA3,Gamma\r\n',
  );
  const { manifest } = await runOn(path);
  assertAccounting(manifest.counts);
  assert.equal(manifest.counts.rows_in, 3);
  assert.equal(manifest.counts.rejected, 1);
  assert.ok(
    manifest.warnings.some((w) => /2 blank line/.test(w)),
    manifest.warnings.join('; '),
  );
});

test('duplicate headers are renamed and both columns carried', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'dups.csv', 'Account ID,Account Name,Note,Note\nA1,Acme,first,second\n');
  const { manifest, dir: runDir } = await runOn(path);
  assert.ok(manifest.warnings.some((w) => /duplicate header/.test(w)));
  const rows = await records(runDir);
  assert.equal(rows[0]?.Note, 'first');
  assert.equal(rows[0]?.Note_2, 'second');
});

test('15- and 18-character ids of the same record: the second is duplicate_id naming the first row', async () => {
  const dir = await tempDir();
  const path = await writeInput(
    dir,
    'sf.csv',
    'Id,Name\n001Hs000054S8kI,Acme Inc\n001Hs000054S8kIIAS,Acme Incorporated\n001Hs000054S8kJ,Beta\n,No Id Corp\n',
  );
  const { manifest, dir: runDir } = await runOn(path);
  assertAccounting(manifest.counts);
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_id),
    ['001Hs000054S8kIIAS', '001Hs000054S8kJIAS'],
  );
  assert.equal(rows[0]?.account_id_src, '001Hs000054S8kI');
  const rejected = await readCsvObjects(join(runDir, 'rejected.csv'));
  assert.deepEqual(
    rejected.map((r) => [r.row_number, r.reason]),
    [
      ['2', 'duplicate_id'],
      ['4', 'missing_id'],
    ],
  );
  assert.match(rejected[0]?.detail ?? '', /row 1/);
});

test('a parent id in its 15-character form is written as its account 18-character id; other text is kept, trimmed', async () => {
  const dir = await tempDir();
  const path = await writeInput(
    dir,
    'parents.csv',
    'Id,Name,Parent Account ID\n001Hs000054S8kIIAS,Acme Inc,\n001Hs000054S8kJIAS,Acme Inc,001Hs000054S8kI\n001Hs000054S8kKIAS,Acme Inc, no such id \n',
  );
  const { manifest, dir: runDir } = await runOn(path);
  assertAccounting(manifest.counts);
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => [r.account_id, r.parent_account_id]),
    [
      ['001Hs000054S8kIIAS', null],
      ['001Hs000054S8kJIAS', '001Hs000054S8kIIAS'],
      ['001Hs000054S8kKIAS', 'no such id'],
    ],
  );
});

test('non-Salesforce ids are kept as given (leading zeros too)', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'plain.csv', 'Account ID,Account Name\n00017,Acme\nACC-9,Beta\n');
  const { dir: runDir } = await runOn(path);
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_id),
    ['00017', 'ACC-9'],
  );
});

test('a file without an id column gets synthetic row:N ids and a warning', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'noid.csv', 'Company\nAcme\nBeta\n');
  const { manifest, dir: runDir } = await runOn(path);
  assert.equal(manifest.synthetic_ids, true);
  assert.ok(manifest.warnings.some((w) => /synthetic/.test(w)));
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_id),
    ['row:1', 'row:2'],
  );
});

test('XLSX with dates and numbers: cells become text, date cells become dates', async () => {
  const dir = await tempDir();
  const path = join(dir, 'accounts.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Accounts');
  sheet.addRow(['Account ID', 'Account Name', 'Created Date', 'Employees', 'Zip']);
  sheet.addRow(['A1', 'Acme Inc', new Date(Date.UTC(2024, 2, 5)), 120, '02134']);
  sheet.addRow(['A2', 'Beta LLC', '3/4/2019', 12.5, '00501']);
  workbook.addWorksheet('Other').addRow(['x']);
  await workbook.xlsx.writeFile(path);
  const { manifest, dir: runDir } = await runOn(path);
  assertAccounting(manifest.counts);
  assert.equal(manifest.input?.sheet, 'Accounts');
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.Employees),
    ['120', '12.5'],
  );
  assert.deepEqual(
    rows.map((r) => r.Zip),
    ['02134', '00501'],
  );
  assert.equal((rows[0]!.created_date as Date).toISOString(), '2024-03-05T00:00:00.000Z');
  assert.equal((rows[1]!.created_date as Date).toISOString(), '2019-03-04T00:00:00.000Z');
  await assert.rejects(
    runOn(path, { sheet: 'Nope' }),
    (e: Error) => e instanceof UsageError && /Accounts/.test(e.message),
  );
});

test('Parquet input: every column read as text', async () => {
  const dir = await tempDir();
  const csv = await writeInput(dir, 'p.csv', 'Account ID,Account Name,Employees\nA1,Acme,10\nA2,NA,20\n');
  const path = join(dir, 'p.parquet');
  const { Engine } = await import('../../src/engine/database.js');
  const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
  await engine.run(
    'fixture',
    `COPY (SELECT "Account ID", "Account Name", CAST(Employees AS INTEGER) AS Employees FROM read_csv('${csv}')) TO '${path}' (FORMAT parquet)`,
  );
  engine.close();
  const { manifest, dir: runDir } = await runOn(path);
  assert.equal(manifest.input?.format, 'parquet');
  const rows = await records(runDir);
  assert.deepEqual(
    rows.map((r) => r.account_name),
    ['Acme', 'NA'],
  );
  assert.deepEqual(
    rows.map((r) => r.Employees),
    ['10', '20'],
  );
});

test('issue 13: rejected.csv gives the physical line of id rejections too (CSV line, XLSX sheet row)', async () => {
  const dir = await tempDir();
  // Line 1 header, 2 Acme, 3–4 a quoted two-line name, 5 blank, 6 the duplicate id, 7 a missing id.
  const path = await writeInput(
    dir,
    'lines.csv',
    'Id,Name\nA1,Acme\nA2,"Beta\nHoldings"\n\nA1,Acme again\n,No Id Corp\n',
  );
  const { manifest, dir: runDir } = await runOn(path);
  assertAccounting(manifest.counts);
  const rejected = await readCsvObjects(join(runDir, 'rejected.csv'));
  assert.deepEqual(
    rejected.map((r) => [r.row_number, r.line, r.reason]),
    [
      ['3', '6', 'duplicate_id'],
      ['4', '7', 'missing_id'],
    ],
  );

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Accounts');
  sheet.addRow(['Id', 'Name']);
  sheet.addRow(['A1', 'Acme']);
  sheet.addRow([]);
  sheet.addRow(['A1', 'Acme again']);
  const xlsx = join(dir, 'lines.xlsx');
  await workbook.xlsx.writeFile(xlsx);
  const fromSheet = await runOn(xlsx);
  const sheetRejected = await readCsvObjects(join(fromSheet.dir, 'rejected.csv'));
  assert.deepEqual(
    sheetRejected.map((r) => [r.row_number, r.line, r.reason]),
    [['2', '4', 'duplicate_id']],
  );
});
