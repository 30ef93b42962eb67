/**
 * Latency of the steward's workbench API (issue 13): near-miss page, group graph, why together, distinct names,
 * the threshold sweep (first call builds the run's pairs and edges; then warm) and examples — server time through
 * fastify's `inject`, median of repeats after one untimed call (the sweep's first call is reported apart).
 *
 *   node --import tsx bench/workbench-latency.ts [--rows 94000] [--seed 7] [--repeat 5]
 *
 * The dataset (.bench-data/gen-<rows>-<seed>.csv) and its run (.bench-data/wb-ws-<rows>-<seed>) are reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDataset } from '../src/generate/index.js';
import { Workspace } from '../src/pipeline/workspace.js';
import { buildServer } from '../src/server/server.js';
import type { GroupPage } from '../src/shared/api.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, '.bench-data');

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '94000' },
    seed: { type: 'string', default: '7' },
    repeat: { type: 'string', default: '5' },
  },
});
const rows = Number(values.rows);
const seed = Number(values.seed);
const repeat = Number(values.repeat);

await mkdir(DATA, { recursive: true });
const input = join(DATA, `gen-${rows}-${seed}.csv`);
if (!existsSync(input)) await generateDataset({ rows, seed, out: input });
const workspace = new Workspace(join(DATA, `wb-ws-${rows}-${seed}`));
let run = (await workspace.listRuns()).find((m) => m.status === 'complete');
if (run === undefined) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'run', input, '--workspace', workspace.root, '--quiet'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`the pipeline run failed (exit ${result.status})`);
  run = (await workspace.listRuns()).find((m) => m.status === 'complete');
}
if (run === undefined) throw new Error('no complete run');
const app = await buildServer({ workspace, onError: (e) => process.stderr.write(`${e.message}\n`) });
const base = `/api/runs/${run.run_id}`;
const time = async (url: string): Promise<number> => {
  const started = performance.now();
  const r = await app.inject(url);
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  return performance.now() - started;
};
await time(`${base}/groups?limit=1`);
const first = { pairs: await time(`${base}/near-misses`), sweep: await time(`${base}/thresholds/sweep`) };
const big = (await app.inject(`${base}/groups?view=all&sort=size&dir=desc&limit=1`)).json() as GroupPage;
const groupId = big.rows[0]?.group_id ?? '';
const medium = (run.config as { thresholds: { medium: number } }).thresholds.medium;
const urls: [string, string][] = [
  ['near-miss page (first band)', `${base}/near-misses`],
  ['group graph (largest group)', `${base}/groups/${groupId}/graph`],
  ['why together (largest group)', `${base}/groups/${groupId}/why`],
  ['distinct names (largest group)', `${base}/groups/${groupId}/names`],
  ['threshold sweep (warm, cached)', `${base}/thresholds/sweep`],
  [`examples at medium − 5`, `${base}/thresholds/examples?t=${medium - 5}`],
];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
process.stdout.write(`workbench API, ${rows.toLocaleString('en-US')} rows (run ${run.run_id}), median of ${repeat}\n`);
process.stdout.write(`  first near-miss page (builds the pairs table): ${first.pairs.toFixed(0)} ms\n`);
process.stdout.write(`  first threshold sweep (numbers records, edges, sweep): ${first.sweep.toFixed(0)} ms\n`);
for (const [label, url] of urls) {
  await time(url);
  const ms: number[] = [];
  for (let k = 0; k < repeat; k++) ms.push(await time(url));
  process.stdout.write(`  ${label.padEnd(34)} ${median(ms).toFixed(1).padStart(8)} ms\n`);
}
await app.close();
