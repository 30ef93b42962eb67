import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { parseCsvText } from '../input/csv-parse.js';
import { duckdb } from './duckdb-module.js';
import { makeScratchDir, removeScratch } from './scratch-files.js';
import { sqlString } from './sql-quote.js';

export interface EngineOptions {
  memoryLimit: string;
  threads: number;
  tempDirectory?: string;
  /** Connections the review server reads through in parallel (config `engine.read_connections`, issue 12 item 3). */
  readConnections?: number;
}

/** JUNCTION_TRACE=1 prints each statement's task, start (seconds since the process started) and duration to stderr (profiling aid). */
const TRACE = process.env.JUNCTION_TRACE === '1';

/** Raised for a failed SQL statement, naming what was being done (STYLE §1: the engine names the artifact). */
export class EngineError extends Error {
  override readonly name = 'EngineError';
}

/**
 * The one owner of DuckDB access (STYLE §2). Statements take bound parameters; table and file names go
 * through `sql-quote`. Every failure is rethrown with the task it belonged to.
 */
export class Engine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** The database's threads as opened (`EngineOptions.threads`). */
    private readonly threads: number,
    /** False for a connection made by `connect`: closing it leaves the database to its owner. */
    private readonly ownsInstance = true,
  ) {}

  /**
   * Another connection to the same database: sees every table and committed write, runs its statements in
   * parallel with this one's, but not this connection's TEMP tables. Close it before the engine that made it.
   */
  async connect(): Promise<Engine> {
    return new Engine(this.instance, await this.instance.connect(), this.threads, false);
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const settings: Record<string, string> = {
      memory_limit: options.memoryLimit,
      threads: String(options.threads),
      preserve_insertion_order: 'true',
    };
    if (options.tempDirectory !== undefined) settings.temp_directory = options.tempDirectory;
    const instance = await duckdb.DuckDBInstance.create(':memory:', settings);
    const connection = await instance.connect();
    return new Engine(instance, connection, options.threads);
  }

  async run(task: string, sql: string, params?: DuckDBValue[]): Promise<void> {
    const started = TRACE ? performance.now() : 0;
    try {
      await this.connection.run(sql, params);
    } catch (error) {
      throw new EngineError(`${task}: ${(error as Error).message}`);
    }
    if (TRACE)
      process.stderr.write(
        `[engine] ${task}: ${(performance.now() - started).toFixed(0)} ms from ${(started / 1000).toFixed(2)} s\n`,
      );
  }

  /**
   * Runs `sql` on a second connection while `work` runs on this one; resolves when both are done, failing with
   * the first failure. Two independent statements use two cores (issue 14), each with half the threads
   * ({@link shareThreadsBetween}). `sql` cannot see this connection's TEMP tables.
   */
  async runAlongside<T>(task: string, sql: string, work: () => Promise<T>): Promise<T> {
    return await this.withThreadsSharedBetween(2, () => this.runBeside(task, sql, work));
  }

  /**
   * Runs `work`, which runs `statements` statements at once (or one beside the JS of the stages after it), with the
   * threads shared between them ({@link shareThreadsBetween}), and gives them all back when it settles.
   */
  async withThreadsSharedBetween<T>(statements: number, work: () => Promise<T>): Promise<T> {
    await this.shareThreadsBetween(statements);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // The first failure is the one to report, not a failure to give the threads back.
      await this.shareThreadsBetween(1).catch(() => undefined);
      throw error;
    }
    await this.shareThreadsBetween(1);
    return result;
  }

  /**
   * Gives each of `statements` statements that will run at once on this database's connections an equal share of
   * its threads, at least one; 1 gives one statement all of them again. DuckDB's `threads` is one pool for the whole
   * database, and each statement plans for all of it: two statements side by side on a 2-core machine crowded out
   * each other (issue 14, BENCHMARKS.md session 20: at 1M records the stats stage went from 19.1–27.8 to 17.9–21.7 s
   * with one thread a statement, its CPU and peak memory down too; same outputs).
   */
  async shareThreadsBetween(statements: number): Promise<void> {
    const share = Math.max(1, Math.floor(this.threads / Math.max(1, statements)));
    await this.run('sharing threads between statements', `SET threads = ${share}`);
  }

  private async runBeside<T>(task: string, sql: string, work: () => Promise<T>): Promise<T> {
    const side = await this.connect();
    const running = side.run(task, sql).then(
      () => null,
      (error: unknown) => error as Error,
    );
    try {
      const result = await work();
      const failure = await running;
      if (failure !== null) throw failure;
      return result;
    } finally {
      await running;
      side.close();
    }
  }

  /** An appender on `table` for bulk JS → DuckDB transfer without a text round trip (issue 14); the caller closes it. */
  async appender(task: string, table: string): Promise<DuckDBAppender> {
    try {
      return await this.connection.createAppender(table);
    } catch (error) {
      throw new EngineError(`${task}: ${(error as Error).message}`);
    }
  }

  /** Rows as plain JS objects (BIGINT → number where safe). For small results only. */
  async rows<T = Record<string, unknown>>(task: string, sql: string, params?: DuckDBValue[]): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((row) => normaliseRow(row)) as T[];
    } catch (error) {
      throw new EngineError(`${task}: ${(error as Error).message}`);
    }
  }

  async scalar<T = unknown>(task: string, sql: string, params?: DuckDBValue[]): Promise<T> {
    const rows = await this.rows(task, sql, params);
    const first = rows[0];
    if (first === undefined) throw new EngineError(`${task}: query returned no row`);
    return Object.values(first)[0] as T;
  }

  /**
   * Bulk transfer of text columns into JS: COPY to a quoted CSV and parse it (STACK: ~5× faster than
   * reading values one by one). NULL becomes ''. Column order as in the query.
   */
  async textColumns(task: string, sql: string, columnCount: number): Promise<string[][]> {
    const dir = await makeScratchDir('cols');
    const file = join(dir, 'cols.csv');
    try {
      await this.run(task, `COPY (${sql}) TO ${sqlString(file)} (FORMAT csv, HEADER false, FORCE_QUOTE *, NULLSTR '')`);
      const text = await readFile(file, 'utf8');
      const columns: string[][] = Array.from({ length: columnCount }, () => []);
      for (const record of parseCsvText(text, ',')) {
        if (record.raw.length === 0 && record.fields.length === 1) continue;
        for (let c = 0; c < columnCount; c++) (columns[c] as string[]).push(record.fields[c] ?? '');
      }
      return columns;
    } finally {
      await removeScratch(dir);
    }
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const v = row[key];
    if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) {
      row[key] = Number(v);
    }
  }
  return row;
}
