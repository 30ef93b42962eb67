import type { Engine } from '../engine/database.js';

/**
 * Clustering quality against a truth (SPEC §11), by contingency counting in SQL: never enumerates pairs, so it
 * works at 1M rows. Reads a table `<table>(row_index, cluster, entity, name)`.
 */
export interface ClusterMetrics {
  records: number;
  entities: number;
  clusters: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pairwise recall with the records of the 10 largest true entities left out. */
  recallWithoutTop10: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  /** Pair recall by true entity size. */
  recallBySize: { sizes: string; entities: number; truePairs: number; recall: number }[];
}

export interface ErrorExample {
  id: string;
  size: number;
  pairs: number;
  names: string[];
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export async function clusterMetrics(engine: Engine, table: string): Promise<ClusterMetrics> {
  const t = table;
  const [totals] = await engine.rows<Record<string, number>>(
    'evaluating clusters',
    `WITH cells AS (SELECT cluster, entity, count(*)::DOUBLE AS n FROM ${t} GROUP BY ALL),
          c AS (SELECT cluster, count(*)::DOUBLE AS n FROM ${t} GROUP BY ALL),
          e AS (SELECT entity, count(*)::DOUBLE AS n FROM ${t} GROUP BY ALL),
          top AS (SELECT entity FROM e ORDER BY n DESC, entity LIMIT 10),
          rest AS (SELECT * FROM ${t} WHERE entity NOT IN (SELECT entity FROM top)),
          rest_cells AS (SELECT cluster, entity, count(*)::DOUBLE AS n FROM rest GROUP BY ALL),
          rest_e AS (SELECT entity, count(*)::DOUBLE AS n FROM rest GROUP BY ALL),
          bcubed AS (
            SELECT sum(cells.n * cells.n / c.n) AS p, sum(cells.n * cells.n / e.n) AS r
            FROM cells JOIN c USING (cluster) JOIN e USING (entity))
     SELECT (SELECT count(*) FROM ${t})::DOUBLE AS records,
            (SELECT count(*) FROM e)::DOUBLE AS entities,
            (SELECT count(*) FROM c)::DOUBLE AS clusters,
            (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM e) AS true_pairs,
            (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM c) AS predicted_pairs,
            (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM cells) AS correct_pairs,
            (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM rest_e) AS rest_true_pairs,
            (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM rest_cells) AS rest_correct_pairs,
            (SELECT p FROM bcubed) AS bp, (SELECT r FROM bcubed) AS br`,
  );
  const m = totals as Record<string, number>;
  const records = m.records ?? 0;
  const precision = ratio(m.correct_pairs ?? 0, m.predicted_pairs ?? 0);
  const recall = ratio(m.correct_pairs ?? 0, m.true_pairs ?? 0);
  const bp = records === 0 ? 1 : (m.bp ?? 0) / records;
  const br = records === 0 ? 1 : (m.br ?? 0) / records;
  const bySize = await engine.rows<{ bucket: string; entities: number; true_pairs: number; correct_pairs: number }>(
    'recall by entity size',
    `WITH e AS (SELECT entity, count(*)::DOUBLE AS n FROM ${t} GROUP BY ALL),
          cells AS (SELECT cluster, entity, count(*)::DOUBLE AS n FROM ${t} GROUP BY ALL),
          bucketed AS (SELECT entity, n, CASE WHEN n <= 2 THEN '2' WHEN n <= 5 THEN '3-5' WHEN n <= 20 THEN '6-20'
                                              WHEN n <= 100 THEN '21-100' ELSE '101+' END AS bucket FROM e WHERE n >= 2),
          tr AS (SELECT bucket, count(*)::DOUBLE AS entities, sum(n * (n - 1) / 2) AS true_pairs, min(n) AS lo FROM bucketed GROUP BY bucket),
          tp AS (SELECT b.bucket, sum(c.n * (c.n - 1) / 2) AS correct FROM cells c JOIN bucketed b USING (entity) GROUP BY b.bucket)
     SELECT tr.bucket, tr.entities, tr.true_pairs, coalesce(tp.correct, 0) AS correct_pairs FROM tr LEFT JOIN tp USING (bucket) ORDER BY tr.lo`,
  );
  return {
    records,
    entities: m.entities ?? 0,
    clusters: m.clusters ?? 0,
    truePairs: m.true_pairs ?? 0,
    predictedPairs: m.predicted_pairs ?? 0,
    correctPairs: m.correct_pairs ?? 0,
    precision,
    recall,
    f1: f1(precision, recall),
    recallWithoutTop10: ratio(m.rest_correct_pairs ?? 0, m.rest_true_pairs ?? 0),
    bcubedPrecision: bp,
    bcubedRecall: br,
    bcubedF1: f1(bp, br),
    recallBySize: bySize.map((row) => ({
      sizes: row.bucket,
      entities: row.entities,
      truePairs: row.true_pairs,
      recall: ratio(row.correct_pairs, row.true_pairs),
    })),
  };
}

/**
 * The groups of one side split over several groups of the other, worst first by pairs across the split:
 * `cluster` gives the worst false merges (a predicted group holding several true entities), `entity` the worst
 * misses (a true entity spread over several predicted groups).
 */
async function worstSplits(
  engine: Engine,
  table: string,
  by: 'cluster' | 'entity',
  limit: number,
): Promise<ErrorExample[]> {
  const rows = await engine.rows<{ id: string; size: number; pairs: number; names: string[] }>(
    by === 'cluster' ? 'worst false merges' : 'worst misses',
    `WITH cells AS (SELECT cluster, entity, count(*)::DOUBLE AS n, any_value(name) AS name FROM ${table} GROUP BY ALL),
          side AS (SELECT ${by} AS id, sum(n) AS size, (sum(n) * sum(n) - sum(n * n)) / 2 AS pairs,
                          list(name ORDER BY n DESC, name)[1:4] AS names
                   FROM cells GROUP BY ${by} HAVING count(*) > 1)
     SELECT id, size::INTEGER AS size, pairs, names FROM side ORDER BY pairs DESC, id LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({ ...r, names: [...r.names] }));
}

/** Predicted clusters holding several true entities, by wrongly joined pairs (the worst false merges). */
export function worstFalseMerges(engine: Engine, table: string, limit: number): Promise<ErrorExample[]> {
  return worstSplits(engine, table, 'cluster', limit);
}

/** True entities split over several predicted clusters, by missed pairs (the worst misses). */
export function worstMisses(engine: Engine, table: string, limit: number): Promise<ErrorExample[]> {
  return worstSplits(engine, table, 'entity', limit);
}
