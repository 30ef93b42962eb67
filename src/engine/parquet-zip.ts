import { open, rename, truncate } from 'node:fs/promises';
import {
  CompactReader,
  CompactWriter,
  fieldOf,
  T,
  type ThriftField,
  type ThriftList,
  type ThriftStruct,
  type ThriftValue,
} from './thrift-compact.js';

/**
 * Two Parquet files of the same rows joined column-wise without decoding a page: the columns of one, then some
 * flat columns of the other, renamed. The pages (and bloom filters) of those columns are copied as bytes after the
 * first file's body and the footers merged, each offset moved to where its bytes now are (issue 14: records.parquet's
 * source columns are already encoded in source.parquet; writing them again was a third of the stats stage's
 * single-threaded COPY). Only files whose row groups hold the same rows can be joined so: `zipParquetColumns` says
 * when they cannot.
 */
export class ParquetZipError extends Error {}

/** A column of the second file to add, and its name in the joined file. */
export interface AddedColumn {
  from: string;
  as: string;
}

const MAGIC = 'PAR1';
/** Bytes copied per read when a body moves. */
const COPY_CHUNK = 8 << 20;

// Field ids of parquet.thrift.
const FILE_SCHEMA = 2;
const FILE_NUM_ROWS = 3;
const FILE_ROW_GROUPS = 4;
const FILE_COLUMN_ORDERS = 7;
const SCHEMA_NAME = 4;
const SCHEMA_NUM_CHILDREN = 5;
const ROW_GROUP_COLUMNS = 1;
const ROW_GROUP_TOTAL_BYTE_SIZE = 2;
const ROW_GROUP_NUM_ROWS = 3;
const ROW_GROUP_TOTAL_COMPRESSED_SIZE = 6;
const CHUNK_FILE_PATH = 1;
const CHUNK_FILE_OFFSET = 2;
const CHUNK_META_DATA = 3;
/** Page indexes and encryption: a chunk with any of these is not moved (its contents hold offsets or keys). */
const CHUNK_REFUSED = [CHUNK_FILE_PATH, 4, 6, 8, 9];
const META_PATH_IN_SCHEMA = 3;
const META_TOTAL_UNCOMPRESSED_SIZE = 6;
const META_TOTAL_COMPRESSED_SIZE = 7;
const META_DATA_PAGE_OFFSET = 9;
const META_INDEX_PAGE_OFFSET = 10;
const META_DICTIONARY_PAGE_OFFSET = 11;
const META_BLOOM_FILTER_OFFSET = 14;
const META_BLOOM_FILTER_LENGTH = 15;
/** ColumnMetaData's data and dictionary page offsets and its bloom filter's. */
const META_OFFSETS = [META_DATA_PAGE_OFFSET, META_DICTIONARY_PAGE_OFFSET, META_BLOOM_FILTER_OFFSET];

interface ParquetFooter {
  path: string;
  /** Where the footer starts: the body is bytes [4, bodyEnd). */
  bodyEnd: number;
  meta: ThriftStruct;
}

async function readFooter(path: string): Promise<ParquetFooter> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 12) throw new ParquetZipError(`${path}: too short to be a Parquet file`);
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(8);
    await handle.read(head, 0, 4, 0);
    await handle.read(tail, 0, 8, size - 8);
    if (head.toString('latin1') !== MAGIC || tail.toString('latin1', 4) !== MAGIC)
      throw new ParquetZipError(`${path}: not a Parquet file`);
    const length = tail.readUInt32LE(0);
    const bodyEnd = size - 8 - length;
    if (bodyEnd < 4) throw new ParquetZipError(`${path}: footer longer than the file`);
    const footer = Buffer.alloc(length);
    await handle.read(footer, 0, length, bodyEnd);
    return { path, bodyEnd, meta: new CompactReader(footer).readStruct() };
  } finally {
    await handle.close();
  }
}

