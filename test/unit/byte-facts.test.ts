import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashAndCheckUtf8 } from '../../src/input/read-source.js';
import { tempDir } from '../support/run-fixture.js';

const MB4 = 4 << 20;

/** `size` bytes of CSV-ish ASCII with `inserts` written at their offsets. */
function bytesWith(size: number, inserts: [number, Buffer][]): Buffer {
  const bytes = Buffer.alloc(size, 'a,b\r\n');
  for (const [at, insert] of inserts) insert.copy(bytes, at);
  return bytes;
}

async function factsOf(bytes: Buffer): Promise<{ sha256: string; utf8: boolean; bom: boolean }> {
  const path = join(await tempDir(), `f-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, bytes);
  return hashAndCheckUtf8(path);
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

// The file is read in 4 MB pieces into two buffers in turn (issue 14): a character cut by a piece's end must still
// read as UTF-8, and the hash must be the whole file's.
test('characters cut at a read boundary are valid UTF-8, and the hash is the whole file’s', async () => {
  const euro = Buffer.from('€', 'utf8'); // 3 bytes
  const emoji = Buffer.from('😀', 'utf8'); // 4 bytes
  const bytes = bytesWith(2 * MB4 + 1000, [
    [0, Buffer.from([0xef, 0xbb, 0xbf])],
    [MB4 - 1, euro],
    [2 * MB4 - 2, emoji],
  ]);
  const facts = await factsOf(bytes);
  assert.deepEqual(facts, { sha256: sha(bytes), utf8: true, bom: true });
});

test('a bad byte after a read boundary, or a character cut by the end of the file, is not UTF-8', async () => {
  const afterBoundary = bytesWith(MB4 + 500, [[MB4 + 10, Buffer.from([0xff])]]);
  assert.deepEqual(await factsOf(afterBoundary), { sha256: sha(afterBoundary), utf8: false, bom: false });
  // A lead byte at the boundary whose continuation is missing.
  const cutLead = bytesWith(MB4 + 500, [[MB4 - 1, Buffer.from([0xe2, 0x41])]]);
  assert.equal((await factsOf(cutLead)).utf8, false);
  const cutAtEnd = Buffer.concat([Buffer.from('a,b\n'), Buffer.from('€', 'utf8').subarray(0, 2)]);
  assert.deepEqual(await factsOf(cutAtEnd), { sha256: sha(cutAtEnd), utf8: false, bom: false });
  assert.deepEqual(await factsOf(Buffer.alloc(0)), { sha256: sha(Buffer.alloc(0)), utf8: true, bom: false });
});
