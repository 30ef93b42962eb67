import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { UsageError } from '../core/errors.js';
import { groupSelection } from '../engine/review-queries.js';
import type { ReviewStore, RunTables } from '../engine/review-store.js';
import { sqlIdent, sqlString } from '../engine/sql-quote.js';
import { canonicalNamesTable } from './export-canonical-names.js';
import type { ExportRequest } from './export-request.js';
import { scopeSql } from './export-scopes.js';
import { type PendingStructuralDecisions, pendingStructuralDecisions } from './pending-decisions.js';

/** Rows of one worksheet, header included (Excel's limit; SPEC §13). */
export const XLSX_MAX_ROWS = 1_048_576;

/** Rows read from DuckDB per XLSX chunk: memory stays flat whatever the export's size. */
const XLSX_CHUNK_ROWS = 5000;

export interface ExportEnvironment {
  /** Workspace folder, for the decisions journal. */
  workspace: string;
  /** Counts structural decisions pending a re-run; default reads the journal (issue 7). */
  pending?: PendingStructuralDecisions;
  /** Worksheet row limit, header included; tests inject a small one. */
  xlsxMaxRows?: number;
}

export interface ExportResult {
  file: string;
  /** Data rows written (header excluded). */
  rows: number;
  /** Groups the filter listed. */
  groups: number;
  /** Merge plan: duplicates held back (Verify, or a master that is not Keep); 0 for other scopes. */
  held: number;
  /** A sentence the user should read (the delete cascade, singletons left out by the filter), or null. */
  notes: string[];
}

let exportSeq = 0;

/**
 * Write one export (SPEC §13, REVIEW §2.6) of the groups `request.query` lists to `file`. The group set comes
 * from the review SQL itself (`groupSelection`), so it is exactly the listed set; the rows are streamed by
 * DuckDB — COPY TO for CSV and Parquet, and chunks of a spilled table for XLSX — so memory stays flat.
 * Formats: `csv` neutralises text cells that start with = + - @, tab or CR by prefixing a single quote (OWASP
 * CSV injection; every text cell, including text that looks like a negative number — our own numeric columns
 * are typed and never negative); `loader-csv` writes every value unchanged; `xlsx` writes text as text cells
 * (never formulas); `parquet` keeps DuckDB's types. The file appears only when complete.
 */
export async function exportRun(
  store: ReviewStore,
  tables: RunTables,
  request: ExportRequest,
  file: string,
  env: ExportEnvironment,
): Promise<ExportResult> {
  if (request.scope === 'merge-plan' && !request.allowPending) {
    const pending = await (env.pending ?? pendingStructuralDecisions)(env.workspace, tables.runId);
    if (pending > 0) {
      throw new UsageError(
        `${pending} split, merge or set-primary decision${pending === 1 ? '' : 's'} wait for a re-run: re-run with decisions first, or pass --allow-pending to export the merge plan of this run as it is.`,
      );
    }
  }
  const id = `${++exportSeq}_${randomBytes(4).toString('hex')}`;
  const sel = `exp_sel_${id}`;
  const staged = `exp_rows_${id}`;
  const partial = `${file}.partial`;
  try {
    const selection = await groupSelection(store, tables, request.query);
    if (selection === null) {
      await store.run(
        'export: no group matches',
        `CREATE TEMP TABLE ${sel} (gid INTEGER, group_id VARCHAR, list_pos INTEGER)`,
      );
    } else {
      await store.run('export: listing groups', `CREATE TEMP TABLE ${sel} AS ${selection.sql}`, selection.params);
    }
    const names = request.scope === 'merge-plan' ? await canonicalNamesTable(store, tables, env.workspace) : null;
    const sql = scopeSql(
      request.scope,
      { sel, records: `read_parquet(${sqlString(join(tables.dir, 'records.parquet'))})`, tables, names },
      request.allColumns,
    );
    const [counts] = await store.rows<{ rows: number; groups: number; held: number }>(
      'export: counting rows',
      `SELECT (SELECT count(*) FROM (${sql}))::BIGINT AS rows, (SELECT count(*) FROM ${sel})::BIGINT AS groups,
              ${request.scope === 'merge-plan' ? `(SELECT count(*) FILTER (WHERE held) FROM (${sql}))` : '0'}::BIGINT AS held`,
    );
    const rows = Number(counts?.rows ?? 0);
    await rm(partial, { force: true });
    switch (request.format) {
      case 'parquet':
        await store.run(
          'export: writing Parquet',
          `COPY (${sql}) TO ${sqlString(partial)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        break;
      case 'loader-csv':
        await store.run('export: writing CSV', `COPY (${sql}) TO ${sqlString(partial)} (FORMAT csv, HEADER true)`);
        break;
      case 'csv': {
        const columns = await describe(store, sql);
        await store.run(
          'export: writing CSV',
          `COPY (SELECT ${columns.map(neutralised).join(', ')} FROM (${sql})) TO ${sqlString(partial)} (FORMAT csv, HEADER true)`,
        );
        break;
      }
      case 'xlsx': {
        const limit = env.xlsxMaxRows ?? XLSX_MAX_ROWS;
        if (rows + 1 > limit) {
          throw new UsageError(
            `xlsx holds at most ${limit.toLocaleString('en-US')} rows per sheet and this export has ${(rows + 1).toLocaleString('en-US')} with its header: use --format csv or --format parquet.`,
          );
        }
        await writeXlsx(store, sql, staged, partial, request.scope);
        break;
      }
    }
    await rename(partial, file);
    return {
      file,
      rows,
      groups: Number(counts?.groups ?? 0),
      held: Number(counts?.held ?? 0),
      notes: notesFor(request),
    };
  } finally {
    await store.run('export: cleaning up', `DROP TABLE IF EXISTS ${sel}; DROP TABLE IF EXISTS ${staged}`);
    await rm(partial, { force: true });
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
  await store.run('export: staging rows', `CREATE TEMP TABLE ${staged} AS ${sql}`);
  const columns = await describe(store, `SELECT * FROM ${staged}`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
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

/** What the user must be told with this export (REVIEW §2.6: never drop primaries or singletons silently). */
function notesFor(request: ExportRequest): string[] {
  const notes: string[] = [];
  if (request.query.view === 'queue' || request.query.multiOnly === 'true') {
    notes.push(
      request.query.view === 'queue'
        ? 'the queue view leaves out singletons without a Verify record: filter with view=all to export every group.'
        : 'multiOnly=true leaves out singletons: drop it to export every group.',
    );
  }
  if (request.scope === 'delete-list') notes.push(CASCADE_NOTE);
  return notes;
}

const CASCADE_NOTE =
  'deleting an Account in Salesforce also deletes its Contacts and Opportunities: check child_accounts and the reparent list first.';