function listOf(struct: ThriftStruct, id: number): ThriftList {
  const field = fieldOf(struct, id);
  if (field === undefined || field.type !== T.LIST) throw new ParquetZipError(`Parquet footer without field ${id}`);
  return field.value as ThriftList;
}

function structField(struct: ThriftStruct, id: number): ThriftStruct {
  const field = fieldOf(struct, id);
  if (field === undefined || field.type !== T.STRUCT) throw new ParquetZipError(`Parquet struct without field ${id}`);
  return field.value as ThriftStruct;
}

function i64(struct: ThriftStruct, id: number): bigint {
  return (fieldOf(struct, id)?.value as bigint | undefined) ?? 0n;
}

/** `struct` with field `id` set to `value` of wire type `type` (added in id order when absent). */
function withField(struct: ThriftStruct, id: number, type: number, value: ThriftValue): ThriftStruct {
  const fields = struct.fields.filter((f) => f.id !== id);
  fields.push({ id, type, value });
  fields.sort((a, b) => a.id - b.id);
  return { kind: 'struct', fields };
}

/** `struct` with each present i64 field of `ids` (a file offset) moved by `move`. */
function moved(struct: ThriftStruct, ids: readonly number[], move: (offset: bigint) => bigint): ThriftStruct {
  return {
    kind: 'struct',
    fields: struct.fields.map((f): ThriftField => (ids.includes(f.id) ? { ...f, value: move(f.value as bigint) } : f)),
  };
}

/** Bytes [start, end) of a file. */
interface ByteRange {
  start: number;
  end: number;
}

/**
 * `ranges` sorted and merged where they touch or overlap, each with `to`: where it starts in the joined file, after
 * the one before, the first at `at`.
 */
function mergedRanges(ranges: readonly ByteRange[], at: number): (ByteRange & { to: number })[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: (ByteRange & { to: number })[] = [];
  let to = at;
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) {
      if (range.end > last.end) {
        to += range.end - last.end;
        last.end = range.end;
      }
      continue;
    }
    merged.push({ ...range, to });
    to += range.end - range.start;
  }
  return merged;
}

const text = (value: ThriftValue | undefined): string =>
  value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : '';

/**
 * Writes `out` with every column of `left`, then the columns `added` of `right` under their new names, row group by
 * row group, and removes `left` (its body becomes `out`'s). `right` is only read. The added columns must be flat
 * top-level columns. Returns false, leaving `left` and `out` as they were, when the files cannot be joined so:
 * different row counts in any row group, or columns of `right` that are nested, missing, encrypted or indexed.
 */
