import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, extname } from 'node:path';
import { CsvRecordParser, type ParsedRecord, parseCsvText } from './csv-parse.js';
import { type CleanCsvScan, scanCleanCsv } from './csv-scan.js';
import { InputError } from './input-error.js';
import { incompleteUtf8Tail, sniffDelimiter } from './sniff.js';

const require = createRequire(import.meta.url);

/** iconv-lite, loaded on first use: only windows-1252 files need it (~30 ms of every run's start-up otherwise). */
function iconv(): typeof import('iconv-lite') {
  return require('iconv-lite') as typeof import('iconv-lite');
}

export type SourceFormat = 'csv' | 'xlsx' | 'parquet';
export type EncodingChoice = 'auto' | 'utf8' | 'windows-1252';

/** Receives the rows of a source file in order. Every data row goes to exactly one of `row` / `unreadable`. */
export interface RowSink {
  header(columns: string[]): void;
  /** `line`: 1-based physical line (CSV) or sheet row (XLSX) where the row starts, for rejected.csv. */
  row(fields: string[], dataRow: number, line: number): void | Promise<void>;
  unreadable(dataRow: number, line: number, detail: string, raw: string): void;
}

export interface SourceFacts {
  name: string;
  size: number;
  sha256: string;
  format: SourceFormat;
  encoding: string;
  delimiter: string | null;
  sheet: string | null;
  blankLines: number;
  warnings: string[];
}

/** Decide the format from the file name (SPEC §2: CSV/TSV, XLSX, Parquet). */
export function formatOf(path: string): SourceFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.xls')
    throw new InputError(`${basename(path)}: legacy .xls is not supported. Save it as .xlsx or CSV and run again.`);
  return 'csv';
}

export async function checkInputFile(path: string): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(`${path}: no such file. Check the path and run again.`);
  }
  if (info.isDirectory())
    throw new InputError(`${path} is a directory. Give the path of a CSV, TSV, XLSX or Parquet file.`);
  if (info.size === 0) throw new InputError(`${path} is empty (0 bytes). Export the accounts again with a header row.`);
  return info;
}

export interface ByteFacts {
  sha256: string;
  utf8: boolean;
  bom: boolean;
}

/** Facts already computed for a file, keyed by path, size and mtime: a run asks three times (run id, cache key, reader). */
const byteFactsCache = new Map<string, ByteFacts>();

/** One pass over the bytes: content hash and whether the whole file is valid UTF-8 (remembered per file version). */
export async function hashAndCheckUtf8(path: string): Promise<ByteFacts> {
  const info = await stat(path);
  const key = `${path}\u0000${info.size}\u0000${info.mtimeMs}`;
  const known = byteFactsCache.get(key);
  if (known !== undefined) return known;
  const facts = await scanBytes(path);
  byteFactsCache.set(key, facts);
  return facts;
}

/** Bytes read at a time by `scanBytes`. */
const SCAN_CHUNK = 4 << 20;
/** Room before each chunk for the end of a character the chunk before cut (UTF-8: at most 3 bytes). */
const CARRY = 4;

