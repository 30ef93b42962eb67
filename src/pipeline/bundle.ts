import { open } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { dictionaryCodes } from '../core/dictionary-codes.js';

/**
 * A stage's in-memory columns saved as one file, so a later run (or `--from`) can resume from the cache
 * without re-deriving them (SPEC §12). Typed arrays are stored as raw bytes; string and JSON columns in V8's
 * serialisation (issue 14: JSON text of 1M-string columns took ~1.4 s a bundle on the main thread, V8's ~0.4 s).
 * Layout: 8-byte header length, JSON header, then each typed array's bytes (8-byte aligned).
 */
export type BundleValue =
  | Int32Array
  | Uint32Array
  | Uint8Array
  | Uint16Array
  | Float64Array
  | Float32Array
  | string[]
  | { json: unknown };

const TYPED = {
  Int32Array,
  Uint32Array,
  Uint8Array,
  Uint16Array,
  Float64Array,
  Float32Array,
} as const;
type TypedName = keyof typeof TYPED;

interface ColumnEntry {
  name: string;
  kind: TypedName | 'strings' | 'json';
  offset: number;
  length: number;
  /** A string column stored once per first occurrence: the Int32Array column naming each row's first row. */
  firstOf?: string;
  /** A labelled string column: its distinct values are stored, and each of its `rows` rows' code (Int32) here. */
  codesOffset?: number;
  rows?: number;
}

/**
 * String columns whose values repeat along an Int32Array column of the same bundle that names, per row, the first
 * row with the same value (a row's own index when it is the first): `{ sameName: ['nameCore', …] }`. The file
 * holds each value once, so serialising costs the distinct values only (issue 14: names.bin's six name columns at
 * 1M records are 45% repeats; encoding the file on the normalise stage's critical path went from 2.2 to ~0.9 s,
 * its size from 108 to 66 MB, reading it back on resume from 1.9 to 1.5 s).
 */
export type RepeatedColumns = Readonly<Record<string, readonly string[]>>;

export type Bundle = Record<string, BundleValue>;

/**
 * How a bundle's string columns are stored besides whole: `repeated` ({@link RepeatedColumns}), and `labelled`, columns
 * of a few values that rows repeat (a relationship of 16 values at 1M records), each stored as its distinct values
 * and a code a row (issue 14: V8's serialisation of the 1M relationships of canonical.bin, 22 MB, took ~140 ms of the
 * ingest stage's main thread; the labels and codes take a lookup a row of strings whose hashes are known).
 */
export interface BundleLayout {
  repeated?: RepeatedColumns;
  labelled?: readonly string[];
}

export async function writeBundle(path: string, bundle: Bundle, layout: BundleLayout = {}): Promise<void> {
  const { repeated = {}, labelled = [] } = layout;
  const firstOf = new Map<string, string>();
  for (const [index, columns] of Object.entries(repeated)) for (const column of columns) firstOf.set(column, index);
  const firstRowsOf = new Map<string, Int32Array>();
  const entries: ColumnEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes);
    offset += bytes.length;
    const pad = (8 - (offset % 8)) % 8;
    if (pad > 0) {
      parts.push(new Uint8Array(pad));
      offset += pad;
    }
  };
  for (const [name, value] of Object.entries(bundle)) {
    if (Array.isArray(value) && labelled.includes(name)) {
      const { labels, codes } = dictionaryCodes(value);
      const bytes = serialize(labels);
      const labelsAt = offset;
      push(bytes);
      entries.push({
        name,
        kind: 'strings',
        offset: labelsAt,
        length: bytes.length,
        codesOffset: offset,
        rows: codes.length,
      });
      push(new Uint8Array(codes.buffer));
    } else if (Array.isArray(value)) {
      const index = firstOf.get(name);
      if (index === undefined) {
        const bytes = serialize(value);
        entries.push({ name, kind: 'strings', offset, length: bytes.length });
        push(bytes);
        continue;
      }
      let rows = firstRowsOf.get(index);
      if (rows === undefined) {
        rows = firstRows(bundle[index] as Int32Array);
        firstRowsOf.set(index, rows);
      }
      const bytes = serialize(valuesAt(value, rows));
      entries.push({ name, kind: 'strings', offset, length: bytes.length, firstOf: index });
      push(bytes);
    } else if ('json' in value && !ArrayBuffer.isView(value)) {
      const bytes = serialize(value.json);
      entries.push({ name, kind: 'json', offset, length: bytes.length });
      push(bytes);
    } else {
      const typed = value as Exclude<BundleValue, string[] | { json: unknown }>;
      const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
      entries.push({ name, kind: typed.constructor.name as TypedName, offset, length: typed.length });
      push(bytes);
    }
  }
  const header = Buffer.from(JSON.stringify(entries), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(header.length, 0);
  const headerPad = (8 - (header.length % 8)) % 8;
  // Written part by part: concatenating would hold a second copy of every column at 1M records.
  const file = await open(path, 'w');
  try {
    for (const part of [prefix, header, Buffer.alloc(headerPad), ...parts]) await file.write(part);
  } finally {
    await file.close();
  }
}

