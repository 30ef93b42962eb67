import { type FileHandle, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { JournalError } from './journal-file.js';

/**
 * The exclusive lock that makes the review server the journal's single writer (SPEC §10): `decisions.lock`
 * created with O_EXCL, holding `pid host`. A lock whose process is gone is NOT taken over: another machine on
 * a shared folder, or a reused pid, would make a takeover unsafe, so it is reported with how to clear it.
 */
export class JournalLock {
  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {}

  static async acquire(path: string): Promise<JournalLock> {
    const content = `${process.pid} ${hostname()}\n`;
    let handle: FileHandle;
    try {
      handle = await open(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new JournalError(await heldMessage(path), 'locked');
    }
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return new JournalLock(path, content);
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

async function heldMessage(path: string): Promise<string> {
  let text = '';
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch {
    // removed meanwhile: still report it as held; the next attempt may succeed
  }
  const [pidText, host] = text.split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) {
    return `${path} exists but names no process; if no junction review uses this workspace, delete it and retry.`;
  }
  const here = host === undefined || host === hostname();
  if (here && !processAlive(pid)) {
    return `${path} is left by process ${pid}, which is no longer running (a crash?); if no junction review uses this workspace, delete ${path} and retry.`;
  }
  return `decisions are being written by process ${pid}${here ? '' : ` on ${host}`} (another junction review on this workspace); stop it or use it, then retry.`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
