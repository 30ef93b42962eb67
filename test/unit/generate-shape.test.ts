import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateDataset } from '../../src/generate/index.js';
import { parseCsvText } from '../../src/input/csv-parse.js';
import { readCsv } from '../../src/input/read-source.js';

const ROWS = 3000;
const SEED = 11;

let dir: string;
let report: Buffer;
let classic: Buffer;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cj-generate-shape-'));
  await generateDataset({
    rows: ROWS,
    seed: SEED,
    out: join(dir, 'classic.csv'),
    truth: join(dir, 'classic-truth.csv'),
  });
  await generateDataset({
    rows: ROWS,
    seed: SEED,
    out: join(dir, 'report.csv'),
    truth: join(dir, 'report-truth.csv'),
    shape: 'salesforce-report',
  });
  [classic, report] = await Promise.all([readFile(join(dir, 'classic.csv')), readFile(join(dir, 'report.csv'))]);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function records(bytes: Buffer): string[][] {
  return parseCsvText(new TextDecoder('utf-8').decode(bytes), ',')
    .filter((r) => r.raw.length > 0)
    .map((r) => r.fields);
}

describe('generate --shape salesforce-report (issue 14: benchmark files shaped like real exports)', () => {
  test('starts with a UTF-8 BOM and has 20 Salesforce Account columns (no Account Source)', () => {
    assert.deepEqual([...report.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const header = records(report)[0] ?? [];
    assert.equal(header.length, 20);
    assert.equal(header[0], 'Account ID');
    assert.equal(header.at(-1), 'Description');
    assert.ok(!header.includes('Account Source'));
  });

  test('rows end in CRLF and notes hold commas, quotes and line breaks', () => {
    const text = report.toString('utf8');
    assert.ok(text.endsWith('\r\n'));
    const notes = records(report)
      .slice(1)
      .map((r) => r[19] ?? '');
    assert.ok(notes.filter((d) => d.includes('\n')).length > ROWS / 5, 'too few multi-line notes');
    assert.ok(notes.some((d) => d.includes(',') && d.includes('"')));
  });

  test('is about 278 bytes a row, as the real export issue 14 measured', () => {
    const perRow = report.length / ROWS;
    assert.ok(perRow > 255 && perRow < 300, `${perRow.toFixed(1)} bytes a row`);
  });

  test('same ids, names and truth as the classic shape for the same seed', async () => {
    const a = records(classic).slice(1);
    const b = records(report).slice(1);
    assert.equal(b.length, ROWS);
    assert.deepEqual(
      b.map((r) => `${r[0]}|${r[1]}|${r[2]}`),
      a.map((r) => `${r[0]}|${r[1]}|${r[2]}`),
    );
    const [ta, tb] = await Promise.all(['classic-truth.csv', 'report-truth.csv'].map((f) => readFile(join(dir, f))));
    assert.ok(ta?.equals(tb as Buffer));
  });

  test('the CSV reader takes every row with all 20 fields and drops the BOM from the header', async () => {
    let header: string[] = [];
    let rows = 0;
    let unreadable = 0;
    const facts = await readCsv(join(dir, 'report.csv'), 'auto', {
      header(columns) {
        header = columns;
      },
      row(fields) {
        assert.equal(fields.length, 20);
        rows++;
      },
      unreadable() {
        unreadable++;
      },
    });
    assert.equal(header[0], 'Account ID');
    assert.equal(rows, ROWS);
    assert.equal(unreadable, 0);
    assert.equal(facts.encoding, 'utf8 (BOM)');
  });
});
