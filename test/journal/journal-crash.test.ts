import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { seededUniform } from '../../src/generate/random.js';
import { JOURNAL_FILE, JournalError, LOCK_FILE, readJournal } from '../../src/journal/journal-file.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { tempDir } from '../support/run-fixture.js';

const CHILD = fileURLToPath(new URL('./support/append-child.ts', import.meta.url));

function startChild(root: string, mode?: 'hold'): { child: ChildProcess; lines: string[]; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root, ...(mode === undefined ? [] : [mode])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let pending = '';
  let resolveFirst: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolve) => {
    resolveFirst = resolve;
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length === 1) resolveFirst(line);
    }
  });
  child.on('exit', () => resolveFirst(''));
  return { child, lines, firstLine };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** mulberry32: a fixed-seed PRNG, so the kill moments are the same on every run. */

test('SIGKILL mid-append, 20 times: every acknowledged event survives and the journal stays valid', async (t) => {
  const root = await tempDir('journal-kill-');
  const path = join(root, JOURNAL_FILE);
  const random = seededUniform(20261122);
  const acknowledged = new Set<number>();
  let tornTails = 0;
  for (let round = 0; round < 20; round++) {
    const { child, lines, firstLine } = startChild(root);
    const first = await firstLine;
    assert.match(first, /^\d+$/, `round ${round}: the writer started (${first})`);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 60)));
    child.kill('SIGKILL');
    await exited(child);
    for (const line of lines) if (/^\d+$/.test(line)) acknowledged.add(Number(line));

    // The dead writer's lock stays behind; the next writer takes it over (issue 12 defect 4), as checked below.
    assert.match(await readFile(join(root, LOCK_FILE), 'utf8'), new RegExp(`^${child.pid} `));
    const read = await readJournal(path);
    const seqs = new Set(read.events.map((e) => e.seq));
    for (const seq of acknowledged) assert.ok(seqs.has(seq), `round ${round}: acknowledged seq ${seq} is on disk`);
    for (const [k, e] of read.events.entries()) assert.equal(e.seq, k + 1, 'seqs are dense and ordered');
    if (read.tornAt !== null) {
      // A torn tail is allowed only for an unacknowledged append; it is reported, and removed as the message says.
      tornTails++;
      const torn = (await readFile(path)).subarray(read.tornAt).toString('utf8');
      const seq = /"seq":(\d+)/.exec(torn)?.[1];
      if (seq !== undefined) assert.ok(!acknowledged.has(Number(seq)), 'the torn line was never acknowledged');
      await assert.rejects(
        JournalWriter.open(root),
        (e: unknown) => e instanceof JournalError && e.code === 'torn_tail',
      );
      await rm(join(root, LOCK_FILE), { force: true });
      await truncate(path, read.tornAt);
    }
  }
  const final = await readJournal(path);
  assert.equal(final.tornAt, null);
  assert.ok(acknowledged.size >= 20, `at least one acknowledged event per round (${acknowledged.size})`);
  assert.ok(final.events.length >= acknowledged.size);
  // The journal takes appends again after the last crash, taking over the dead writer's lock with an audit line.
  const w = await JournalWriter.open(root);
  const audit = await readFile(join(root, 'audit.log'), 'utf8');
  assert.ok(
    audit.split('\n').filter((line) => / took over decisions\.lock \(process \d+ .* no longer running\)/.test(line))
      .length >= 1,
  );
  assert.equal(w.lastSeq, final.events.length);
  await w.close();
  t.diagnostic(`${acknowledged.size} acknowledged events over 20 kills, ${tornTails} torn tails reported`);
});

test('two writer processes: the second cannot take the lock and says who holds it', async () => {
  const root = await tempDir('journal-two-');
  const holder = startChild(root, 'hold');
  try {
    assert.equal(await holder.firstLine, 'ready');
    const second = startChild(root);
    await exited(second.child);
    assert.equal(second.child.exitCode, 3);
    assert.deepEqual(second.lines, [
      `refused: decisions are being written by process ${holder.child.pid} (another junction review on this workspace); stop it or use it, then retry.`,
    ]);
    // And an in-process writer is refused the same way.
    await assert.rejects(JournalWriter.open(root), /being written by process/);
  } finally {
    holder.child.kill('SIGKILL');
    await exited(holder.child);
  }
});
