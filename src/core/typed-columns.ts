/** The typed arrays a column bundle holds. */
type TypedColumn = Int32Array | Uint8Array | Float64Array;

/** A typed array constructor, as {@link sharedColumn} calls it. */
interface SharedColumnConstructor<A> {
  new (buffer: SharedArrayBuffer): A;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * A zeroed typed array of `length` on a SharedArrayBuffer (issue 14), for a large column that is
 * - scratch: V8 counts an ArrayBuffer's bytes as external memory and starts a full collection of the whole heap each
 *   time they grow by 64 MB since the last one, but not a SharedArrayBuffer's (at 1M records the candidate loop's
 *   chunks, ~128 MB on the main thread, set off three full collections of a 230 MB heap that freed nothing). A dead
 *   one is freed at the next collection, which its own bytes never hasten: not for long-lived columns.
 * - or posted to worker threads once written: it is shared with them, not copied (at 1M records the bridge blocks'
 *   columns, 42 MB, took ~0.2 s of the posting thread and as long again of the receiving one to copy). Not to be
 *   written after it is posted.
 * Making one costs more than an ArrayBuffer, and so did copying one into fresh columns (the score stage's kept pairs
 * in chunks so made and then joined: ~0.4 s more of the main thread at 1M records than they saved).
 */
export function sharedColumn<A>(Ctor: SharedColumnConstructor<A>, length: number): A {
  return new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT));
}

/** `values` as an Int32Array on a SharedArrayBuffer ({@link sharedColumn}). */
export function sharedInt32Array(values: ArrayLike<number>): Int32Array {
  const out = sharedColumn(Int32Array, values.length);
  out.set(values);
  return out;
}

/**
 * `columns` moved into fresh arrays from `allocate(rows)`, each keeping as many of its first values as fit: growing
 * a bundle filled a row at a time (rows > current) or cutting it to the rows filled (rows = count). A column with
 * several values a row (allocated `rows × k`) keeps its rows whole either way.
 */
export function resizedColumns<T extends { [K in keyof T]: TypedColumn }>(
  columns: T,
  rows: number,
  allocate: (rows: number) => T,
): T {
  const next = allocate(rows);
  for (const key of Object.keys(next) as (keyof T)[]) {
    const to: TypedColumn = next[key];
    const from: TypedColumn = columns[key];
    to.set(from.subarray(0, Math.min(to.length, from.length)) as never);
  }
  return next;
}

/**
 * A column bundle filled a row at a time, in chunks of `chunkRows` rows joined once at the end ({@link joined}):
 * growing one bundle by doubling copies it each time and allocates twice the rows, and at a million rows those large
 * allocations make V8 collect its whole heap (issue 14: the score stage's kept pairs).
 */
export class ChunkedColumns<T extends { [K in keyof T]: TypedColumn }> {
  private readonly filled: T[] = [];
  /** The chunk being filled; {@link nextRow} says where. */
  current: T;
  private at = 0;
  private readonly chunkRows: number;
  private readonly allocate: (rows: number) => T;

  constructor(chunkRows: number, allocate: (rows: number) => T) {
    this.chunkRows = chunkRows;
    this.allocate = allocate;
    this.current = allocate(chunkRows);
  }

  /** Rows filled so far. */
  get rows(): number {
    return this.filled.length * this.chunkRows + this.at;
  }

  /** The row of `current` to fill next (a new chunk once the last is full). */
  nextRow(): number {
    if (this.at === this.chunkRows) {
      this.filled.push(this.current);
      this.current = this.allocate(this.chunkRows);
      this.at = 0;
    }
    return this.at++;
  }

  /** The rows filled, in order, in one bundle from `allocate(rows)`. */
  joined(): T {
    const rows = this.rows;
    const out = this.allocate(rows);
    // Values per row of each column (a column allocated `rows × k` holds k).
    const one = this.allocate(1);
    let row = 0;
    for (const chunk of [...this.filled, this.current]) {
      const n = chunk === this.current ? this.at : this.chunkRows;
      for (const key of Object.keys(out) as (keyof T)[]) {
        const width = one[key].length;
        const to: TypedColumn = out[key];
        to.set(chunk[key].subarray(0, n * width) as never, row * width);
      }
      row += n;
    }
    return out;
  }
}

/**
 * Calls `visit(p)` for each position p whose mark is 1, in order. Most marks are unset where this is used (the score
 * stage keeps ~3% of 28M pairs at 1M records), so four are read at once while they are all 0, when the view starts on
 * a four-byte boundary (issue 14: 28.8M marks in ~30 ms instead of ~60 ms one at a time, measured alone).
 */
export function forEachMarked(marks: Uint8Array, visit: (p: number) => void): void {
  const n = marks.length;
  let p = 0;
  if (marks.byteOffset % 4 === 0) {
    const quads = new Uint32Array(marks.buffer, marks.byteOffset, n >>> 2);
    for (let q = 0; q < quads.length; q++) {
      if (quads[q] === 0) continue;
      for (p = 4 * q; p < 4 * q + 4; p++) if (marks[p] === 1) visit(p);
    }
    p = 4 * quads.length;
  }
  for (; p < n; p++) if (marks[p] === 1) visit(p);
}