async function scanBytes(path: string): Promise<ByteFacts> {
  const hash = createHash('sha256');
  let utf8 = true;
  let first = true;
  let bom = false;
  // Two buffers, read into again and again: a fresh chunk a read (as a read stream makes) costs its pages' first
  // touch, 0.7 s of page faults for the 278 MB of the 1M bench file on these machines (issue 14). The next chunk is
  // read into one while the other is hashed and checked (issue 14: 0.24–0.28 s instead of 0.36–0.46 s at 1M).
  // Each chunk is read after CARRY bytes, where the end of a character cut by the previous chunk is put back.
  const buffers = [Buffer.allocUnsafe(CARRY + SCAN_CHUNK), Buffer.allocUnsafe(CARRY + SCAN_CHUNK)] as const;
  const cut = Buffer.alloc(CARRY);
  let carried = 0;
  let turn = 0;
  const handle = await open(path, 'r');
  let reading: Promise<{ bytesRead: number }> | null = handle.read(buffers[0], CARRY, SCAN_CHUNK, null);
  try {
    for (;;) {
      const { bytesRead } = await reading;
      reading = null;
      if (bytesRead === 0) break;
      const buffer = buffers[turn] as Buffer;
      turn = 1 - turn;
      reading = handle.read(buffers[turn] as Buffer, CARRY, SCAN_CHUNK, null);
      const chunk = buffer.subarray(CARRY, CARRY + bytesRead);
      hash.update(chunk);
      if (first) {
        bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
        first = false;
      }
      if (!utf8) continue;
      cut.copy(buffer, CARRY - carried, 0, carried);
      const bytes = buffer.subarray(CARRY - carried, CARRY + bytesRead);
      const tail = incompleteUtf8Tail(bytes);
      if (!isUtf8(bytes.subarray(0, bytes.length - tail))) utf8 = false;
      bytes.copy(cut, 0, bytes.length - tail);
      carried = tail;
    }
  } finally {
    // A read still in flight when something failed finishes before its file closes.
    await reading?.catch(() => undefined);
    await handle.close();
  }
  if (carried > 0) utf8 = false;
  return { sha256: hash.digest('hex'), utf8, bom };
}

/**
 * Read a CSV/TSV file into `sink`: encoding chosen or detected, delimiter sniffed, blank lines skipped,
 * unreadable rows reported with their raw text.
 */
export async function readCsv(
  path: string,
  encodingChoice: EncodingChoice,
  sink: RowSink,
  onBytes?: (bytesRead: number) => void,
): Promise<SourceFacts> {
  const { info, sha256, bom, encoding, delimiter, warnings } = await planCsv(path, encodingChoice);

  let header: string[] | null = null;
  let width = 0;
  let dataRow = 0;
  let blankLines = 0;
  const pending: Array<{ fields: string[]; dataRow: number; line: number }> = [];

  const accept = (record: ParsedRecord): void => {
    if (header === null) {
      if (record.raw.trim().length === 0) return;
      header = headerColumns(record.fields, bom, warnings);
      width = header.length;
      sink.header(header);
      return;
    }
    if (record.raw.trim().length === 0 && record.fields.length <= 1) {
      blankLines++;
      return;
    }
    // A stray quote can swallow the rows after it and still produce the right field count: a multi-line
    // record with text after a closing quote is re-read line by line too. (Split only when needed: most rows fit.)
    const fits =
      !record.unterminated && fitsWidth(record.fields, width) && !(record.malformed && /[\r\n]/.test(record.raw));
    if (fits) {
      dataRow++;
      pending.push({
        fields: record.fields.length > width ? record.fields.slice(0, width) : record.fields,
        dataRow,
        line: record.line,
      });
      return;
    }
    const physicalLines = record.raw.split(/\r\n|\n|\r/);
    if (physicalLines.length === 1) {
      dataRow++;
      sink.unreadable(dataRow, record.line, unreadableDetail(record, width), record.raw);
      return;
    }
    // A multi-line record that does not fit: most likely an unbalanced quote swallowed the rows after it.
    // Re-read its lines one by one so the rows it swallowed are still taken.
    physicalLines.forEach((lineText, offset) => {
      if (lineText.trim().length === 0) {
        blankLines++;
        return;
      }
      const single = parseCsvText(lineText, delimiter)[0];
      dataRow++;
      if (single !== undefined && !single.unterminated && !single.malformed && fitsWidth(single.fields, width)) {
        pending.push({ fields: single.fields.slice(0, width), dataRow, line: record.line + offset });
      } else {
        const detail = single === undefined ? 'empty' : unreadableDetail(single, width);
        sink.unreadable(dataRow, record.line + offset, detail, lineText);
      }
    });
  };

  const parser = new CsvRecordParser(delimiter, accept);
  const flush = async (): Promise<void> => {
    for (const p of pending) await sink.row(p.fields, p.dataRow, p.line);
    pending.length = 0;
  };
  let bytesRead = 0;
  const decoder =
    encoding === 'utf8' ? new TextDecoder('utf-8', { ignoreBOM: false }) : iconv().getDecoder('windows-1252');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const text = decoder instanceof TextDecoder ? decoder.decode(chunk, { stream: true }) : decoder.write(chunk);
    parser.push(text);
    await flush();
    onBytes?.(bytesRead);
  }
  const tail = decoder instanceof TextDecoder ? decoder.decode() : (decoder.end() ?? '');
  if (tail.length > 0) parser.push(tail);
  parser.end();
  await flush();

  if (header === null)
    throw new InputError(
      `${basename(path)} has no header row (only blank lines). Export the accounts again with headers.`,
    );
  if (blankLines > 0) warnings.push(`${blankLines} blank line(s) skipped`);
  return {
    name: basename(path),
    size: info.size,
    sha256,
    format: 'csv',
    encoding: bom && encoding === 'utf8' ? 'utf8 (BOM)' : encoding,
    delimiter,
    sheet: null,
    blankLines,
    warnings,
  };
}

