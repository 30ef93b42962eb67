import { appendFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { ownerTag, processAlive } from '../engine/scratch-files.js';
import type { Manifest } from './manifest.js';

/** A run folder whose manifest cannot be read or parsed, and why. */
export interface CorruptRun {
  run_id: string;
  problem: string;
}

/** A run whose manifest is damaged: the user can delete the folder or restore the file (exit 1). */
export class CorruptRunError extends UsageError {
  constructor(runId: string, problem: string) {
    super(`run "${runId}" is damaged: ${problem}. Restore the file or delete the run folder.`, 'corrupt_run');
  }
}

/** Workspace layout (SPEC §12). */
export class Workspace {
  readonly root: string;
  constructor(dir: string | undefined) {
    this.root = resolve(dir ?? process.env.JUNCTION_WORKSPACE ?? 'junction-workspace');
  }
  get runsDir(): string {
    return join(this.root, 'runs');
  }
  get cacheDir(): string {
    return join(this.root, 'cache');
  }
  get auditLog(): string {
    return join(this.root, 'audit.log');
  }
  runDir(runId: string): string {
    return join(this.runsDir, runId);
  }
  manifestPath(runId: string): string {
    return join(this.runDir(runId), 'manifest.json');
  }

  /**
   * Create the workspace folders, or say in one line why it cannot be used (exit 1). Folders are made one level
   * at a time: Node's recursive mkdir loops forever under /proc (issue 12 item 5: `--workspace /proc/x` spun).
   */
  /** A new run id, `YYYYMMDD-HHMMSS-<input hash 6>` (SPEC §12), with `-2`, `-3`… when that folder exists already. */
  async newRunId(inputSha256: string, now: Date = new Date()): Promise<string> {
    const pad = (n: number): string => String(n).padStart(2, '0');
    const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
    const base = `${stamp}-${inputSha256.slice(0, 6)}`;
    for (let k = 1; ; k++) {
      const id = k === 1 ? base : `${base}-${k}`;
      if (!(await this.holds(this.runDir(id)))) return id;
    }
  }

  /** Whether a run folder (or manifest) exists; any error but "not found" is an error. */
  async holds(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async ensure(): Promise<void> {
    try {
      for (const dir of [this.runsDir, this.cacheDir]) await makeDirectories(dir);
      const probe = join(this.root, `.write-probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(
        `workspace ${this.root} cannot be used (${reason}: ${explainFsCode(reason)}). Choose a folder you can write with --workspace or JUNCTION_WORKSPACE.`,
      );
    }
  }

  /** The manifest of a run: `no run` only when it does not exist; an unreadable or damaged one says why. */
  async readManifest(runId: string): Promise<Manifest> {
    const read = await this.tryManifest(runId);
    if (read === null) throw new UsageError(`no run "${runId}" in ${this.root}. See \`junction runs list\`.`);
    if ('problem' in read) throw new CorruptRunError(runId, read.problem);
    return read.manifest;
  }

  /** The runs whose manifest reads, newest first (`listRunFolders` also names the damaged ones). */
  async listRuns(): Promise<Manifest[]> {
    return (await this.listRunFolders()).runs;
  }

  /**
   * Every run folder: the runs whose manifest reads (newest first) and those whose manifest does not, with the
   * reason (issue 12 item 9: a damaged run is shown, never silently left out). A folder without a manifest is
   * not a run. No workspace yet means no runs.
   */
  async listRunFolders(): Promise<{ runs: Manifest[]; corrupt: CorruptRun[] }> {
    let names: string[];
    try {
      names = await readdir(this.runsDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], corrupt: [] };
      throw error;
    }
    const runs: Manifest[] = [];
    const corrupt: CorruptRun[] = [];
    for (const name of names.sort()) {
      const read = await this.tryManifest(name);
      if (read === null) continue;
      if ('problem' in read) corrupt.push({ run_id: name, problem: read.problem });
      else runs.push(read.manifest);
    }
    runs.sort((a, b) =>
      a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : a.run_id < b.run_id ? 1 : -1,
    );
    return { runs, corrupt };
  }

  /** null when the run has no manifest; otherwise the manifest or why it cannot be used. */
  private async tryManifest(runId: string): Promise<{ manifest: Manifest } | { problem: string } | null> {
    let text: string;
    try {
      text = await readFile(this.manifestPath(runId), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      return { problem: `manifest.json cannot be read (${code ?? (error as Error).message})` };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { problem: `manifest.json is not valid JSON (${(error as Error).message.split('\n')[0]})` };
    }
    const fields = value as Partial<Record<keyof Manifest, unknown>> | null;
    for (const field of ['run_id', 'status', 'started_at'] as const) {
      if (fields === null || typeof fields !== 'object' || typeof fields[field] !== 'string') {
        return { problem: `manifest.json has no ${field}` };
      }
    }
    return { manifest: value as Manifest };
  }

  async audit(line: string): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await appendFile(this.auditLog, `${new Date().toISOString()} ${line}\n`);
  }

  /** Bytes of a run's files; 0 for a run deleted meanwhile (another reviewer, another process). */
  async sizeOnDisk(runId: string): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.runDir(runId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let total = 0;
    for (const name of names) total += (await stat(join(this.runDir(runId), name))).size;
    return total;
  }

  async removeRun(runId: string): Promise<void> {
    await rm(this.runDir(runId), { recursive: true, force: true });
  }
}

/** `mkdir -p`, one level at a time, so a path that can never exist fails instead of looping. */
async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    try {
      if (!(await stat(at)).isDirectory()) throw Object.assign(new Error(`${at} is a file`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw error;
      missing.push(at);
    }
  }
  for (const at of missing.reverse()) {
    try {
      await mkdir(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function explainFsCode(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'a parent folder cannot hold new folders';
    case 'ENOTDIR':
      return 'part of the path is a file';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to write there';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return 'cannot write there';
  }
}

/** Write a file atomically: readers never see a half-written manifest. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.tmp-${ownerTag()}`;
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The status a reader should show: a `running` manifest whose process is gone is `failed (stale)` (SPEC §12). */
export function effectiveStatus(manifest: Manifest): string {
  if (manifest.status === 'running' && !processAlive(manifest.pid)) return 'failed (stale)';
  return manifest.status;
}
