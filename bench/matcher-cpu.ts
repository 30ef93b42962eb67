import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../src/config/schema.js';
import type { KeyStore } from '../src/core/key-store.js';
import type { KeyTokens } from '../src/core/key-tokens.js';
import type { MatchModelSpec } from '../src/core/match/match-model.js';
import type { MatchTable } from '../src/core/match/match-table.js';
import type { PairScores, PreparedScoreOptions, ScoreOptions } from '../src/core/score.js';
import type { CandidatesBundle, KeysBundle } from '../src/pipeline/block.js';

/**
 * Before/after of the match scorer alone (issue 14): the single-thread CPU of `PairMatcher.matchRange` over the first
 * N candidate pairs of a cached block stage, for two or more builds, round by round so they meet the same load, with
 * a check that every build scores the pairs alike. A whole run moves by a third on this shared machine; one thread
 * over the same pairs moves less, so a few per cent of the scorer can be seen.
 *
 * `node --import tsx bench/matcher-cpu.ts BLOCK_DIR PAIRS ROUNDS label=path/to/dist …`
 * (BLOCK_DIR: a run's `cache/block/<key>` folder, holding keys.bin and candidates.bin).
 */

/** What the benchmark calls in a build, by module. */
interface BuildModules {
  readBundle: <T>(path: string) => Promise<T>;
  parseConfig: (value: unknown, label: string) => Config;
  keyTokensOf: (keys: KeysBundle) => KeyTokens;
  buildKeyStore: (tokens: KeyTokens, suffixes: readonly string[], cores: readonly string[]) => KeyStore;
  matchTableOf: (keys: KeysBundle, tokens: KeyTokens, config: Config) => MatchTable;
  scoreOptions: (config: Config) => ScoreOptions;
  matchOptions: (config: Config) => { model: MatchModelSpec; comparison: unknown };
  allocatePairScores: (n: number) => PairScores;
  prepareScoreOptions: (store: KeyStore, opts: ScoreOptions) => PreparedScoreOptions;
  compileMatchModel: (spec: MatchModelSpec) => unknown;
  PairMatcher: new (
    store: KeyStore,
    table: MatchTable,
    model: unknown,
    comparison: unknown,
    keepFloor: number,
  ) => {
    matchRange(
      a: Int32Array,
      b: Int32Array,
      start: number,
      end: number,
      p: PreparedScoreOptions,
      out: PairScores,
    ): void;
  };
}

async function loadBuild(dist: string): Promise<BuildModules> {
  const load = async (path: string): Promise<Record<string, unknown>> =>
    (await import(pathToFileURL(join(resolve(dist), 'src', path)).href)) as Record<string, unknown>;
  const modules = await Promise.all(
    [
      'pipeline/bundle.js',
      'config/load.js',
      'pipeline/block.js',
      'core/key-store.js',
      'pipeline/score.js',
      'core/score.js',
      'core/match/match-model.js',
      'core/match/pair-matcher.js',
      // matchTableOf's module since session 26; builds before it export it from pipeline/score.js.
      'pipeline/match-table-of.js',
    ].map((path) => load(path).catch(() => ({}))),
  );
  return Object.assign({}, ...modules) as BuildModules;
}

async function main(): Promise<void> {
  const [blockDir, pairsArg, roundsArg, ...specs] = process.argv.slice(2);
  if (blockDir === undefined || specs.length === 0) {
    process.stderr.write('usage: bench/matcher-cpu.ts BLOCK_DIR PAIRS ROUNDS label=path/to/dist …\n');
    process.exitCode = 1;
    return;
  }
  const builds = await Promise.all(
    specs.map(async (spec) => {
      const [label, dist] = spec.split('=') as [string, string];
      return { label, m: await loadBuild(dist), cpu: [] as number[] };
    }),
  );
  const first = (builds[0] as (typeof builds)[number]).m;
  const keys = await first.readBundle<KeysBundle>(join(blockDir, 'keys.bin'));
  const candidates = await first.readBundle<CandidatesBundle>(join(blockDir, 'candidates.bin'));
  const n = Math.min(Number(pairsArg ?? 1_000_000), candidates.candA.length);
  const a = candidates.candA.subarray(0, n);
  const b = candidates.candB.subarray(0, n);
  let reference: number | null = null;
  for (let round = 0; round < Number(roundsArg ?? 5); round++) {
    for (const build of builds) {
      const m = build.m;
      const config = m.parseConfig({}, 'defaults');
      const tokens = m.keyTokensOf(keys);
      const store = m.buildKeyStore(tokens, keys.keySuffix, keys.keyCore);
      const table = m.matchTableOf(keys, tokens, config);
      const match = m.matchOptions(config);
      const keepFloor = Math.min(config.pairs_floor, config.thresholds.medium);
      const out = m.allocatePairScores(n);
      // Touched before timing: the score stage reuses warm columns batch after batch, so first-touch page faults
      // (~10 µs each on these VMs) are no part of the scorer's cost.
      for (const column of Object.values(out)) column.fill(1);
      const prepared = m.prepareScoreOptions(store, m.scoreOptions(config));
      const matcher = new m.PairMatcher(store, table, m.compileMatchModel(match.model), match.comparison, keepFloor);
      const before = process.cpuUsage();
      matcher.matchRange(a, b, 0, n, prepared, out);
      const used = process.cpuUsage(before);
      build.cpu.push((used.user + used.system) / 1e6);
      // Every build must score the pairs alike: a digest of the scores and levels.
      let digest = 0;
      for (let p = 0; p < n; p++) digest = (Math.imul(digest, 31) + (out.score[p] as number)) | 0;
      for (let p = 0; p < out.levels.length; p++) digest = (Math.imul(digest, 31) + (out.levels[p] as number)) | 0;
      if (reference === null) reference = digest;
      else if (digest !== reference) throw new Error(`${build.label} scores the pairs differently`);
      process.stdout.write(`${JSON.stringify({ label: build.label, round, pairs: n, cpu: build.cpu.at(-1) })}\n`);
    }
  }
  for (const build of builds) {
    const sorted = [...build.cpu].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    process.stdout.write(
      `${build.label}: median CPU ${median.toFixed(2)} s (${sorted.map((x) => x.toFixed(2)).join(' ')})\n`,
    );
  }
}

await main();
