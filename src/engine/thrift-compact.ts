/**
 * Thrift's compact protocol, generically: a struct is read into its fields as they are on the wire and written back
 * byte for byte, so a Parquet footer can be edited (offsets moved, columns of two files joined) without a schema of
 * every field it may hold (src/engine/parquet-zip.ts). Reference: Apache Thrift's thrift-compact-protocol.md.
 */

/** Wire types of the compact protocol. */
export const T = {
  STOP: 0,
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

/** A value as read: integers as bigint (i64 offsets may pass 2^53), binary and doubles as their bytes. */
export type ThriftValue = boolean | bigint | Uint8Array | ThriftList | ThriftMap | ThriftStruct;
export interface ThriftList {
  kind: 'list';
  /** The list's header type: LIST or SET. */
  wire: number;
  elementType: number;
  items: ThriftValue[];
}
export interface ThriftMap {
  kind: 'map';
  keyType: number;
  valueType: number;
  entries: [ThriftValue, ThriftValue][];
}
export interface ThriftField {
  id: number;
  type: number;
  value: ThriftValue;
}
export interface ThriftStruct {
  kind: 'struct';
  fields: ThriftField[];
}

export class ThriftError extends Error {}

/** Reads compact-protocol values from `bytes`, from `offset` on. */
export class CompactReader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  readStruct(): ThriftStruct {
    const fields: ThriftField[] = [];
    let last = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 0x0f;
      if (type === T.STOP) return { kind: 'struct', fields };
      const delta = header >>> 4;
      const id = delta === 0 ? Number(unzigzag(this.varint())) : last + delta;
      last = id;
      const value = type === T.TRUE || type === T.FALSE ? type === T.TRUE : this.readValue(type);
      fields.push({ id, type, value });
    }
  }

  private readValue(type: number): ThriftValue {
    switch (type) {
      case T.BYTE:
        return BigInt(this.byte());
      case T.I16:
      case T.I32:
      case T.I64:
        return unzigzag(this.varint());
      case T.DOUBLE:
        return this.take(8);
      case T.BINARY:
        return this.take(Number(this.varint()));
      case T.LIST:
      case T.SET: {
        const header = this.byte();
        const elementType = header & 0x0f;
        const size = header >>> 4 === 15 ? Number(this.varint()) : header >>> 4;
        const items: ThriftValue[] = [];
        // A boolean element is a byte of its own: 1 true, anything else false.
        for (let i = 0; i < size; i++)
          items.push(
            elementType === T.TRUE || elementType === T.FALSE ? this.byte() === 1 : this.readValue(elementType),
          );
        return { kind: 'list', wire: type, elementType, items };
      }
      case T.MAP: {
        const size = Number(this.varint());
        if (size === 0) return { kind: 'map', keyType: 0, valueType: 0, entries: [] };
        const types = this.byte();
        const keyType = types >>> 4;
        const valueType = types & 0x0f;
        const entries: [ThriftValue, ThriftValue][] = [];
        for (let i = 0; i < size; i++) entries.push([this.readValue(keyType), this.readValue(valueType)]);
        return { kind: 'map', keyType, valueType, entries };
      }
      case T.STRUCT:
        return this.readStruct();
      default:
        throw new ThriftError(`unknown compact-protocol type ${type} at byte ${this.offset}`);
    }
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new ThriftError('compact-protocol data ends early');
    return this.bytes[this.offset++] as number;
  }

  private take(n: number): Uint8Array {
    if (this.offset + n > this.bytes.length) throw new ThriftError('compact-protocol data ends early');
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  private varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new ThriftError('compact-protocol varint too long');
    }
  }
}

/** Writes compact-protocol values; `finish` returns the bytes. */
export class CompactWriter {
  private chunks: number[] = [];

  writeStruct(struct: ThriftStruct): void {
    let last = 0;
    for (const field of struct.fields) {
      const type =
        field.type === T.TRUE || field.type === T.FALSE ? (field.value === true ? T.TRUE : T.FALSE) : field.type;
      const delta = field.id - last;
      if (delta > 0 && delta <= 15) this.chunks.push((delta << 4) | type);
      else {
        this.chunks.push(type);
        this.varint(zigzag(BigInt(field.id)));
      }
      last = field.id;
      if (type !== T.TRUE && type !== T.FALSE) this.writeValue(type, field.value);
    }
    this.chunks.push(T.STOP);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private writeValue(type: number, value: ThriftValue): void {
    switch (type) {
      case T.BYTE:
        this.chunks.push(Number(value as bigint) & 0xff);
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        this.varint(zigzag(value as bigint));
        return;
      case T.DOUBLE:
        this.bytes(value as Uint8Array);
        return;
      case T.BINARY: {
        const bytes = value as Uint8Array;
        this.varint(BigInt(bytes.length));
        this.bytes(bytes);
        return;
      }
      case T.LIST:
      case T.SET: {
        const list = value as ThriftList;
        const size = list.items.length;
        if (size < 15) this.chunks.push((size << 4) | list.elementType);
        else {
          this.chunks.push(0xf0 | list.elementType);
          this.varint(BigInt(size));
        }
        for (const item of list.items) {
          if (list.elementType === T.TRUE || list.elementType === T.FALSE) this.chunks.push(item === true ? 1 : 2);
          else this.writeValue(list.elementType, item);
        }
        return;
      }
      case T.MAP: {
        const map = value as ThriftMap;
        this.varint(BigInt(map.entries.length));
        if (map.entries.length === 0) return;
        this.chunks.push((map.keyType << 4) | map.valueType);
        for (const [k, v] of map.entries) {
          this.writeValue(map.keyType, k);
          this.writeValue(map.valueType, v);
        }
        return;
      }
      case T.STRUCT:
        this.writeStruct(value as ThriftStruct);
        return;
      default:
        throw new ThriftError(`unknown compact-protocol type ${type}`);
    }
  }

  private bytes(bytes: Uint8Array): void {
    for (const b of bytes) this.chunks.push(b);
  }

  private varint(value: bigint): void {
    let v = value;
    while (v >= 0x80n) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }
}

function zigzag(n: bigint): bigint {
  return n >= 0n ? n << 1n : (-n << 1n) - 1n;
}

function unzigzag(n: bigint): bigint {
  return (n & 1n) === 0n ? n >> 1n : -(n >> 1n) - 1n;
}

/** The field `id` of a struct, or undefined. */
export function fieldOf(struct: ThriftStruct, id: number): ThriftField | undefined {
  return struct.fields.find((f) => f.id === id);
}