interface CsvPlan {
  info: Stats;
  sha256: string;
  bom: boolean;
  encoding: 'utf8' | 'windows-1252';
  delimiter: string;
  warnings: string[];
}

/** What both CSV readers decide before the first row: the file's facts, its encoding and its delimiter. */
async function planCsv(path: string, encodingChoice: EncodingChoice): Promise<CsvPlan> {
  const info = await checkInputFile(path);
  const { sha256, utf8, bom } = await hashAndCheckUtf8(path);
  const warnings: string[] = [];
  let encoding: 'utf8' | 'windows-1252';
  if (encodingChoice === 'auto') {
    encoding = utf8 ? 'utf8' : 'windows-1252';
    if (!utf8) warnings.push('input is not valid UTF-8; read as Windows-1252 (use --encoding to choose)');
  } else {
    encoding = encodingChoice;
    if (encoding === 'utf8' && !utf8) {
      throw new InputError(
        `${basename(path)} is not valid UTF-8. Run again with --encoding windows-1252 (or omit --encoding to detect it).`,
      );
    }
  }
  const sampleText = await readSample(path, encoding, SAMPLE_BYTES);
  const delimiter = sniffDelimiter(sampleText.text, sampleText.complete, extname(path).toLowerCase() === '.tsv');
  return { info, sha256, bom, encoding, delimiter, warnings };
}

const SAMPLE_BYTES = 256 * 1024;

/** The header row's columns: a stray BOM dropped, duplicate or empty names made unique. */
function headerColumns(raw: readonly string[], bom: boolean, warnings: string[]): string[] {
  const fields = raw.slice();
  if (fields.length > 0 && bom === false && fields[0]?.charCodeAt(0) === 0xfeff) fields[0] = fields[0].slice(1);
  return uniqueHeaders(fields, warnings);
}

/** A clean UTF-8 CSV (csv-scan.ts): its facts and header, the decoded columns ingest asked for, and the layout the engine reads it with. */
export interface CleanCsvSource {
  facts: SourceFacts;
  header: string[];
  delimiter: string;
  scan: CleanCsvScan;
}

/**
 * The fast way in for a well-formed UTF-8 CSV (issue 14): the header is read here, `wantedColumns` names the
 * columns to decode (by position; `keepBytes` marks those kept as UTF-8 bytes instead), and a byte-level scan
 * proves every row readable while decoding them.
 * Returns null whenever the general reader (`readCsv`) must take the file: another encoding, a header that is
 * not a single first line, or any row the scan cannot vouch for. Input errors are thrown as `readCsv` would.
 */
