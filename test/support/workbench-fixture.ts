/**
 * A generated dataset with its true entity in a source column (`Entity ID`), run once into a fresh workspace:
 * the steward's workbench (issue 13) has near misses, weak joins and a truth to draw precision/recall from.
 */
import { join } from 'node:path';
import { Engine } from '../../src/engine/database.js';
import { generateDataset } from '../../src/generate/index.js';
import { runOn, tempDir } from './run-fixture.js';

export const TRUTH_COLUMN = 'Entity ID';

export interface WorkbenchFixture {
  dir: string;
  workspace: string;
  input: string;
  runId: string;
}

export async function workbenchRun(
  rows: number,
  seed: number,
  prefix = 'junction-workbench-',
): Promise<WorkbenchFixture> {
  const dir = await tempDir(prefix);
  const workspace = join(dir, 'ws');
  const plain = join(dir, 'plain.csv');
  const truth = join(dir, 'truth.csv');
  const input = join(dir, 'accounts.csv');
  await generateDataset({ rows, seed, out: plain, truth });
  const engine = await Engine.open({ memoryLimit: '1GB', threads: 1 });
  try {
    const q = (path: string): string => `'${path.replaceAll("'", "''")}'`;
    await engine.run(
      'fixture: truth as a source column',
      `COPY (SELECT a.*, t.entity_id AS "${TRUTH_COLUMN}"
             FROM read_csv(${q(plain)}, all_varchar = true, header = true) a
             LEFT JOIN read_csv(${q(truth)}, all_varchar = true, header = true) t ON t.account_id = a."Account ID")
       TO ${q(input)} (FORMAT csv, HEADER true)`,
    );
  } finally {
    engine.close();
  }
  const run = await runOn(input, { workspace, runId: 'run-1' });
  return { dir, workspace, input, runId: run.runId };
}
