import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { Engine } from '../../src/engine/database.js';
import { parseCsvText } from '../../src/input/csv-parse.js';
import { executeRun, type RunResult } from '../../src/pipeline/run.js';
import { Workspace } from '../../src/pipeline/workspace.js';

/** A fresh temp folder per test. */
export async function tempDir(prefix = 'junction-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Whether a file or folder is there. */
export const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

export async function writeInput(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

export interface RunOptions {
  config?: unknown;
  col?: Record<string, string>;
  sheet?: string;
  encoding?: 'auto' | 'utf8' | 'windows-1252';
  workspace?: string;
  runId?: string;
  from?: import('../../src/pipeline/runner.js').StageName;
  noCache?: boolean;
  workers?: number;
  onEvent?: (event: import('../../src/pipeline/runner.js').StageEvent) => void;
}

/** Run the whole pipeline in-process on one input file, in its own workspace (unless given). */
export async function runOn(
  inputPath: string,
  options: RunOptions = {},
): Promise<RunResult & { workspace: Workspace; config: Config }> {
  const workspace = new Workspace(options.workspace ?? (await tempDir('junction-ws-')));
  const config = parseConfig(options.config ?? {}, 'test config');
  const result = await executeRun({
    workspace,
    config,
    inputPath,
    sheet: options.sheet ?? null,
    encoding: options.encoding ?? 'auto',
    colOverrides: options.col ?? {},
    excludeHeaders: [],
    decisions: null,
    runId: options.runId,
    from: options.from,
    noCache: options.noCache ?? false,
    workers: options.workers ?? 1,
    onEvent: options.onEvent,
  });
  return { ...result, workspace, config };
}

/** Rows of a Parquet file as objects (small files only). */
export async function readParquet(path: string, orderBy?: string): Promise<Record<string, unknown>[]> {
  const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
  try {
    const order = orderBy === undefined ? '' : ` ORDER BY ${orderBy}`;
    return await engine.rows('test read', `SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')${order}`);
  } finally {
    engine.close();
  }
}

/** A CSV file as header-keyed objects. */
export async function readCsvObjects(path: string): Promise<Record<string, string>[]> {
  const records = parseCsvText(await readFile(path, 'utf8'), ',').filter((r) => r.raw.length > 0);
  const header = records[0]?.fields ?? [];
  return records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}
