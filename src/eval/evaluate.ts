import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { UsageError } from '../core/errors.js';
import { fingerprintKey } from '../core/fingerprint.js';
import { UnionFind } from '../core/union-find.js';
import { Engine } from '../engine/database.js';
import { loadColumns } from '../engine/load-columns.js';
import { makeScratchDir, removeScratch } from '../engine/scratch-files.js';
import { sqlIdent, sqlString } from '../engine/sql-quote.js';
import type { CandidatesBundle, KeysBundle } from '../pipeline/block.js';
import { readBundle } from '../pipeline/bundle.js';
import { legalFormTokens } from '../pipeline/group.js';
import type { IngestFacts } from '../pipeline/ingest.js';
import { executeRun } from '../pipeline/run.js';
import { sourceColumnNames } from '../pipeline/stats.js';
import { Workspace } from '../pipeline/workspace.js';
import { type ClusterMetrics, clusterMetrics, type ErrorExample, worstFalseMerges, worstMisses } from './metrics.js';
import { rapidFuzzClusters } from './rapidfuzz-baseline.js';
import { readStewardLabels, type StewardLabelReport, stewardLabelMetrics } from './steward-labels.js';
import {
  type FamilyMergeRow,
  familyMerges,
  type VariationRecallRow,
  type VariationRecord,
  variationRecall,
} from './variation-recall.js';

export interface EvalRequest {
  dataPath: string;
  truthCol?: string;
  truthFile?: string;
  baselines: boolean;
  config: Config;
  colOverrides: Record<string, string>;
  workers: number;
  /** Keep the run here; default a temp workspace removed afterwards. */
  workspace?: string;
  /** A workspace (its decisions.jsonl) or a labelled-pairs CSV: the steward's labels as extra truth (issue 13). */
  labelsFrom?: string;
}

export interface MethodResult {
  method: string;
  metrics: ClusterMetrics;
}

export interface KindOutcome {
  kind: string;
  records: number;
  /** Records of this kind in a group of two or more. */
  grouped: number;
  keep: number;
  update: number;
  delete: number;
  verify: number;
}

export interface EvalReport {
  data: string;
  runId: string;
  records: number;
  entities: number;
  /** Share of true pairs that blocking put in reach (same key, same core, or a candidate pair). */
  blockingPairRecall: number;
  results: MethodResult[];
  /** Per truth `kind` (generated data: company, junk, multi, hard_negative): how such records ended up. */
  kinds: KindOutcome[];
  falseMerges: ErrorExample[];
  misses: ErrorExample[];
  /** Pair precision/recall of the run on the steward's labelled pairs (`labelsFrom`), or null. */
  stewardLabels: StewardLabelReport | null;
  /** Pair recall by variation class, when the truth file has a `variation` column (`junction generate`), or null. */
  variationRecall: VariationRecallRow[] | null;
  /** Look-alike families wrongly merged, when the truth file has a `family` column, or null. */
  familyMerges: FamilyMergeRow[] | null;
  seconds: number;
}

/**
 * `junction eval` (SPEC §11): run the pipeline on a labelled file and measure it — and, with `baselines`, the
 * fingerprint key and DuckDB jaro-winkler ≥ 0.9 within the same blocks — against the truth.
 */
