/**
 * Scoring-kernel benchmark (SPEC §14): full SPEC §5.4 score (token_sort + token_set + jaccard + penalties) over
 * realistic distinct cores and candidate pairs that share a token, on 1 thread and on N worker threads, beside
 * DuckDB's built-in `jaro_winkler_similarity` over the same pairs of strings. Prints; writes nothing.
 *
 * Run: node --import tsx bench/kernel.bench.ts [--keys 50000] [--pairs 2000000] [--workers 2] [--runs 5]
 */
import { loadavg } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { faker } from '@faker-js/faker';
import { DEFAULT_TOKEN_REWRITES, DEFAULT_WEAK_TOKENS } from '../src/config/default-lists.js';
import { buildKeyStore, REC_SORT_LEN } from '../src/core/key-store.js';
import { buildKeyTokens, type TokenRewriteOptions } from '../src/core/key-tokens.js';
import { type ScoreOptions, scorePairs } from '../src/core/score.js';
import { seededUniform } from '../src/generate/random.js';
import { createScorePool } from '../src/workers/score-pool.js';

const SEED = 20_250_611;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const KEYS = arg('keys', 50_000);
const PAIRS = arg('pairs', 2_000_000);
const WORKERS = arg('workers', 2);
const RUNS = arg('runs', 5);

/** mulberry32: small, fast, seeded. */
const rnd = seededUniform(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

// The pipeline's defaults (SPEC §3 step 8), from the one place they live.
const REWRITE: TokenRewriteOptions = { tokenRewrites: DEFAULT_TOKEN_REWRITES, weakTokens: DEFAULT_WEAK_TOKENS };
const OPTS: ScoreOptions = {
  numStyleMismatchPenalty: 5,
  suffixConflictPenalty: 25,
  suffixEquivalence: [['INC', 'CORP']],
};

const INDUSTRY = (
  'services construction consulting plumbing electric group solutions staffing restaurant auto repair trucking ' +
  'logistics dental medical clinic health care fitness insurance realty properties management market foods ' +
  'stores pharmacy hospital school district church bank credit union partners associates holdings systems ' +
  'technologies roofing landscaping cleaning security transport builders supply manufacturing'
).split(' ');

function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\b(inc|llc|ltd|corp|co|group)$/, '')
    .trim();
}

function typo(s: string): string {
  const i = Math.floor(rnd() * s.length);
  const c = String.fromCharCode(97 + Math.floor(rnd() * 26));
  switch (Math.floor(rnd() * 3)) {
    case 0:
      return s.slice(0, i) + c + s.slice(i);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    default:
      return s.slice(0, i) + c + s.slice(i + 1);
  }
}

function makeCores(n: number): string[] {
  faker.seed(SEED);
  const seen = new Set<string>();
  const cores: string[] = [];
  while (cores.length < n) {
    const r = rnd();
    let core: string;
    if (r < 0.35) core = normalise(faker.company.name());
    else if (r < 0.7) {
      const words = [faker.person.lastName()];
      if (rnd() < 0.25) words.push('and', rnd() < 0.5 ? 'sons' : faker.person.lastName());
      words.push(pick(INDUSTRY));
      if (rnd() < 0.3) words.push(pick(INDUSTRY));
      core = normalise(words.join(' '));
    } else if (r < 0.8) core = normalise(`${faker.location.city()} ${pick(INDUSTRY)} ${pick(INDUSTRY)}`);
    else if (r < 0.85) core = normalise(`${Math.floor(rnd() * 99) + 1} ${faker.person.lastName()} ${pick(INDUSTRY)}`);
    else if (cores.length > 0) core = typo(pick(cores));
    else continue;
    if (core.length > 0 && !seen.has(core)) {
      seen.add(core);
      cores.push(core);
    }
  }
  return cores;
}

/** Candidate pairs that share a non-weak token, grouped by left key as a candidate list is. */
function makePairs(tokens: ReturnType<typeof buildKeyTokens>, target: number): [Int32Array, Int32Array] {
  const postings: number[][] = tokens.tokens.map(() => []);
  for (let i = 0; i < tokens.keyCount; i++) {
    for (let k = tokens.offsets[i] as number; k < (tokens.offsets[i + 1] as number); k++) {
      const t = tokens.ids[k] as number;
      if (tokens.isWeak[t] === 0) postings[t]?.push(i);
    }
  }
  const perKey = Math.ceil(target / tokens.keyCount);
  const a = new Int32Array(target);
  const b = new Int32Array(target);
  let n = 0;
  for (let i = 0; i < tokens.keyCount && n < target; i++) {
    const from = tokens.offsets[i] as number;
    const to = tokens.offsets[i + 1] as number;
    for (let tries = 0, got = 0; got < perKey && tries < perKey * 3 && n < target; tries++) {
      const list = postings[tokens.ids[from + Math.floor(rnd() * (to - from))] as number] ?? [];
      const j = list[Math.floor(rnd() * list.length)];
      if (j === undefined || j === i) continue;
      a[n] = i;
      b[n] = j;
      n++;
      got++;
    }
  }
  return [a.slice(0, n), b.slice(0, n)];
}

function loadNote(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] as number;
}

