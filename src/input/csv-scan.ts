import { open } from 'node:fs/promises';
import { Utf8Column } from './utf8-column.js';

/**
 * A byte-level pass over a UTF-8 CSV that proves it "clean" — every record after the header has exactly the
 * header's width, every quote opens a field and closes it right before a delimiter or line end, lines end in
 * LF or CRLF, no blank lines — and meanwhile decodes the few columns ingest computes on, with the physical line
 * of each record. On a clean file the general parser (csv-parse.ts) has no unreadable row, blank line or
 * lenient case to account for (SPEC §1.1), so the engine's own CSV reader may take the bulk of the columns
 * (issue 14). Any doubt returns null and the general reader takes the file.
 */
export interface CleanCsvScan {
  /** Data rows (the header excluded); data row numbers are 1…rows. */
  rows: number;
  /** 1-based physical line where each data row starts. */
  lines: Int32Array;
  /** UTF-8 bytes of each data row's field values (quotes and delimiters not counted, `""` counted once). */
  textBytes: Int32Array;
  /** The decoded text of each wanted column, one array per `wanted` entry, in row order ([] for one kept as bytes). */
  columns: string[][];
  /** Each wanted column kept as its UTF-8 bytes (`keepBytes`), by `wanted` entry; null for one decoded. */
  byteColumns: (Utf8Column | null)[];
}

export interface CleanCsvRequest {
  delimiter: string;
  width: number;
  /** Byte offset where the first data row starts (after the BOM and the header line). */
  dataStart: number;
  /** Physical line of the first data row. */
  firstLine: number;
  /** Column positions to decode. */
  wanted: readonly number[];
  /** By `wanted` entry: keep the column's UTF-8 bytes instead of decoding each field (`byteColumns`). */
  keepBytes?: readonly boolean[];
  /** Called after each chunk read with the bytes read so far (progress; may throw to stop). */
  onBytes?: (bytesRead: number) => void;
  /** Called after each chunk read with the wanted columns decoded so far and their rows (they only grow). */
  onRows?: (columns: readonly string[][], rows: number) => void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const CHUNK_BYTES = 8 << 20;

/** Decode state for one record: where each wanted field starts and ends and whether it holds `""` escapes. */
interface FieldSpans {
  start: Int32Array;
  end: Int32Array;
  escaped: Uint8Array;
  /** Line feeds inside quoted fields of the record. */
  innerLf: number;
  /** Bytes of the record's field values. */
  textBytes: number;
}

export async function scanCleanCsv(path: string, req: CleanCsvRequest): Promise<CleanCsvScan | null> {
  const delimiter = req.delimiter.charCodeAt(0);
  if (req.delimiter.length !== 1 || delimiter === QUOTE || delimiter === LF || delimiter === CR) return null;
  const width = req.width;
  // slot[c] = index into `wanted` for a wanted column c, else -1.
  const slot = new Int32Array(width).fill(-1);
  req.wanted.forEach((c, k) => {
    if (c >= 0 && c < width) slot[c] = k;
  });
  const columns = req.wanted.map(() => [] as string[]);
  const byteColumns = req.wanted.map((_c, k) => (req.keepBytes?.[k] === true ? new Utf8Column() : null));
  const spans: FieldSpans = {
    start: new Int32Array(req.wanted.length),
    end: new Int32Array(req.wanted.length),
    escaped: new Uint8Array(req.wanted.length),
    innerLf: 0,
    textBytes: 0,
  };
  const scanned: ScannedRows = {
    rows: 0,
    line: req.firstLine,
    lines: new Int32Array(1 << 16),
    textBytes: new Int32Array(1 << 16),
    columns,
    byteColumns,
  };

  const handle = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let filePos = req.dataStart;
    let eof = false;
    for (;;) {
      if (!eof) {
        if (filled === buffer.length) {
          // One record longer than the buffer: grow it.
          const bigger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(bigger, 0, 0, filled);
          buffer = bigger;
        }
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filePos);
        filePos += bytesRead;
        filled += bytesRead;
        eof = bytesRead === 0;
        req.onBytes?.(filePos);
      }
      const pos = scanRecords(buffer.subarray(0, filled), eof, delimiter, width, slot, spans, scanned);
      if (pos === UNCLEAN) return null;
      req.onRows?.(columns, scanned.rows);
      if (pos < filled) buffer.copy(buffer, 0, pos, filled);
      filled -= pos;
      if (eof) break;
    }
    if (filled > 0) return null;
  } finally {
    await handle.close();
  }
  const { rows, lines, textBytes } = scanned;
  // A column the file does not have reads as empty, as the general reader's rows do.
  req.wanted.forEach((c, k) => {
    if (c >= 0 && c < width) return;
    if (byteColumns[k] === null) columns[k] = new Array<string>(rows).fill('');
    else byteColumns[k] = Utf8Column.empty(rows);
  });
  return { rows, lines: lines.slice(0, rows), textBytes: textBytes.slice(0, rows), columns, byteColumns };
}

