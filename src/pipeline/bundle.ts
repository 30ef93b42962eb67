import { open, readFile } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';

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
}

export type Bundle = Record<string, BundleValue>;

export async function writeBundle(path: string, bundle: Bundle): Promise<void> {
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
    if (Array.isArray(value)) {
      const bytes = serialize(value);
      entries.push({ name, kind: 'strings', offset, length: bytes.length });
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

export async function readBundle<T extends Bundle>(path: string): Promise<T> {
  const file = await readFile(path);
  const headerLength = file.readUInt32LE(0);
  const entries = JSON.parse(file.subarray(8, 8 + headerLength).toString('utf8')) as ColumnEntry[];
  const base = 8 + headerLength + ((8 - (headerLength % 8)) % 8);
  const out: Bundle = {};
  for (const entry of entries) {
    const start = base + entry.offset;
    if (entry.kind === 'strings') {
      out[entry.name] = deserialize(file.subarray(start, start + entry.length)) as string[];
    } else if (entry.kind === 'json') {
      out[entry.name] = { json: deserialize(file.subarray(start, start + entry.length)) as unknown };
    } else {
      const Ctor = TYPED[entry.kind];
      const bytes = entry.length * Ctor.BYTES_PER_ELEMENT;
      // Copy into a fresh, aligned buffer: Buffer pools are not guaranteed to be aligned for the element size.
      const copy = new Uint8Array(bytes);
      copy.set(file.subarray(start, start + bytes));
      out[entry.name] = new Ctor(copy.buffer);
    }
  }
  return out as T;
}
