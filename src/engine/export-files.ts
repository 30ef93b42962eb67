import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { UsageError } from '../core/errors.js';
import type { ExportFormat, ExportScope, GroupQuery } from '../shared/api.js';
import { scopeSql } from './export-scopes.js';
import { PARQUET_OPTIONS } from './parquet-options.js';
import { groupSelection } from './review-queries.js';
import type { ReviewStore, RunTables } from './review-store.js';
import { sqlIdent, sqlString } from './sql-quote.js';

/** Rows of one worksheet, header included (Excel's limit; SPEC §13). */
export const XLSX_MAX_ROWS = 1_048_576;

/** Rows read from DuckDB per XLSX chunk: memory stays flat whatever the export's size. */
const XLSX_CHUNK_ROWS = 5000;

export interface ExportFileRequest {
  scope: ExportScope;
  format: ExportFormat;
  query: GroupQuery;
  allColumns: boolean;
  /** Worksheet row limit, header included. */
  xlsxMaxRows: number;
  /** The merge plan's canonical names: a table (group_id, canonical_name), or null (issue 13). */
  canonicalNames: string | null;
}

export interface ExportFileCounts {
  /** Data rows written (header excluded). */
  rows: number;
  /** Groups the filter listed. */
  groups: number;
  /** Merge plan: duplicates held back; 0 for other scopes. */
  held: number;
}

let exportSeq = 0;

/**
 * Write the export file of the groups `request.query` lists (SPEC §13, REVIEW §2.6) from records.parquet and
 * the run's review tables. The group set comes from the review SQL itself (`groupSelection`), so it is exactly
 * the listed set; the rows are streamed by DuckDB — COPY TO for CSV and Parquet, chunks of a spilled table for
 * XLSX — so memory stays flat. Formats: `csv` neutralises text cells that start with = + - @, tab or CR by
 * prefixing a single quote (OWASP CSV injection; our own numeric columns are typed and never negative);
 * `loader-csv` writes every value unchanged; `xlsx` writes text as text cells (never formulas); `parquet` keeps
 * DuckDB's types.
 */
export async function writeExportFile(
  store: ReviewStore,
  tables: RunTables,
  request: ExportFileRequest,
  path: string,
): Promise<ExportFileCounts> {
  const id = `${++exportSeq}_${randomBytes(4).toString('hex')}`;
  const sel = `exp_sel_${id}`;
  const staged = `exp_rows_${id}`;
  try {
    const selection = await groupSelection(store, tables, request.query);
    if (selection === null) {
      await store.run(
        'export: no group matches',
        `CREATE TABLE ${sel} (gid INTEGER, group_id VARCHAR, list_pos INTEGER)`,
      );
    } else {
      await store.run('export: listing groups', `CREATE TABLE ${sel} AS ${selection.sql}`, selection.params);
    }
    const sql = scopeSql(
      request.scope,
      {
        sel,
        records: `read_parquet(${sqlString(join(tables.dir, 'records.parquet'))})`,
        tables,
        names: request.canonicalNames,
      },
      request.allColumns,
    );
    const [counts] = await store.rows<{ rows: number; groups: number; held: number }>(
      'export: counting rows',
      `SELECT (SELECT count(*) FROM (${sql}))::BIGINT AS rows, (SELECT count(*) FROM ${sel})::BIGINT AS groups,
              ${request.scope === 'merge-plan' ? `(SELECT count(*) FILTER (WHERE held) FROM (${sql}))` : '0'}::BIGINT AS held`,
    );
    const rows = Number(counts?.rows ?? 0);
    await rm(path, { force: true });
    switch (request.format) {
      case 'parquet':
        await store.run('export: writing Parquet', `COPY (${sql}) TO ${sqlString(path)} (${PARQUET_OPTIONS})`);
        break;
      case 'loader-csv':
        await store.run('export: writing CSV', `COPY (${sql}) TO ${sqlString(path)} (FORMAT csv, HEADER true)`);
        break;
      case 'csv': {
        const columns = await describe(store, sql);
        await store.run(
          'export: writing CSV',
          `COPY (SELECT ${columns.map(neutralised).join(', ')} FROM (${sql})) TO ${sqlString(path)} (FORMAT csv, HEADER true)`,
        );
        break;
      }
      case 'xlsx': {
        const limit = request.xlsxMaxRows;
        if (rows + 1 > limit) {
          throw new UsageError(
            `xlsx holds at most ${limit.toLocaleString('en-US')} rows per sheet and this export has ${(rows + 1).toLocaleString('en-US')} with its header: use --format csv or --format parquet.`,
          );
        }
        await writeXlsx(store, sql, staged, path, request.scope);
        break;
      }
    }
    return { rows, groups: Number(counts?.groups ?? 0), held: Number(counts?.held ?? 0) };
  } finally {
    await store.run('export: cleaning up', `DROP TABLE IF EXISTS ${sel}; DROP TABLE IF EXISTS ${staged}`);
  }
}

interface Column {
  name: string;
  type: string;
}

async function describe(store: ReviewStore, sql: string): Promise<Column[]> {
  const rows = await store.rows<{ column_name: string; column_type: string }>(
    'export: reading columns',
    `DESCRIBE (${sql})`,
  );
  return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
}

/**
 * A text column with spreadsheet formula triggers defused (OWASP "CSV Injection"): a leading = + - @, tab or CR
 * gets a single quote in front, so Excel and LibreOffice show the text instead of evaluating it.
 */
function neutralised(column: Column): string {
  const c = sqlIdent(column.name);
  if (column.type !== 'VARCHAR') return c;
  return `CASE WHEN left(${c}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${c} ELSE ${c} END AS ${c}`;
}

/** Rows staged in a DuckDB table (which spills to disk under its memory limit), read back in rowid chunks. */
async function writeXlsx(
  store: ReviewStore,
  sql: string,
  staged: string,
  file: string,
  sheetName: string,
): Promise<void> {
  await store.run('export: staging rows', `CREATE TABLE ${staged} AS ${sql}`);
  const columns = await describe(store, `SELECT * FROM ${staged}`);
  // Loaded on first use: exceljs costs ~0.3 s of start-up that every other command would pay.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(columns.map((c) => c.name)).commit();
  for (let from = 0; ; from += XLSX_CHUNK_ROWS) {
    const chunk = await store.rows<Record<string, unknown>>(
      'export: reading rows',
      `SELECT * FROM ${staged} WHERE rowid >= ? AND rowid < ? ORDER BY rowid`,
      [from, from + XLSX_CHUNK_ROWS],
    );
    for (const row of chunk) sheet.addRow(columns.map((c) => cellValue(row[c.name]))).commit();
    if (chunk.length < XLSX_CHUNK_ROWS) break;
  }
  sheet.commit();
  await workbook.commit();
}

/** A DuckDB value as an XLSX cell: text stays text (exceljs never turns a string into a formula). */
function cellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
