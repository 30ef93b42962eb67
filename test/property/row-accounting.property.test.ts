import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { quoteField } from '../../src/input/csv-write.js';
import { readCsvObjects, readParquet, runOn, tempDir, writeInput } from '../support/run-fixture.js';

const SEED = 20261122;

/** A messy data row: good, missing id, duplicate id, blank line, too many fields, unbalanced quote. */
const rowKind = fc.constantFrom('good', 'good', 'good', 'missing', 'duplicate', 'blank', 'wide', 'quote');
const nameText = fc.string({
  unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', 'é', '&', '#', '1', ';', '(', ')'),
  maxLength: 20,
});

test('row accounting: rows_in = records + rejected, and every id row lands exactly once', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(rowKind, nameText), { minLength: 1, maxLength: 40 }), async (rows) => {
      const lines: string[] = ['Account ID,Account Name,Note'];
      let dataRows = 0;
      let quoteBroken = false;
      for (const [i, [kind, name]] of rows.entries()) {
        if (kind === 'blank') {
          lines.push('');
          continue;
        }
        dataRows++;
        if (kind === 'good') lines.push(`ID${i},${quoteField(name)},n`);
        else if (kind === 'missing') lines.push(`,${quoteField(name)},n`);
        else if (kind === 'duplicate') lines.push(`ID0,${quoteField(name)},n`);
        else if (kind === 'wide') lines.push(`ID${i},x,y,z`);
        else {
          quoteBroken = true;
          lines.push(`ID${i},"unclosed name,n`);
        }
      }
      const dir = await tempDir();
      const input = await writeInput(dir, 'messy.csv', `${lines.join('\r\n')}\r\n`);
      const { manifest, dir: runDir } = await runOn(input);
      const c = manifest.counts;
      assert.equal(c.rows_in, (c.records ?? 0) + (c.rejected ?? 0));
      if (!quoteBroken) assert.equal(c.rows_in, dataRows);
      const records = await readParquet(join(runDir, 'records.parquet'));
      const rejected = await readCsvObjects(join(runDir, 'rejected.csv'));
      assert.equal(records.length, c.records);
      assert.equal(rejected.length, c.rejected);
      const seen = new Set<number>([
        ...records.map((r) => r.source_row as number),
        ...rejected.map((r) => Number(r.row_number)),
      ]);
      assert.equal(seen.size, c.rows_in, 'each data row number appears exactly once');
    }),
    { seed: SEED, numRuns: 25, verbose: true },
  );
});
