/**
 * A journal writer that appends as fast as it can and prints each acknowledged seq on its own line (the
 * SIGKILL test kills it at random moments). argv: <workspace> [hold] — with `hold` it takes the lock, prints
 * `ready`, and waits (the two-writers test).
 */
import { JournalWriter } from '../../../src/journal/journal-writer.js';
import { draft } from './journal-fixture.js';

const [root, mode] = process.argv.slice(2);
if (root === undefined) throw new Error('usage: append-child <workspace> [hold]');
let writer: JournalWriter;
try {
  writer = await JournalWriter.open(root);
} catch (error) {
  process.stdout.write(`refused: ${(error as Error).message}\n`);
  process.exit(3);
}
if (mode === 'hold') {
  process.stdout.write('ready\n');
  setInterval(() => undefined, 1000);
} else {
  for (let k = 0; ; k++) {
    const event = await writer.append(
      draft({
        kind: k % 2 === 0 ? 'disposition_override' : 'blacklist_add',
        account_ids: k % 2 === 0 ? [`ACC-${k}`] : null,
        term: k % 2 === 0 ? null : `term ${k} ${'x'.repeat(k % 300)}`,
        value: k % 2 === 0 ? 'Keep' : null,
        base_seq: writer.lastSeq,
      }),
    );
    process.stdout.write(`${event.seq}\n`);
  }
}
