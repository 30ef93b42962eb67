/**
 * The options of every Parquet file the tool writes: ZSTD, row groups of 20,480 rows. The pipeline's big files are
 * written on one core each (a positional join or an ordered write has one reader), where encoding is the cost, and
 * smaller row groups encode faster: rewriting the 1M bench run's files on one thread took 18–32% less CPU than in
 * larger row groups (records.parquet 9.56 → 7.87 s against 61,440 rows; against DuckDB's default 122,880,
 * source.parquet 3.50 → 2.39 s, groups.parquet 2.02 → 1.62 s, pairs.parquet 1.94 → 1.47 s), for files 0–8% larger,
 * and a lookup by one column reads fewer rows (BENCHMARKS.md, session 15).
 */
export const ROW_GROUP_ROWS = 20_480;
export const PARQUET_OPTIONS = `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_ROWS}`;