const NEED_MORE = -1;
const UNCLEAN = -2;

/** The rows a scan has taken so far: their count, lines, text bytes and wanted columns; the physical line next. */
interface ScannedRows {
  rows: number;
  line: number;
  lines: Int32Array<ArrayBuffer>;
  textBytes: Int32Array<ArrayBuffer>;
  columns: string[][];
  byteColumns: (Utf8Column | null)[];
}

/**
 * Takes the whole records of `bytes` into `scanned`; returns the offset after the last one (where a record cut off
 * by the end of the bytes read so far starts), or UNCLEAN. A function of its own rather than the loop of the async
 * scan: V8 compiled that async function five times over as its loop met new paths (issue 14: ~0.1 s of compiling
 * at 94K records).
 */
function scanRecords(
  bytes: Buffer,
  eof: boolean,
  delimiter: number,
  width: number,
  slot: Int32Array,
  spans: FieldSpans,
  scanned: ScannedRows,
): number {
  const { columns, byteColumns } = scanned;
  let pos = 0;
  while (pos < bytes.length) {
    const end = scanRecord(bytes, pos, eof, delimiter, width, slot, spans);
    if (end === NEED_MORE) break;
    if (end === UNCLEAN) return UNCLEAN;
    if (scanned.rows === scanned.lines.length) {
      scanned.lines = grow(scanned.lines);
      scanned.textBytes = grow(scanned.textBytes);
    }
    scanned.lines[scanned.rows] = scanned.line;
    scanned.textBytes[scanned.rows] = spans.textBytes;
    scanned.rows++;
    for (let k = 0; k < columns.length; k++) {
      const kept = byteColumns[k] as Utf8Column | null;
      if (kept !== null) {
        kept.push(bytes, spans.start[k] as number, spans.end[k] as number, spans.escaped[k] === 1);
        continue;
      }
      const text = bytes.toString('utf8', spans.start[k] as number, spans.end[k] as number);
      (columns[k] as string[]).push(spans.escaped[k] === 1 ? text.replaceAll('""', '"') : text);
    }
    scanned.line += spans.innerLf + 1;
    pos = end;
  }
  return pos;
}

/**
 * Scans one record starting at `pos`; returns the offset after its line terminator, NEED_MORE when the record
 * may continue past the bytes read so far, or UNCLEAN.
 */
function scanRecord(
  bytes: Uint8Array,
  pos: number,
  eof: boolean,
  delimiter: number,
  width: number,
  slot: Int32Array,
  spans: FieldSpans,
): number {
  const n = bytes.length;
  spans.innerLf = 0;
  let bytesOfText = 0;
  let field = 0;
  let i = pos;
  for (;;) {
    const fieldStart = i;
    let valueStart = i;
    let valueEnd: number;
    let escaped = 0;
    if (i < n && bytes[i] === QUOTE) {
      valueStart = i + 1;
      i++;
      for (;;) {
        if (i >= n) return eof ? UNCLEAN : NEED_MORE;
        const c = bytes[i] as number;
        if (c === QUOTE) {
          if (i + 1 >= n) {
            if (!eof) return NEED_MORE;
            break;
          }
          if (bytes[i + 1] === QUOTE) {
            escaped = 1;
            bytesOfText--;
            i += 2;
            continue;
          }
          break;
        }
        // A lone CR counts as a line break to the general parser; keep line numbers simple and let it read those.
        if (c === LF) spans.innerLf++;
        else if (c === CR && i + 1 < n && bytes[i + 1] !== LF) return UNCLEAN;
        i++;
      }
      valueEnd = i;
      i++; // past the closing quote
      if (i < n) {
        const c = bytes[i] as number;
        if (c !== delimiter && c !== LF && c !== CR) return UNCLEAN;
      }
    } else {
      while (i < n) {
        const c = bytes[i] as number;
        if (c === delimiter || c === LF || c === CR) break;
        if (c === QUOTE) return UNCLEAN;
        i++;
      }
      valueEnd = i;
    }
    if (field >= width) return UNCLEAN;
    bytesOfText += valueEnd - valueStart;
    const k = slot[field] as number;
    if (k >= 0) {
      spans.start[k] = valueStart;
      spans.end[k] = valueEnd;
      spans.escaped[k] = escaped;
    }
    field++;
    if (i >= n) {
      if (!eof) return NEED_MORE;
      // Last record without a line terminator.
      if (field !== width || (field === 1 && i === fieldStart)) return UNCLEAN;
      spans.textBytes = bytesOfText;
      return i;
    }
    const c = bytes[i] as number;
    if (c === delimiter) {
      i++;
      continue;
    }
    // Line terminator: LF or CRLF only.
    if (field !== width) return UNCLEAN;
    spans.textBytes = bytesOfText;
    if (c === LF) return i + 1;
    if (i + 1 >= n) return eof ? UNCLEAN : NEED_MORE;
    return bytes[i + 1] === LF ? i + 2 : UNCLEAN;
  }
}

function grow(values: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(values.length * 2);
  grown.set(values);
  return grown;
}
