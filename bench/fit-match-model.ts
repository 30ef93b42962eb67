/**
 * Fit the match model (issue 10) on labelled files: `node --import tsx bench/fit-match-model.ts
 * --train data.csv:truth.csv[,…] [--lambda 1] [--write-default]`. Runs the pipeline to its candidate pairs,
 * labels each key pair by the majority entity of each key's records, fits src/core/match/fit-model.ts and
 * prints the weights (with --write-default, into src/config/default-match-model.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAND_SET_MATCH_MODEL } from '../src/config/default-match-model.js';
import { parseConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import { buildKeyStore } from '../src/core/key-store.js';
import { FEATURE_COUNT } from '../src/core/match/features.js';
import { fitMatchModel, LevelPatterns } from '../src/core/match/fit-model.js';
import { compileMatchModel } from '../src/core/match/match-model.js';
import { PairMatcher } from '../src/core/match/pair-matcher.js';
import { canonicalAccountId } from '../src/core/salesforce-id.js';
import { allocatePairScores, prepareScoreOptions } from '../src/core/score.js';
import { makeScratchDir, removeScratch } from '../src/engine/scratch-files.js';
import type { CandidatesBundle, KeysBundle } from '../src/pipeline/block.js';
import { keyTokensOf } from '../src/pipeline/block.js';
import { readBundle } from '../src/pipeline/bundle.js';
import type { CanonicalRecords } from '../src/pipeline/ingest.js';
import { matchTableOf } from '../src/pipeline/match-table-of.js';
import { executeRun } from '../src/pipeline/run.js';
import { matchOptions, scoreOptions } from '../src/pipeline/score.js';
import { Workspace } from '../src/pipeline/workspace.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function truthOf(path: string, salesforceMode: boolean): Promise<Map<string, string>> {
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const idCol = header.indexOf('account_id');
  const entityCol = header.indexOf('entity_id');
  const out = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line.length === 0) continue;
    const cells = line.split(',');
    out.set(canonicalAccountId(cells[idCol] ?? '', salesforceMode), (cells[entityCol] ?? '').trim());
  }
  return out;
}

/** Level vectors and labels of every candidate pair of one labelled file. */
export async function labelledLevels(
  dataPath: string,
  truthPath: string,
  config: Config,
): Promise<{ levels: Uint8Array; labels: Uint8Array }> {
  const root = await makeScratchDir('fit');
  try {
    const workspace = new Workspace(root);
    const run = await executeRun({
      workspace,
      config,
      inputPath: dataPath,
      sheet: null,
      encoding: 'auto',
      colOverrides: {},
      excludeHeaders: [],
      decisions: null,
      noCache: false,
      workers: 1,
    });
    const dirOf = (stage: string): string =>
      join(workspace.cacheDir, stage, run.manifest.stages.find((s) => s.name === stage)?.cache_key ?? '');
    const canonical = await readBundle<CanonicalRecords>(join(dirOf('ingest'), 'canonical.bin'));
    const keys = await readBundle<KeysBundle>(join(dirOf('block'), 'keys.bin'));
    const cand = await readBundle<CandidatesBundle>(join(dirOf('block'), 'candidates.bin'));
    // Truth names records by their ids as written; canonical.bin holds them canonicalised (SPEC §2.2).
    const truth = await truthOf(truthPath, canonical.salesforceIds.json);
    // Majority entity of each key's records.
    const votes = new Map<number, Map<string, number>>();
    for (let i = 0; i < keys.keyOf.length; i++) {
      const k = keys.keyOf[i] as number;
      if (k < 0) continue;
      const entity = truth.get(canonical.accountId[i] as string) ?? `row:${i}`;
      let m = votes.get(k);
      if (m === undefined) {
        m = new Map();
        votes.set(k, m);
      }
      m.set(entity, (m.get(entity) ?? 0) + 1);
    }
    const entityOfKey: string[] = [];
    for (const [k, m] of votes) entityOfKey[k] = [...m.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? '';
    const tokens = keyTokensOf(keys);
    const store = buildKeyStore(tokens, keys.keySuffix, keys.keyCore);
    const table = matchTableOf(keys, tokens, config);
    const match = matchOptions(config);
    const n = cand.candA.length;
    const out = allocatePairScores(n);
    new PairMatcher(store, table, compileMatchModel(match.model), match.comparison).matchRange(
      cand.candA,
      cand.candB,
      0,
      n,
      prepareScoreOptions(store, scoreOptions(config)),
      out,
    );
    const labels = new Uint8Array(n);
    for (let p = 0; p < n; p++) {
      labels[p] = entityOfKey[cand.candA[p] as number] === entityOfKey[cand.candB[p] as number] ? 1 : 0;
    }
    return { levels: out.levels, labels };
  } finally {
    await removeScratch(root);
  }
}

async function main(): Promise<void> {
  const train = (flag('train') ?? '').split(',').filter((s) => s.length > 0);
  if (train.length === 0) throw new Error('give --train data.csv:truth.csv[,…]');
  const lambda = Number(flag('lambda') ?? '1');
  const config = parseConfig({}, 'defaults');
  const patterns = new LevelPatterns();
  for (const spec of train) {
    const [data, truth] = spec.split(':') as [string, string];
    process.stderr.write(`levels of ${data}…\n`);
    const { levels, labels } = await labelledLevels(data, truth, config);
    let positives = 0;
    for (let p = 0; p < labels.length; p++) {
      patterns.add(levels, p * FEATURE_COUNT, labels[p] === 1);
      positives += labels[p] as number;
    }
    process.stderr.write(`  ${labels.length} candidate pairs, ${positives} matches\n`);
  }
  // MAP around the shipped hand-set model unless --centre zero: rare levels keep their reasoned weight.
  const centre = flag('centre') === 'zero' ? null : HAND_SET_MATCH_MODEL;
  const fit = fitMatchModel(patterns, lambda, centre);
  process.stderr.write(
    `${patterns.patterns.length} patterns, ${fit.iterations} iterations, log-loss ${fit.logLoss.toFixed(4)}\n`,
  );
  const text = JSON.stringify(fit.model, null, 2);
  process.stdout.write(`${text}\n`);
  if (process.argv.includes('--write-default')) {
    const path = join(ROOT, 'src/config/default-match-model.ts');
    const source = await readFile(path, 'utf8');
    // The shipped model is the file's last declaration: everything from it on is replaced.
    const start = source.indexOf('export const DEFAULT_MATCH_MODEL');
    const replaced = `${source.slice(0, start)}export const DEFAULT_MATCH_MODEL: MatchModelSpec = ${text};\n`;
    await writeFile(path, replaced);
    process.stderr.write(`wrote ${path}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  await main();
}