export async function zipParquetColumns(
  left: string,
  right: string,
  added: readonly AddedColumn[],
  out: string,
): Promise<boolean> {
  const [l, r] = await Promise.all([readFooter(left), readFooter(right)]);
  const leftGroups = listOf(l.meta, FILE_ROW_GROUPS);
  const rightGroups = listOf(r.meta, FILE_ROW_GROUPS);
  if (leftGroups.items.length !== rightGroups.items.length) return false;
  if (i64(l.meta, FILE_NUM_ROWS) !== i64(r.meta, FILE_NUM_ROWS)) return false;
  const rows = (group: ThriftValue | undefined): bigint => i64(group as ThriftStruct, ROW_GROUP_NUM_ROWS);
  for (let g = 0; g < leftGroups.items.length; g++) {
    if (rows(leftGroups.items[g]) !== rows(rightGroups.items[g])) return false;
  }
  // The right file's leaves by name: only a flat file (every element after the root a leaf) is taken apart.
  const rightSchema = listOf(r.meta, FILE_SCHEMA).items as ThriftStruct[];
  const leafOf = new Map<string, number>();
  for (let e = 1; e < rightSchema.length; e++) {
    const element = rightSchema[e] as ThriftStruct;
    if (i64(element, SCHEMA_NUM_CHILDREN) > 0n) return false;
    leafOf.set(text(fieldOf(element, SCHEMA_NAME)?.value), e - 1);
  }
  const leaves = added.map((c) => leafOf.get(c.from));
  if (leaves.some((leaf) => leaf === undefined)) return false;
  const picked = leaves as number[];

  // Only the bytes of the added columns (pages, bloom filters) are copied, after the left body, in file order.
  const ranges: ByteRange[] = [];
  for (const group of rightGroups.items) {
    const chunks = listOf(group as ThriftStruct, ROW_GROUP_COLUMNS).items as ThriftStruct[];
    for (const leaf of picked) {
      const chunk = chunks[leaf];
      if (chunk === undefined) return false;
      if (CHUNK_REFUSED.some((id) => fieldOf(chunk, id) !== undefined)) return false;
      const meta = structField(chunk, CHUNK_META_DATA);
      if (fieldOf(meta, META_INDEX_PAGE_OFFSET) !== undefined) return false;
      const dictionary = fieldOf(meta, META_DICTIONARY_PAGE_OFFSET)?.value as bigint | undefined;
      const start = Number(dictionary ?? i64(meta, META_DATA_PAGE_OFFSET));
      ranges.push({ start, end: start + Number(i64(meta, META_TOTAL_COMPRESSED_SIZE)) });
      const bloom = fieldOf(meta, META_BLOOM_FILTER_OFFSET)?.value as bigint | undefined;
      const bloomLength = fieldOf(meta, META_BLOOM_FILTER_LENGTH)?.value as bigint | undefined;
      if (bloom !== undefined) {
        // Without its length a bloom filter's end is unknown: leave such a file alone.
        if (bloomLength === undefined) return false;
        ranges.push({ start: Number(bloom), end: Number(bloom + bloomLength) });
      }
    }
  }
  const copied = mergedRanges(ranges, l.bodyEnd);
  if (copied.some((range) => range.start < 4 || range.end > r.bodyEnd)) return false;
  const moveOffset = (offset: bigint): bigint => {
    const at = Number(offset);
    const range = copied.find((c) => at >= c.start && at < c.end);
    if (range === undefined) throw new ParquetZipError(`${right}: an offset outside the copied columns`);
    return BigInt(range.to + (at - range.start));
  };
  const rowGroups: ThriftStruct[] = [];
  for (let g = 0; g < leftGroups.items.length; g++) {
    const leftGroup = leftGroups.items[g] as ThriftStruct;
    const rightChunks = listOf(rightGroups.items[g] as ThriftStruct, ROW_GROUP_COLUMNS).items as ThriftStruct[];
    let uncompressed = 0n;
    let compressed = 0n;
    const joined: ThriftStruct[] = [];
    for (const [k, leaf] of picked.entries()) {
      const chunk = rightChunks[leaf] as ThriftStruct;
      const meta = structField(chunk, CHUNK_META_DATA);
      uncompressed += i64(meta, META_TOTAL_UNCOMPRESSED_SIZE);
      compressed += i64(meta, META_TOTAL_COMPRESSED_SIZE);
      const path: ThriftList = {
        kind: 'list',
        wire: T.LIST,
        elementType: T.BINARY,
        items: [Buffer.from((added[k] as AddedColumn).as)],
      };
      const newMeta = withField(moved(meta, META_OFFSETS, moveOffset), META_PATH_IN_SCHEMA, T.LIST, path);
      // DuckDB writes a chunk's file_offset as 0 (readers go by the metadata's page offsets): only a real one moves.
      const chunkOffset = i64(chunk, CHUNK_FILE_OFFSET);
      let movedChunk = withField(chunk, CHUNK_META_DATA, T.STRUCT, newMeta);
      if (chunkOffset > 0n) movedChunk = withField(movedChunk, CHUNK_FILE_OFFSET, T.I64, moveOffset(chunkOffset));
      joined.push(movedChunk);
    }
    const columns = listOf(leftGroup, ROW_GROUP_COLUMNS);
    let group = withField(leftGroup, ROW_GROUP_COLUMNS, T.LIST, { ...columns, items: [...columns.items, ...joined] });
    group = withField(
      group,
      ROW_GROUP_TOTAL_BYTE_SIZE,
      T.I64,
      i64(leftGroup, ROW_GROUP_TOTAL_BYTE_SIZE) + uncompressed,
    );
    if (fieldOf(leftGroup, ROW_GROUP_TOTAL_COMPRESSED_SIZE) !== undefined)
      group = withField(
        group,
        ROW_GROUP_TOTAL_COMPRESSED_SIZE,
        T.I64,
        i64(leftGroup, ROW_GROUP_TOTAL_COMPRESSED_SIZE) + compressed,
      );
    rowGroups.push(group);
  }

  const leftSchema = listOf(l.meta, FILE_SCHEMA);
  const [root, ...leftElements] = leftSchema.items as ThriftStruct[];
  if (root === undefined) throw new ParquetZipError(`${left}: Parquet schema without a root`);
  const schema: ThriftList = {
    ...leftSchema,
    items: [
      withField(root, SCHEMA_NUM_CHILDREN, T.I32, i64(root, SCHEMA_NUM_CHILDREN) + BigInt(added.length)),
      ...leftElements,
      ...picked.map((leaf, k) =>
        withField(
          rightSchema[leaf + 1] as ThriftStruct,
          SCHEMA_NAME,
          T.BINARY,
          Buffer.from((added[k] as AddedColumn).as),
        ),
      ),
    ],
  };
  let meta = withField(l.meta, FILE_SCHEMA, T.LIST, schema);
  meta = withField(meta, FILE_ROW_GROUPS, T.LIST, { ...leftGroups, items: rowGroups });
  const leftOrders = fieldOf(l.meta, FILE_COLUMN_ORDERS);
  const rightOrders = fieldOf(r.meta, FILE_COLUMN_ORDERS);
  if (leftOrders !== undefined) {
    // One column order per leaf: the right file's for its columns, else the left's first (type-defined order).
    const orders = leftOrders.value as ThriftList;
    const fallback = orders.items[0];
    const rightItems = (rightOrders?.value as ThriftList | undefined)?.items ?? [];
    const extra = picked.map((leaf) => rightItems[leaf] ?? fallback) as ThriftValue[];
    meta = withField(meta, FILE_COLUMN_ORDERS, T.LIST, { ...orders, items: [...orders.items, ...extra] });
  }
  const writer = new CompactWriter();
  writer.writeStruct(meta);
  const footer = writer.finish();

  await rename(left, out);
  await truncate(out, l.bodyEnd);
  const target = await open(out, 'a');
  try {
    const source = await open(right, 'r');
    try {
      const buffer = Buffer.alloc(COPY_CHUNK);
      for (const range of copied) {
        for (let position = range.start; position < range.end; ) {
          const { bytesRead } = await source.read(buffer, 0, Math.min(COPY_CHUNK, range.end - position), position);
          if (bytesRead === 0) throw new ParquetZipError(`${right}: shorter than its footer says`);
          await target.write(buffer, 0, bytesRead);
          position += bytesRead;
        }
      }
    } finally {
      await source.close();
    }
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(footer.length, 0);
    tail.write(MAGIC, 4, 'latin1');
    await target.write(footer);
    await target.write(tail);
  } finally {
    await target.close();
  }
  return true;
}

/** Rows of each row group of a Parquet file, from its footer. */
export async function parquetRowGroupRows(path: string): Promise<bigint[]> {
  const { meta } = await readFooter(path);
  return listOf(meta, FILE_ROW_GROUPS).items.map((group) => i64(group as ThriftStruct, ROW_GROUP_NUM_ROWS));
}
