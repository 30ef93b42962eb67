import type { Rejection } from '../core/canonical-records.js';
import type { CanonicalField } from '../core/column-mapping.js';
import type { Engine } from './database.js';
import { type ColumnSpec, loadColumns, loadSharedColumns } from './load-columns.js';
import { PARQUET_OPTIONS } from './parquet-options.js';
import { sqlIdent, sqlString } from './sql-quote.js';

/** Parquet input (SPEC §2): every column as text, via a CSV the common reader then takes row by row. */
export async function copySourceParquetToCsv(engine: Engine, parquetPath: string, csvPath: string): Promise<void> {
  await engine.run(
    'reading the Parquet input',
    `COPY (SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${sqlString(parquetPath)})) TO ${sqlString(csvPath)} (FORMAT csv, HEADER true, FORCE_QUOTE *)`,
  );
}

export const EVIDENCE_FIELDS = ['owner', 'address', 'country', 'website', 'phone'] as const;

/** Where the readable rows' source columns c0…cN come from. */
export type SourceRows =
  /** A table `(source_row, c0 … cN)` with every readable data row in input order (SourceRowAppender). */
  | { kind: 'table'; table: string }
  /**
   * A CSV the JS scan found clean (input/csv-scan.ts), read again here by DuckDB's parallel reader: one row per
   * readable row, in order. Each row's text must add up to `LoadRequest.textBytes`, or the load fails (the
   * caller then reads the file the general way).
   */
  | { kind: 'csv'; path: string; delimiter: string };

interface LoadRequest {
  rows: SourceRows;
  headers: string[];
  /** Data row number of every readable row, in input order (accepted rows and rows rejected for their id). */
  readableRows: Int32Array;
  /** Positions in `readableRows` of the accepted records, ascending; null when every readable row was accepted. */
  accepted: Int32Array | null;
  /**
   * What the source columns do not hold, per accepted record: the canonical id ('' when it is the id column's
   * text unchanged — the engine takes it from there), the canonical parent id and the creation time.
   */
  canonical: { changedId: readonly string[]; parentAccountId: readonly string[]; createdMs: Float64Array };
  /** UTF-8 bytes of each readable row's fields, summed (csv rows only): the engine's reading must agree. */
  textBytes: Int32Array | null;
  rejections: Rejection[];
  out: { source: string; rejected: string };
}

/**
 * Turn the loaded rows and JS-computed canonical values into the ingest artifacts: `source.parquet`
 * (accepted rows: source columns c0…cN as text, beside the canonical id where canonicalising changed it, the
 * canonical parent id and the creation time) and `rejected.csv` (row number, line, reason, detail, the source
 * columns, raw text). Only what JS computed travels through the Appender (issue 14) — the text fields are taken
 * from the source rows, which are paired with their canonical values by position, not by a join and a sort; the
 * COPY fails if the two ever fall out of step. Returns once rejected.csv is written; `parquet` settles once
 * source.parquet is written and the load tables dropped — work meant to run behind the next stages (issue 14), with
 * half the engine's threads until then, so the caller defers it (or awaits it).
 */
