import type { CanonicalRecords, Rejection } from '../core/canonical-records.js';
import type { CanonicalField } from '../core/column-mapping.js';
import { type Engine, EngineError } from './database.js';
import { loadColumns, loadSharedColumns } from './load-columns.js';
import { sqlIdent, sqlString } from './sql-quote.js';

/** Parquet input (SPEC §2): every column as text, via a CSV the common reader then takes row by row. */
export async function copySourceParquetToCsv(engine: Engine, parquetPath: string, csvPath: string): Promise<void> {
  await engine.run(
    'reading the Parquet input',
    `COPY (SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${sqlString(parquetPath)})) TO ${sqlString(csvPath)} (FORMAT csv, HEADER true, FORCE_QUOTE *)`,
  );
}

export const EVIDENCE_FIELDS = ['owner', 'address', 'country', 'website', 'phone'] as const;

interface LoadRequest {
  /** Temp table `(source_row, c0 … cN)` holding every readable data row in input order (SourceRowAppender). */
  rowsTable: string;
  headers: string[];
  mapping: Partial<Record<CanonicalField, string>>;
  records: CanonicalRecords;
  rejections: Rejection[];
  out: { source: string; canonical: string; rejected: string };
}

/**
 * Turn the loaded rows and JS-computed canonical values into the ingest artifacts: `source.parquet`
 * (accepted rows, source columns c0…cN as text), `canonical.parquet` (typed canonical fields) and
 * `rejected.csv` (row number, line, reason, detail, the source columns, raw text). Columns travel through the
 * Appender (issue 14); accepted rows are matched to their canonical fields by position, not by a join and a sort.
 */
export async function loadIngestArtifacts(engine: Engine, req: LoadRequest): Promise<void> {
  const rows = sqlIdent(req.rowsTable);
  const r = req.records;
  const n = r.sourceRow.length;
  await loadSharedColumns(engine, 'ingest_canonical', n, [
    { name: 'row_index', type: 'INTEGER', values: Int32Array.from({ length: n }, (_v, i) => i) },
    { name: 'source_row', type: 'INTEGER', values: r.sourceRow },
    { name: 'account_id', type: 'VARCHAR', values: r.accountId },
    { name: 'account_id_src', type: 'VARCHAR', values: r.accountIdSrc },
    { name: 'account_name', type: 'VARCHAR', values: r.accountName },
    { name: 'parent_account_id', type: 'VARCHAR', values: r.parentAccountId },
    { name: 'created_ms', type: 'DOUBLE', values: r.createdMs },
    { name: 'relationship', type: 'VARCHAR', values: r.relationship },
  ]);
  const x = req.rejections;
  await loadColumns(engine, 'ingest_rejects', x.length, [
    { name: 'row_number', type: 'INTEGER', values: x.map((j) => j.dataRow) },
    { name: 'line', type: 'INTEGER', values: x.map((j) => (j.line > 0 ? j.line : Number.NaN)) },
    { name: 'reason', type: 'VARCHAR', values: x.map((j) => j.reason) },
    { name: 'detail', type: 'VARCHAR', values: x.map((j) => j.detail) },
    { name: 'raw_text', type: 'VARCHAR', values: x.map((j) => j.raw), nullIfEmpty: true },
  ]);
  const named = req.headers.map((h, i) => `s.c${i} AS ${sqlIdent(h)}`).join(', ');
  await engine.run(
    'writing rejected.csv',
    `COPY (SELECT r.row_number, r.line, r.reason, r.detail, ${named}, r.raw_text
          FROM ingest_rejects r LEFT JOIN ${rows} s ON s.source_row = r.row_number ORDER BY r.row_number)
     TO ${sqlString(req.out.rejected)} (FORMAT csv, HEADER true)`,
  );
  // Rows rejected for their id were loaded with the rest; without them the table is in accepted order.
  if (x.length > 0) {
    await engine.run(
      'setting rejected rows aside',
      `DELETE FROM ${rows} WHERE source_row IN (SELECT row_number FROM ingest_rejects)`,
    );
  }
  const outOfStep = await engine.scalar<number>(
    'checking row order',
    `SELECT count(*)::INTEGER FROM ingest_canonical c POSITIONAL JOIN ${rows} s WHERE c.source_row IS DISTINCT FROM s.source_row`,
  );
  if (outOfStep !== 0)
    throw new EngineError(`ingest: ${outOfStep} loaded rows are out of step with their canonical fields`);

  const sourceSelect = req.headers.map((_h, i) => `s.c${i}`).join(', ');
  const evidence = EVIDENCE_FIELDS.map((field) => {
    const header = req.mapping[field];
    const index = header === undefined ? -1 : req.headers.indexOf(header);
    return index < 0 ? `NULL::VARCHAR AS ${field}` : `nullif(trim(s.c${index}), '') AS ${field}`;
  }).join(', ');
  const canonicalSql = `COPY (SELECT c.row_index, c.source_row, c.account_id, nullif(c.account_id_src, '') AS account_id_src, c.account_name,
            nullif(c.parent_account_id, '') AS parent_account_id,
            make_timestamp(c.created_ms::BIGINT * 1000) AS created_date,
            nullif(trim(c.relationship), '') AS relationship, ${evidence}
          FROM ingest_canonical c POSITIONAL JOIN ${rows} s)
     TO ${sqlString(req.out.canonical)} (FORMAT parquet, COMPRESSION zstd)`;
  // Two files from the same tables, each written on one core: the second connection takes canonical.parquet.
  await engine.runAlongside('writing canonical.parquet', canonicalSql, () =>
    engine.run(
      'writing source.parquet',
      `COPY (SELECT c.row_index, c.source_row, ${sourceSelect} FROM ingest_canonical c POSITIONAL JOIN ${rows} s)
     TO ${sqlString(req.out.source)} (FORMAT parquet, COMPRESSION zstd)`,
    ),
  );
  await engine.run('cleaning up', `DROP TABLE ${rows}; DROP TABLE ingest_canonical; DROP TABLE ingest_rejects`);
}