export async function evaluate(req: EvalRequest): Promise<EvalReport> {
  if ((req.truthCol === undefined) === (req.truthFile === undefined)) {
    throw new UsageError('give exactly one of --truth-col COLUMN or --truth-file FILE.');
  }
  const started = performance.now();
  const root = req.workspace ?? (await makeScratchDir('eval'));
  const workspace = new Workspace(root);
  const engine = await Engine.open({ memoryLimit: req.config.engine.memory_limit, threads: req.config.engine.threads });
  const scratch = await makeScratchDir('evalscratch');
  try {
    const run = await executeRun({
      workspace,
      config: req.config,
      inputPath: req.dataPath,
      sheet: null,
      encoding: 'auto',
      colOverrides: req.colOverrides,
      excludeHeaders: req.truthCol === undefined ? [] : [req.truthCol],
      decisions: null,
      noCache: false,
      workers: req.workers,
    });
    const records = sqlString(join(run.dir, 'records.parquet'));
    const ingest = run.manifest.stages.find((s) => s.name === 'ingest');
    const facts = JSON.parse(
      await readFile(join(workspace.cacheDir, 'ingest', ingest?.cache_key ?? '', 'ingest.json'), 'utf8'),
    ) as IngestFacts;
    let entitySql: string;
    let truthJoin = '';
    let truthColumns = new Set<string>();
    if (req.truthCol !== undefined) {
      const index = facts.headers.indexOf(req.truthCol);
      if (index < 0)
        throw new UsageError(`--truth-col ${req.truthCol}: no such column (have: ${facts.headers.join(', ')}).`);
      const column = sourceColumnNames(facts.headers)[index] as string;
      entitySql = `nullif(trim(r.${sqlIdent(column)}), '')`;
    } else {
      truthColumns = await csvColumns(engine, req.truthFile as string);
      const optional = (column: string): string =>
        `${truthColumns.has(column) ? `trim(${column})` : 'NULL::VARCHAR'} AS ${column}`;
      await engine.run(
        'reading the truth file',
        `CREATE TEMP TABLE truth AS SELECT DISTINCT ON (account_id) trim(account_id) AS account_id, trim(entity_id) AS entity_id,
                ${optional('kind')}, ${optional('variation')}, ${optional('family')}
         FROM read_csv(${sqlString(req.truthFile as string)}, all_varchar=true, header=true)`,
      );
      truthJoin =
        'LEFT JOIN truth t1 ON t1.account_id = r.account_id LEFT JOIN truth t2 ON t2.account_id = r.account_id_src';
      entitySql = 'coalesce(t1.entity_id, t2.entity_id)';
    }
    // Unlabelled records are their own entity: they can only cost precision, never earn recall.
    await engine.run(
      'labelling records',
      `CREATE TEMP TABLE ev AS SELECT r.row_index, r.group_id AS cluster,
              coalesce(${entitySql}, 'unlabelled:' || r.row_index) AS entity, r.account_name AS name,
              ${truthJoin === '' ? "''" : "coalesce(t1.variation, t2.variation, '')"} AS variation,
              ${truthJoin === '' ? "''" : "coalesce(t1.family, t2.family, '')"} AS family
       FROM read_parquet(${records}) r ${truthJoin}`,
    );
    const results: MethodResult[] = [{ method: 'junction', metrics: await clusterMetrics(engine, 'ev') }];
    const block = run.manifest.stages.find((s) => s.name === 'block');
    const blockDir = join(workspace.cacheDir, 'block', block?.cache_key ?? '');
    const keys = {
      ...(await readBundle<KeysBundle>(join(blockDir, 'keys.bin'))),
      ...(await readBundle<CandidatesBundle>(join(blockDir, 'candidates.bin'))),
    };
    const blockingPairRecall = await blockingRecall(engine, keys, scratch);
    if (req.baselines) {
      const names = (await engine.textColumns('names', 'SELECT name FROM ev ORDER BY row_index', 1))[0] as string[];
      const legal = legalFormTokens(req.config);
      const fingerprints = names.map((name, i) => {
        const key = fingerprintKey(name, legal);
        return key.length === 0 ? `row:${i}` : key;
      });
      await baselineClusters(engine, 'fp', fingerprints, scratch);
      results.push({ method: 'fingerprint key', metrics: await clusterMetrics(engine, 'ev_fp') });
      await jaroWinklerBaseline(engine, keys, scratch);
      results.push({ method: 'jaro-winkler ≥ 0.9 in blocks', metrics: await clusterMetrics(engine, 'ev_jw') });
      const rapidFuzz = rapidFuzzClusters(names);
      await baselineClusters(engine, 'rf', rapidFuzz, scratch);
      results.push({
        method: 'rapidfuzz token_set ≥ 90, first-3 blocks',
        metrics: await clusterMetrics(engine, 'ev_rf'),
      });
    }
    const kinds =
      req.truthFile === undefined
        ? []
        : await engine.rows<KindOutcome>(
            'outcome by kind',
            `SELECT coalesce(t1.kind, t2.kind) AS kind, count(*)::INTEGER AS records,
                    count(*) FILTER (WHERE r.group_size > 1)::INTEGER AS grouped,
                    count(*) FILTER (WHERE r.disposition = 'Keep')::INTEGER AS keep,
                    count(*) FILTER (WHERE r.disposition = 'Update')::INTEGER AS update,
                    count(*) FILTER (WHERE r.disposition = 'Delete')::INTEGER AS delete,
                    count(*) FILTER (WHERE r.disposition = 'Verify')::INTEGER AS verify
             FROM read_parquet(${records}) r ${truthJoin}
             WHERE coalesce(t1.kind, t2.kind) IS NOT NULL GROUP BY 1 ORDER BY 1`,
          );
    const main = results[0] as MethodResult;
    const stewardLabels =
      req.labelsFrom === undefined
        ? null
        : await stewardLabelMetrics(
            engine,
            join(run.dir, 'records.parquet'),
            await readStewardLabels(req.labelsFrom, run.manifest.dataset),
            req.labelsFrom,
          );
    const byVariation =
      truthColumns.has('variation') || truthColumns.has('family') ? await variationRecords(engine) : null;
    return {
      data: req.dataPath,
      runId: run.runId,
      records: main.metrics.records,
      entities: main.metrics.entities,
      blockingPairRecall,
      results,
      kinds,
      falseMerges: await worstFalseMerges(engine, 'ev', 10),
      misses: await worstMisses(engine, 'ev', 10),
      stewardLabels,
      variationRecall: byVariation === null || !truthColumns.has('variation') ? null : variationRecall(byVariation),
      familyMerges: byVariation === null || !truthColumns.has('family') ? null : familyMerges(byVariation),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    engine.close();
    await removeScratch(scratch);
    if (req.workspace === undefined) await removeScratch(root);
  }
}

async function csvColumns(engine: Engine, path: string): Promise<Set<string>> {
  const columns = await engine.rows<{ column_name: string }>(
    'truth columns',
    `DESCRIBE SELECT * FROM read_csv(${sqlString(path)}, all_varchar=true, header=true)`,
  );
  return new Set(columns.map((c) => c.column_name));
}

/** Every labelled record's cluster, entity and truth annotations, for recall by variation (issue 10). */
async function variationRecords(engine: Engine): Promise<VariationRecord[]> {
  const [cluster, entity, variation, family] = await engine.textColumns(
    'records by variation',
    'SELECT cluster::VARCHAR, entity, variation, family FROM ev ORDER BY row_index',
    4,
  );
  return (cluster ?? []).map((c, i) => ({
    cluster: c,
    entity: entity?.[i] ?? '',
    variation: variation?.[i] ?? '',
    family: family?.[i] ?? '',
  }));
}

/** Record → key and the candidate key pairs as tables, for blocking recall and the jaro-winkler baseline. */
async function loadKeys(engine: Engine, keys: KeysBundle & CandidatesBundle, scratch: string): Promise<void> {
  await loadColumns(
    engine,
    'record_key',
    keys.keyOf.length,
    [indexColumn(keys.keyOf.length), { name: 'key', type: 'INTEGER', values: keys.keyOf }],
    scratch,
  );
  await loadColumns(
    engine,
    'key_table',
    keys.keyCore.length,
    [
      { name: 'key', type: 'INTEGER', values: indexColumn(keys.keyCore.length).values },
      { name: 'core', type: 'VARCHAR', values: keys.keyCore },
      { name: 'core_id', type: 'INTEGER', values: keys.keyCoreId },
    ],
    scratch,
  );
  await loadColumns(
    engine,
    'cand',
    keys.candA.length,
    [
      { name: 'a', type: 'INTEGER', values: keys.candA },
      { name: 'b', type: 'INTEGER', values: keys.candB },
    ],
    scratch,
  );
}

/** Blocking pair recall (SPEC §11): true pairs whose records share a key or a core, or whose keys are a candidate pair. */
async function blockingRecall(engine: Engine, keys: KeysBundle & CandidatesBundle, scratch: string): Promise<number> {
  await loadKeys(engine, keys, scratch);
  const [row] = await engine.rows<{ covered: number; total: number }>(
    'blocking recall',
    `WITH labelled AS (SELECT ev.entity, rk.key, k.core_id FROM ev JOIN record_key rk USING (row_index) LEFT JOIN key_table k USING (key)),
          cells AS (SELECT entity, core_id, count(*)::DOUBLE AS n FROM labelled WHERE key >= 0 GROUP BY ALL),
          key_cells AS (SELECT entity, key, core_id, count(*)::DOUBLE AS n FROM labelled WHERE key >= 0 GROUP BY ALL),
          same_core AS (SELECT sum(n * (n - 1) / 2) AS pairs FROM cells),
          by_candidate AS (
            SELECT sum(x.n * y.n) AS pairs FROM cand c
            JOIN key_cells x ON x.key = c.a JOIN key_cells y ON y.key = c.b AND y.entity = x.entity
            WHERE x.core_id <> y.core_id),
          e AS (SELECT entity, count(*)::DOUBLE AS n FROM ev GROUP BY ALL)
     SELECT coalesce((SELECT pairs FROM same_core), 0) + coalesce((SELECT pairs FROM by_candidate), 0) AS covered,
            (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM e) AS total`,
  );
  return row === undefined || row.total === 0 ? 1 : row.covered / row.total;
}

/**
 * SPEC §11 baseline: DuckDB `jaro_winkler_similarity ≥ 0.9` over the same candidate pairs (and same-core keys),
 * connected components over keys; records without a key stay alone.
 */
async function jaroWinklerBaseline(
  engine: Engine,
  keys: KeysBundle & CandidatesBundle,
  scratch: string,
): Promise<void> {
  const edges = await engine.rows<{ a: number; b: number }>(
    'jaro-winkler baseline',
    `SELECT c.a, c.b FROM cand c JOIN key_table ka ON ka.key = c.a JOIN key_table kb ON kb.key = c.b
     WHERE jaro_winkler_similarity(ka.core, kb.core) >= 0.9`,
  );
  const uf = new UnionFind(keys.keyCore.length);
  for (const e of edges) uf.union(e.a, e.b);
  for (let k = 1; k < keys.keyCore.length; k++) if (keys.keyCoreId[k] === keys.keyCoreId[k - 1]) uf.union(k - 1, k);
  const cluster = Array.from(keys.keyOf, (k, i) => (k < 0 ? `row:${i}` : `k:${uf.find(k)}`));
  await baselineClusters(engine, 'jw', cluster, scratch);
}

/** A baseline's cluster label per record as table `ev_<name>` (row_index, cluster, entity, name) for clusterMetrics. */
async function baselineClusters(engine: Engine, name: string, clusters: string[], scratch: string): Promise<void> {
  await loadColumns(
    engine,
    name,
    clusters.length,
    [indexColumn(clusters.length), { name: 'cluster', type: 'VARCHAR', values: clusters }],
    scratch,
  );
  await engine.run(
    `${name} baseline`,
    `CREATE TEMP TABLE ev_${name} AS SELECT ev.row_index, b.cluster, ev.entity, ev.name FROM ${name} b JOIN ev USING (row_index)`,
  );
}

function indexColumn(n: number): { name: string; type: 'INTEGER'; values: Int32Array } {
  return { name: 'row_index', type: 'INTEGER', values: Int32Array.from({ length: n }, (_v, i) => i) };
}
