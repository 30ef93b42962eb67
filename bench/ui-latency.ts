/**
 * Review API latency at 1M records (SPEC §14, REVIEW §3): first groups page, sort change, filter change, search
 * and group details — server time through fastify's `inject` (no network), warm (after one untimed call),
 * median of repeats. Writes the "Review API latency" section of BENCHMARKS.md between its markers and leaves
 * the rest of the file alone.
 *
 *   node --import tsx bench/ui-latency.ts [--rows 1000000] [--seed 7] [--repeat 9]
 *
 * Load mode (issue 12 defect 10): `--clients 1,10,50` starts `junction review` as its own process and sends the
 * same requests from that many concurrent loopback HTTP clients (keep-alive), `--requests` each (default 30), and
 * reports p50/p99 latency and throughput per client count in the "Review API under load" section.
 * `--read-connections N` sets `engine.read_connections` for the server (1 = the old one-query-at-a-time server).
 *
 *   node --import tsx bench/ui-latency.ts --rows 94000 --seed 1 --clients 1,10,50 [--requests 30] [--read-connections 4]
 *
 * The dataset (.bench-data/gen-<rows>-<seed>.csv) and the run (.bench-data/ui-ws) are reused when present.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
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
/** One "under load" section per dataset size and pool size, so runs at 94K and 1M, pool 1 and 4, sit side by side. */
const loadMarker = (edge: 'start' | 'end', rows: number, pool: number | null, vary: boolean): string =>
  `<!-- ui-load:${edge} rows=${rows} pool=${pool ?? 'default'}${vary ? ' vary' : ''} -->`;

interface Timing {
  label: string;
  url: string;
  budget: number | null;
  ms: number[];
}

/** The value at quantile q (0–1) of the samples, nearest rank. */
const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
};

const machineLine = (): string =>
  `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}. ` +
  `Date: ${new Date().toISOString().slice(0, 10)}.`;

/** Replace the part of BENCHMARKS.md between the markers (or append it), leaving the rest alone. */
async function writeSection(start: string, end: string, lines: readonly string[]): Promise<void> {
  const section = [start, ...lines, end].join('\n');
  const path = join(ROOT, 'BENCHMARKS.md');
  const existing = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
  const at = existing.indexOf(start);
  const stop = existing.indexOf(end);
  const next =
    at >= 0 && stop > at
      ? `${existing.slice(0, at)}${section}${existing.slice(stop + end.length)}`
      : `${existing.trimEnd()}\n\n${section}\n`;
  await writeFile(path, next);
  process.stdout.write(`${section}\n`);
}

type Get = (url: string) => Promise<{ ms: number; body: string }>;

