import { join } from 'node:path';
import type { CanonicalRecords, Rejection } from '../core/canonical-records.js';
import type { CanonicalField } from '../core/column-mapping.js';
import { CsvFileWriter, quoteField } from '../input/csv-write.js';
import type { Engine } from './database.js';
import { sqlIdent, sqlString } from './sql-quote.js';

/** Options DuckDB needs to read back a CSV we wrote ourselves: every field quoted, nothing guessed. */
export function exactCsvOptions(columns: Record<string, string>): string {
  const spec = Object.entries(columns)
    .map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`)
    .join(', ');
  return `columns={${spec}}, header=false, delim=',', quote='"', escape='"', new_line='\\n', allow_quoted_nulls=false, auto_detect=false, strict_mode=true, parallel=true`;
}

/** Parquet input (SPEC §2): every column as text, via a CSV the common reader then takes row by row. */
export async function copySourceParquetToCsv(engine: Engine, parquetPath: string, csvPath: string): Promise<void> {
  await engine.run(
    'reading the Parquet input',
    `COPY (SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${sqlString(parquetPath)})) TO ${sqlString(csvPath)} (FORMAT csv, HEADER true, FORCE_QUOTE *)`,
  );
}

export const EVIDENCE_FIELDS = ['owner', 'address', 'country', 'website', 'phone'] as const;

interface LoadRequest {
  scratch: string;
  stagingPath: string;
  headers: string[];
  mapping: Partial<Record<CanonicalField, string>>;
  records: CanonicalRecords;
  rejections: Rejection[];
  out: { source: string; canonical: string; rejected: string };
}

/**
 * Turn the staged rows and JS-computed canonical values into the ingest artifacts: `source.parquet`
 * (accepted rows, source columns c0…cN as text), `canonical.parquet` (typed canonical fields) and
 * `rejected.csv` (row number, line, reason, detail, the source columns, raw text).
 */
export async function loadIngestArtifacts(engine: Engine, req: LoadRequest): Promise<void> {
  const sourceColumns: Record<string, string> = { source_row: 'INTEGER' };
  req.headers.forEach((_h, i) => {
    sourceColumns[`c${i}`] = 'VARCHAR';
  });
  await engine.run(
    'loading the staged rows',
    `CREATE OR REPLACE TEMP TABLE ingest_rows AS SELECT * FROM read_csv(${sqlString(req.stagingPath)}, ${exactCsvOptions(sourceColumns)})`,
  );

  const canonicalPath = join(req.scratch, 'canonical.csv');
  const writer = new CsvFileWriter(canonicalPath);
  const r = req.records;
  for (let i = 0; i < r.sourceRow.length; i++) {
    const ms = r.createdMs[i] as number;
    await writer.line([
      String(i),
      String(r.sourceRow[i]),
      quoteField(r.accountId[i] as string),
      quoteField(r.accountIdSrc[i] as string),
      quoteField(r.accountName[i] as string),
      quoteField(r.parentAccountId[i] as string),
      Number.isNaN(ms) ? '""' : String(ms),
      quoteField(r.relationship[i] as string),
    ]);
  }
  await writer.close();
  await engine.run(
    'loading canonical fields',
    `CREATE OR REPLACE TEMP TABLE ingest_canonical AS SELECT * FROM read_csv(${sqlString(canonicalPath)}, ${exactCsvOptions(
      {
        row_index: 'INTEGER',
        source_row: 'INTEGER',
        account_id: 'VARCHAR',
        account_id_src: 'VARCHAR',
        account_name: 'VARCHAR',
        parent_account_id: 'VARCHAR',
        created_ms: 'VARCHAR',
        relationship: 'VARCHAR',
      },
    )})`,
  );

  const sourceSelect = req.headers.map((_h, i) => `s.c${i}`).join(', ');
  await engine.run(
    'writing source.parquet',
    `COPY (SELECT c.row_index, c.source_row, ${sourceSelect} FROM ingest_canonical c JOIN ingest_rows s USING (source_row) ORDER BY c.row_index)
     TO ${sqlString(req.out.source)} (FORMAT parquet, COMPRESSION zstd)`,
  );
  const evidence = EVIDENCE_FIELDS.map((field) => {
    const header = req.mapping[field];
    const index = header === undefined ? -1 : req.headers.indexOf(header);
    return index < 0 ? `NULL::VARCHAR AS ${field}` : `nullif(trim(s.c${index}), '') AS ${field}`;
  }).join(', ');
  await engine.run(
    'writing canonical.parquet',
    `COPY (SELECT c.row_index, c.source_row, c.account_id, nullif(c.account_id_src, '') AS account_id_src, c.account_name,
            nullif(c.parent_account_id, '') AS parent_account_id,
            CASE WHEN c.created_ms = '' THEN NULL ELSE make_timestamp(CAST(c.created_ms AS DOUBLE)::BIGINT * 1000) END AS created_date,
            nullif(trim(c.relationship), '') AS relationship, ${evidence}
          FROM ingest_canonical c JOIN ingest_rows s USING (source_row) ORDER BY c.row_index)
     TO ${sqlString(req.out.canonical)} (FORMAT parquet, COMPRESSION zstd)`,
  );

  const rejectedPath = join(req.scratch, 'rejected-staging.csv');
  const rejectWriter = new CsvFileWriter(rejectedPath);
  for (const x of req.rejections) {
    await rejectWriter.line([
      String(x.dataRow),
      x.line > 0 ? String(x.line) : '""',
      quoteField(x.reason),
      quoteField(x.detail),
      quoteField(x.raw),
    ]);
  }
  await rejectWriter.close();
  await engine.run(
    'loading rejected rows',
    `CREATE OR REPLACE TEMP TABLE ingest_rejects AS SELECT * FROM read_csv(${sqlString(rejectedPath)}, ${exactCsvOptions(
      {
        row_number: 'INTEGER',
        line: 'VARCHAR',
        reason: 'VARCHAR',
        detail: 'VARCHAR',
        raw_text: 'VARCHAR',
      },
    )})`,
  );
  const named = req.headers.map((h, i) => `s.c${i} AS ${sqlIdent(h)}`).join(', ');
  await engine.run(
    'writing rejected.csv',
    `COPY (SELECT r.row_number, nullif(r.line, '') AS line, r.reason, r.detail, ${named}, nullif(r.raw_text, '') AS raw_text
          FROM ingest_rejects r LEFT JOIN ingest_rows s ON s.source_row = r.row_number ORDER BY r.row_number)
     TO ${sqlString(req.out.rejected)} (FORMAT csv, HEADER true)`,
  );
  await engine.run('cleaning up', 'DROP TABLE ingest_rows; DROP TABLE ingest_canonical; DROP TABLE ingest_rejects');
}