interface Timing {
  /** Median wall-clock milliseconds. */
  wallMs: number;
  /** Median CPU milliseconds of the whole process (all threads, DuckDB's included). */
  cpuMs: number;
}

/** Median of `runs` runs, wall clock and process CPU time (CPU time is steadier on a shared machine). */
async function timeRuns(runs: number, f: () => unknown | Promise<unknown>): Promise<Timing> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

const fmt = (pairsPerSec: number) => `${(pairsPerSec / 1e6).toFixed(2)}M pairs/s`;
const line = (label: string, n: number, t: Timing, extra = '') =>
  console.log(
    `  ${label.padEnd(44)} ${fmt(n / (t.wallMs / 1000))} wall (${t.wallMs.toFixed(0)} ms), ` +
      `${fmt(n / (t.cpuMs / 1000))} per CPU-second${extra}`,
  );

async function main(): Promise<void> {
  let t = performance.now();
  const cores = makeCores(KEYS);
  const keyTokens = buildKeyTokens(cores, REWRITE);
  const suffixes = cores.map(() => {
    const r = rnd();
    return r < 0.6 ? 'NONE' : r < 0.75 ? 'INC' : r < 0.9 ? 'LLC' : r < 0.95 ? 'CORP' : 'LTD';
  });
  const [a, b] = makePairs(keyTokens, PAIRS);
  const n = a.length;
  const genMs = performance.now() - t;
  t = performance.now();
  const store = buildKeyStore(keyTokens, suffixes, cores);
  const storeMs = performance.now() - t;
  let chars = 0;
  for (let i = 0; i < store.keyCount; i++)
    chars += store.records[(store.recordOffsets[i] as number) + REC_SORT_LEN] as number;
  const avgLen = chars / store.keyCount;
  console.log(
    `data: ${store.keyCount} distinct cores (avg ${avgLen.toFixed(1)} chars, e.g. "${cores[0]}", "${cores[1]}"), ` +
      `${n} pairs sharing a token; generated in ${genMs.toFixed(0)} ms; key store built in ${storeMs.toFixed(0)} ms`,
  );

  // Warm the JIT on a slice, then time the whole batch.
  scorePairs(store, a.subarray(0, 200_000), b.subarray(0, 200_000), OPTS);
  const single = await timeRuns(RUNS, () => scorePairs(store, a, b, OPTS));
  const result = scorePairs(store, a, b, OPTS);
  let medium = 0;
  for (let k = 0; k < n; k++) if ((result.score[k] as number) >= 84) medium++;
  console.log(`scores ≥ medium (84): ${((100 * medium) / n).toFixed(1)}% of pairs`);

  const order = Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(rnd() * (k + 1));
    [order[k], order[j]] = [order[j] as number, order[k] as number];
  }
  const sa = Int32Array.from(order, (k) => a[k] as number);
  const sb = Int32Array.from(order, (k) => b[k] as number);
  const shuffled = await timeRuns(RUNS, () => scorePairs(store, sa, sb, OPTS));

  t = performance.now();
  const pool = createScorePool(store, WORKERS);
  await pool.score(a.subarray(0, 200_000), b.subarray(0, 200_000), OPTS);
  const poolStartMs = performance.now() - t;
  const parallel = await timeRuns(RUNS, () => pool.score(a, b, OPTS));
  await pool.close();

  // DuckDB's built-in jaro_winkler_similarity over the same pairs of core strings.
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('CREATE TABLE t (a VARCHAR, b VARCHAR)');
  const appender = await conn.createAppender('t');
  for (let k = 0; k < n; k++) {
    appender.appendVarchar(cores[a[k] as number] as string);
    appender.appendVarchar(cores[b[k] as number] as string);
    appender.endRow();
  }
  appender.closeSync();
  const threads = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]?.[0];
  const sql = 'SELECT count(*) FROM t WHERE jaro_winkler_similarity(a, b) > 0.9';
  await conn.run(sql);
  const duck = await timeRuns(RUNS, () => conn.run(sql));
  await conn.run('SET threads = 1');
  const duck1t = await timeRuns(RUNS, () => conn.run(sql));
  conn.closeSync();
  instance.closeSync();

  const ours1 = n / (single.wallMs / 1000);
  const oursN = n / (parallel.wallMs / 1000);
  const duckN = n / (duck.wallMs / 1000);
  const duck1 = n / (duck1t.wallMs / 1000);
  console.log(`median of ${RUNS} runs over ${n} pairs (load average now ${loadNote()}):`);
  line('scorePairs, 1 thread, grouped by left key', n, single);
  line('scorePairs, 1 thread, shuffled pairs', n, shuffled);
  line(`score pool, ${WORKERS} workers, grouped`, n, parallel, `; pool start + warm-up ${poolStartMs.toFixed(0)} ms`);
  line(`DuckDB jaro_winkler_similarity, ${threads} threads`, n, duck);
  line('DuckDB jaro_winkler_similarity, 1 thread', n, duck1t);
  console.log(
    `ours / DuckDB (wall): 1 thread vs 1 thread ${(ours1 / duck1).toFixed(2)}×; ` +
      `${WORKERS} workers vs ${threads} threads ${(oursN / duckN).toFixed(2)}×`,
  );
}

await main();
