import { appendFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Manifest } from './manifest.js';

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

  async ensure(): Promise<void> {
    await mkdir(this.runsDir, { recursive: true });
    await mkdir(this.cacheDir, { recursive: true });
  }

  async readManifest(runId: string): Promise<Manifest> {
    let text: string;
    try {
      text = await readFile(this.manifestPath(runId), 'utf8');
    } catch {
      throw new UsageError(`no run "${runId}" in ${this.root}. See \`junction runs list\`.`);
    }
    return JSON.parse(text) as Manifest;
  }

  /** All runs with a manifest, newest first. */
  async listRuns(): Promise<Manifest[]> {
    let names: string[];
    try {
      names = await readdir(this.runsDir);
    } catch {
      return [];
    }
    const manifests: Manifest[] = [];
    for (const name of names) {
      try {
        manifests.push(JSON.parse(await readFile(this.manifestPath(name), 'utf8')) as Manifest);
      } catch {
        // a folder without a readable manifest is not a run
      }
    }
    return manifests.sort((a, b) =>
      a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : a.run_id < b.run_id ? 1 : -1,
    );
  }

  async audit(line: string): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await appendFile(this.auditLog, `${new Date().toISOString()} ${line}\n`);
  }

  async sizeOnDisk(runId: string): Promise<number> {
    let total = 0;
    for (const name of await readdir(this.runDir(runId))) total += (await stat(join(this.runDir(runId), name))).size;
    return total;
  }

  async removeRun(runId: string): Promise<void> {
    await rm(this.runDir(runId), { recursive: true, force: true });
  }
}

/** Write a file atomically: readers never see a half-written manifest. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, content);
  await rename(temp, path);
}

/** True when `pid` is a live process (signal 0 probes without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The status a reader should show: a `running` manifest whose process is gone is `failed (stale)` (SPEC §12). */
export function effectiveStatus(manifest: Manifest): string {
  if (manifest.status === 'running' && !processAlive(manifest.pid)) return 'failed (stale)';
  return manifest.status;
}
