import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateDataset, TRUTH_HEADER } from '../../src/generate/index.js';
import { JUNK_ROW_RANGE } from '../../src/generate/rates.js';

const ROWS = 5000;
const SEED = 42;

const EXPECTED_HEADER = [
  'Account ID',
  'Account Name',
  'Parent Account ID',
  'Account Owner',
  'Created Date',
  'Created By',
  'Last Modified Date',
  'Relationship',
  'Type',
  'Industry',
  'Billing Street',
  'Billing City',
  'Billing State/Province',
  'Billing Zip/Postal Code',
  'Billing Country',
  'Phone',
  'Website',
  'Number of Employees',
  'Annual Revenue',
  'Account Source',
  'Description',
];

/** A deliberately plain RFC 4180 reader (quoted fields may hold commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') {
      assert.equal(field, '', `a quote in the middle of an unquoted field near offset ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.notEqual(c, '\n', `a bare line feed outside quotes near offset ${i}`);
      field += c;
    }
  }
  assert.equal(quoted, false, 'file ends inside a quoted field');
  assert.equal(field, '', 'last line must end with CRLF');
  assert.equal(row.length, 0, 'last line must end with CRLF');
  return rows;
}

/** Reference for SPEC §2.2's case-safe suffix, written independently of src/generate. */
function referenceSuffix(id15: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id15[chunk * 5 + i]!)) bits += 2 ** i;
    out += alphabet[bits];
  }
  return out;
}

/** Words of a name without case, punctuation, legal forms or a leading `the`. */
function words(name: string): string[] {
  const legal = new Set(['inc', 'incorporated', 'llc', 'corp', 'corporation', 'co', 'company', 'ltd', 'the', 'and']);
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !legal.has(w));
}

