/**
 * End-to-end benchmark (SPEC §14): `npm run bench -- [--rows 1000,10000,94000,200000,1000000] [--repeat 3] [--seed 7]`.
 * Generates (or reuses) data per size (`--shape salesforce-report` by default: files shaped like real exports),
 * runs `junction run` as a separate process several times, and reports
 * medians: wall time, per-stage seconds, peak RSS, pairs scored, groups, artifact sizes. In the same run it
 * measures two floors on the same data — DuckDB reading the CSV and writing Parquet (I/O floor) and DuckDB's
 * `jaro_winkler_similarity` over the same candidate pairs (native string-kernel floor) — and writes
 * BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/engine/database.js';
import { sqlString } from '../src/engine/sql-quote.js';
import { clusterMetrics } from '../src/eval/metrics.js';
import { FILE_SHAPES, type FileShape, generateDataset } from '../src/generate/index.js';
import { readBundle } from '../src/pipeline/bundle.js';
import type { Manifest } from '../src/pipeline/manifest.js';
import { STAGE_NAMES } from '../src/pipeline/runner.js';
import { childOutput } from './child-output.js';
import { PEER_BLOCK_PREFIX, PEER_THRESHOLD } from './peer-sql.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const PEER = join(ROOT, 'bench/peer-sql.ts');
const DATA = join(ROOT, '.bench-data');

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const sizes = flag('rows', '1000,10000,94000,200000,1000000').split(',').map(Number);
const repeat = Number(flag('repeat', '3'));
const seed = Number(flag('seed', '7'));
// Issue 14: measure on files shaped like real exports (BOM, 20 columns, long multi-line notes) unless told otherwise.
const shapeFlag = flag('shape', 'salesforce-report');
const shape: FileShape = FILE_SHAPES.find((s) => s === shapeFlag) ?? 'salesforce-report';
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface RunMeasure {
  wall: number;
  manifest: Manifest;
  runDir: string;
  workspace: string;
}

async function runOnce(input: string): Promise<RunMeasure> {
  const workspace = await mkdtemp(join(tmpdir(), 'junction-bench-'));
  const started = performance.now();
  const { stdout } = await childOutput(process.execPath, [
    CLI,
    'run',
    input,
    '--workspace',
    workspace,
    '--json',
    '--no-cache',
  ]);
  const wall = (performance.now() - started) / 1000;
  const summary = JSON.parse(stdout) as { dir: string };
  const manifest = JSON.parse(await readFile(join(summary.dir, 'manifest.json'), 'utf8')) as Manifest;
  return { wall, manifest, runDir: summary.dir, workspace };
}

async function floors(input: string, measure: RunMeasure): Promise<{ io: number; jaroWinkler: number; pairs: number }> {
  const engine = await Engine.open({ memoryLimit: '4GB', threads: cpus().length });
  const scratch = await mkdtemp(join(tmpdir(), 'junction-floor-'));
  try {
    const ioTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await engine.run(
        'io floor',
        `COPY (SELECT * FROM read_csv(${sqlString(input)}, all_varchar=true)) TO ${sqlString(join(scratch, 'io.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
      );
      ioTimes.push((performance.now() - t) / 1000);
    }
    // The same candidate pairs our kernel scored, from the block stage's cached artifact.
    const block = measure.manifest.stages.find((s) => s.name === 'block');
    const blockDir = join(measure.workspace, 'cache', 'block', block?.cache_key ?? '');
    const keys = {
      ...(await readBundle<{ keyCore: string[] }>(join(blockDir, 'keys.bin'))),
      ...(await readBundle<{ candA: Int32Array; candB: Int32Array }>(join(blockDir, 'candidates.bin'))),
    };
    const pairsFile = join(scratch, 'pairs.csv');
    // Written in slices: tens of millions of pairs do not fit in one JS string.
    const out = await open(pairsFile, 'w');
    try {
      for (let start = 0; start < keys.candA.length; start += 200_000) {
        const end = Math.min(keys.candA.length, start + 200_000);
        const lines: string[] = [];
        for (let p = start; p < end; p++)
          lines.push(`${keys.keyCore[keys.candA[p] as number]},${keys.keyCore[keys.candB[p] as number]}`);
        await out.write(`${lines.join('\n')}\n`);
      }
    } finally {
      await out.close();
    }
    await engine.run(
      'pairs',
      `CREATE TABLE pairs AS SELECT * FROM read_csv(${sqlString(pairsFile)}, columns={'a': 'VARCHAR', 'b': 'VARCHAR'}, header=false, quote='', auto_detect=false)`,
    );
    const jw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await engine.rows(
        'jaro-winkler floor',
        'SELECT count(*) FILTER (WHERE jaro_winkler_similarity(a, b) >= 0.9) AS n FROM pairs',
      );
      jw.push((performance.now() - t) / 1000);
    }
    return { io: median(ioTimes), jaroWinkler: median(jw), pairs: keys.candA.length };
  } finally {
    engine.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

interface PeerMeasure {
  wall: number;
  peakRssMb: number;
  pairs: number;
  out: string;
}

/** The plain DuckDB SQL pipeline (bench/peer-sql.ts) as its own process: wall = spawn to exit, like ours. */
async function peerOnce(input: string, out: string): Promise<PeerMeasure> {
  const started = performance.now();
  const { stdout } = await childOutput(process.execPath, ['--import', 'tsx', PEER, input, out], ROOT);
  const wall = (performance.now() - started) / 1000;
  const result = JSON.parse(stdout) as { peakRssMb: number; pairs: number };
  return { wall, peakRssMb: result.peakRssMb, pairs: result.pairs, out };
}

interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise P/R/F1 (SPEC §11, src/eval) of `clusters` — a SELECT of (account_id, cluster) — against the truth file. */
async function pairwise(engine: Engine, clusters: string, truth: string): Promise<PairwiseScores> {
  await engine.run(
    'bench accuracy',
    `CREATE OR REPLACE TEMP TABLE bench_clusters AS
     SELECT row_number() OVER () AS row_index, c.cluster, t.entity_id AS entity, '' AS name
     FROM (${clusters}) c JOIN read_csv(${sqlString(truth)}, header = true, all_varchar = true) t USING (account_id)`,
  );
  const m = await clusterMetrics(engine, 'bench_clusters');
  return { precision: m.precision, recall: m.recall, f1: m.f1 };
}

const prf = (s: PairwiseScores | null): string =>
  s === null ? '—' : `${s.precision.toFixed(3)} / ${s.recall.toFixed(3)} / ${s.f1.toFixed(3)}`;

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
}

async function main(): Promise<void> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  await mkdir(DATA, { recursive: true });
  const rows: string[] = [];
  const peerRows: string[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  const stageNames = STAGE_NAMES;
  for (const size of sizes) {
    const input = join(DATA, `gen-${shape}-${size}-${seed}.csv`);
    if (!existsSync(input)) {
      process.stderr.write(`generating ${size} rows (${shape})…\n`);
      await generateDataset({
        rows: size,
        seed,
        shape,
        out: input,
        truth: join(DATA, `gen-${shape}-${size}-${seed}.truth.csv`),
      });
    }
    const times = size >= 1_000_000 ? Math.min(repeat, 2) : repeat;
    const measures: RunMeasure[] = [];
    for (let r = 0; r < times; r++) {
      const m = await runOnce(input);
      process.stderr.write(
        `  ${size} rows: run ${r + 1}/${times} ${m.wall.toFixed(2)} s, peak ${m.manifest.peak_rss_mb} MB\n`,
      );
      measures.push(m);
    }
    const last = measures.at(-1) as RunMeasure;
    const floor = await floors(input, last);
    const stage = (name: string): number =>
      median(measures.map((m) => m.manifest.stages.find((s) => s.name === name)?.seconds ?? 0));
    const wall = median(measures.map((m) => m.wall));
    const score = stage('score');
    const recordsMb = statSync(join(last.runDir, 'records.parquet')).size / 1e6;
    const c = last.manifest.counts;
    rows.push(
      `| ${size.toLocaleString('en-US')} | ${wall.toFixed(2)} | ${(size / wall / 1000).toFixed(1)}K | ${median(measures.map((m) => m.manifest.peak_rss_mb))} | ${(c.pairs_scored ?? 0).toLocaleString('en-US')} | ${(c.groups ?? 0).toLocaleString('en-US')} | ${recordsMb.toFixed(1)} | ${floor.io.toFixed(2)} (×${(wall / floor.io).toFixed(1)}) | ${score.toFixed(2)} vs ${floor.jaroWinkler.toFixed(2)} (×${(score / floor.jaroWinkler).toFixed(2)}) | ${stageNames.map((s) => stage(s).toFixed(2)).join(' / ')} |`,
    );
    // The peer column (issue 14): a plain DuckDB SQL pipeline on the same file, and both accuracies when it has truth.
    const peerDir = await mkdtemp(join(tmpdir(), 'junction-peer-'));
    const peers: PeerMeasure[] = [];
    for (let r = 0; r < times; r++) {
      const p = await peerOnce(input, join(peerDir, `peer-${r}.parquet`));
      process.stderr.write(`  ${size} rows: peer ${r + 1}/${times} ${p.wall.toFixed(2)} s, peak ${p.peakRssMb} MB\n`);
      peers.push(p);
    }
    const truth = join(DATA, `gen-${shape}-${size}-${seed}.truth.csv`);
    let ours: PairwiseScores | null = null;
    let theirs: PairwiseScores | null = null;
    if (existsSync(truth)) {
      const engine = await Engine.open({ memoryLimit: '4GB', threads: cpus().length });
      try {
        ours = await pairwise(
          engine,
          `SELECT account_id, group_id AS cluster FROM read_parquet(${sqlString(join(last.runDir, 'records.parquet'))})`,
          truth,
        );
        theirs = await pairwise(
          engine,
          `SELECT account_id, cluster FROM read_parquet(${sqlString((peers.at(-1) as PeerMeasure).out)})`,
          truth,
        );
      } finally {
        engine.close();
      }
    }
    const peerWall = median(peers.map((p) => p.wall));
    const ourPeak = median(measures.map((m) => m.manifest.peak_rss_mb));
    peerRows.push(
      `| ${size.toLocaleString('en-US')} | ${floor.io.toFixed(2)} | ${wall.toFixed(2)} (×${(wall / floor.io).toFixed(1)}) | ${ourPeak} | ${prf(ours)} | ${peerWall.toFixed(2)} (×${(peerWall / floor.io).toFixed(1)}) | ${median(peers.map((p) => p.peakRssMb))} | ${(peers.at(-1) as PeerMeasure).pairs.toLocaleString('en-US')} | ${prf(theirs)} | ${(wall / peerWall).toFixed(2)} |`,
    );
    await rm(peerDir, { recursive: true, force: true });
    for (const m of measures) await rm(m.workspace, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0] ?? 0;
  const command = `npm run bench -- --rows ${sizes.join(',')} --repeat ${repeat} --seed ${seed} --shape ${shape}`;
  const text = [
    '# Benchmarks',
    '',
    `Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`${command}\`. 1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (the machine is shared: read ratios, not absolute seconds).`,
    '',
    'Each `junction run` is a separate process (`node dist/src/cli/main.js run … --no-cache`); figures are medians',
    `of ${repeat} runs (2 at 1M). Wall = process start to exit. I/O floor = DuckDB \`read_csv\` → ZSTD Parquet of the same file;`,
    'kernel floor = DuckDB `jaro_winkler_similarity` over the same candidate pairs our `score` stage scored (all threads).',
    'Budgets (SPEC §14): 94K ≤ 15 s, 200K ≤ 35 s, 1M ≤ 180 s with peak RSS ≤ 4 GB, records.parquet at 94K ≤ 20 MB.',
    '',
    '| records | wall s | records/s | peak RSS MB | pairs scored | groups | records.parquet MB | I/O floor s (wall ÷ floor) | score s vs jaro-winkler s (ratio) | stages s: ingest / normalise / classify / block / score / group / survive / alias / dispose / stats / write |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Beside a plain DuckDB SQL pipeline (issue 14 peer column)',
    '',
    'Peer = `bench/peer-sql.ts`, what a user could write instead: `read_csv`, normalise in SQL (lower case, punctuation',
    `stripped), block on the first ${PEER_BLOCK_PREFIX} characters, \`jaro_winkler_similarity ≥ ${PEER_THRESHOLD}\` over distinct names, connected components in`,
    'SQL; its own process with DuckDB defaults, wall = spawn to exit (includes ~0.3 s of tsx start-up). P / R / F1 = pairwise',
    'precision / recall / F1 against the generator truth (src/eval/metrics.ts).',
    '',
    '| records | I/O floor s | ours wall s (× floor) | ours peak MB | ours P / R / F1 | peer wall s (× floor) | peer peak MB | peer pairs ≥ threshold | peer P / R / F1 | ours ÷ peer wall |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...peerRows,
    '',
  ].join('\n');
  // Keep the sections other tools or people write between markers (bench/ui-latency.ts, the issue 14 log); their
  // markers may carry attributes (`ui-load:start rows=… pool=…`).
  const existing = await readFile(join(ROOT, 'BENCHMARKS.md'), 'utf8').catch(() => '');
  const kept = [...existing.matchAll(/<!-- ([a-z0-9-]+):start([^>]*)-->[\s\S]*?<!-- \1:end\2-->/g)].map((m) => m[0]);
  await writeFile(join(ROOT, 'BENCHMARKS.md'), `${text}\n${kept.map((k) => `\n${k}\n`).join('')}`);
  process.stdout.write(`${text}\n`);
}

await main();
