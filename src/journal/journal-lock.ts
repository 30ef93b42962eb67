import { appendFile, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { JournalError } from './journal-file.js';
import { isDiskFull, type JournalFileSystem, NODE_FILE_SYSTEM, writeWhole } from './journal-file-system.js';

/**
 * An empty or unreadable lock younger than this may be one a live process is writing right now (create, then
 * write its pid); older, it was left by a full disk or a kill between the two steps (issue 12 defect 4).
 */
const UNNAMED_LOCK_GRACE_MS = 5_000;
/** The workspace's audit log (SPEC §12), same line format as the pipeline's `Workspace.audit`. */
const AUDIT_FILE = 'audit.log';

/** What a lock file on disk says, and the identity (inode + text) a takeover checks again before removing it. */
type Holder =
  | { kind: 'gone' }
  | { kind: 'named'; pid: number; host: string; identity: string; ageMs: number }
  | { kind: 'unnamed'; identity: string; ageMs: number };

/**
 * The exclusive lock that makes the review server the journal's single writer (SPEC §10): `decisions.lock`
 * created with O_EXCL, holding `pid host`. A lock whose process is gone from THIS host is taken over, with an
 * audit line (issue 12 defect 4); one naming another host is never taken over (a shared folder: we cannot see
 * its processes). An empty lock (ENOSPC between create and write) is taken over once it is old enough that no
 * live process can still be writing it. A failed lock write removes the half-made lock.
 */
export class JournalLock {
  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {}

  static async acquire(path: string, files: JournalFileSystem = NODE_FILE_SYSTEM): Promise<JournalLock> {
    const content = `${process.pid} ${hostname()}\n`;
    let tookOver: string | null = null;
    for (let attempt = 0; attempt < 4; attempt++) {
      if (await createLock(path, content, files)) {
        const lock = new JournalLock(path, content);
        if (tookOver !== null) await lock.audit(tookOver);
        return lock;
      }
      const holder = await inspect(path);
      if (holder.kind === 'gone') continue;
      const stale = staleReason(holder);
      if (stale === null) throw new JournalError(heldMessage(path, holder), 'locked');
      if (await removeStale(path, holder, files)) tookOver = stale;
      else await setTimeout(25 * (attempt + 1)); // another process is taking over: look again when it is done
    }
    throw new JournalError(`${path} keeps changing hands (another junction review starting?); retry.`, 'locked');
  }

  /** Record a takeover in the workspace's audit log; without the line there is no takeover. */
  private async audit(reason: string): Promise<void> {
    const line = `${new Date().toISOString()} took over ${basename(this.path)} (${reason}) as process ${process.pid} on ${hostname()}\n`;
    try {
      await appendFile(join(dirname(this.path), AUDIT_FILE), line);
    } catch (error) {
      await this.release();
      throw lockWriteError(join(dirname(this.path), AUDIT_FILE), error);
    }
  }

  /** Remove the lock if it is still ours (never someone else's). */
  async release(): Promise<void> {
    try {
      if ((await readFile(this.path, 'utf8')) === this.content) await unlink(this.path);
    } catch {
      // already gone
    }
  }
}

/** Create the lock with O_EXCL and write our name into it: false when it exists; a failed write removes it. */
async function createLock(path: string, content: string, files: JournalFileSystem): Promise<boolean> {
  let handle: Awaited<ReturnType<JournalFileSystem['open']>>;
  try {
    handle = await files.open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockWriteError(path, error);
  }
  try {
    await writeWhole(handle, Buffer.from(content, 'utf8'));
    await handle.sync();
  } catch (error) {
    // A lock that names no process would block every writer: it must not outlive this failure.
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw lockWriteError(path, error);
  }
  await handle.close();
  return true;
}

function lockWriteError(path: string, error: unknown): JournalError {
  if (isDiskFull(error)) {
    return new JournalError(`the disk is full: ${path} could not be written; free space and retry.`, 'disk_full');
  }
  return new JournalError(`${path} could not be written (${(error as Error).message}).`, 'write_failed');
}

async function inspect(path: string): Promise<Holder> {
  let text: string;
  let facts: { ino: number; mtimeMs: number };
  try {
    [text, facts] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  const identity = `${facts.ino}:${text}`;
  const ageMs = Date.now() - facts.mtimeMs;
  const match = /^(\d+) (\S+)\n?$/.exec(text);
  const pid = Number(match?.[1]);
  if (match === null || !Number.isSafeInteger(pid) || pid <= 0) return { kind: 'unnamed', identity, ageMs };
  return { kind: 'named', pid, host: match[2] as string, identity, ageMs };
}

/** Why a held lock may be taken over, or null when its holder may be alive. */
function staleReason(holder: Exclude<Holder, { kind: 'gone' }>): string | null {
  if (holder.kind === 'unnamed') {
    return holder.ageMs >= UNNAMED_LOCK_GRACE_MS ? 'it named no process: left by a full disk or a crash' : null;
  }
  if (holder.host !== hostname() || processAlive(holder.pid)) return null;
  return `process ${holder.pid} on ${holder.host} is no longer running`;
}

function heldMessage(path: string, holder: Exclude<Holder, { kind: 'gone' }>): string {
  if (holder.kind === 'unnamed') {
    return `${path} names no process yet (another junction review starting?); retry in a few seconds.`;
  }
  if (holder.host !== hostname()) {
    return `decisions are being written by process ${holder.pid} on ${holder.host}, which this machine cannot check; stop it there, or if none runs, delete ${path} and retry.`;
  }
  return `decisions are being written by process ${holder.pid} (another junction review on this workspace); stop it or use it, then retry.`;
}

/**
 * Remove a stale lock, under a short-lived guard file so two processes taking over at once cannot remove a lock
 * the other has just made: the lock is removed only if it is still the very file (inode and text) judged stale.
 * False when the guard is busy or the lock changed meanwhile (the caller looks again).
 */
async function removeStale(path: string, judged: { identity: string }, files: JournalFileSystem): Promise<boolean> {
  const guard = `${path}.takeover`;
  if (!(await createLock(guard, `${process.pid} ${hostname()}\n`, files))) {
    const guardHolder = await inspect(guard);
    if (guardHolder.kind !== 'gone' && staleReason(guardHolder) !== null) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const now = await inspect(path);
    if (now.kind === 'gone' || now.identity !== judged.identity) return false;
    await unlink(path);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