export async function loadIngestArtifacts(engine: Engine, req: LoadRequest): Promise<{ parquet: Promise<void> }> {
  const n = req.readableRows.length;
  const accepted = req.accepted;
  // Canonical columns over every readable row: a row rejected for its id has keep = false and no row_index.
  const spread = (values: readonly string[]): readonly string[] => {
    if (accepted === null) return values;
    const out = new Array<string>(n).fill('');
    accepted.forEach((position, index) => {
      out[position] = values[index] as string;
    });
    return out;
  };
  const rowIndex = new Float64Array(n).fill(Number.NaN);
  const keep = new Uint8Array(n);
  const createdMs = accepted === null ? req.canonical.createdMs : new Float64Array(n).fill(Number.NaN);
  if (accepted === null) {
    for (let i = 0; i < n; i++) rowIndex[i] = i;
    keep.fill(1);
  } else {
    accepted.forEach((position, index) => {
      rowIndex[position] = index;
      keep[position] = 1;
      createdMs[position] = req.canonical.createdMs[index] as number;
    });
  }
  const textBytes: ColumnSpec[] =
    req.textBytes === null ? [] : [{ name: 'text_bytes', type: 'INTEGER', values: req.textBytes }];
  await loadSharedColumns(engine, 'ingest_canonical', n, [
    { name: 'row_index', type: 'INTEGER', values: rowIndex },
    { name: 'source_row', type: 'INTEGER', values: req.readableRows },
    { name: 'keep', type: 'BOOLEAN', values: keep },
    ...textBytes,
    { name: 'account_id', type: 'VARCHAR', values: spread(req.canonical.changedId), nullIfEmpty: true },
    { name: 'parent_account_id', type: 'VARCHAR', values: spread(req.canonical.parentAccountId), nullIfEmpty: true },
    { name: 'created_ms', type: 'DOUBLE', values: createdMs },
  ]);
  const x = req.rejections;
  await loadColumns(engine, 'ingest_rejects', x.length, [
    { name: 'row_number', type: 'INTEGER', values: x.map((j) => j.dataRow) },
    { name: 'line', type: 'INTEGER', values: x.map((j) => (j.line > 0 ? j.line : Number.NaN)) },
    { name: 'reason', type: 'VARCHAR', values: x.map((j) => j.reason) },
    { name: 'detail', type: 'VARCHAR', values: x.map((j) => j.detail) },
    { name: 'raw_text', type: 'VARCHAR', values: x.map((j) => j.raw), nullIfEmpty: true },
  ]);

  const width = req.headers.length;
  const paired = `${sourceRowsSql(req.rows, width)} s POSITIONAL JOIN ingest_canonical c`;
  // Rows out of step: more source rows than canonical ones, fewer, or (csv) a row read differently.
  const fewerRows = req.rows.kind === 'table' ? 's.source_row IS NULL' : 's.c0 IS NULL';
  const differs =
    req.rows.kind === 'table'
      ? 's.source_row IS DISTINCT FROM c.source_row'
      : `(${Array.from({ length: width }, (_v, i) => `strlen(s.c${i})`).join(' + ')}) IS DISTINCT FROM c.text_bytes`;
  const guarded = (outOfStep: string): string =>
    `CASE WHEN c.keep IS NULL OR ${outOfStep} THEN error('ingest: loaded rows are out of step with their canonical fields') ELSE c.keep END`;

  const named = req.headers.map((h, i) => `s.c${i} AS ${sqlIdent(h)}`).join(', ');
  const rejectedSource =
    x.length === 0
      ? `(SELECT NULL::INTEGER AS source_row, ${req.headers.map((_h, i) => `NULL::VARCHAR AS c${i}`).join(', ')} WHERE false)`
      : req.rows.kind === 'table'
        ? sqlIdent(req.rows.table)
        : `(SELECT c.source_row, s.* FROM ${paired} WHERE NOT (${guarded(`${fewerRows} OR ${differs}`)}))`;
  await engine.run(
    'writing rejected.csv',
    `COPY (SELECT r.row_number, r.line, r.reason, r.detail, ${named}, r.raw_text
          FROM ingest_rejects r LEFT JOIN ${rejectedSource} s ON s.source_row = r.row_number ORDER BY r.row_number)
     TO ${sqlString(req.out.rejected)} (FORMAT csv, HEADER true)`,
  );

  const sourceSelect = req.headers.map((_h, i) => `s.c${i}`).join(', ');
  const acceptedRows = `SELECT c.row_index, c.source_row, c.account_id AS account_id_changed, c.parent_account_id,
                               make_timestamp(c.created_ms::BIGINT * 1000) AS created_date, ${sourceSelect}
                        FROM ${paired} WHERE ${guarded(`${fewerRows} OR ${differs}`)}`;
  // One file of the rows and what JS computed of them; the canonical fields are read from it by position
  // (`canonicalColumnsSql`), so no second file re-reads the CSV (issue 14). Written behind the next stages, whose JS
  // keeps a core busy: half the threads, or the write crowds out the main thread and spends more CPU (issue 14,
  // BENCHMARKS.md session 21: at 1M records the block stage started 5 s sooner).
  // A row rejected for its id leaves a chunk short, and the writer would cut the row groups there: the accepted rows
  // are gathered into a table first, whose scan hands the writer whole chunks, so the row groups stay the full ones
  // records.parquet's COPY takes the source pages from (src/engine/parquet-zip.ts; issue 14: else that COPY encodes
  // every source column again; with one row rejected at 1M records the stats stage took 11.6 s instead of 16.5 s).
  const parquet = engine
    .withThreadsSharedBetween(2, async () => {
      if (accepted === null) {
        await engine.run(
          'writing source.parquet',
          `COPY (${acceptedRows}) TO ${sqlString(req.out.source)} (${PARQUET_OPTIONS})`,
        );
        return;
      }
      await engine.run('gathering the accepted rows', `CREATE TEMP TABLE ingest_accepted AS ${acceptedRows}`);
      await engine.run(
        'writing source.parquet',
        `COPY (SELECT * FROM ingest_accepted) TO ${sqlString(req.out.source)} (${PARQUET_OPTIONS})`,
      );
    })
    .finally(() => dropIngestTables(engine, req.rows));
  // Handled by whoever awaits it; never an unhandled rejection before then.
  parquet.catch(() => undefined);
  return { parquet };
}

