import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { Engine, EngineError } from '../../src/engine/database.js';
import { scanCleanCsv } from '../../src/input/csv-scan.js';
import { readCleanCsv } from '../../src/input/read-source.js';
import type { Utf8Column } from '../../src/input/utf8-column.js';
import { ingestStage, type RunInput } from '../../src/pipeline/ingest.js';
import { runStages } from '../../src/pipeline/runner.js';
import { loadOneRowCsv } from '../support/ingest-load-fixture.js';
import { readCsvObjects, readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

const HEADER = 'Account ID,Account Name,Parent Account ID,Created Date,Billing City,Description';
/** Clean, yet every case the scan must get right: quoted CRLF and LF, doubled quotes, empty and quoted-empty cells. */
const CLEAN_ROWS = [
  '001000000000001AAA,Acme Corp,,2023-01-02,Paris,"two\r\nlines, ""quoted"""',
  '001000000000002AAA,"Beta, Inc.",001000000000001,1/2/2023,  Lyon ,""',
  '001000000000001AAA,Acme again,,not a date,Paris,duplicate id',
  ',No Id Co,,,Nice,missing id',
  '001000000000003,Fifteen Char,,,Berlin,"x\nlf inside"',
  '001000000000004AAA,Last Co,,,,no line break at the end',
];
const CLEAN = `${HEADER}\r\n${CLEAN_ROWS.join('\r\n')}`;

async function scanText(text: string, width: number, wanted: number[]) {
  const dir = await tempDir();
  const path = await writeInput(dir, 'in.csv', text);
  return scanCleanCsv(path, { delimiter: ',', width, dataStart: 0, firstLine: 1, wanted });
}

test('a clean CSV is scanned with its lines, its text bytes and the wanted columns decoded', async () => {
  const scan = await scanText('a,"b ""q"" é",c\r\n"x\r\ny",,"z"\n1,2,3', 3, [1, 0, -1]);
  assert.ok(scan !== null);
  assert.equal(scan.rows, 3);
  assert.deepEqual([...scan.lines], [1, 2, 4]);
  assert.deepEqual([...scan.textBytes], [1 + 8 + 1, 4 + 0 + 1, 3]);
  assert.deepEqual(scan.columns, [
    ['b "q" é', '', '2'],
    ['a', 'x\r\ny', '1'],
    ['', '', ''],
  ]);
});

test('columns kept as UTF-8 bytes read back as the decoded ones, a column the file lacks as empty', async () => {
  const dir = await tempDir();
  const path = await writeInput(dir, 'in.csv', CLEAN);
  const wanted = [1, 3, 5, 4, 9];
  const request = { delimiter: ',', width: 6, dataStart: HEADER.length + 2, firstLine: 2, wanted };
  const decoded = await scanCleanCsv(path, request);
  const kept = await scanCleanCsv(path, { ...request, keepBytes: [false, true, true, false, true] });
  assert.ok(decoded !== null && kept !== null);
  assert.equal(kept.rows, CLEAN_ROWS.length);
  assert.deepEqual(kept.columns[0], decoded.columns[0]);
  assert.deepEqual(kept.columns[3], decoded.columns[3]);
  assert.deepEqual([kept.byteColumns[0], kept.byteColumns[3]], [null, null]);
  for (const k of [1, 2, 4]) {
    const column: Utf8Column | null | undefined = kept.byteColumns[k];
    assert.ok(column !== null && column !== undefined, `column ${k} kept as bytes`);
    assert.equal(column.length, kept.rows);
    const texts: string[] = Array.from({ length: kept.rows }, (_v, i) => column.text(i));
    assert.deepEqual(texts, decoded.columns[k], `column ${k}`);
  }
  assert.equal(decoded.columns[2]?.[0], 'two\r\nlines, "quoted"');
});

test('anything the general reader would treat specially is not clean', async () => {
  const unclean = {
    'blank line': 'a,b\n\n1,2\n',
    'short row': 'a,b\n1\n',
    'trailing delimiter': 'a,b,\n',
    'quote inside an unquoted field': 'a,b "c"\n',
    'text after a closing quote': '"a"x,b\n',
    'unclosed quote': 'a,"b\n1,2\n',
    'lone CR line break': 'a,b\r1,2\r',
    'lone CR inside quotes': 'a,"b\rc"\n',
  };
  for (const [name, text] of Object.entries(unclean)) {
    assert.equal(await scanText(text, 2, [0]), null, name);
  }
});

test('readCleanCsv takes the header from line 1 and leaves other encodings and layouts to the general reader', async () => {
  const dir = await tempDir();
  const bom = await writeInput(dir, 'bom.csv', `\ufeff${CLEAN}`);
  const clean = await readCleanCsv(bom, 'auto', () => [0, 1]);
  assert.ok(clean !== null);
  assert.equal(clean.header[0], 'Account ID');
  assert.equal(clean.facts.encoding, 'utf8 (BOM)');
  assert.equal(clean.scan.rows, CLEAN_ROWS.length);
  assert.deepEqual([...clean.scan.lines], [2, 4, 5, 6, 7, 9]);
  const leadingBlank = await writeInput(dir, 'blank.csv', `\r\n${CLEAN}`);
  assert.equal(await readCleanCsv(leadingBlank, 'auto', () => [0]), null);
  assert.equal(await readCleanCsv(bom, 'windows-1252', () => [0]), null);
});

async function ingestOnce(inputPath: string, encoding: RunInput['encoding'], cacheDir: string): Promise<string> {
  const config = parseConfig({}, 'test config');
  const options: RunInput = {
    inputPath,
    sheet: null,
    encoding,
    colOverrides: {},
    excludeHeaders: [],
    decisions: null,
  };
  const [outcome] = await runStages([ingestStage], {
    cacheDir,
    openEngine: () => Engine.open({ memoryLimit: '1GB', threads: 2 }),
    config,
    options,
    workers: 1,
    noCache: true,
  });
  assert.ok(outcome !== undefined);
  return outcome.dir;
}

test('a clean CSV gives the same ingest artifacts through the engine reader as through the general reader', async () => {
  const dir = await tempDir();
  // ASCII only: read as Windows-1252 the bytes mean the same, but only UTF-8 takes the fast way in.
  const path = await writeInput(dir, 'accounts.csv', CLEAN);
  const fast = await ingestOnce(path, 'utf8', join(dir, 'fast'));
  const general = await ingestOnce(path, 'windows-1252', join(dir, 'general'));
  for (const file of ['source.parquet']) {
    assert.deepEqual(await readParquet(join(fast, file)), await readParquet(join(general, file)), file);
  }
  assert.equal(
    await readFile(join(fast, 'rejected.csv'), 'utf8'),
    await readFile(join(general, 'rejected.csv'), 'utf8'),
  );
  assert.deepEqual(await readFile(join(fast, 'canonical.bin')), await readFile(join(general, 'canonical.bin')));
  const rejected = await readCsvObjects(join(fast, 'rejected.csv'));
  assert.deepEqual(
    rejected.map((r) => [r.row_number, r.line, r.reason, r['Account Name']]),
    [
      ['3', '5', 'duplicate_id', 'Acme again'],
      ['4', '6', 'missing_id', 'No Id Co'],
    ],
  );
  const source = await readParquet(join(fast, 'source.parquet'));
  assert.equal(source[0]?.c5, 'two\r\nlines, "quoted"');
  assert.equal(source[1]?.c4, '  Lyon ');
});

test('the engine refuses source rows whose text does not add up to what the scan read', async () => {
  const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
  try {
    // The row's fields are 22 bytes; the scan claims 21.
    const { parquet } = await loadOneRowCsv(engine, 21);
    await assert.rejects(
      parquet,
      (error: unknown) => error instanceof EngineError && /out of step/.test(error.message),
    );
  } finally {
    engine.close();
  }
});

test('a clean CSV that DuckDB refuses after the next stages started is run again with the general reader', async () => {
  const dir = await tempDir();
  // A note longer than DuckDB's longest line (2 MB): the byte scan finds the file clean, DuckDB's reader refuses it
  // while source.parquet is written behind the next stages.
  const note = 'n'.repeat(3_000_000);
  const path = await writeInput(
    dir,
    'accounts.csv',
    `Account ID,Account Name,Description\r\n001000000000001AAA,Acme,short\r\n001000000000002AAA,Beta,"${note}"\r\n`,
  );
  const ingestStarts: string[] = [];
  const result = await runOn(path, {
    onEvent: (event) => {
      if (event.stage === 'ingest' && event.kind === 'start') ingestStarts.push(event.stage);
    },
  });
  assert.equal(ingestStarts.length, 2, 'the run started over once');
  assert.equal(result.manifest.status, 'complete');
  assert.deepEqual(
    result.manifest.stages.map((stage) => stage.name),
    ['ingest', 'normalise', 'classify', 'block', 'score', 'group', 'survive', 'alias', 'dispose', 'stats', 'write'],
  );
  const records = await readParquet(join(result.dir, 'records.parquet'), 'row_index');
  assert.deepEqual(
    records.map((r) => [r.account_name, (r.Description as string).length]),
    [
      ['Acme', 5],
      ['Beta', note.length],
    ],
  );
});
