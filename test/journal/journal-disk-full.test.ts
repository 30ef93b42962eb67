/**
 * Issue 12 defects 2 and 4: a full disk never loses an acknowledged decision nor damages the journal, and the
 * lock recovers from a dead holder and from a full disk. The disk is the FillingDisk seam over real files (a
 * real small tmpfs needs root to mount); its writes store what fits, as write(2) does.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seededUniform } from '../../src/generate/random.js';
import type { DecisionEvent } from '../../src/journal/events.js';
import { JOURNAL_FILE, JournalError, LOCK_FILE, readJournal } from '../../src/journal/journal-file.js';
import { JournalWriter } from '../../src/journal/journal-writer.js';
import { tempDir } from '../support/run-fixture.js';
import { FillingDisk } from './support/filling-disk.js';
import { draft } from './support/journal-fixture.js';

const isJournalError =
  (code: JournalError['code'], message: RegExp) =>
  (error: unknown): boolean =>
    error instanceof JournalError &&
    error.code === code &&
    !error.message.includes('\n') &&
    message.test(error.message);

/** The journal on disk holds exactly the acknowledged events, whole, with no NUL padding. */
async function assertJournalIs(root: string, acknowledged: readonly DecisionEvent[], when: string): Promise<void> {
  const bytes = await readFile(join(root, JOURNAL_FILE));
  assert.equal(bytes.indexOf(0), -1, `${when}: no NUL byte in the journal`);
  const read = await readJournal(join(root, JOURNAL_FILE));
  assert.equal(read.tornAt, null, `${when}: no torn tail`);
  assert.deepEqual(read.events, acknowledged, `${when}: the journal holds exactly the acknowledged events`);
}

test('a disk that keeps filling up, 400 appends: every acknowledged event is on disk and the journal always reads back', async (t) => {
  const seed = 20261204;
  t.diagnostic(`seed ${seed}`);
  const random = seededUniform(seed);
  const root = await tempDir('journal-full-');
  const disk = new FillingDisk(random);
  const writer = await JournalWriter.open(root, disk);
  const acknowledged: DecisionEvent[] = [];
  let refused = 0;
  for (let round = 0; round < 400; round++) {
    const dice = random();
    // Mostly a disk with a little room left (the line fits, part of it fits, or nothing does), sometimes space
    // freed; writes are cut short at random even with room, and fsync fails now and then.
    disk.free = dice < 0.15 ? Number.POSITIVE_INFINITY : Math.floor(random() * 400);
    disk.shortWriteChance = 0.3;
    disk.failNextSync = random() < 0.1;
    try {
      const account = `A${round}`;
      acknowledged.push(
        await writer.append(
          draft({ kind: 'disposition_override', account_ids: [account], value: 'Keep', base_seq: writer.lastSeq }),
        ),
      );
    } catch (error) {
      assert.ok(isJournalError('disk_full', /^the disk is full: the decision was not saved/)(error), String(error));
      refused++;
    }
    await assertJournalIs(root, acknowledged, `round ${round}`);
  }
  await writer.close();
  t.diagnostic(`${acknowledged.length} acknowledged, ${refused} refused, ${disk.shortWrites} short writes`);
  assert.ok(acknowledged.length >= 50 && refused >= 50, 'both outcomes were exercised');
  assert.ok(disk.shortWrites >= 50, 'short writes were exercised');
  // After a restart (the real file system), the journal opens and takes the next decision.
  const reopened = await JournalWriter.open(root);
  assert.equal(reopened.lastSeq, acknowledged.length);
  await reopened.append(draft({ kind: 'blacklist_add', term: 'after restart', base_seq: reopened.lastSeq }));
  await reopened.close();
});

test('a short write is completed, not acknowledged half-written', async () => {
  const root = await tempDir('journal-short-');
  const disk = new FillingDisk(() => 0);
  disk.shortWriteChance = 1; // every write stores one byte: the loop must finish the line
  const writer = await JournalWriter.open(root, disk);
  const event = await writer.append(draft({ kind: 'blacklist_add', term: 'one byte at a time' }));
  await writer.close();
  assert.ok(disk.shortWrites > 10);
  await assertJournalIs(root, [event], 'after byte-by-byte writes');
});

test('the disk fills mid-line, then stays full: no acknowledgement, no NUL padding, the file is intact; with room again it appends', async () => {
  const root = await tempDir('journal-mid-');
  const disk = new FillingDisk(() => 0);
  const writer = await JournalWriter.open(root, disk);
  const first = await writer.append(draft({ kind: 'blacklist_add', term: 'first' }));
  disk.free = 20; // part of the next line fits: the old writer acknowledged it and padded the file later
  for (let attempt = 0; attempt < 3; attempt++) {
    await assert.rejects(
      writer.append(draft({ kind: 'blacklist_add', term: `second ${attempt}`, base_seq: 1 })),
      isJournalError('disk_full', /decisions\.jsonl is unchanged\); free space and retry\.$/),
    );
    await assertJournalIs(root, [first], `attempt ${attempt}`);
  }
  disk.free = Number.POSITIVE_INFINITY;
  const second = await writer.append(draft({ kind: 'blacklist_add', term: 'second', base_seq: 1 }));
  assert.equal(second.seq, 2);
  await writer.close();
  await assertJournalIs(root, [first, second], 'after space was freed');
});

