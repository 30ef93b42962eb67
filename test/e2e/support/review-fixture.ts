/**
 * A generated dataset run twice through the pipeline in a temp workspace (so the "changed since the last run"
 * view has something to show), and the review server over it on a free loopback port.
 */
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDataset } from '../../../src/generate/index.js';
import { buildServer } from '../../../src/server/server.js';
import { runOn, tempDir } from '../../support/run-fixture.js';
import { WEB_DIST } from './web-build.js';

export interface ReviewFixture {
  baseUrl: string;
  workspace: string;
  /** The newest run (the second of the dataset). */
  runId: string;
  previousRunId: string;
  close: () => Promise<void>;
}

/** Rows of the first and second run; the second adds rows so the changed view has new records. */
const ROWS = [1800, 2000] as const;

export async function startReviewFixture(): Promise<ReviewFixture> {
  const dir = await tempDir('junction-e2e-');
  const workspace = join(dir, 'ws');
  const input = join(dir, 'accounts.csv');
  const runs: string[] = [];
  for (const rows of ROWS) {
    const out = join(dir, `accounts-${rows}.csv`);
    await generateDataset({ rows, seed: 11, out });
    await copyFile(out, input);
    const result = await runOn(input, { workspace });
    runs.push(result.runId);
  }
  const server = await startServer(workspace);
  return {
    baseUrl: server.baseUrl,
    workspace,
    runId: runs[1]!,
    previousRunId: runs[0]!,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function startServer(workspace: string): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const app = await buildServer({ workspace, staticDir: WEB_DIST, engine: { memoryLimit: '1GB', threads: 1 } });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl, close: () => app.close() };
}
