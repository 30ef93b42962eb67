import { stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { mappingRulesFromConfig } from '../config/mapping-rules.js';
import type { Config } from '../config/schema.js';
import { canonicaliseAccountIds, ID_DUPLICATE, ID_OK, ID_REJECT_REASONS } from '../core/account-id-batch.js';
import type { CanonicalRecords, Rejection } from '../core/canonical-records.js';
import { type CanonicalField, type ColumnMapping, resolveColumnMapping } from '../core/column-mapping.js';
import { createDateParser } from '../core/dates.js';
import { canonicalAccountId, idValidity, syntheticAccountId } from '../core/salesforce-id.js';
import { houseNumberOf, NO_SITE, siteKeyOf } from '../core/site.js';
import { StringInterner } from '../core/string-interner.js';
import { type Engine, EngineError } from '../engine/database.js';
import {
  copySourceParquetToCsv,
  dropIngestTables,
  loadIngestArtifacts,
  type SourceRows,
} from '../engine/ingest-load.js';
import { SourceRowAppender } from '../engine/row-appender.js';
import { makeScratchDir, removeScratch } from '../engine/scratch-files.js';
import {
  type EncodingChoice,
  formatOf,
  hashAndCheckUtf8,
  type RowSink,
  readCleanCsv,
  readCsv,
  type SourceFacts,
} from '../input/read-source.js';
import { readXlsx } from '../input/read-xlsx.js';
import { StringColumn, type TextColumn } from '../input/utf8-column.js';
import { type AppliedDecisions, decisionKeys } from '../journal/applied.js';
import type { NormaliseStream } from '../workers/normalise-names.js';
import { HandOver } from './hand-over.js';
import {
  type AheadSettings,
  type NamesAhead,
  namesAheadOf,
  rememberNamesAhead,
  startNormaliseStream,
} from './normalise.js';
import type { Stage, StageContext } from './runner.js';
import { saveArtifact } from './stage-io.js';

/** What `junction run` / `junction eval` pass to the stages. */
export interface RunInput {
  inputPath: string;
  sheet: string | null;
  encoding: EncodingChoice;
  colOverrides: Record<string, string>;
  /** Headers never mapped (the eval truth column). */
  excludeHeaders: string[];
  /**
   * The reviewer decisions of this input's dataset (SPEC §10), folded from `<workspace>/decisions.jsonl`.
   * `executeRun` loads them when a caller passes null; stages treat null as "no decisions".
   */
  decisions: AppliedDecisions | null;
  /**
   * Read a CSV with the general reader even when it looks clean: set by `executeRun` on its second attempt, after
   * DuckDB read a clean-looking file differently from the scan (`CleanCsvRefusedError`). Not part of the cache key:
   * both readers make the same artifacts of a file both can read.
   */
  generalReader?: boolean;
}

/**
 * DuckDB's reader refused a CSV the byte scan found clean, or read it differently, after later stages had started
 * on the scan's records: the run starts over with the general reader (`RunInput.generalReader`).
 */
export class CleanCsvRefusedError extends Error {
  override readonly name = 'CleanCsvRefusedError';
}

export type { CanonicalRecords };

export interface IngestFacts {
  source: SourceFacts;
  headers: string[];
  mapping: ColumnMapping;
  rowsIn: number;
  rejected: number;
}

/** Told the account names of the readable rows (one per row, numbered `dataRows`) as soon as they are read. */
type NamesRead = (names: readonly string[], dataRows: Int32Array) => void;

/** Told the account names as they are read: the first `rows` of a list while a clean CSV is scanned, then all. */
interface NamesSeen {
  namesSoFar: (names: readonly string[], rows: number) => void;
  namesRead: NamesRead;
}

/** The temp table the readable rows are appended to. */
const ROWS_TABLE = 'ingest_rows';

export const INGEST_ARTIFACTS = ['source.parquet', 'canonical.bin', 'rejected.csv', 'ingest.json'] as const;

/** SPEC §1 stage `ingest`: read the file, map columns, canonical ids and dates, rejected rows (SPEC §2). */
export const ingestStage: Stage<RunInput> = {
  name: 'ingest',
  module: import.meta.url,
  usesEngine: true,
  inputs: [],
  outputs: INGEST_ARTIFACTS,
  configKeys: ['input', 'grouping.site.mode'],
  extraKey: async (input) => {
    const { sha256 } = await hashAndCheckUtf8(input.inputPath);
    return {
      sha256,
      name: basename(input.inputPath),
      sheet: input.sheet,
      encoding: input.encoding,
      cols: input.colOverrides,
      exclude: input.excludeHeaders,
    };
  },
  // The name worker (the one the CLI started ahead, when it did) gets its config and builds its normaliser while the
  // cache key reads the file, instead of after the scan's first chunk (issue 14: at 94K records the normalise stage
  // waited 0.14–0.23 s for its names instead of 0.38–0.55 s).
  warmUp(ctx) {
    const settings = aheadSettingsOf(ctx);
    if (settings === null) return () => undefined;
    warmStreams.remember(ctx.options, startNormaliseStream(settings));
    return () => warmStreams.take(ctx.options)?.stop();
  },
  async run(ctx) {
    const input = ctx.options;
    const scratch = await makeScratchDir('ingest');
    let ahead: NamesAhead | undefined;
    const settings = aheadSettingsOf(ctx);
    // The warm-up started a stream exactly when there are settings.
    const fed: { stream: NormaliseStream | null } = { stream: warmStreams.take(input) ?? null };
    try {
      return await ingest(
        ctx.engine,
        ctx.config,
        input,
        scratch,
        ctx.output.bind(ctx),
        (records) => {
          // Encoded now, not put off like names.bin's: the thread then waits on the name worker anyway (issue 14).
          saveArtifact(ctx, 'canonical.bin', records);
          if (ahead !== undefined) rememberNamesAhead(records, ahead);
        },
        (work) => ctx.defer(work),
        (done, total) => ctx.progress(done, total),
        {
          // A worker thread normalises the names as the scan reads them, and the rest while this stage finishes (issue 14).
          namesSoFar: (names, rows) => {
            if (settings === null) return;
            fed.stream ??= startNormaliseStream(settings);
            fed.stream.add(names, rows);
          },
          namesRead: (names, dataRows) => {
            if (settings !== null) ahead = namesAheadOf(fed.stream, names, dataRows, settings);
          },
        },
      );
    } catch (error) {
      // A stream fed but never finished would wait for more names for ever.
      if (ahead === undefined) fed.stream?.stop();
      throw error;
    } finally {
      await removeScratch(scratch);
    }
  },
};

/** The name worker each run's warm-up started, taken by its ingest stage. */
const warmStreams = new HandOver<RunInput, NormaliseStream>();

/** What the names read ahead are normalised and classified with: the later stages' configs, null when none runs. */
function aheadSettingsOf(ctx: Pick<StageContext<RunInput>, 'options' | 'configOf'>): AheadSettings | null {
  const normaliseConfig = ctx.configOf('normalise');
  const classifyConfig = ctx.configOf('classify');
  if (normaliseConfig === null) return null;
  return {
    normalise: normaliseConfig,
    classify:
      classifyConfig === null
        ? null
        : { config: classifyConfig, manualTerms: decisionKeys.classify(ctx.options.decisions) },
  };
}

/**
 * The fields ingest reads once here (a date parsed, a relationship interned, a parent id canonicalised, an address
 * only for a file read as sites), which a clean CSV's scan keeps as UTF-8 bytes (src/input/utf8-column.ts).
 */
const ONCE_READ = ['created_date', 'relationship', 'parent_account_id', 'address'] as const;
type OnceRead = Record<(typeof ONCE_READ)[number], TextColumn>;
/** The fields ingest reads itself: the ids and names the run keeps as strings, then those read once. */
const READ_FIELDS = ['account_id', 'account_name', ...ONCE_READ] as const;

/** The once-read fields by name, from READ_FIELDS' columns by position. */
function onceReadOf(columnAt: (position: number) => TextColumn): OnceRead {
  return Object.fromEntries(ONCE_READ.map((field) => [field, columnAt(READ_FIELDS.indexOf(field))])) as OnceRead;
}

/** What a reader hands over: the readable rows' numbers, lines and mapped fields, and the unreadable rows. */
interface ReadRows {
  source: SourceFacts;
  headers: string[];
  mapping: ColumnMapping;
  /** Data row number of each readable row, in input order. */
  dataRows: Int32Array;
  /** Physical line (CSV) or sheet row (XLSX) of each readable row: rejected.csv's `line` for id rejections. */
  lines: Int32Array;
  /** The ids and names, as strings, and the fields read once ('' where unmapped). */
  ids: string[];
  names: string[];
  onceRead: OnceRead;
  unreadable: Rejection[];
}

async function ingest(
  engine: Engine,
  config: Config,
  input: RunInput,
  scratch: string,
  output: (artifact: string) => string,
  keep: (records: CanonicalRecords) => void,
  defer: (work: Promise<void>) => void,
  progress: (done: number, total: number) => void,
  names: NamesSeen,
) {
  const fileName = basename(input.inputPath);
  const mapColumns = (columns: string[]): ColumnMapping =>
    resolveColumnMapping({
      headers: columns,
      fileName,
      overrides: input.colOverrides,
      templates: config.input.templates,
      excludeHeaders: input.excludeHeaders,
      rules: mappingRulesFromConfig(config),
    });

  if (formatOf(input.inputPath) === 'csv' && input.generalReader !== true) {
    // A well-formed UTF-8 CSV: JS decodes only the mapped fields, DuckDB's reader takes the columns (issue 14).
    const mapped: { mapping: ColumnMapping | null } = { mapping: null };
    const clean = await readCleanCsv(
      input.inputPath,
      input.encoding,
      (header) => {
        const mapping = mapColumns(header);
        mapped.mapping = mapping;
        return READ_FIELDS.map((field) => columnIndex(mapping, header, field));
      },
      (bytes) => progress(bytes, 0),
      (columns, rows) => names.namesSoFar(columns[READ_FIELDS.indexOf('account_name')] as string[], rows),
      READ_FIELDS.map((field) => (ONCE_READ as readonly string[]).includes(field)),
    );
    if (clean !== null && mapped.mapping !== null) {
      const mapping = mapped.mapping;
      const n = clean.scan.rows;
      const read: ReadRows = {
        source: clean.facts,
        headers: clean.header,
        mapping,
        dataRows: Int32Array.from({ length: n }, (_v, i) => i + 1),
        lines: clean.scan.lines,
        ids: clean.scan.columns[READ_FIELDS.indexOf('account_id')] as string[],
        names: clean.scan.columns[READ_FIELDS.indexOf('account_name')] as string[],
        onceRead: onceReadOf((k) => clean.scan.byteColumns[k] ?? new StringColumn(clean.scan.columns[k] as string[])),
        unreadable: [],
      };
      const rows: SourceRows = { kind: 'csv', path: input.inputPath, delimiter: clean.delimiter };
      // The Parquet writes run behind the next stages; if DuckDB refuses the file there, the run starts over.
      const deferClean = (work: Promise<void>): void =>
        defer(
          work.catch((error: unknown) => {
            if (!(error instanceof EngineError)) throw error;
            throw new CleanCsvRefusedError(`DuckDB read ${basename(input.inputPath)} differently: ${error.message}`, {
              cause: error,
            });
          }),
        );
      try {
        return await finishIngest(
          engine,
          config,
          read,
          rows,
          clean.scan.textBytes,
          output,
          keep,
          deferClean,
          names.namesRead,
        );
      } catch (error) {
        // The engine refused the scan's rows before the Parquet write: the general reader takes it from the start.
        if (!(error instanceof EngineError)) throw error;
        await dropIngestTables(engine, rows);
      }
    }
  }

  const read = await readRows(engine, input, scratch, mapColumns, progress);
  return await finishIngest(
    engine,
    config,
    read,
    { kind: 'table', table: ROWS_TABLE },
    null,
    output,
    keep,
    defer,
    names.namesRead,
  );
}

function columnIndex(mapping: ColumnMapping, headers: readonly string[], field: CanonicalField): number {
  const header = mapping.mapping[field];
  return header === undefined ? -1 : headers.indexOf(header);
}

/** The general reader, any format: every readable row is appended to ROWS_TABLE as it is parsed. */
async function readRows(
  engine: Engine,
  input: RunInput,
  scratch: string,
  mapColumns: (columns: string[]) => ColumnMapping,
  progress: (done: number, total: number) => void,
): Promise<ReadRows> {
  // Readable rows go straight into DuckDB as they are parsed (issue 14: no staging CSV).
  let rowsTable: SourceRowAppender | null = null;
  let fieldIndex: number[] = [];
  let headers: string[] = [];
  let mapping: ColumnMapping | null = null;
  const fields = READ_FIELDS.map(() => [] as string[]);
  const dataRows: number[] = [];
  const lines: number[] = [];
  const unreadable: Rejection[] = [];

  const sink: RowSink = {
    header(columns) {
      headers = columns;
      const resolved = mapColumns(columns);
      mapping = resolved;
      fieldIndex = READ_FIELDS.map((field) => columnIndex(resolved, columns, field));
    },
    async row(row, dataRow, line) {
      rowsTable ??= await SourceRowAppender.open(engine, ROWS_TABLE, headers.length);
      rowsTable.add(dataRow, row);
      dataRows.push(dataRow);
      lines.push(line);
      for (let k = 0; k < READ_FIELDS.length; k++) (fields[k] as string[]).push(pick(row, fieldIndex[k] as number));
    },
    unreadable(dataRow, line, detail, raw) {
      unreadable.push({ dataRow, line, reason: 'unreadable_row', detail, raw });
    },
  };

  let source: SourceFacts;
  try {
    source = await readSource(engine, input, scratch, sink, progress);
    rowsTable ??= await SourceRowAppender.open(engine, ROWS_TABLE, headers.length);
    rowsTable.close();
  } catch (error) {
    rowsTable?.abandon();
    throw error;
  }
  if (mapping === null) throw new Error('ingest: no header was read');
  return {
    source,
    headers,
    mapping,
    dataRows: Int32Array.from(dataRows),
    lines: Int32Array.from(lines),
    ids: fields[READ_FIELDS.indexOf('account_id')] as string[],
    names: fields[READ_FIELDS.indexOf('account_name')] as string[],
    onceRead: onceReadOf((k) => new StringColumn(fields[k] as string[])),
    unreadable,
  };
}

/** Canonical ids and dates (SPEC §2.2), id rejections, and the ingest artifacts. */
async function finishIngest(
  engine: Engine,
  config: Config,
  read: ReadRows,
  rows: SourceRows,
  textBytes: Int32Array | null,
  output: (artifact: string) => string,
  keep: (records: CanonicalRecords) => void,
  defer: (work: Promise<void>) => void,
  namesRead: NamesRead,
) {
  const { headers, dataRows, lines } = read;
  const columnMapping = read.mapping;
  const rawIds = read.ids;
  const names = read.names;
  const { created_date: created, relationship, parent_account_id: parents, address: addresses } = read.onceRead;
  const rejections: Rejection[] = read.unreadable.slice();
  namesRead(names, dataRows);

  // Ids (SPEC §2.2): canonical Salesforce ids, or synthetic row:N ids when the file has none.
  const n = dataRows.length;
  const rowNumbers = dataRows;
  let ids: string[];
  let reject: Uint8Array;
  let firstRow: Int32Array;
  let salesforceMode = false;
  if (columnMapping.syntheticIds) {
    ids = Array.from(dataRows, (row) => syntheticAccountId(row));
    reject = new Uint8Array(n);
    firstRow = new Int32Array(n);
  } else {
    const batch = canonicaliseAccountIds(rawIds, { salesforceMode: 'auto', rowNumbers });
    ids = batch.ids;
    reject = batch.reject;
    firstRow = batch.firstRow;
    salesforceMode = batch.salesforceMode;
  }
  for (let i = 0; i < n; i++) {
    const code = reject[i] as number;
    if (code === ID_OK) continue;
    const reason = ID_REJECT_REASONS[code] as string;
    const detail =
      code === ID_DUPLICATE
        ? `same account id as row ${firstRow[i]}`
        : reason === 'missing_id'
          ? 'account id is empty'
          : 'account id has control characters or is longer than 255 characters';
    rejections.push({ dataRow: dataRows[i] as number, line: lines[i] as number, reason, detail, raw: '' });
  }

  // Dates (SPEC §2.2): unparseable values become null and are counted, never fatal.
  const parseDate = createDateParser({ dateOrder: config.input.date_order });
  // Addresses matter only in a file that may be read as a list of sites (src/core/site.ts): a Salesforce export
  // never is unless `grouping.site.mode` is `on`, so its addresses are not parsed (0.5 s of CPU at 1M).
  const siteMode = config.grouping.site.mode;
  const readSites = siteMode === 'on' || (siteMode === 'auto' && !salesforceMode);
  const acceptedList: number[] = [];
  for (let i = 0; i < n; i++) if (reject[i] === ID_OK) acceptedList.push(i);
  const records: CanonicalRecords = {
    sourceRow: new Int32Array(acceptedList.length),
    accountId: new Array<string>(acceptedList.length),
    accountName: new Array<string>(acceptedList.length),
    parentAccountId: new Array<string>(acceptedList.length),
    createdMs: new Float64Array(acceptedList.length),
    relationship: new Array<string>(acceptedList.length),
    siteNumber: new Int32Array(acceptedList.length).fill(NO_SITE),
    siteKey: new Int32Array(acceptedList.length).fill(NO_SITE),
    salesforceIds: { json: salesforceMode },
  };
  const badDates: string[] = [];
  let badDateCount = 0;
  // A handful of relationship values, and parents shared by many children: one object each rather than one a row.
  const relationships = new StringInterner();
  const parentIds = new StringInterner();
  acceptedList.forEach((i, r) => {
    records.sourceRow[r] = dataRows[i] as number;
    records.accountId[r] = ids[i] as string;
    records.accountName[r] = names[i] as string;
    const parent = parents.text(i).trim();
    records.parentAccountId[r] = parent.length === 0 ? '' : parentIds.intern(canonicalParent(parent, salesforceMode));
    records.relationship[r] = relationships.intern(relationship.text(i));
    if (readSites) {
      const address = addresses.text(i);
      const house = houseNumberOf(address);
      records.siteNumber[r] = house;
      records.siteKey[r] = siteKeyOf(address, house);
    }
    const text = created.text(i).trim();
    const ms = text.length === 0 ? null : parseDate(text);
    if (ms === null && text.length > 0) {
      badDateCount++;
      if (badDates.length < 5) badDates.push(text);
    }
    records.createdMs[r] = ms ?? Number.NaN;
  });

  const source = read.source;
  const warnings = [...source.warnings, ...columnMapping.warnings];
  if (badDateCount > 0) {
    warnings.push(
      `${badDateCount} created date(s) could not be read and were left empty (e.g. ${badDates.map((d) => JSON.stringify(d)).join(', ')})`,
    );
  }

  rejections.sort((a, b) => a.dataRow - b.dataRow);
  // The engine takes an id from the source column when canonicalising left it unchanged (the usual case).
  const changedId = acceptedList.map((i, r) =>
    !columnMapping.syntheticIds && records.accountId[r] === rawIds[i] ? '' : (records.accountId[r] as string),
  );
  const { parquet } = await loadIngestArtifacts(engine, {
    rows,
    headers,
    readableRows: dataRows,
    accepted: acceptedList.length === n ? null : Int32Array.from(acceptedList),
    canonical: { changedId, parentAccountId: records.parentAccountId, createdMs: records.createdMs },
    textBytes,
    rejections,
    out: {
      source: output('source.parquet'),
      rejected: output('rejected.csv'),
    },
  });
  // source.parquet is written while the next stages run on canonical.bin (issue 14).
  defer(parquet);
  const rowsIn = n + read.unreadable.length;
  const facts: IngestFacts = { source, headers, mapping: columnMapping, rowsIn, rejected: rejections.length };
  await writeFile(output('ingest.json'), JSON.stringify({ ...facts, salesforceMode }));
  keep(records);
  return {
    counts: {
      rows_in: rowsIn,
      records: acceptedList.length,
      rejected: rejections.length,
      unparseable_dates: badDateCount,
    },
    warnings,
    sections: {
      input: { encoding: source.encoding, delimiter: source.delimiter, sheet: source.sheet, format: source.format },
      mapping: columnMapping.mapping,
      mapping_sources: columnMapping.sources,
      synthetic_ids: columnMapping.syntheticIds,
    },
  };
}

/** Reads the input into `sink`, whatever its format (SPEC §2). */
async function readSource(
  engine: Engine,
  input: RunInput,
  scratch: string,
  sink: RowSink,
  progress: (done: number, total: number) => void,
): Promise<SourceFacts> {
  const fileName = basename(input.inputPath);
  const format = formatOf(input.inputPath);
  if (format === 'xlsx') {
    return await readXlsx(input.inputPath, input.sheet, sink);
  } else if (format === 'parquet') {
    const csvPath = join(scratch, 'parquet.csv');
    await copySourceParquetToCsv(engine, input.inputPath, csvPath);
    const facts = await readCsv(csvPath, 'utf8', sink);
    const { sha256 } = await hashAndCheckUtf8(input.inputPath);
    const { size } = await stat(input.inputPath);
    return { ...facts, name: fileName, size, sha256, format: 'parquet', encoding: 'parquet', delimiter: null };
  } else {
    return await readCsv(input.inputPath, input.encoding, sink, (bytes) => progress(bytes, 0));
  }
}

/**
 * A mapped field kept for later stages, copied out of the parser's chunk: V8 keeps a substring as a view of
 * its parent, so keeping 1M views would keep every decoded chunk of the file alive (hundreds of MB at 1M rows).
 */
function pick(fields: readonly string[], index: number | undefined): string {
  const value = index === undefined ? '' : (fields[index] ?? '');
  return value.length > 12 ? ` ${value}`.slice(1) : value;
}

/**
 * A parent id written as its account's id is (SPEC §2.2), or as given when it is no valid id. Per row, so it
 * calls the single-value rules: the batch function's arrays cost five allocations a row, and its loop's optimised
 * code deopted on every one-value call (~4,000 deopts at 94K records).
 */
function canonicalParent(value: string, salesforceMode: boolean): string {
  return idValidity(value) === 'ok' ? canonicalAccountId(value, salesforceMode) : value;
}