test('a failed fsync is rolled back: the decision is not acknowledged and the journal is unchanged', async () => {
  const root = await tempDir('journal-sync-');
  const disk = new FillingDisk(() => 0);
  const writer = await JournalWriter.open(root, disk);
  disk.failNextSync = true;
  await assert.rejects(writer.append(draft({ kind: 'blacklist_add', term: 'lost' })), isJournalError('disk_full', /./));
  assert.equal((await stat(join(root, JOURNAL_FILE))).size, 0);
  const event = await writer.append(draft({ kind: 'blacklist_add', term: 'kept' }));
  assert.equal(event.seq, 1);
  await writer.close();
  await assertJournalIs(root, [event], 'after the failed fsync');
});

test('ENOSPC while taking the lock: a one-line disk_full error and no empty lock left behind', async () => {
  const root = await tempDir('journal-lockfull-');
  const disk = new FillingDisk(() => 0);
  disk.free = 0;
  await assert.rejects(
    JournalWriter.open(root, disk),
    isJournalError('disk_full', /^the disk is full: .*decisions\.lock could not be written; free space and retry\.$/),
  );
  await assert.rejects(stat(join(root, LOCK_FILE)), /ENOENT/);
  disk.free = Number.POSITIVE_INFINITY;
  await (await JournalWriter.open(root, disk)).close();
});

function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid as number));
  });
}

test('a lock left by a dead process on this host is taken over, with an audit line', async () => {
  const root = await tempDir('journal-stale-');
  const pid = await deadPid();
  await writeFile(join(root, LOCK_FILE), `${pid} ${hostname()}\n`);
  const writer = await JournalWriter.open(root);
  assert.equal(await readFile(join(root, LOCK_FILE), 'utf8'), `${process.pid} ${hostname()}\n`);
  await writer.close();
  const audit = await readFile(join(root, 'audit.log'), 'utf8');
  assert.match(
    audit,
    new RegExp(
      `^\\S+Z took over decisions\\.lock \\(process ${pid} on ${hostname()} is no longer running\\) as process ${process.pid} on ${hostname()}\\n$`,
    ),
  );
});

test('an empty lock (ENOSPC between create and write) is taken over once old enough; a fresh one is left alone', async () => {
  const root = await tempDir('journal-empty-');
  const lock = join(root, LOCK_FILE);
  await writeFile(lock, '');
  await assert.rejects(
    JournalWriter.open(root),
    isJournalError('locked', /names no process yet \(another junction review starting\?\); retry in a few seconds\.$/),
  );
  const minuteAgo = new Date(Date.now() - 60_000);
  await utimes(lock, minuteAgo, minuteAgo);
  await (await JournalWriter.open(root)).close();
  assert.match(await readFile(join(root, 'audit.log'), 'utf8'), /took over decisions\.lock \(it named no process/);
  // Garbled text is the same as empty.
  await writeFile(lock, '\0\0\0\0');
  await utimes(lock, minuteAgo, minuteAgo);
  await (await JournalWriter.open(root)).close();
});

test('a lock naming another host is never taken over: that machine may still be writing', async () => {
  const root = await tempDir('journal-otherhost-');
  const lock = join(root, LOCK_FILE);
  await writeFile(lock, `${await deadPid()} some-other-host\n`);
  await assert.rejects(
    JournalWriter.open(root),
    isJournalError('locked', /on some-other-host, which this machine cannot check; stop it there, or if none runs/),
  );
  assert.match(await readFile(lock, 'utf8'), /some-other-host/);
});

/** Mount a 64 KiB tmpfs: a real full disk. Only where it is allowed (root in a container or VM); else null. */
async function smallTmpfs(): Promise<{ dir: string; unmount: () => Promise<void> } | null> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = await mkdtemp(join(tmpdir(), 'junction-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount: async () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test('a real 64 KiB tmpfs filled to the last byte: every acknowledged event is on disk, the journal always reads back', async (t) => {
  const tmpfs = await smallTmpfs();
  if (tmpfs === null) {
    t.skip('needs root and mount -t tmpfs (the FillingDisk tests above cover the same cases)');
    return;
  }
  const seed = 1204;
  t.diagnostic(`seed ${seed}`);
  const random = seededUniform(seed);
  const root = tmpfs.dir;
  try {
    const writer = await JournalWriter.open(root);
    const filler = join(root, 'filler');
    let fillerSize = 56 * 1024;
    await writeFile(filler, Buffer.alloc(fillerSize, 1));
    const acknowledged: DecisionEvent[] = [];
    let refused = 0;
    for (let round = 0; fillerSize > 0 || refused === 0; round++) {
      try {
        const term = `term ${round} ${'x'.repeat(Math.floor(random() * 900))}`;
        acknowledged.push(await writer.append(draft({ kind: 'blacklist_add', term, base_seq: writer.lastSeq })));
      } catch (error) {
        assert.ok(isJournalError('disk_full', /^the disk is full: the decision was not saved/)(error), String(error));
        refused++;
        // Free a page now and then, as a reviewer who deletes something and retries.
        if (random() < 0.5 && fillerSize > 0) {
          fillerSize = Math.max(0, fillerSize - 4096);
          await truncate(filler, fillerSize);
        }
      }
      await assertJournalIs(root, acknowledged, `round ${round}`);
      if (round > 2000) assert.fail('the disk never filled');
    }
    await writer.close();
    t.diagnostic(`${acknowledged.length} acknowledged, ${refused} refused on a real full disk`);
    assert.ok(acknowledged.length >= 20 && refused >= 5);
  } finally {
    await tmpfs.unmount();
  }
});