/** The requests a reviewer's screens make, against the run's own groups (a typical and the largest one). */
async function requestMix(get: Get, base: string): Promise<{ requests: Omit<Timing, 'ms'>[]; first: GroupPage }> {
  const first = JSON.parse((await get(`${base}/groups`)).body) as GroupPage;
  const largest = (JSON.parse((await get(`${base}/groups?view=all&sort=size&dir=desc&limit=1`)).body) as GroupPage)
    .rows[0];
  // A typical group to open: the most urgent queue group of 5 to 20 members.
  const typical = (JSON.parse((await get(`${base}/groups?sizeMin=5&sizeMax=20&limit=1`)).body) as GroupPage).rows[0];
  const account = typical?.primary_account_id ?? '';
  const requests: Omit<Timing, 'ms'>[] = [
    { label: 'first groups page (work queue, risk order, 100 rows)', url: `${base}/groups`, budget: 300 },
    { label: 'sort change (size, descending)', url: `${base}/groups?sort=size&dir=desc`, budget: 150 },
    { label: 'sort change (primary name)', url: `${base}/groups?sort=primary_name`, budget: 150 },
    { label: 'filter change (contains Verify)', url: `${base}/groups?disposition=Verify`, budget: 150 },
    { label: 'filter change (weak_bridge, all groups)', url: `${base}/groups?view=all&flags=weak_bridge`, budget: 150 },
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
  return { requests, first };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function ensureRun(rows: number, seed: number): Promise<{ workspace: Workspace; runId: string }> {
  const input = join(DATA, `gen-${rows}-${seed}.csv`);
  if (!existsSync(input)) {
    await mkdir(DATA, { recursive: true });
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
      clients: { type: 'string' },
      requests: { type: 'string', default: '30' },
      'read-connections': { type: 'string' },
      vary: { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  const repeat = Math.max(1, Number(values.repeat));
  const { workspace, runId } = await ensureRun(rows, seed);
  if (values.clients !== undefined) {
    const clients = values.clients.split(',').map((c) => Math.max(1, Number(c)));
    const readConnections = values['read-connections'] === undefined ? null : Number(values['read-connections']);
    await loadMode({
      workspace,
      runId,
      rows,
      seed,
      clients,
      perClient: Number(values.requests),
      readConnections,
      vary: values.vary === true,
    });
    return;
  }
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
    const { requests, first } = await requestMix(inject, base);
    const timings: Timing[] = requests.map((r) => ({ ...r, ms: [] }));
    for (const t of timings) await inject(t.url); // warm: one untimed call each
    for (let r = 0; r < repeat; r++) {
      for (const t of timings) t.ms.push((await inject(t.url)).ms);
    }
    const loadAfter = loadavg()[0] ?? 0;
    await writeSection(START, END, [
      '## Review API latency',
      '',
      `${machineLine()} Command: \`node --import tsx bench/ui-latency.ts --rows ${rows} --seed ${seed} --repeat ${repeat}\`. ` +
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
    ]);
  } finally {
    await app.close();
  }
}

interface LoadOptions {
  workspace: Workspace;
  runId: string;
  rows: number;
  seed: number;
  clients: readonly number[];
  perClient: number;
  readConnections: number | null;
  /** Give every list request its own page (`offset`), so no two are the same statement (no read-cache hits). */
  vary: boolean;
}

/** A groups-list URL with its own offset (at most 20,000), to defeat the store's read cache; other URLs unchanged. */
function variedUrl(url: string, serial: number): string {
  if (!/\/groups(\?|$)/.test(url)) return url;
  const parsed = new URL(url, 'http://bench');
  parsed.searchParams.set('offset', String((serial * 37) % 20_000));
  return `${parsed.pathname}${parsed.search}`;
}

/** Start `junction review` on a free loopback port as its own process; resolves with its URL once it listens. */
async function startReviewProcess(
  workspace: Workspace,
  configFile: string | null,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const args = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'review', '--workspace', workspace.root];
  args.push('--host', '127.0.0.1', '--port', '0', ...(configFile === null ? [] : ['--config', configFile]));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      text += chunk;
      const found = /review UI: (http:\/\/\S+)/.exec(text);
      if (found !== null) resolve((found[1] as string).replace(/\/$/, ''));
    });
    child.once('exit', (code) => reject(new Error(`junction review exited (${code}) before listening`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * Issue 12 item 3: p50/p99 with 1, 10, 50… concurrent loopback clients against a real `junction review` process.
 * Each client sends `perClient` requests back to back (keep-alive), cycling through the request mix from its own
 * starting point; the server is warmed first (every request once).
 */
async function loadMode(options: LoadOptions): Promise<void> {
  const { workspace, runId, rows, seed, clients, perClient, readConnections, vary } = options;
  const scratch = await mkdtemp(join(tmpdir(), 'junction-bench-'));
  let configFile: string | null = null;
  if (readConnections !== null) {
    configFile = join(scratch, 'junction.yaml');
    await writeFile(configFile, `engine:\n  read_connections: ${readConnections}\n`);
  }
  const server = await startReviewProcess(workspace, configFile);
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...clients) });
  const get: Get = (path) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = httpRequest(`${server.url}${path}`, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`${path} → ${res.statusCode} ${body.slice(0, 200)}`));
          else resolve({ ms: performance.now() - started, body });
        });
      });
      req.on('error', reject);
      req.end();
    });
  const base = `/api/runs/${runId}`;
  try {
    const opened = await get(`${base}/groups`);
    const { requests, first } = await requestMix(get, base);
    const mix = requests.filter((r) => !r.url.includes('offset=')).map((r) => r.url);
    for (const url of mix) await get(url);
    const loadBefore = loadavg()[0] ?? 0;
    const table: string[] = [];
    for (const count of clients) {
      const latencies: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: count }, async (_, client) => {
          for (let k = 0; k < perClient; k++) {
            const url = mix[(client + k) % mix.length] as string;
            latencies.push((await get(vary ? variedUrl(url, count * 10_000 + client * perClient + k) : url)).ms);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const row = `| ${count} | ${latencies.length} | ${quantile(latencies, 0.5).toFixed(0)} | ${quantile(latencies, 0.99).toFixed(0)} | ${Math.max(...latencies).toFixed(0)} | ${(latencies.length / seconds).toFixed(0)} |`;
      process.stderr.write(`${row}\n`);
      table.push(row);
    }
    const loadAfter = loadavg()[0] ?? 0;
    const command =
      `node --import tsx bench/ui-latency.ts --rows ${rows} --seed ${seed} --clients ${clients.join(',')} --requests ${perClient}` +
      (readConnections === null ? '' : ` --read-connections ${readConnections}`) +
      (vary ? ' --vary' : '');
    await writeSection(
      loadMarker('start', rows, readConnections, vary),
      loadMarker('end', rows, readConnections, vary),
      [
        `## Review API under load: ${rows.toLocaleString('en-US')} records, ${readConnections ?? 'default (4)'} read connection${readConnections === 1 ? '' : 's'}${vary ? ', every list request a different page' : ''}`,
        '',
        `${machineLine()} Command: \`${command}\`. 1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after ` +
          '(the machine is shared: timings are noisy).',
        '',
        `Run \`${runId}\`: ${first.totalGroups.toLocaleString('en-US')} groups. \`junction review\` in its own process on 127.0.0.1; ` +
          `N concurrent keep-alive HTTP clients, ${perClient} requests each, cycling through the ${mix.length} requests of the ` +
          `latency table above (pages, sorts, filters, searches, group details, facets, summary); warm (every request once ` +
          `first; opening the run took ${(opened.ms / 1000).toFixed(1)} s). Latency = client round trip. ` +
          (vary
            ? 'Every groups-list request asks for its own page (`offset`), so none is answered from the read cache.'
            : 'No decision is written meanwhile, so repeated requests are answered from the read cache (one query per ' +
              'distinct request until the next write).'),
        '',
        '| clients | requests | p50 ms | p99 ms | max ms | requests/s |',
        '|---|---|---|---|---|---|',
        ...table,
      ],
    );
  } finally {
    agent.destroy();
    await server.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