let dir: string;
let data: string[][];
let truth: string[][];
let summary: { rows: number; entities: number; bytes: number };
let progress: number[];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cj-generate-'));
  progress = [];
  summary = await generateDataset({
    rows: ROWS,
    seed: SEED,
    out: join(dir, 'a.csv'),
    truth: join(dir, 'a-truth.csv'),
    onProgress: (n) => progress.push(n),
  });
  data = parseCsv(await readFile(join(dir, 'a.csv'), 'utf8'));
  truth = parseCsv(await readFile(join(dir, 'a-truth.csv'), 'utf8'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generateDataset', () => {
  test('same seed and rows give byte-identical data and truth; another seed differs', async () => {
    await generateDataset({ rows: ROWS, seed: SEED, out: join(dir, 'b.csv'), truth: join(dir, 'b-truth.csv') });
    await generateDataset({ rows: ROWS, seed: SEED + 1, out: join(dir, 'c.csv') });
    const [a, b, c] = await Promise.all(['a.csv', 'b.csv', 'c.csv'].map((f) => readFile(join(dir, f))));
    assert.ok(a!.equals(b!), 'data differs between two runs with the same seed');
    const [ta, tb] = await Promise.all(['a-truth.csv', 'b-truth.csv'].map((f) => readFile(join(dir, f))));
    assert.ok(ta!.equals(tb!), 'truth differs between two runs with the same seed');
    assert.ok(!a!.equals(c!), 'a different seed gave the same file');
  });

  test('header is the Salesforce-style column list and every row has all columns', () => {
    assert.deepEqual(data[0], EXPECTED_HEADER);
    for (let i = 1; i < data.length; i++) {
      assert.equal(data[i]!.length, EXPECTED_HEADER.length, `row ${i} has ${data[i]!.length} fields`);
    }
  });

  for (const rows of [1, 2, 37, 1001]) {
    test(`writes exactly ${rows} data rows`, async () => {
      const out = join(dir, `n${rows}.csv`);
      const result = await generateDataset({ rows, seed: 3, out, truth: join(dir, `n${rows}-truth.csv`) });
      assert.equal(result.rows, rows);
      assert.equal(parseCsv(await readFile(out, 'utf8')).length, rows + 1);
      assert.equal(parseCsv(await readFile(join(dir, `n${rows}-truth.csv`), 'utf8')).length, rows + 1);
    });
  }

  test('summary counts rows, truth entities and bytes; progress ends at the row count', async () => {
    assert.equal(data.length - 1, ROWS);
    assert.equal(summary.rows, ROWS);
    assert.equal(summary.entities, new Set(truth.slice(1).map((r) => r[1])).size);
    assert.equal(summary.bytes, (await stat(join(dir, 'a.csv'))).size);
    assert.equal(progress.at(-1), ROWS);
  });

  test('Account IDs are unique 18-character Salesforce ids with a correct case-safe suffix', () => {
    const seen = new Set<string>();
    for (const row of data.slice(1)) {
      const id = row[0]!;
      assert.match(id, /^001[0-9A-Za-z]{12}[A-Z0-5]{3}$/);
      assert.equal(id.slice(15), referenceSuffix(id.slice(0, 15)), `bad suffix on ${id}`);
      assert.ok(!seen.has(id), `duplicate id ${id}`);
      seen.add(id);
    }
  });

  test('truth covers every Account ID exactly once', () => {
    assert.deepEqual(truth[0], [...TRUTH_HEADER]);
    const ids = data.slice(1).map((r) => r[0]!);
    const truthIds = truth.slice(1).map((r) => r[0]!);
    assert.equal(new Set(truthIds).size, truthIds.length, 'an id appears twice in the truth');
    assert.deepEqual([...truthIds].sort(), [...ids].sort());
    for (const row of truth.slice(1)) assert.match(row[2]!, /^(company|hard_negative|junk|multi)$/);
  });

  test('Parent Account IDs point at rows of the file', () => {
    const ids = new Set(data.slice(1).map((r) => r[0]!));
    const parents = data.slice(1).map((r) => r[2]!);
    assert.ok(
      parents.some((p) => p !== ''),
      'no row has a parent',
    );
    for (const p of parents) if (p !== '') assert.ok(ids.has(p), `dangling parent ${p}`);
  });

  test('some Description fields span lines and hold quotes and commas', () => {
    const descriptions = data.slice(1).map((r) => r[20]!);
    assert.ok(descriptions.filter((d) => d.includes('\n')).length >= 20);
    assert.ok(descriptions.some((d) => d.includes('"')));
    assert.ok(descriptions.some((d) => d.includes(',')));
  });

  test('DuckDB read_csv reads back the same rows, ids and multi-line fields', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const path = join(dir, 'a.csv').replace(/'/g, "''");
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT "Account ID")::INTEGER AS ids,
                count(*) FILTER (WHERE "Description" LIKE '%' || chr(10) || '%')::INTEGER AS multiline
         FROM read_csv('${path}', header = true, all_varchar = true)`,
      );
      const [row] = reader.getRowObjectsJS();
      const expectedMultiline = data.slice(1).filter((r) => r[20]!.includes('\n')).length;
      assert.deepEqual(row, { n: ROWS, ids: ROWS, multiline: expectedMultiline });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  test('junk rows are about 1.5% (the seed draws the share) and each is its own entity', () => {
    const junk = truth.slice(1).filter((r) => r[2] === 'junk');
    assert.ok(junk.length >= Math.floor(ROWS * JUNK_ROW_RANGE[0]), `${junk.length} junk rows`);
    assert.ok(junk.length <= Math.ceil(ROWS * JUNK_ROW_RANGE[1]), `${junk.length} junk rows`);
    const counts = new Map<string, number>();
    for (const row of truth.slice(1)) counts.set(row[1]!, (counts.get(row[1]!) ?? 0) + 1);
    for (const row of junk) assert.equal(counts.get(row[1]!), 1, `junk entity ${row[1]} has several rows`);
  });

  test('multi-employer rows are about 0.5%, list several names, and each is its own entity', () => {
    const names = new Map(data.slice(1).map((r) => [r[0]!, r[1]!]));
    const multi = truth.slice(1).filter((r) => r[2] === 'multi');
    assert.ok(multi.length >= 8 && multi.length <= 60, `${multi.length} multi rows`);
    const counts = new Map<string, number>();
    for (const row of truth.slice(1)) counts.set(row[1]!, (counts.get(row[1]!) ?? 0) + 1);
    for (const row of multi) {
      assert.match(names.get(row[0]!)!, /; | ?\/ ?|\(1\)|1\. ?\S|1: |1st issue/);
      assert.equal(counts.get(row[1]!), 1, `multi row ${row[0]} shares entity ${row[1]}`);
    }
  });

  test('hard-negative families: near-identical names with different entity ids', () => {
    const names = new Map(data.slice(1).map((r) => [r[0]!, r[1]!]));
    const hard = truth.slice(1).filter((r) => r[2] === 'hard_negative');
    assert.ok(hard.length > 0, 'no hard negatives');
    let families = 0;
    for (let i = 0; i < hard.length && families === 0; i++) {
      for (let j = i + 1; j < hard.length; j++) {
        if (hard[i]![1] === hard[j]![1]) continue;
        const a = words(names.get(hard[i]![0]!)!);
        const b = new Set(words(names.get(hard[j]![0]!)!));
        const shared = a.filter((w) => b.has(w)).length;
        if (a.length >= 2 && shared >= a.length - 1 && shared >= b.size - 1) families++;
      }
    }
    assert.ok(families > 0, 'no pair of distinct hard-negative entities shares all but one word');
  });

  test('entity sizes: about half appear once, a heavy head holds thousands of rows per chain at scale', () => {
    const sizes = new Map<string, number>();
    for (const row of truth.slice(1))
      if (row[2] !== 'junk' && row[2] !== 'multi') sizes.set(row[1]!, (sizes.get(row[1]!) ?? 0) + 1);
    const all = [...sizes.values()];
    const singles = all.filter((s) => s === 1).length / all.length;
    assert.ok(singles > 0.4 && singles < 0.7, `${(singles * 100).toFixed(0)}% of entities appear once`);
    const largest = Math.max(...all) / ROWS;
    assert.ok(largest >= 0.015 && largest <= 0.04, `largest entity holds ${(largest * 100).toFixed(1)}% of rows`);
  });

  test('the largest entities include chains written with store numbers and varied names', () => {
    const sizes = new Map<string, number>();
    for (const row of truth.slice(1)) sizes.set(row[1]!, (sizes.get(row[1]!) ?? 0) + 1);
    const largest = [...sizes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    const namesOf = (entity: string): string[] => {
      const ids = new Set(
        truth
          .slice(1)
          .filter((r) => r[1] === entity)
          .map((r) => r[0]!),
      );
      return data
        .slice(1)
        .filter((r) => ids.has(r[0]!))
        .map((r) => r[1]!);
    };
    const withStores = largest.filter(([e]) => namesOf(e).some((n) => /#\s?\d+|store (no |number |#)?\d+/i.test(n)));
    assert.ok(withStores.length >= 2, `only ${withStores.length} of the 5 largest entities have store numbers`);
    for (const [e] of largest) assert.ok(new Set(namesOf(e)).size > 3, `no variety in the names of ${e}`);
  });

  test('records of one entity are never next to each other in file order', () => {
    const entityOf = truth.slice(1).map((r) => r[1]!);
    for (let i = 1; i < entityOf.length; i++) {
      assert.notEqual(entityOf[i], entityOf[i - 1], `rows ${i} and ${i + 1} are both ${entityOf[i]}`);
    }
  });

  test('Created Date mixes ISO, M/D/YYYY and M/D/YY h:mm AM/PM formats, with some blanks', () => {
    const created = data.slice(1).map((r) => r[4]!);
    assert.ok(created.some((d) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(d)));
    assert.ok(created.some((d) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(d)));
    assert.ok(created.some((d) => /^\d{1,2}\/\d{1,2}\/\d\d \d{1,2}:\d\d [AP]M$/.test(d)));
    assert.ok(created.some((d) => d === ''));
  });

  test('rejects a row count that is not a positive whole number', async () => {
    for (const rows of [0, -5, 2.5, Number.NaN]) {
      await assert.rejects(generateDataset({ rows, seed: 1, out: join(dir, 'bad.csv') }), RangeError);
    }
  });
});

describe('generateDataset with pairs (every company as named and once varied)', () => {
  test('each company twice: its name, and a copy carrying a variation class; no junk or multi rows; repeatable', async () => {
    const out = join(dir, 'pairs.csv');
    const truthOut = join(dir, 'pairs-truth.csv');
    const result = await generateDataset({ rows: 1001, seed: 5, out, truth: truthOut, pairs: true });
    const again = join(dir, 'pairs-again.csv');
    await generateDataset({ rows: 1001, seed: 5, out: again, pairs: true });
    assert.ok((await readFile(out)).equals(await readFile(again)), 'same seed, different pairs file');
    const rows = parseCsv(await readFile(out, 'utf8')).slice(1);
    const truthRows = parseCsv(await readFile(truthOut, 'utf8')).slice(1);
    assert.equal(rows.length, 1001);
    assert.equal(result.entities, 501);
    const byEntity = new Map<string, { names: string[]; variations: string[] }>();
    truthRows.forEach(([, entity, kind, variation], i) => {
      assert.ok(kind === 'company' || kind === 'hard_negative', `row ${i} is ${kind}`);
      const seen = byEntity.get(entity!) ?? { names: [], variations: [] };
      seen.names.push(rows[i]![1]!);
      seen.variations.push(variation!);
      byEntity.set(entity!, seen);
    });
    assert.equal(byEntity.size, 501);
    const twice = [...byEntity.values()].filter((e) => e.names.length === 2);
    assert.equal(twice.length, 500, 'one company of an odd row count is written once');
    // The first row met is the name as the company writes it; the second nearly always differs.
    assert.ok(twice.every((e) => e.variations[0] === ''));
    const varied = twice.filter((e) => e.variations[1] !== '' && e.names[0] !== e.names[1]);
    assert.ok(varied.length >= 490, `${varied.length} of 500 copies varied`);
    // Look-alike families keep their members apart as companies of their own.
    assert.ok(truthRows.some(([, , kind]) => kind === 'hard_negative'));
  });
});
