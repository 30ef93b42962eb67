import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { SourceFacts } from '../../src/input/read-source.js';
import { columnLetters, joinInlineRuns, readXlsx } from '../../src/input/read-xlsx.js';
import { readCsvObjects, runOn, tempDir } from '../support/run-fixture.js';

/** Read a workbook through the ingest reader: header, data rows, facts. */
async function readAll(path: string): Promise<{ header: string[]; rows: string[][]; facts: SourceFacts }> {
  let header: string[] = [];
  const rows: string[][] = [];
  const facts = await readXlsx(path, null, {
    header: (columns) => {
      header = columns;
    },
    row: (fields) => {
      rows.push(fields);
    },
    unreadable: () => assert.fail('no row is unreadable here'),
  });
  return { header, rows, facts };
}

/** A workbook written by exceljs's streaming writer without shared strings: rich text is stored inline. */
async function inlineWorkbook(rows: ExcelJS.CellValue[][]): Promise<string> {
  const path = join(await tempDir(), 'accounts.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Accounts');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return path;
}

/** The same rows through exceljs's ordinary writer (shared strings). */
async function sharedStringsWorkbook(rows: ExcelJS.CellValue[][]): Promise<string> {
  const path = join(await tempDir(), 'accounts.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Accounts');
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
  return path;
}

const HEADER = ['Account Name', 'Account ID'];

test('a formula cell without a cached value is read as empty with a warning naming the cell, not [object Object]', async () => {
  for (const write of [inlineWorkbook, sharedStringsWorkbook]) {
    const path = await write([
      HEADER,
      [{ formula: 'CONCAT("Ac","me")' } as ExcelJS.CellFormulaValue, '001'],
      ['Walmart', '002'],
      [{ formula: 'A3&" Inc"' } as ExcelJS.CellFormulaValue, '003'],
    ]);
    const { rows, facts } = await readAll(path);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['', 'Walmart', ''],
    );
    const warning = facts.warnings.find((w) => /formula/.test(w));
    assert.ok(warning !== undefined, facts.warnings.join(' | '));
    assert.match(warning, /^2 formula cell\(s\) in sheet "Accounts" have no calculated value \(A2, A4\)/);
  }
});

test('a formula cell with a cached value is read as that value', async () => {
  const path = await inlineWorkbook([
    HEADER,
    [{ formula: 'CONCAT("Ac","me")', result: 'Acme' } as ExcelJS.CellFormulaValue, '001'],
    [{ formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue, '002'],
  ]);
  const { rows, facts } = await readAll(path);
  assert.deepEqual(rows, [
    ['Acme', '001'],
    ['2', '002'],
  ]);
  assert.ok(!facts.warnings.some((w) => /formula/.test(w)));
});

test('inline rich text keeps every run (issue 12: the first run was lost)', async () => {
  const rich = (...parts: string[]): ExcelJS.CellRichTextValue => ({
    richText: parts.map((text, i) => ({ text, font: { bold: i === 0 } })),
  });
  for (const write of [inlineWorkbook, sharedStringsWorkbook]) {
    const path = await write([HEADER, [rich('Walmart ', 'Stores'), '001'], [rich('Ä', 'cme ', '&amp; Co'), '002']]);
    const { rows } = await readAll(path);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['Walmart Stores', 'Äcme &amp; Co'],
      write.name,
    );
  }
});

test('inline strings cut by chunk boundaries, multi-byte characters included, are joined whole', async () => {
  const xml =
    '<row><c t="inlineStr"><is><r><t>Zürich </t></r><rPh><t>ズ</t></rPh><r><t>B&#252;ro &amp;</t></r></is></c></row>';
  const bytes = Buffer.from(xml.repeat(3));
  for (const size of [1, 2, 3, 5, 7, 64]) {
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    }
    let out = '';
    for await (const text of joinInlineRuns(chunks())) out += text;
    assert.equal(
      out,
      '<row><c t="inlineStr"><is><t xml:space="preserve">Zürich Büro &amp;amp;</t></is></c></row>'.repeat(3),
      `chunk size ${size}`,
    );
  }
});

test('two uncalculated formulas do not merge into one group through the ingest', async () => {
  const path = await inlineWorkbook([
    HEADER,
    [{ formula: 'A1' } as ExcelJS.CellFormulaValue, '001'],
    [{ formula: 'A1' } as ExcelJS.CellFormulaValue, '002'],
  ]);
  const run = await runOn(path);
  assert.ok(run.manifest.warnings.some((w) => /2 formula cell\(s\)/.test(w)));
  const rejected = await readCsvObjects(join(run.dir, 'rejected.csv'));
  assert.equal(rejected.length, 0);
  assert.equal(run.manifest.counts.records, 2);
  assert.equal(run.manifest.counts.multi_record_groups ?? 0, 0);
});

test('columnLetters', () => {
  assert.deepEqual([1, 26, 27, 28, 702, 703].map(columnLetters), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});
