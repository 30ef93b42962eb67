/**
 * Review API latency at 1M records (SPEC §14, REVIEW §3): first groups page, sort change, filter change, search
 * and group details — server time through fastify's `inject` (no network), warm (after one untimed call),
 * median of repeats. Writes the "Review API latency" section of BENCHMARKS.md between its markers and leaves
 * the rest of the file alone.
 *
 *   node --import tsx bench/ui-latency.ts [--rows 1000000] [--seed 7] [--repeat 9]
 *
 * The dataset (.bench-data/gen-<rows>-<seed>.csv) and the run (.bench-data/ui-ws) are reused when present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDataset } from '../src/generate/index.js';
import { Workspace } from '../src/pipeline/workspace.js';
import { buildServer } from '../src/server/server.js';
import type { GroupPage } from '../src/shared/api.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, '.bench-data');
const START = '<!-- ui-latency:start -->';
const END = '<!-- ui-latency:end -->';

interface Timing {
  label: string;
  url: string;
  budget: number | null;
  ms: number[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function ensureRun(rows: number, seed: number): Promise<{ workspace: Workspace; runId: string }> {
  const input = join(DATA, `gen-${rows}-${seed}.csv`);
  if (!existsSync(input)) {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} rows → ${input}\n`);
    await generateDataset({ rows, seed, out: input });
  }
  const workspace = new Workspace(join(DATA, rows === 1_000_000 && seed === 7 ? 'ui-ws' : `ui-ws-${rows}-${seed}`));
  const done = (await workspace.listRuns()).find(
    (m) => m.status === 'complete' && m.input?.name === `gen-${rows}-${seed}.csv`,
  );
  if (done !== undefined) return { workspace, runId: done.run_id };
  process.stderr.write(`running the pipeline on ${input} (minutes at 1M)\n`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'run', input, '--workspace', workspace.root, '--quiet'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`the pipeline run failed (exit ${result.status})`);
  const run = (await workspace.listRuns()).find((m) => m.status === 'complete');
  if (run === undefined) throw new Error('no complete run after the pipeline run');
  return { workspace, runId: run.run_id };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '7' },
      repeat: { type: 'string', default: '9' },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  const repeat = Math.max(1, Number(values.repeat));
  const { workspace, runId } = await ensureRun(rows, seed);
  const loadBefore = loadavg()[0] ?? 0;
  const app = await buildServer({ workspace, onError: (e) => process.stderr.write(`${e.message}\n`) });
  const inject = async (url: string): Promise<{ ms: number; body: string }> => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url });
    const ms = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${url} → ${response.statusCode} ${response.body}`);
    return { ms, body: response.body };
  };
  const base = `/api/runs/${runId}`;
  try {
    const rssBefore = process.memoryUsage().rss;
    const open = await inject(`${base}/groups`);
    const rssAfter = process.memoryUsage().rss;
    const first = JSON.parse(open.body) as GroupPage;
    const largest = (JSON.parse((await inject(`${base}/groups?view=all&sort=size&dir=desc&limit=1`)).body) as GroupPage)
      .rows[0];
    // A typical group to open: the most urgent queue group of 5 to 20 members.
    const typical = (JSON.parse((await inject(`${base}/groups?sizeMin=5&sizeMax=20&limit=1`)).body) as GroupPage)
      .rows[0];
    const account = typical?.primary_account_id ?? '';
    const requests: Omit<Timing, 'ms'>[] = [
      { label: 'first groups page (work queue, risk order, 100 rows)', url: `${base}/groups`, budget: 300 },
      { label: 'sort change (size, descending)', url: `${base}/groups?sort=size&dir=desc`, budget: 150 },
      { label: 'sort change (primary name)', url: `${base}/groups?sort=primary_name`, budget: 150 },
      { label: 'filter change (contains Verify)', url: `${base}/groups?disposition=Verify`, budget: 150 },
      {
        label: 'filter change (weak_bridge, all groups)',
        url: `${base}/groups?view=all&flags=weak_bridge`,
        budget: 150,
      },
      { label: 'search: name prefix "pac"', url: `${base}/groups?view=all&q=pac`, budget: 150 },
      { label: 'search: two words "pacific sta"', url: `${base}/groups?view=all&q=pacific%20sta`, budget: 150 },
      { label: 'search: misspelt "pacfic" (fuzzy)', url: `${base}/groups?view=all&q=pacfic`, budget: 150 },
      { label: 'search: account id', url: `${base}/groups?view=all&q=${account}`, budget: 150 },
      {
        label: `group details (first queue group of 5–20, ${typical?.size ?? 0} members)`,
        url: `${base}/groups/${typical?.group_id}`,
        budget: 100,
      },
      {
        label: `group details (largest group, ${largest?.size ?? 0} members, first 200)`,
        url: `${base}/groups/${largest?.group_id}`,
        budget: 100,
      },
      { label: 'summary strip facets', url: `${base}/facets`, budget: null },
      { label: 'run totals and review progress', url: `${base}/summary`, budget: null },
      { label: 'deep page (offset 200,000 of all groups)', url: `${base}/groups?view=all&offset=200000`, budget: null },
    ];
    const timings: Timing[] = requests.map((r) => ({ ...r, ms: [] }));
    for (const t of timings) await inject(t.url); // warm: one untimed call each
    for (let r = 0; r < repeat; r++) {
      for (const t of timings) t.ms.push((await inject(t.url)).ms);
    }
    const loadAfter = loadavg()[0] ?? 0;
    const lines = [
      START,
      '## Review API latency',
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}. ` +
        `Date: ${new Date().toISOString().slice(0, 10)}. Command: \`node --import tsx bench/ui-latency.ts --rows ${rows} --seed ${seed} --repeat ${repeat}\`. ` +
        `1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (the machine is shared: timings are noisy).`,
      '',
      `Run \`${runId}\`: ${rows.toLocaleString('en-US')} records, ${first.totalGroups.toLocaleString('en-US')} groups, ` +
        `${first.total.toLocaleString('en-US')} in the work queue. Server time = \`app.inject()\` round trip (routing, zod, DuckDB, JSON; ` +
        `no network), warm (after one untimed call), median of ${repeat}. Opening the run — the first request materialises its ` +
        `tables in the server's DuckDB — took ${(open.ms / 1000).toFixed(1)} s and ${Math.round((rssAfter - rssBefore) / 1e6)} MB of RSS.`,
      '',
      '| request | budget ms | median ms | min | max | within budget |',
      '|---|---|---|---|---|---|',
      ...timings.map((t) => {
        const m = median(t.ms);
        const ok = t.budget === null ? '—' : m <= t.budget ? 'yes' : '**no**';
        return `| ${t.label} | ${t.budget ?? '—'} | ${m.toFixed(1)} | ${Math.min(...t.ms).toFixed(1)} | ${Math.max(...t.ms).toFixed(1)} | ${ok} |`;
      }),
      END,
    ];
    const section = lines.join('\n');
    const path = join(ROOT, 'BENCHMARKS.md');
    const existing = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
    const at = existing.indexOf(START);
    const end = existing.indexOf(END);
    const next =
      at >= 0 && end > at
        ? `${existing.slice(0, at)}${section}${existing.slice(end + END.length)}`
        : `${existing.trimEnd()}\n\n${section}\n`;
    await writeFile(path, next);
    process.stdout.write(`${section}\n`);
  } finally {
    await app.close();
  }
}

await main();
