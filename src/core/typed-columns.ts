/** The typed arrays a column bundle holds. */
type TypedColumn = Int32Array | Uint8Array | Float64Array;

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