/**
 * `values[rows[k]]` for every k. A function of its own: as a loop inside writeBundle it made that whole async
 * function hot, and TurboFan compiled it three times (~175 ms of a compiler thread at 94K records; issue 14).
 */
function valuesAt(values: readonly string[], rows: Int32Array): string[] {
  const out = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k] as number] as string;
  return out;
}

/**
 * Reads a bundle (or `only` the columns named, with the first-row columns they need) column by column, each typed
 * column straight into a buffer of its own: reading the whole file and then copying each column out for alignment
 * touched every byte's pages twice (issue 14: at 1M records the write stage's re-read of keys.bin and scored.bin,
 * 77 MB, spent ~0.27 s of its critical path in those copies, and their fresh memory hastened a full collection).
 */
export async function readBundle<T extends Bundle>(path: string, only?: readonly string[]): Promise<T> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    /** `length` bytes at `position` into `target`, or a clear error when the file ends first. */
    const readInto = async (target: Uint8Array, position: number): Promise<void> => {
      let done = 0;
      while (done < target.length) {
        const { bytesRead } = await file.read(target, done, target.length - done, position + done);
        if (bytesRead === 0)
          throw new Error(`${path}: the file ends at byte ${position + done} of ${size}: the bundle is damaged`);
        done += bytesRead;
      }
    };
    const prefix = new Uint8Array(8);
    await readInto(prefix, 0);
    const headerLength = Buffer.from(prefix.buffer).readUInt32LE(0);
    const headerBytes = Buffer.alloc(headerLength);
    await readInto(headerBytes, 8);
    const all = JSON.parse(headerBytes.toString('utf8')) as ColumnEntry[];
    // `only`: those columns, with the first-row columns their repeated values need; the others are never read.
    const wanted = only === undefined ? null : new Set(only);
    if (wanted !== null)
      for (const entry of all) if (wanted.has(entry.name) && entry.firstOf !== undefined) wanted.add(entry.firstOf);
    const entries = wanted === null ? all : all.filter((entry) => wanted.has(entry.name));
    const base = 8 + headerLength + ((8 - (headerLength % 8)) % 8);
    const serialised = async (start: number, length: number): Promise<unknown> => {
      const bytes = Buffer.allocUnsafe(length);
      await readInto(bytes, start);
      return deserialize(bytes);
    };
    const typedAt = async (start: number, kind: TypedName, length: number): Promise<BundleTyped> => {
      const column = new TYPED[kind](length);
      await readInto(new Uint8Array(column.buffer), start);
      return column;
    };
    const out: Bundle = {};
    for (const entry of entries) {
      const start = base + entry.offset;
      if (entry.kind === 'strings' && entry.codesOffset !== undefined) {
        const labels = (await serialised(start, entry.length)) as string[];
        if (entry.rows === undefined)
          throw new Error(`${path}: ${entry.name} has codes but no row count: the bundle is damaged`);
        const codes = (await typedAt(base + entry.codesOffset, 'Int32Array', entry.rows)) as Int32Array;
        out[entry.name] = labelledValues(labels, codes, path, entry.name);
      } else if (entry.kind === 'strings') {
        out[entry.name] = (await serialised(start, entry.length)) as string[];
      } else if (entry.kind === 'json') {
        out[entry.name] = { json: await serialised(start, entry.length) };
      } else {
        out[entry.name] = await typedAt(start, entry.kind, entry.length);
      }
    }
    for (const entry of entries) {
      if (entry.firstOf === undefined) continue;
      out[entry.name] = everyValue(out[entry.name] as string[], out[entry.firstOf] as Int32Array, path);
    }
    return out as T;
  } finally {
    await file.close();
  }
}

/** A typed column of a bundle. */
type BundleTyped = Exclude<BundleValue, string[] | { json: unknown }>;

/** Each row's value by its code: one string object per value. */
function labelledValues(labels: readonly string[], codes: Int32Array, path: string, column: string): string[] {
  const out = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code < 0 || code >= labels.length) {
      throw new Error(
        `${path}: row ${i} of ${column} has code ${code} of ${labels.length} values: the bundle is damaged`,
      );
    }
    out[i] = labels[code] as string;
  }
  return out;
}

/** The rows that are their own first row, in row order. */
function firstRows(first: Int32Array): Int32Array {
  let count = 0;
  for (let i = 0; i < first.length; i++) if (first[i] === i) count++;
  const rows = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < first.length; i++) if (first[i] === i) rows[k++] = i;
  return rows;
}

/** The values of the first rows, in row order, spread back to every row: a repeat takes its first row's value. */
function everyValue(firsts: readonly string[], first: Int32Array, path: string): string[] {
  const out = new Array<string>(first.length);
  let k = 0;
  for (let i = 0; i < first.length; i++) {
    const f = first[i] as number;
    if (f === i) out[i] = firsts[k++] as string;
    else if (f >= 0 && f < i) out[i] = out[f] as string;
    else throw new Error(`${path}: row ${i} names row ${f} as its first: the bundle is damaged`);
  }
  if (k !== firsts.length)
    throw new Error(`${path}: ${firsts.length} first values for ${k} first rows: the bundle is damaged`);
  return out;
}
