import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary files of this process (issue 12 item 7): DuckDB's CSV hand-offs and spills under the system temp
 * folder, and a stage's half-written cache folder. Every name carries its owner as `<pid>@<host>`, so a later
 * process can tell that the owner died (SIGKILL, power loss) and sweep it. Paths in use are tracked, so every
 * exit path the CLI controls — normal, error, Ctrl-C — can remove them, synchronously if need be.
 */

const tracked = new Set<string>();

/** This process as a temp-name owner: `<pid>@<host>`. */
export function ownerTag(): string {
  return `${process.pid}@${hostname()}`;
}

/** A fresh folder `<tmp>/junction-<purpose>-<pid>@<host>-XXXXXX`, tracked until `removeScratch`. */
export async function makeScratchDir(purpose: string): Promise<string> {
  if (!/^[a-z]+$/.test(purpose)) throw new Error(`scratch purpose ${JSON.stringify(purpose)}: use lower-case letters`);
  // Made and tracked in one tick: a Ctrl-C between an awaited mkdtemp and the tracking would leave the folder behind.
  const dir = mkdtempSync(join(tmpdir(), `junction-${purpose}-${ownerTag()}-`));
  tracked.add(dir);
  return dir;
}

/** Remove a scratch folder (or any tracked temp path) and stop tracking it. */
export async function removeScratch(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  tracked.delete(path);
}

/** The name a cache folder has while it is being written: `<dir>.tmp-<pid>@<host>` (renamed into place when done). */
export function cacheWorkPath(dir: string): string {
  return `${dir}.tmp-${ownerTag()}`;
}

/** Track a temp path this process made by other means (a cache work folder, DuckDB's spill folder). */
export function trackTempPath(path: string): void {
  tracked.add(path);
}

/** Forget a tracked path that was renamed into place or already removed. */
export function untrackTempPath(path: string): void {
  tracked.delete(path);
}

/**
 * Remove every tracked temp path now. Synchronous, for the process `exit` event and Ctrl-C, where no promise
 * will run again; a path that cannot be removed is reported on stderr and left for the next start's sweep.
 */
export function removeTrackedTempSync(): void {
  for (const path of tracked) {
    try {
      rmSync(path, { recursive: true, force: true });
      tracked.delete(path);
    } catch (error) {
      process.stderr.write(`junction: could not remove ${path} (${(error as Error).message})\n`);
    }
  }
}

/** True when `pid` is a live process on this host (signal 0 probes without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const SCRATCH_NAME = /^junction-[a-z]+-(\d+)@(.+)-[A-Za-z0-9]{6}$/;
/** `…tmp-<pid>@<host>`, and `…tmp-<pid>` as written before owners carried their host. */
const WORK_NAME = /\.tmp-(\d+)(?:@(.+))?$/;

/** True when the owner of a temp name is a process of this host that no longer runs. */
function ownerGone(pid: string | undefined, host: string | undefined): boolean {
  if (pid === undefined) return false;
  if (host !== undefined && host !== hostname()) return false;
  return !processAlive(Number(pid));
}

/**
 * Remove the temp files that processes of this host left behind when they died (issue 12 item 7): scratch
 * folders in the system temp folder and `cache/<stage>/<key>.tmp-<owner>` folders of a workspace. Returns
 * the paths removed. A folder that cannot be listed because it does not exist yet holds nothing to sweep.
 */
export async function sweepStaleTemp(cacheDir: string | null, tempDir: string = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await namesIn(tempDir)) {
    const owner = SCRATCH_NAME.exec(name);
    if (owner === null || !ownerGone(owner[1], owner[2])) continue;
    await rm(join(tempDir, name), { recursive: true, force: true });
    removed.push(join(tempDir, name));
  }
  if (cacheDir === null) return removed;
  for (const folder of await namesIn(cacheDir)) {
    for (const name of await namesIn(join(cacheDir, folder))) {
      const owner = WORK_NAME.exec(name);
      if (owner === null || !ownerGone(owner[1], owner[2])) continue;
      await rm(join(cacheDir, folder, name), { recursive: true, force: true });
      removed.push(join(cacheDir, folder, name));
    }
  }
  return removed;
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