export async function readCleanCsv(
  path: string,
  encodingChoice: EncodingChoice,
  wantedColumns: (header: string[]) => number[],
  onBytes?: (bytesRead: number) => void,
  onRows?: (columns: readonly string[][], rows: number) => void,
  keepBytes?: readonly boolean[],
): Promise<CleanCsvSource | null> {
  const { info, sha256, bom, encoding, delimiter, warnings } = await planCsv(path, encodingChoice);
  if (encoding !== 'utf8') return null;
  const start = await readHeaderLine(path, bom, delimiter);
  if (start === null) return null;
  const header = headerColumns(start.fields, bom, warnings);
  if (header.length < 2) return null;
  const wanted = wantedColumns(header);
  const scan = await scanCleanCsv(path, {
    delimiter,
    width: header.length,
    dataStart: start.dataStart,
    firstLine: 2,
    wanted,
    keepBytes,
    onBytes,
    onRows,
  });
  if (scan === null) return null;
  const facts: SourceFacts = {
    name: basename(path),
    size: info.size,
    sha256,
    format: 'csv',
    encoding: bom ? 'utf8 (BOM)' : 'utf8',
    delimiter,
    sheet: null,
    blankLines: 0,
    warnings,
  };
  return { facts, header, delimiter, scan };
}

/** The header when it is the file's first line, whole and plainly quoted, with the byte offset after it; else null. */
async function readHeaderLine(
  path: string,
  bom: boolean,
  delimiter: string,
): Promise<{ fields: string[]; dataStart: number } | null> {
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const skip = bom ? 3 : 0;
  let end = skip;
  while (end < bytes.length && bytes[end] !== 10 && bytes[end] !== 13) end++;
  if (end >= bytes.length) return null;
  let dataStart: number;
  if (bytes[end] === 10) dataStart = end + 1;
  else if (end + 1 < bytes.length && bytes[end + 1] === 10) dataStart = end + 2;
  else return null;
  const text = bytes.toString('utf8', skip, end);
  if (text.trim().length === 0) return null;
  const records = parseCsvText(text, delimiter);
  const record = records[0];
  if (records.length !== 1 || record === undefined || record.unterminated || record.malformed) return null;
  return { fields: record.fields, dataStart };
}

function fitsWidth(fields: string[], width: number): boolean {
  if (fields.length === width) return true;
  if (fields.length < width) return false;
  for (let i = width; i < fields.length; i++) if ((fields[i] as string).length > 0) return false;
  return true; // trailing empty fields from a trailing delimiter
}

function unreadableDetail(record: ParsedRecord, width: number): string {
  if (record.unterminated) return 'unbalanced quote: a quoted field is never closed';
  return `${record.fields.length} fields where the header has ${width}`;
}

async function readSample(
  path: string,
  encoding: 'utf8' | 'windows-1252',
  bytes: number,
): Promise<{ text: string; complete: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const complete = bytesRead < bytes;
    let slice = buffer.subarray(0, bytesRead);
    if (encoding === 'utf8') {
      slice = slice.subarray(0, slice.length - (complete ? 0 : incompleteUtf8Tail(slice)));
      return { text: new TextDecoder('utf-8').decode(slice), complete };
    }
    return { text: iconv().decode(slice, 'windows-1252'), complete };
  } finally {
    await handle.close();
  }
}

/** Duplicate or empty headers get unique names so no source column is lost (`Name`, `Name_2`). */
export function uniqueHeaders(raw: readonly string[], warnings: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  raw.forEach((value, index) => {
    let name = value.trim();
    if (name.length === 0) name = `column_${index + 1}`;
    if (seen.has(name.toLowerCase())) {
      let k = 2;
      while (seen.has(`${name}_${k}`.toLowerCase())) k++;
      warnings.push(`duplicate header "${name}" renamed to "${name}_${k}"`);
      name = `${name}_${k}`;
    }
    seen.add(name.toLowerCase());
    out.push(name);
  });
  return out;
}
