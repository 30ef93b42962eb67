import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { EngineOptions } from '../engine/database.js';
import { ownerTag, sweepStaleTemp, trackTempPath } from '../engine/scratch-files.js';
import type { Workspace } from '../pipeline/workspace.js';

/**
 * DuckDB settings of `review` and `export` from the config (issue 12 item 8: they used the defaults), spilling
 * into a folder of this process under the workspace cache: removed at exit, swept by a later start if killed.
 * Temp files that dead processes of this host left are swept first, as `junction run` does.
 */
export async function engineOptions(
  engine: Config['engine'],
  workspace: Workspace,
  purpose: string,
): Promise<EngineOptions> {
  await workspace.ensure();
  await sweepStaleTemp(workspace.cacheDir);
  await mkdir(join(workspace.cacheDir, 'duckdb'), { recursive: true });
  const spill = join(workspace.cacheDir, 'duckdb', `${purpose}.tmp-${ownerTag()}`);
  trackTempPath(spill);
  return {
    memoryLimit: engine.memory_limit,
    threads: engine.threads,
    tempDirectory: spill,
    readConnections: engine.read_connections,
  };
}