/** The columns of `source.parquet` a record's canonical fields are read from: headers and their mapping (ingest.json). */
export interface SourceLayout {
  headers: readonly string[];
  mapping: Partial<Record<CanonicalField, string>>;
  /** The ids are `row:N`, not the source's id column (SPEC §2.1). */
  syntheticIds: boolean;
}

export const CANONICAL_COLUMNS = [
  'source_row',
  'account_id',
  'account_id_src',
  'account_name',
  'parent_account_id',
  'created_date',
  'relationship',
  ...EVIDENCE_FIELDS,
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Canonical columns read as the mapped source text trimmed, blank as NULL (`canonicalColumnsSql`). */
export const TRIMMED_CANONICAL_COLUMNS: ReadonlySet<string> = new Set<string>(['relationship', ...EVIDENCE_FIELDS]);

/**
 * A record's canonical fields (SPEC §2.2) as SQL over its row of `source.parquet` (alias `s`): the mapped source
 * text as ingest read it (evidence and relationship trimmed, blank as NULL), the canonical id (the id column's
 * text unless canonicalising changed it), parent id and creation time ingest computed.
 */
export function canonicalColumnsSql(layout: SourceLayout): Record<CanonicalColumn, string> {
  const columnOf = (field: CanonicalField): number => {
    const header = layout.mapping[field];
    return header === undefined ? -1 : layout.headers.indexOf(header);
  };
  const text = (field: CanonicalField, otherwise: string): string => {
    const index = columnOf(field);
    return index < 0 ? otherwise : `s.c${index}`;
  };
  const idColumn = layout.syntheticIds ? -1 : columnOf('account_id');
  const trimmed = (field: CanonicalField): string => {
    const index = columnOf(field);
    return index < 0 ? 'NULL::VARCHAR' : `nullif(trim(s.c${index}), '')`;
  };
  return {
    source_row: 's.source_row',
    account_id: idColumn < 0 ? 's.account_id_changed' : `coalesce(s.account_id_changed, s.c${idColumn})`,
    account_id_src: layout.syntheticIds ? 'NULL::VARCHAR' : `nullif(${text('account_id', "''")}, '')`,
    account_name: text('account_name', "''::VARCHAR"),
    parent_account_id: 's.parent_account_id',
    created_date: 's.created_date',
    relationship: trimmed('relationship'),
    owner: trimmed('owner'),
    address: trimmed('address'),
    country: trimmed('country'),
    website: trimmed('website'),
    phone: trimmed('phone'),
  };
}

/** Drops what `loadIngestArtifacts` and the row appender left, after success or failure. */
export async function dropIngestTables(engine: Engine, rows: SourceRows): Promise<void> {
  const rowsTable = rows.kind === 'table' ? `DROP TABLE IF EXISTS ${sqlIdent(rows.table)}; ` : '';
  await engine.run(
    'cleaning up',
    `${rowsTable}DROP TABLE IF EXISTS ingest_canonical; DROP TABLE IF EXISTS ingest_rejects; DROP TABLE IF EXISTS ingest_accepted`,
  );
}

/** The source rows as a relation with columns c0…cN (empty cells as ''; a table's also has `source_row`). */
function sourceRowsSql(rows: SourceRows, width: number): string {
  if (rows.kind === 'table') return sqlIdent(rows.table);
  const names = Array.from({ length: width }, (_v, i) => sqlString(`c${i}`));
  // Every option spelled out, nothing sniffed: the JS scan already proved this layout (strict RFC 4180). Empty cells
  // are read as '' by the reader itself (force_not_null), not by a projection over it: so the positional join
  // hands source.parquet's writer whole chunks and its row groups are full ones, as records.parquet's, whose COPY
  // then copies the source columns' pages instead of encoding them again (issue 14, src/engine/parquet-zip.ts).
  return `read_csv(${sqlString(rows.path)}, auto_detect = false, header = true, delim = ${sqlString(rows.delimiter)},
      quote = '"', escape = '"', columns = {${names.map((name) => `${name}: 'VARCHAR'`).join(', ')}},
      force_not_null = [${names.join(', ')}], strict_mode = true, null_padding = false, ignore_errors = false,
      compression = 'none', encoding = 'utf-8')`;
}
